// The readability test of later MFC's DoCallBack for FD_READ (mfc-semantics §3.4 item 5e [IL]):
// `select()` with a zero timeout, asking whether a recv would return at once — data, end of stream,
// or an error. lib/winsock has no select(), so this asks the same question with the facade's own
// calls, without disturbing what the application can observe.
import {
  FIONREAD, MSG_PEEK, SOCKET_ERROR, WSAEINVAL, WSAENOTCONN, WSAEWOULDBLOCK, WSAGetLastError, WSASetLastError,
  ioctlsocket, recv,
} from '../../winsock/index.ts';

const NO_BYTES = new Uint8Array(0);

/**
 * What `select(0, {hSocket}, NULL, NULL, {0, 0})` returns: 1 when the socket is readable (bytes
 * wait, or a recv would not block: the peer closed, the connection was reset, an empty datagram
 * waits), 0 when not, SOCKET_ERROR with the last error set when the handle is bad. On success the
 * last error is left as it was, as select leaves it.
 *
 * FIONREAD answers "bytes are waiting" with no side effect. Only when it says 0 does a zero-length
 * MSG_PEEK recv ask whether a recv would return anyway. That recv re-enables FD_READ, which is
 * already enabled whenever a queued FD_READ has gone stale (the recv that consumed its data
 * re-enabled it), so no notification is added — except for an empty datagram, which is readable
 * and may get one extra FD_READ that its next dispatch finds stale and drops. `nonBlocking` false
 * (the application made the socket blocking again) limits the test to FIONREAD, because a recv on
 * a blocking socket would wait.
 */
export function selectReadable(hSocket: number, nonBlocking: boolean): number {
  const saved = WSAGetLastError();
  const bytes = { value: 0 };
  if (ioctlsocket(hSocket, FIONREAD, bytes) === SOCKET_ERROR) return SOCKET_ERROR;
  // ioctlsocket and recv clear the error when they succeed (windows-facts A.11); select does not.
  WSASetLastError(saved);
  if (bytes.value > 0 || !nonBlocking) return bytes.value > 0 ? 1 : 0;
  const peeked = recv(hSocket, NO_BYTES, 0, MSG_PEEK);
  const error = WSAGetLastError();
  WSASetLastError(saved);
  if (peeked !== SOCKET_ERROR) return 1;
  // Would block, never connected, or an unbound datagram socket: select leaves these out.
  return error === WSAEWOULDBLOCK || error === WSAENOTCONN || error === WSAEINVAL ? 0 : 1;
}
