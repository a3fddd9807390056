// A single-producer, single-consumer byte ring in shared memory: the receive or the send buffer
// of one socket. The producer copies bytes in and then publishes its counter with Atomics.store;
// the consumer reads the counter with Atomics.load and then copies out — the atomic store and
// load order the plain copies around them, so no lock is needed. Counters are unsigned 32-bit
// and wrap; a ring holds `capacity` bytes in memory whose size is a power of two far below 2^31
// (protocol.ts, ringBytes), so a position, the counter modulo that size, stays continuous across
// the wrap.
import {
  CONTROL_BYTES, DATAGRAM_HEADER_BYTES, ringBytes, RX_CAPACITY, RX_HEAD, RX_LIMIT, RX_TAIL, TX_BEYOND, TX_BEYOND_DONE, TX_CAPACITY,
  TX_HEAD, TX_LIMIT, TX_TAIL,
} from './protocol.ts';

/** Bytes of sends larger than the send ring's room still on their way to Node (OP_SEND_BEYOND). */
export function bytesBeyond(ctrl: Int32Array): number {
  return (Atomics.load(ctrl, TX_BEYOND) - Atomics.load(ctrl, TX_BEYOND_DONE)) >>> 0;
}

/**
 * Whether a send may be taken now, whole: what is queued and not yet taken by Node — the ring's
 * bytes and those beyond it — is below SO_SNDBUF (a limit of 0 still lets one byte through), as
 * Windows takes a send of any size while its send buffer holds less than SO_SNDBUF
 * (windows-facts A.3.3). Application and network thread decide 'writable' by the same rule.
 */
export function maySend(ctrl: Int32Array, tx: ByteRing): boolean {
  const beyond = bytesBeyond(ctrl);
  return beyond === 0 ? tx.room() > 0 : tx.used() + beyond < Math.max(1, tx.limit);
}

export class ByteRing {
  /** Bytes it may hold. */
  readonly capacity: number;
  /** Its memory: ringBytes(capacity), a power of two; a position is a counter modulo this. */
  private readonly data: Uint8Array;
  private readonly mask: number;
  private readonly header = new Uint8Array(DATAGRAM_HEADER_BYTES);
  private readonly headerView = new DataView(this.header.buffer);

  private constructor(
    private readonly ctrl: Int32Array,
    private readonly headAt: number,
    private readonly tailAt: number,
    private readonly limitAt: number,
    sab: SharedArrayBuffer,
    offset: number,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.data = new Uint8Array(sab, offset, ringBytes(capacity));
    this.mask = this.data.length - 1;
  }

  /** The receive ring of a kernel object's buffer (network produces, application consumes). */
  static receiveOf(sab: SharedArrayBuffer, ctrl: Int32Array): ByteRing {
    return new ByteRing(ctrl, RX_HEAD, RX_TAIL, RX_LIMIT, sab, CONTROL_BYTES, ctrl[RX_CAPACITY]!);
  }

  /** The send ring (application produces, network consumes). */
  static sendOf(sab: SharedArrayBuffer, ctrl: Int32Array): ByteRing {
    return new ByteRing(ctrl, TX_HEAD, TX_TAIL, TX_LIMIT, sab, CONTROL_BYTES + ringBytes(ctrl[RX_CAPACITY]!), ctrl[TX_CAPACITY]!);
  }

  /**
   * Producer only: bytes copied in but not yet published (stage(), then publish()), so that what
   * arrived in one turn of the network thread's loop becomes visible at once. Always 0 on the
   * consumer's side, which has its own ByteRing over the same memory.
   */
  private staged = 0;

  /** Bytes held (on the producer's side, staged bytes included). */
  used(): number {
    return ((Atomics.load(this.ctrl, this.tailAt) - Atomics.load(this.ctrl, this.headAt)) >>> 0) + this.staged;
  }

  /** The socket option's size (SO_RCVBUF / SO_SNDBUF), at most the capacity. */
  get limit(): number {
    return Atomics.load(this.ctrl, this.limitAt);
  }

  set limit(bytes: number) {
    Atomics.store(this.ctrl, this.limitAt, Math.max(0, Math.min(bytes, this.capacity)));
  }

  /** Bytes the producer may add before reaching the limit (a limit of 0 still lets one byte through). */
  room(): number {
    return Math.max(0, Math.max(1, Math.min(this.limit, this.capacity)) - this.used());
  }

