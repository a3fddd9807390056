// A FIFO of bytes kept as the chunks they arrived in (no pre-allocated ring), so that ten thousand
// idle connections cost almost nothing and a segment can be a view of the sender's copy.
// The common chunk is small and taken or read whole; making a typed-array view costs more than
// copying a few bytes, so views are made only when a chunk is split.

/** Copies of up to this many bytes go byte by byte rather than through a view and `set`. */
const SMALL_COPY_BYTES = 16;

/** Bytes in arrival order; reads copy out, peeks leave them. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  /** Offset into chunks[head]. */
  private offset = 0;
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  /** Appends a copy of `bytes`: the sender may reuse its buffer as soon as send() returns. */
  pushCopy(bytes: Uint8Array): void {
    const n = bytes.length;
    // `slice()` looks up the species constructor through the runtime; a plain constructor does not.
    const copy = new Uint8Array(n);
    if (n <= SMALL_COPY_BYTES) for (let i = 0; i < n; i++) copy[i] = bytes[i]!;
    else copy.set(bytes);
    this.push(copy);
  }

  /** Copies up to into.length bytes into `into`; consumes them unless `peek`. Returns the count. */
  read(into: Uint8Array, peek: boolean): number {
    const want = Math.min(into.length, this.length);
    let copied = 0;
    let h = this.head;
    let off = this.offset;
    while (copied < want) {
      const chunk = this.chunks[h]!;
      const n = Math.min(chunk.length - off, want - copied);
      if (n <= SMALL_COPY_BYTES) for (let i = 0; i < n; i++) into[copied + i] = chunk[off + i]!;
      else into.set(off === 0 && n === chunk.length ? chunk : chunk.subarray(off, off + n), copied);
      copied += n;
      off += n;
      if (off === chunk.length) {
        h++;
        off = 0;
      }
    }
    if (!peek) this.commit(h, off, copied);
    return copied;
  }

  /**
   * Removes and returns up to `max` bytes from the front without copying: the result never spans
   * two chunks (a segment boundary falls where a send boundary was, at the latest).
   */
  take(max: number): Uint8Array {
    const chunk = this.chunks[this.head]!;
    const n = Math.min(max, chunk.length - this.offset, this.length);
    const out = this.offset === 0 && n === chunk.length ? chunk : chunk.subarray(this.offset, this.offset + n);
    let h = this.head;
    let off = this.offset + n;
    if (off === chunk.length) {
      h++;
      off = 0;
    }
    this.commit(h, off, n);
    return out;
  }

  /** Bytes left in the front chunk (an upper bound for `take`). */
  frontChunkBytes(): number {
    return this.length === 0 ? 0 : this.chunks[this.head]!.length - this.offset;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.offset = 0;
    this.length = 0;
  }

  private commit(h: number, off: number, n: number): void {
    this.head = h;
    this.offset = off;
    this.length -= n;
    if (this.length === 0) {
      // Usually one chunk: pop() stays in optimized code, where `length = 0` calls the runtime.
      const chunks = this.chunks;
      while (chunks.length > 0) chunks.pop();
      this.head = 0;
      this.offset = 0;
    } else if (this.head > 32 && this.head * 2 > this.chunks.length) {
      // Drop consumed chunks now and then so a long-lived queue does not grow.
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
