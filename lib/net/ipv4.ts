// IPv4 addresses as the kernel carries them: one unsigned 32-bit number in host order
// (127.0.0.1 is 0x7f000001). Byte order on the wire is the Winsock layer's business, not ours.

/** An IPv4 address and port, both in host order. */
export interface Endpoint {
  address: number;
  port: number;
}

/** 0.0.0.0: "any local address" when binding. */
export const ANY_ADDRESS = 0;
/** 127.0.0.1: every host's own loopback address. */
export const LOOPBACK_ADDRESS = 0x7f000001;
/** 255.255.255.255: limited broadcast. */
export const BROADCAST_ADDRESS = 0xffffffff;
/** 127.255.255.255: the broadcast address of the loopback network (127.0.0.0/8). */
export const LOOPBACK_BROADCAST_ADDRESS = 0x7fffffff;

/** True for 127.0.0.0/8, which never leaves the host. */
export function isLoopback(address: number): boolean {
  return address >>> 24 === 127;
}

/** Parses strict dotted-quad text ("10.0.0.1"); undefined for anything else. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

/** Formats an address as dotted-quad text. */
export function formatIPv4(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** "10.0.0.1:80". */
export function formatEndpoint(endpoint: Endpoint | undefined): string {
  return endpoint ? `${formatIPv4(endpoint.address)}:${endpoint.port}` : '-';
}
