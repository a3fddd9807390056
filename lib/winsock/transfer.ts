// Moving bytes: send, recv, sendto, recvfrom. Each call is also a WSAAsyncSelect re-enabling call
// (windows-facts C.3): every recv — peeking, failing or short — re-arms FD_READ (and FD_OOB with
// MSG_OOB); a send that did not succeed re-arms FD_WRITE. The re-arm runs in `finally`, after the
// call's own effect, so "data remains" is judged on the buffer the call left behind.
// Arguments follow the one rule of argumentRules.ts; a call that succeeds sets the last error to 0
// (windows-facts A.11).
import { isNetError, type Endpoint, type NetError } from '../net/index.ts';
import { rearm } from './asyncSelect.ts';
import { blockUntil } from './blocking.ts';
import { endpointOf } from './connection.ts';
import {
  FD_OOB,
  FD_READ,
  FD_WRITE,
  MSG_DONTROUTE,
  MSG_OOB,
  MSG_PEEK,
  SOCK_DGRAM,
  SOCKADDR_IN_SIZE,
  SOCKET_ERROR,
  WSAEFAULT,
  WSAEINTR,
  WSAEINVAL,
  WSAENOTCONN,
  WSAEOPNOTSUPP,
} from './constants.ts';
import { bufferOfLength, intAt, toInt } from './argumentRules.ts';
import { wsaErrorOf } from './errorMap.ts';
import { wsaFail, wsaSucceed } from './lastError.ts';
import { fillSockaddr } from './names.ts';
import type { IntRef, SOCKADDR_IN } from './sockaddr.ts';
import { isOpen, socketOf, type WinSocket } from './socketTable.ts';

/**
 * Emulates: send — the first `len` bytes of `buf`; MSG_OOB makes the last byte urgent. A stream
 * accepts the whole buffer while its send buffer is not full, else WSAEWOULDBLOCK (non-blocking)
 * or a wait (blocking). Datagram: one datagram to the connected peer (WSAENOTCONN without one).
 * `buf` is any ArrayBufferView, read as its bytes; `len` is converted as C converts an int (2.5
 * sends 2 bytes); no byte buffer, or a len that is NaN, negative or past the buffer: WSAEFAULT;
 * flags that are no number: WSAEINVAL (argumentRules.ts). Success sets the last error to 0 (A.11).
 */
export function send(s: number, buf: ArrayBufferView, len: number, flags: number): number {
  return sendTo(s, buf, len, flags, undefined);
}

/**
 * Emulates: sendto. Streams ignore the address. Datagrams over 65,507 bytes: WSAEMSGSIZE; broadcast
 * without SO_BROADCAST: WSAEACCES. Arguments and the last error as send; a `tolen` under 16 or
 * that is no number: WSAEFAULT.
 */
export function sendto(s: number, buf: ArrayBufferView, len: number, flags: number, to: SOCKADDR_IN | null, tolen: number): number {
  if (to === null || to === undefined) return sendTo(s, buf, len, flags, undefined);
  const dest = endpointOf(to, tolen);
  if (typeof dest === 'number') {
    const ws = socketOf(s);
    return ws ? failSend(ws, dest) : SOCKET_ERROR;
  }
  return sendTo(s, buf, len, flags, dest);
}

function sendTo(s: number, buf: ArrayBufferView, len: number, flags: number, to: Endpoint | undefined): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const data = bufferOfLength(buf, len);
  if (data === WSAEFAULT) return failSend(ws, WSAEFAULT);
  const nFlags = toInt(flags);
  if (nFlags === undefined) return failSend(ws, WSAEINVAL);
  if (nFlags & ~(MSG_OOB | MSG_DONTROUTE)) return failSend(ws, WSAEOPNOTSUPP);
  const urgent = (nFlags & MSG_OOB) !== 0;
  if (ws.type === SOCK_DGRAM) return sendDatagram(ws, data, urgent, to);
  const net = ws.net;
  let r = net.send(data, urgent);
  if (r === 'EWOULDBLOCK' && !ws.nonBlocking) r = sendBlocking(ws, data, urgent);
  if (r === SOCKET_ERROR) return SOCKET_ERROR;
  return isNetError(r) ? failSend(ws, wsaErrorOf(r)) : wsaSucceed(r);
}

/** sendTo of a datagram socket (apart, so that a stream's send compiles small). */
function sendDatagram(ws: WinSocket, data: Uint8Array, urgent: boolean, to: Endpoint | undefined): number {
  if (urgent) return failSend(ws, WSAEOPNOTSUPP);
  const r = ws.net.sendTo(data, to);
  if (r === 'EDESTADDRREQ' && to === undefined) return failSend(ws, WSAENOTCONN);
  return isNetError(r) ? failSend(ws, wsaErrorOf(r)) : wsaSucceed(r);
}

/**
 * A blocking send that found the buffer full: waits and sends again until it is taken or fails;
 * SOCKET_ERROR (WSAEINTR set) when the wait was cancelled. Apart from sendTo, so that the wait
 * and its closure are no part of the common send's compiled code.
 */
