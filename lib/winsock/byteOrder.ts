// Byte-order conversions and dotted-address text, as on an x86/x64 (little-endian) Windows host:
// htons swaps, and an in_addr read as a number has the first octet in its lowest byte
// (inet_addr("127.0.0.1") === 0x0100007f). mfc-semantics §6.
import { formatIPv4 } from '../net/index.ts';
import { INADDR_NONE } from './constants.ts';
import type { in_addr } from './sockaddr.ts';

/** Emulates: htons — host to network (big-endian) order of a u_short. */
export function htons(hostshort: number): number {
  return ((hostshort & 0xff) << 8) | ((hostshort >>> 8) & 0xff);
}

/** Emulates: ntohs. */
export function ntohs(netshort: number): number {
  return htons(netshort);
}

/** Emulates: htonl — host to network order of a u_long. */
export function htonl(hostlong: number): number {
  return (((hostlong & 0xff) << 24) | ((hostlong & 0xff00) << 8) | ((hostlong >>> 8) & 0xff00) | (hostlong >>> 24)) >>> 0;
}

/** Emulates: ntohl. */
export function ntohl(netlong: number): number {
  return htonl(netlong);
}

/**
 * Parses an IPv4 address in the Internet standard dotted notation and returns it in network
 * order (as an in_addr's S_addr), or INADDR_NONE.
 * Emulates: inet_addr — the BSD forms "a.b.c.d", "a.b.c", "a.b" and "a", each part decimal,
 * octal (leading 0) or hexadecimal (0x). "255.255.255.255" also yields INADDR_NONE, as on Windows.
 * Differs: an empty string yields INADDR_NONE (Windows XP and later), never 0.
 */
export function inet_addr(cp: string): number {
  const parts = cp.split('.');
  if (parts.length > 4 || cp.length === 0) return INADDR_NONE;
  const values: number[] = [];
  for (const part of parts) {
    const v = parsePart(part);
    if (v === undefined) return INADDR_NONE;
    values.push(v);
  }
  const last = values.pop()!;
  let host = 0;
  for (const [i, v] of values.entries()) {
    if (v > 255) return INADDR_NONE;
    host += v * 2 ** (24 - 8 * i);
  }
  const room = 2 ** (32 - 8 * values.length);
  if (last >= room) return INADDR_NONE;
  return htonl((host + last) >>> 0);
}

function parsePart(part: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(part)) return parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return parseInt(part, 8);
  if (/^[1-9][0-9]*$/.test(part)) return Number(part);
  return undefined;
}

/** Emulates: inet_ntoa — dotted text of an in_addr (network order). */
export function inet_ntoa(addr: in_addr): string {
  return formatIPv4(ntohl(addr.S_addr));
}
