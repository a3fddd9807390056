// Creating, naming, connecting and releasing sockets: socket, bind, listen, accept, connect,
// shutdown, closesocket. Each is a short translation into one kernel call plus the Windows
// argument checks and error mapping (STYLE.md 3). Arguments follow the one rule of argumentRules.ts.
import { isNetError, type Endpoint } from '../net/index.ts';
import { inheritSelection, rearm } from './asyncSelect.ts';
import { blockUntil } from './blocking.ts';
import { ntohl, ntohs } from './byteOrder.ts';
import {
  AF_INET,
  AF_UNSPEC,
  FD_ACCEPT,
  FD_WRITE,
  INVALID_SOCKET,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SD_BOTH,
  SD_RECEIVE,
  SD_SEND,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOCKADDR_IN_SIZE,
  SOCKET_ERROR,
  WSAEAFNOSUPPORT,
  WSAEFAULT,
  WSAEINTR,
  WSAEINVAL,
  WSAEOPNOTSUPP,
  WSAEPROTONOSUPPORT,
  WSAEPROTOTYPE,
  WSAESOCKTNOSUPPORT,
  WSAEWOULDBLOCK,
  WSANOTINITIALISED,
} from './constants.ts';
import { intAt, toInt } from './argumentRules.ts';
import { wsaErrorOf } from './errorMap.ts';
import { currentNetworkHost } from './hostBinding.ts';
import { wsaFail } from './lastError.ts';
import { fillSockaddr } from './names.ts';
import type { IntRef, SOCKADDR_IN } from './sockaddr.ts';
import { addSocket, removeSocket, socketOf } from './socketTable.ts';
import { isWinsockStarted } from './startup.ts';

/**
 * Emulates: socket. AF_INET only; SOCK_STREAM (TCP) or SOCK_DGRAM (UDP). The socket is blocking.
 * An af, type or protocol that is no number: WSAEINVAL (argumentRules.ts).
 * Differs: the network is the calling thread's host (useNetworkHost).
 */
export function socket(af: number, type: number, protocol: number): number {
  if (!isWinsockStarted()) return wsaFail(WSANOTINITIALISED, INVALID_SOCKET);
  const family = toInt(af);
  const kind = toInt(type);
  const proto = toInt(protocol);
  if (family === undefined || kind === undefined || proto === undefined) return wsaFail(WSAEINVAL, INVALID_SOCKET);
  return createSocket(family, kind, proto);
}

function createSocket(af: number, type: number, protocol: number): number {
  if (af !== AF_INET) return wsaFail(WSAEAFNOSUPPORT, INVALID_SOCKET);
  if (type !== SOCK_STREAM && type !== SOCK_DGRAM) return wsaFail(WSAESOCKTNOSUPPORT, INVALID_SOCKET);
  const expected = type === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (protocol !== 0 && protocol !== expected) {
    return wsaFail(protocol === IPPROTO_TCP || protocol === IPPROTO_UDP ? WSAEPROTOTYPE : WSAEPROTONOSUPPORT, INVALID_SOCKET);
  }
  const net = currentNetworkHost().createSocket(type === SOCK_STREAM ? 'stream' : 'datagram');
  return addSocket(net, type).handle;
}

/**
 * Reads a caller's SOCKADDR_IN into a host-order endpoint, or the Winsock error: WSAEFAULT for no
 * structure or a namelen under 16 or that is no number, WSAEAFNOSUPPORT for another family.
 */
export function endpointOf(name: SOCKADDR_IN | null, namelen: number): Endpoint | number {
  const size = toInt(namelen);
  if (typeof name !== 'object' || name === null || typeof name.sin_addr !== 'object' || name.sin_addr === null) return WSAEFAULT;
  if (size === undefined || size < SOCKADDR_IN_SIZE) return WSAEFAULT;
  if (name.sin_family !== AF_INET) return WSAEAFNOSUPPORT;
  return { address: ntohl(name.sin_addr.S_addr), port: ntohs(name.sin_port) };
}

/** Emulates: bind. Port 0 picks an ephemeral port (49152-65535). A second bind: WSAEINVAL. */
export function bind(s: number, name: SOCKADDR_IN | null, namelen: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const local = endpointOf(name, namelen);
  if (typeof local === 'number') return wsaFail(local, SOCKET_ERROR);
  const err = ws.net.bind(local);
  return err ? wsaFail(wsaErrorOf(err), SOCKET_ERROR) : 0;
}

/**
 * Emulates: listen. Stream sockets only (WSAEOPNOTSUPP); unbound: WSAEINVAL; backlog converted as
 * C converts an int, then clamped to 1..200; a backlog that is no number: WSAEINVAL.
 */
export function listen(s: number, backlog: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const n = toInt(backlog);
  if (n === undefined) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  if (ws.type !== SOCK_STREAM) return wsaFail(WSAEOPNOTSUPP, SOCKET_ERROR);
  const err = ws.net.listen(n);
  return err ? wsaFail(wsaErrorOf(err), SOCKET_ERROR) : 0;
}

