// The part of ADDRINFOT that CAsyncSocket::CreateEx reads. lib/winsock has no getaddrinfo yet, so
// callers build it themselves; the field names are the SDK's.

/**
 * The fields of an `ADDRINFOT` (addrinfo) that CreateEx uses: family, socket type and protocol.
 * Emulates: `ADDRINFOT` (ws2def.h), reduced to what CAsyncSocket::CreateEx reads.
 *
 * @example
 * sock.CreateEx({ ai_family: AF_INET, ai_socktype: SOCK_STREAM, ai_protocol: IPPROTO_TCP });
 */
export interface ADDRINFOT {
  ai_family: number;
  ai_socktype: number;
  ai_protocol: number;
}
