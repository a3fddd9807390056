// A simulated TCP socket's send buffer: the bytes of its sends in one ByteRing, and where each send
// ended, because a segment never spans two sends (a segment boundary falls where a send boundary
// was, at the latest) — the seeded segmentation depends on it, so the boundaries are kept exactly.
import { ByteRing } from './byteRing.ts';

/** Sent bytes not yet handed to the pipe, with their send boundaries. */
export class SendQueue {
  private readonly ring = new ByteRing();
  /** Bytes of each send still (partly) queued, from `head` on; the first one less what was taken. */
  private sends: number[] = [];
  private head = 0;

  get length(): number {
    return this.ring.length;
  }

  /** Appends a copy of `data` as one send. */
  pushCopy(data: Uint8Array): void {
    if (data.length === 0) return;
    this.ring.write(data);
    this.sends.push(data.length);
  }

  /** Bytes left of the first queued send (an upper bound for `moveTo`). */
  frontSendBytes(): number {
    return this.ring.length === 0 ? 0 : this.sends[this.head]!;
  }

  /** Moves up to `max` bytes of the first queued send to the end of `to`; returns the count. */
  moveTo(to: ByteRing, max: number): number {
    const left = this.sends[this.head]!;
    const n = Math.min(max, left);
    this.ring.moveTo(to, n);
    if (n < left) {
      this.sends[this.head] = left - n;
    } else if (++this.head === this.sends.length) {
      // Usually one send: pop() stays in optimized code, where `length = 0` calls the runtime.
      const sends = this.sends;
      while (sends.length > 0) sends.pop();
      this.head = 0;
    } else if (this.head > 32 && this.head * 2 > this.sends.length) {
      // Drop consumed entries now and then so a long-lived queue does not grow.
      this.sends = this.sends.slice(this.head);
      this.head = 0;
    }
    return n;
  }

  clear(): void {
    this.ring.clear();
    this.sends = [];
    this.head = 0;
  }
}