/**
 * Emulates: accept. Takes the first pending connection; the new socket inherits the listener's
 * WSAAsyncSelect registration and at once posts its true conditions (FD_WRITE, and FD_READ if
 * data arrived) (windows-facts A.1.10, C.5). Re-enables FD_ACCEPT even when it fails (A.1.5).
 * A blocking listener waits for a connection.
 */
export function accept(s: number, addr: SOCKADDR_IN | null, addrlen: IntRef | null): number {
  const ws = socketOf(s);
  if (!ws) return INVALID_SOCKET;
  try {
    if (addr !== null && addr !== undefined) {
      const size = typeof addr === 'object' ? intAt(addrlen) : undefined;
      if (size === undefined || size < SOCKADDR_IN_SIZE) return wsaFail(WSAEFAULT, INVALID_SOCKET);
    }
    if (ws.type !== SOCK_STREAM) return wsaFail(WSAEOPNOTSUPP, INVALID_SOCKET);
    let got = ws.net.accept();
    if (got === 'EWOULDBLOCK' && !ws.nonBlocking) {
      if (!blockUntil(ws, () => ws.net.pendingConnections > 0, 'accept')) return wsaFail(WSAEINTR, INVALID_SOCKET);
      got = ws.net.accept();
    }
    if (isNetError(got)) return wsaFail(wsaErrorOf(got), INVALID_SOCKET);
    const child = addSocket(got, SOCK_STREAM);
    child.lingerOnOff = ws.lingerOnOff;
    child.lingerSeconds = ws.lingerSeconds;
    if (addr && addrlen) fillSockaddr(addr, addrlen, got.remoteEndpoint);
    if (ws.lEvent !== 0) inheritSelection(child, ws);
    else child.nonBlocking = ws.nonBlocking;
    return child.handle;
  } finally {
    rearm(ws, FD_ACCEPT);
  }
}

/**
 * Emulates: connect. Stream, non-blocking: WSAEWOULDBLOCK, then FD_CONNECT (with the error if it
 * failed) and FD_WRITE; blocking: waits and returns 0 or the error (WSAECONNREFUSED, WSAETIMEDOUT).
 * A second connect while one is in progress: WSAEALREADY; once connected: WSAEISCONN. Datagram:
 * sets the default peer and re-enables FD_WRITE (windows-facts A.2.6); an AF_UNSPEC address
 * dissolves the association — 0, then getpeername fails with WSAENOTCONN and datagrams from any
 * sender arrive again, the local binding kept (windows-facts A.13.2).
 * A connect refused by a reset is reported as Windows does it on the simulated network: the SYN
 * is sent twice more, a second apart, so the refusal comes after about 2 s (windows-facts A.2.7).
 * Differs: on the real network the OS decides (Linux refuses at once).
 */
export function connect(s: number, name: SOCKADDR_IN | null, namelen: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  // The kernel takes the any-address as "no default peer".
  const dissolve = ws.type === SOCK_DGRAM && name !== null && namelen >= SOCKADDR_IN_SIZE && name.sin_family === AF_UNSPEC;
  const remote = dissolve ? { address: 0, port: 0 } : endpointOf(name, namelen);
  if (typeof remote === 'number') return wsaFail(remote, SOCKET_ERROR);
  const net = ws.net;
  const err = net.connect(remote);
  if (err) return wsaFail(wsaErrorOf(err), SOCKET_ERROR);
  if (ws.type === SOCK_DGRAM) {
    rearm(ws, FD_WRITE);
    return 0;
  }
  if (ws.nonBlocking) return wsaFail(WSAEWOULDBLOCK, SOCKET_ERROR);
  if (!blockUntil(ws, () => net.state !== 'connecting', 'connect')) return wsaFail(WSAEINTR, SOCKET_ERROR);
  return net.state === 'connected' ? 0 : wsaFail(wsaErrorOf(net.connectError ?? 'ECONNREFUSED'), SOCKET_ERROR);
}

/**
 * Emulates: shutdown (SD_RECEIVE, SD_SEND, SD_BOTH). SD_SEND sends FIN after the queued bytes.
 * Not connected (or listening): WSAENOTCONN; another `how` (or one that is no number): WSAEINVAL.
 * The WSAAsyncSelect registration stays (windows-facts A.6.3).
 */
export function shutdown(s: number, how: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const nHow = toInt(how);
  if (nHow !== SD_RECEIVE && nHow !== SD_SEND && nHow !== SD_BOTH) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  const err = ws.net.shutdown(nHow === SD_RECEIVE ? 'receive' : nHow === SD_SEND ? 'send' : 'both');
  return err ? wsaFail(wsaErrorOf(err), SOCKET_ERROR) : 0;
}

/**
 * Emulates: closesocket. Releases the handle (later use: WSAENOTSOCK) and posts nothing;
 * notifications already queued stay queued (windows-facts A.6.9). SO_LINGER {1, 0} resets the
 * connection (the peer sees RST); otherwise queued bytes still go out, then FIN. Closing with
 * unread received data also resets, as TCP stacks do.
 */
export function closesocket(s: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  removeSocket(ws);
  ws.net.close(ws.lingerOnOff !== 0 && ws.lingerSeconds === 0);
  return 0;
}
