// Shared memory for the bytes of a send larger than the send ring's room (OP_SEND_BEYOND): the
// application thread copies them in once and hands the network thread the memory itself, which
// Node writes from without another copy (a cloned message would copy them twice more). A buffer
// is used again once the TX_BEYOND_DONE counter shows that Node is done with every byte in it.
import { TX_BEYOND_DONE } from './protocol.ts';

/** Smallest buffer: sends a little larger than the ring's room share one. */
const BUFFER_BYTES_MIN = 256 * 1024;
/**
 * Buffers kept for reuse per socket: a new send goes beyond the ring only while less than
 * SO_SNDBUF is left with Node, so rarely more than two are in flight (and a third is free).
 */
const KEPT_MAX = 3;
/** Larger buffers (a send of many megabytes at once) are not kept: a thousand sockets must not hold them. */
const KEPT_BYTES_MAX = 4 * 1024 * 1024;

interface Kept {
  bytes: Uint8Array;
  /** The TX_BEYOND running total once its bytes were handed over: it is free when TX_BEYOND_DONE reaches it. */
  busyUntil: number;
}

/** One socket's shared buffers for the bytes of its sends beyond the send ring (application side). */
export class BeyondBuffers {
  private readonly kept: Kept[] = [];

  constructor(private readonly ctrl: Int32Array) {}

  /**
   * A copy of `data` in shared memory, to be handed over as the bytes up to the TX_BEYOND running
   * total `busyUntil` (an Int32 counter that wraps).
   */
  copy(data: Uint8Array, busyUntil: number): { sab: SharedArrayBuffer; length: number } {
    const done = Atomics.load(this.ctrl, TX_BEYOND_DONE);
    const free = (b: Kept) => ((done - b.busyUntil) | 0) >= 0;
    let buffer = this.kept.find((b) => b.bytes.length >= data.length && free(b));
    if (!buffer) {
      let size = BUFFER_BYTES_MIN;
      while (size < data.length) size *= 2;
      buffer = { bytes: new Uint8Array(new SharedArrayBuffer(size)), busyUntil: 0 };
      if (size <= KEPT_BYTES_MAX) {
        // Kept in place of a free one that was too small, when all places are taken.
        const spare = this.kept.length < KEPT_MAX ? this.kept.length : this.kept.findIndex(free);
        if (spare >= 0) this.kept[spare] = buffer;
      }
    }
    buffer.bytes.set(data);
    buffer.busyUntil = busyUntil;
    return { sab: buffer.bytes.buffer as SharedArrayBuffer, length: data.length };
  }
}