function sendBlocking(ws: WinSocket, data: Uint8Array, urgent: boolean): number | NetError {
  const net = ws.net;
  let r: number | NetError;
  do {
    const ready = () => net.writable || net.resetError !== undefined || net.sendShut || net.state !== 'connected';
    if (!blockUntil(ws, ready, 'send')) return wsaFail(WSAEINTR, SOCKET_ERROR);
    r = net.send(data, urgent);
    // A handler run by the wait may have made the socket non-blocking: then the call fails instead.
  } while (r === 'EWOULDBLOCK' && !ws.nonBlocking);
  return r;
}

/** A send that did not succeed re-enables FD_WRITE (posted once buffer space frees, C.3). */
function failSend(ws: WinSocket, error: number): number {
  wsaFail(error, SOCKET_ERROR);
  rearm(ws, FD_WRITE);
  return SOCKET_ERROR;
}

/**
 * Emulates: recv — up to `len` bytes into `buf`. Stream: 0 once the peer closed gracefully and the
 * data is read; WSAECONNRESET after a reset; MSG_PEEK leaves the bytes; MSG_OOB reads the urgent
 * byte. Datagram: the first datagram; a longer one fills `buf`, the rest is discarded and the call
 * fails with WSAEMSGSIZE. Re-enables FD_READ even when it fails (windows-facts A.4.5, A.4.10).
 * Arguments as send's (a len of -1: WSAEFAULT, A.4.5); success sets the last error to 0 (A.11).
 */
export function recv(s: number, buf: ArrayBufferView, len: number, flags: number): number {
  return recvFrom(s, buf, len, flags, undefined);
}

/**
 * Emulates: recvfrom. `from` receives the sender of a datagram; a `fromlen` that is missing, under
 * 16 or holds no number: WSAEFAULT. Otherwise as recv.
 */
export function recvfrom(s: number, buf: ArrayBufferView, len: number, flags: number, from: SOCKADDR_IN | null, fromlen: IntRef | null): number {
  if (from !== null && from !== undefined) {
    const size = typeof from === 'object' ? intAt(fromlen) : undefined;
    if (size === undefined || size < SOCKADDR_IN_SIZE) {
      const ws = socketOf(s);
      if (!ws) return SOCKET_ERROR;
      wsaFail(WSAEFAULT, SOCKET_ERROR);
      rearm(ws, FD_READ | ((toInt(flags) ?? 0) & MSG_OOB ? FD_OOB : 0));
      return SOCKET_ERROR;
    }
  }
  // The kernel writes the sender only when it hands out a datagram (also a truncated one).
  const sender: Endpoint = { address: 0, port: 0 };
  const r = recvFrom(s, buf, len, flags, sender);
  if (from && fromlen && sender.port !== 0) fillSockaddr(from, fromlen, sender);
  return r;
}

function recvFrom(s: number, buf: ArrayBufferView, len: number, flags: number, from: Endpoint | undefined): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const nFlags = toInt(flags);
  const urgent = ((nFlags ?? 0) & MSG_OOB) !== 0;
  try {
    const into = bufferOfLength(buf, len);
    if (into === WSAEFAULT) return wsaFail(WSAEFAULT, SOCKET_ERROR);
    if (nFlags === undefined) return wsaFail(WSAEINVAL, SOCKET_ERROR);
    if (nFlags & ~(MSG_OOB | MSG_PEEK)) return wsaFail(WSAEOPNOTSUPP, SOCKET_ERROR);
    const net = ws.net;
    if (ws.type === SOCK_DGRAM && !net.localEndpoint) return wsaFail(WSAEINVAL, SOCKET_ERROR);
    const peek = (nFlags & MSG_PEEK) !== 0;
    let r: number | NetError = net.receive(into, peek, urgent, from);
    if (r === 'EWOULDBLOCK' && !ws.nonBlocking) r = receiveBlocking(ws, into, peek, urgent, from);
    if (r === SOCKET_ERROR) return SOCKET_ERROR;
    return isNetError(r) ? wsaFail(wsaErrorOf(r), SOCKET_ERROR) : wsaSucceed(r);
  } finally {
    if (isOpen(ws)) rearm(ws, FD_READ | (urgent ? FD_OOB : 0));
  }
}

/**
 * A blocking recv that found nothing: waits and receives again until something comes or it
 * fails; SOCKET_ERROR (WSAEINTR set) when the wait was cancelled. Apart from recvFrom, so that the
 * wait and its closure are no part of the common recv's compiled code.
 */
function receiveBlocking(ws: WinSocket, into: Uint8Array, peek: boolean, urgent: boolean, from: Endpoint | undefined): number | NetError {
  const net = ws.net;
  let r: number | NetError;
  do {
    const ready = () =>
      (urgent ? net.urgentBytes > 0 : net.hasReadable) ||
      net.peerClosed ||
      net.resetError !== undefined ||
      net.receiveShut ||
      (ws.type !== SOCK_DGRAM && net.state !== 'connected');
    if (!blockUntil(ws, ready, urgent ? 'recv(MSG_OOB)' : 'recv')) return wsaFail(WSAEINTR, SOCKET_ERROR);
    r = net.receive(into, peek, urgent, from);
  } while (r === 'EWOULDBLOCK' && !ws.nonBlocking);
  return r;
}
