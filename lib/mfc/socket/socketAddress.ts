// How CAsyncSocket's string forms (Bind, Connect, SendTo, GetPeerName, …) turn host text and ports
// into a SOCKADDR_IN and back (mfc-semantics §3.2): inet_addr first, then — where MFC resolves —
// gethostbyname; the port (a UINT) converted as C converts it (argumentRules.ts) and truncated to
// u_short by the cast MFC makes before htons.
import {
  AF_INET, INADDR_NONE, SOCKADDR_IN, gethostbyname, htons, in_addr, inet_addr, inet_ntoa, ntohs,
} from '../../winsock/index.ts';
import { toUint } from '../../winsock/argumentRules.ts';

/**
 * The SOCKADDR_IN for `host`:`port`, where `host` was already checked for NULL: dotted text, or
 * (when `resolve`) a name looked up with gethostbyname. Undefined when it does not parse or
 * resolve, or the port is no number; MFC then fails with WSAEINVAL.
 */
export function sockaddrOf(host: string, port: number, resolve: boolean): SOCKADDR_IN | undefined {
  if (typeof host !== 'string' || toUint(port) === undefined) return undefined;
  let address = inet_addr(host);
  if (address === INADDR_NONE) {
    if (!resolve) return undefined;
    const entry = gethostbyname(host);
    if (!entry || entry.h_addr_list.length === 0) return undefined;
    address = entry.h_addr_list[0]!;
  }
  return sockaddrFor(address, port);
}

/**
 * A SOCKADDR_IN for an address already in network order (INADDR_ANY, INADDR_BROADCAST, …), or
 * undefined when the port is no number (the caller fails with WSAEINVAL). Port 65616 is 80, as
 * `htons((u_short)nPort)` makes it.
 */
export function sockaddrFor(sAddr: number, port: number): SOCKADDR_IN | undefined {
  const nPort = toUint(port);
  if (nPort === undefined) return undefined;
  return new SOCKADDR_IN(AF_INET, htons(nPort & 0xffff), new in_addr(sAddr >>> 0));
}

/** The dotted address (inet_ntoa) and host-order port (ntohs) MFC's CString forms report. */
export function dottedOf(sa: SOCKADDR_IN): { address: string; port: number } {
  return { address: inet_ntoa(sa.sin_addr), port: ntohs(sa.sin_port) };
}