  /** Bytes that physically fit. */
  space(): number {
    return this.capacity - this.used();
  }

  // Producer ------------------------------------------------------------------------------------

  /** Copies all of `src` in (the caller checked the room) and publishes it, with anything staged before it. */
  write(src: Uint8Array): void {
    this.stage(src);
    this.publish();
  }

  /** Copies all of `src` in after what is staged (the caller checked the room), without publishing it. */
  stage(src: Uint8Array): void {
    const tail = Atomics.load(this.ctrl, this.tailAt) >>> 0;
    this.copyIn(tail + this.staged, src);
    this.staged += src.length;
  }

  /** Makes the staged bytes visible to the consumer, all at once. */
  publish(): void {
    if (this.staged === 0) return;
    const tail = Atomics.load(this.ctrl, this.tailAt) >>> 0;
    Atomics.store(this.ctrl, this.tailAt, (tail + this.staged) | 0);
    this.staged = 0;
  }

  /** Copies one datagram in — header, then payload — and publishes it as one. */
  writeDatagram(payload: Uint8Array, address: number, port: number): void {
    const tail = Atomics.load(this.ctrl, this.tailAt) >>> 0;
    this.headerView.setUint32(0, payload.length, true);
    this.headerView.setUint32(4, address >>> 0, true);
    this.headerView.setUint32(8, port, true);
    this.copyIn(tail, this.header);
    this.copyIn(tail + DATAGRAM_HEADER_BYTES, payload);
    Atomics.store(this.ctrl, this.tailAt, (tail + DATAGRAM_HEADER_BYTES + payload.length) | 0);
  }

  // Consumer ------------------------------------------------------------------------------------

  /** Copies up to `dst.length` bytes out; unless `peek`, they are consumed. Returns the count. */
  read(dst: Uint8Array, peek = false): number {
    const head = Atomics.load(this.ctrl, this.headAt) >>> 0;
    const n = Math.min(dst.length, this.used());
    this.copyOut(head, dst.subarray(0, n));
    if (!peek) Atomics.store(this.ctrl, this.headAt, (head + n) | 0);
    return n;
  }

  /**
   * The held bytes from `skip` past the head, up to `max` of them, as a view of the ring itself
   * (no copy; it stops where the memory wraps). They stay held until consume() frees them.
   */
  view(skip: number, max: number): Uint8Array {
    const at = (Atomics.load(this.ctrl, this.headAt) + skip) & this.mask;
    return this.data.subarray(at, at + Math.max(0, Math.min(max, this.used() - skip, this.data.length - at)));
  }

  /** Frees `n` held bytes at the head (after view() lent them out). */
  consume(n: number): void {
    const head = Atomics.load(this.ctrl, this.headAt) >>> 0;
    Atomics.store(this.ctrl, this.headAt, (head + n) | 0);
  }

  /** The first datagram's payload length, address and port (the caller knows one is there). */
  peekDatagram(): { length: number; address: number; port: number } {
    const head = Atomics.load(this.ctrl, this.headAt) >>> 0;
    this.copyOut(head, this.header);
    return { length: this.headerView.getUint32(0, true), address: this.headerView.getUint32(4, true), port: this.headerView.getUint32(8, true) };
  }

  /** Copies the first datagram's payload (up to `dst.length`); unless `peek`, the whole datagram is consumed. */
  readDatagram(dst: Uint8Array, length: number, peek: boolean): number {
    const head = Atomics.load(this.ctrl, this.headAt) >>> 0;
    const n = Math.min(dst.length, length);
    this.copyOut(head + DATAGRAM_HEADER_BYTES, dst.subarray(0, n));
    if (!peek) Atomics.store(this.ctrl, this.headAt, (head + DATAGRAM_HEADER_BYTES + length) | 0);
    return n;
  }

  private copyIn(counter: number, src: Uint8Array): void {
    const at = counter & this.mask;
    const first = Math.min(src.length, this.data.length - at);
    this.data.set(first === src.length ? src : src.subarray(0, first), at);
    if (first < src.length) this.data.set(src.subarray(first), 0);
  }

  private copyOut(counter: number, dst: Uint8Array): void {
    const at = counter & this.mask;
    const first = Math.min(dst.length, this.data.length - at);
    dst.set(this.data.subarray(at, at + first));
    if (first < dst.length) dst.set(this.data.subarray(0, dst.length - first), first);
  }
}
