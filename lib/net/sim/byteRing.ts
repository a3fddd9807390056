// A FIFO of bytes in one growable ring, for the simulated TCP data path (the send buffer, the bytes
// of a pipe's segments in flight, the receive buffer). A send of a few bytes is copied into memory
// the ring already has, so the common small send allocates nothing; the ring is made on first use
// (ten thousand idle connections cost almost nothing) and let go again once a large transfer has
// drained it, so memory follows what is buffered.

/** Capacity of a ring when it is first needed. */
const FIRST_CAPACITY_BYTES = 64;
/** An emptied ring larger than this is let go (a bulk transfer's buffer is not kept for ever). */
const KEPT_CAPACITY_BYTES = 16384;
/** Copies of up to this many bytes go byte by byte rather than through a view and `set`. */
const SMALL_COPY_BYTES = 16;

const NO_BYTES = new Uint8Array(0);

/** Bytes in arrival order; reads copy out, peeks leave them. */
export class ByteRing {
  private bytes: Uint8Array = NO_BYTES;
  /** Index of the first byte in `bytes`. */
  private start = 0;
  length = 0;

  /** Appends a copy of `n` bytes of `data` from `offset` (all of it by default). */
  write(data: Uint8Array, offset = 0, n = data.length - offset): void {
    if (n <= 0) return;
    const at = this.reserve(n);
    const bytes = this.bytes;
    const cap = bytes.length;
    if (n <= SMALL_COPY_BYTES) {
      for (let i = offset, j = at, end = offset + n; i < end; i++, j++) bytes[j < cap ? j : j - cap] = data[i]!;
    } else {
      copyLarge(data, offset, n, bytes, at);
    }
    this.length += n;
  }

  /** Moves the first `n` bytes (at most `length`) to the end of `to`. */
  moveTo(to: ByteRing, n: number): void {
    if (n > this.length) n = this.length;
    if (n <= SMALL_COPY_BYTES) {
      const at = to.reserve(n);
      const dst = to.bytes;
      const src = this.bytes;
      const dstCap = dst.length;
      const srcCap = src.length;
      for (let i = 0, j = this.start, k = at; i < n; i++, j++, k++) dst[k < dstCap ? k : k - dstCap] = src[j < srcCap ? j : j - srcCap]!;
      to.length += n;
      this.skip(n);
      return;
    }
    this.moveLarge(to, n);
  }

  /** moveTo of more than SMALL_COPY_BYTES (apart, so that the small move compiles into its callers). */
  private moveLarge(to: ByteRing, n: number): void {
    const first = Math.min(n, this.bytes.length - this.start);
    to.write(this.bytes.subarray(this.start, this.start + first));
    if (first < n) to.write(this.bytes.subarray(0, n - first));
    this.skip(n);
  }

  /** Removes and returns the first byte (the ring must not be empty). */
  shiftByte(): number {
    const value = this.bytes[this.start]!;
    this.skip(1);
    return value;
  }

  /** Copies up to into.length bytes into `into`; consumes them unless `peek`. Returns the count. */
  read(into: Uint8Array, peek: boolean): number {
    const n = Math.min(into.length, this.length);
    const bytes = this.bytes;
    const cap = bytes.length;
    if (n <= SMALL_COPY_BYTES) {
      for (let i = 0, j = this.start; i < n; i++, j++) into[i] = bytes[j < cap ? j : j - cap]!;
    } else {
      readLarge(bytes, this.start, n, into);
    }
    if (!peek) this.skip(n);
    return n;
  }

  /** Drops the first `n` bytes (at most `length`). */
  skip(n: number): void {
    if (n >= this.length) return this.clear();
    this.length -= n;
    const next = this.start + n;
    this.start = next < this.bytes.length ? next : next - this.bytes.length;
  }

  /** Drops everything; a large ring's memory goes too. */
  clear(): void {
    this.length = 0;
    this.start = 0;
    if (this.bytes.length > KEPT_CAPACITY_BYTES) this.bytes = NO_BYTES;
  }

  /** Makes room for `n` more bytes; returns the index where they go. */
  private reserve(n: number): number {
    const cap = this.bytes.length;
    const need = this.length + n;
    if (need > cap) {
      this.grow(need);
      return this.length;
    }
    const at = this.start + this.length;
    return at < cap ? at : at - cap;
  }

  /** A larger ring with the bytes moved to its front. */
  private grow(need: number): void {
    let cap = Math.max(FIRST_CAPACITY_BYTES, this.bytes.length * 2);
    while (cap < need) cap *= 2;
    const bigger = new Uint8Array(cap);
    if (this.length > 0) this.read(bigger, true);
    this.bytes = bigger;
    this.start = 0;
  }
}

// The large copies, apart from the methods, so that a small send's or recv's copy is compiled
// into its caller.

/** Copies `n` bytes of `data` from `offset` into the ring memory `bytes` from `at` on, wrapping. */
function copyLarge(data: Uint8Array, offset: number, n: number, bytes: Uint8Array, at: number): void {
  const first = Math.min(n, bytes.length - at);
  bytes.set(offset === 0 && first === data.length ? data : data.subarray(offset, offset + first), at);
  if (first < n) bytes.set(data.subarray(offset + first, offset + n), 0);
}

/** Copies `n` bytes of the ring memory `bytes` from `start` on (wrapping) to the front of `into`. */
function readLarge(bytes: Uint8Array, start: number, n: number, into: Uint8Array): void {
  const first = Math.min(n, bytes.length - start);
  into.set(bytes.subarray(start, start + first), 0);
  if (first < n) into.set(bytes.subarray(0, n - first), first);
}
