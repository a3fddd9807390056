// Addresses of sockets and hosts: getsockname, getpeername, gethostbyname, and filling a
// caller's SOCKADDR_IN out-parameter.
import { formatIPv4, type Endpoint } from '../net/index.ts';
import { htonl, htons } from './byteOrder.ts';
import {
  AF_INET,
  SOCKADDR_IN_SIZE,
  SOCKET_ERROR,
  WSAEFAULT,
  WSAEINVAL,
  WSAENOTCONN,
  WSAHOST_NOT_FOUND,
  WSANOTINITIALISED,
} from './constants.ts';
import { intAt } from './argumentRules.ts';
import { currentNetworkHost } from './hostBinding.ts';
import { wsaFail, wsaSucceed } from './lastError.ts';
import { in_addr, type IntRef, type SOCKADDR_IN } from './sockaddr.ts';
import { socketOf } from './socketTable.ts';
import { isWinsockStarted } from './startup.ts';

/** Writes `endpoint` into a caller's SOCKADDR_IN and its length into `namelen`. */
export function fillSockaddr(name: SOCKADDR_IN, namelen: IntRef, endpoint: Endpoint | undefined): void {
  name.sin_family = AF_INET;
  name.sin_port = htons(endpoint?.port ?? 0);
  name.sin_addr = new in_addr(htonl(endpoint?.address ?? 0));
  name.sin_zero = new Uint8Array(8);
  namelen.value = SOCKADDR_IN_SIZE;
}

/** True when `name` and `namelen` can take a SOCKADDR_IN: an object and an IntRef holding at least 16. */
function roomForName(name: SOCKADDR_IN, namelen: IntRef): boolean {
  const size = intAt(namelen);
  return typeof name === 'object' && name !== null && size !== undefined && size >= SOCKADDR_IN_SIZE;
}

/**
 * Emulates: getsockname. Unbound: WSAEINVAL; no structure, or a namelen under 16 or holding no
 * number: WSAEFAULT. Success sets the last error to 0, as Windows 7 and later do (windows-facts
 * A.11, Wine's test_getsockname).
 */
export function getsockname(s: number, name: SOCKADDR_IN, namelen: IntRef): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  if (!roomForName(name, namelen)) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  const local = ws.net.localEndpoint;
  if (!local) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  fillSockaddr(name, namelen, local);
  return wsaSucceed(0);
}

/**
 * Emulates: getpeername. Not connected: WSAENOTCONN; no structure, or a namelen under 16 or
 * holding no number: WSAEFAULT. Success leaves the last error alone (no test shows Windows clearing it).
 */
export function getpeername(s: number, name: SOCKADDR_IN, namelen: IntRef): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  if (!roomForName(name, namelen)) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  const remote = ws.net.remoteEndpoint;
  if (!remote || ws.net.state !== 'connected') return wsaFail(WSAENOTCONN, SOCKET_ERROR);
  fillSockaddr(name, namelen, remote);
  return 0;
}

/** Emulates: HOSTENT. h_addr_list holds in_addr S_addr values (network order). */
export interface HOSTENT {
  h_name: string;
  h_aliases: string[];
  h_addrtype: number;
  h_length: number;
  h_addr_list: number[];
}

/**
 * Emulates: gethostbyname — through the calling thread's network resolver (simulated: host names,
 * "localhost", dotted text). Unknown name: null with WSAHOST_NOT_FOUND.
 */
export function gethostbyname(name: string): HOSTENT | null {
  if (!isWinsockStarted()) return wsaFail(WSANOTINITIALISED, null);
  const host = currentNetworkHost();
  const address = host.resolve(name);
  if (address === undefined) return wsaFail(WSAHOST_NOT_FOUND, null);
  return {
    h_name: host.nameOf(address) ?? (name.toLowerCase() === 'localhost' ? host.name : formatIPv4(address)),
    h_aliases: [],
    h_addrtype: AF_INET,
    h_length: 4,
    h_addr_list: [htonl(address)],
  };
}
