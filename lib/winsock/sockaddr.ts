// The address structures, with the one C mapping: a caller-owned object the call fills, whose
// fields keep their SDK names and byte orders (family in host order, port and address in network
// order), and which converts to and from its exact 16-byte memory image. mfc-semantics §6.8.
import { AF_INET, SOCKADDR_IN_SIZE } from './constants.ts';

/** An IPv4 address; S_addr is in network order (as read from memory on a little-endian host). */
export class in_addr {
  constructor(public S_addr = 0) {}
}

/**
 * Emulates: SOCKADDR_IN (sockaddr_in, 16 bytes): sin_family, sin_port (network order), sin_addr,
 * sin_zero[8].
 *
 * @example
 * const sa = new SOCKADDR_IN(AF_INET, htons(80), new in_addr(inet_addr('127.0.0.1')));
 * sa.toBytes(); // 02 00 00 50 7f 00 00 01 00 00 00 00 00 00 00 00
 */
export class SOCKADDR_IN {
  sin_zero = new Uint8Array(8);

  constructor(
    public sin_family = AF_INET,
    public sin_port = 0,
    public sin_addr = new in_addr(),
  ) {}

  /** The 16-byte memory image (little-endian host). */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(SOCKADDR_IN_SIZE);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, this.sin_family, true);
    view.setUint16(2, this.sin_port, true);
    view.setUint32(4, this.sin_addr.S_addr >>> 0, true);
    bytes.set(this.sin_zero.subarray(0, 8), 8);
    return bytes;
  }

  /** Reads a 16-byte memory image. */
  static fromBytes(bytes: Uint8Array): SOCKADDR_IN {
    if (bytes.length < SOCKADDR_IN_SIZE) throw new RangeError(`SOCKADDR_IN needs ${SOCKADDR_IN_SIZE} bytes: got ${bytes.length}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, SOCKADDR_IN_SIZE);
    const sa = new SOCKADDR_IN(view.getUint16(0, true), view.getUint16(2, true), new in_addr(view.getUint32(4, true)));
    sa.sin_zero = bytes.slice(8, 16);
    return sa;
  }
}

/** SOCKADDR: in this emulation every address is IPv4, so the generic structure is SOCKADDR_IN. */
export type SOCKADDR = SOCKADDR_IN;

/** Emulates: LINGER (two u_shorts, 4 bytes). */
export class LINGER {
  constructor(
    public l_onoff = 0,
    public l_linger = 0,
  ) {}

  toBytes(): Uint8Array {
    const bytes = new Uint8Array(4);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, this.l_onoff, true);
    view.setUint16(2, this.l_linger, true);
    return bytes;
  }

  static fromBytes(bytes: Uint8Array): LINGER {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
    return new LINGER(view.getUint16(0, true), view.getUint16(2, true));
  }
}

/** An int-sized out-parameter (int*, u_long*). */
export interface IntRef {
  value: number;
}
