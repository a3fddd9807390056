// Sockets for specs: a port nobody listens on, the port a socket is bound to, and closing what a world left open.
import * as W from '../index.ts';
import type { CAsyncSocket } from '../index.ts';

/**
 * Binds a TCP socket to 127.0.0.1:0, reads the port back and closes it: a port nobody listens on
 * (on the network the thread uses now).
 *
 * @example
 * const refused = unusedLoopbackPort(); // connect() to it is refused
 */
export function unusedLoopbackPort(): number {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('127.0.0.1')));
  if (W.bind(s, addr, 16) === W.SOCKET_ERROR || W.getsockname(s, addr, { value: 16 }) === W.SOCKET_ERROR) {
    throw new Error(`Cannot find an unused port: ${W.WSAGetLastError()}`);
  }
  W.closesocket(s);
  return W.ntohs(addr.sin_port);
}

/**
 * The port a CAsyncSocket is bound to (GetSockName's UINT& out-parameter).
 *
 * @example
 * const port = portOf(listener); // after listener.Create(0) and Listen()
 */
export function portOf(s: CAsyncSocket): number {
  const address = { value: '' };
  const port = { value: 0 };
  if (!s.GetSockName(address, port)) throw new Error(`GetSockName failed with ${W.WSAGetLastError()}`);
  return port.value;
}

/** Closes every SOCKET that `lines` (describeSockets()'s lines, "SOCKET 0x…: …") name: a world's leftovers. */
export function closeListedSockets(lines: readonly string[] = W.describeSockets()): void {
  for (const line of lines) W.closesocket(Number.parseInt(line.slice('SOCKET 0x'.length), 16));
}
