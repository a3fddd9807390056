// A simulated TCP socket's send buffer: the bytes of its sends in one ByteRing, and where each send
// ended, because a segment never spans two sends (a segment boundary falls where a send boundary
// was, at the latest) — the seeded segmentation depends on it, so the boundaries are kept exactly.
// A send that finds the queue empty is lent rather than copied: the segments it makes at once take
// their bytes from the caller's buffer, and only what is left is copied before send() returns
// (copyLent), so a small send is copied once, into the pipe.
import { ByteRing } from './byteRing.ts';

const NO_BYTES = new Uint8Array(0);

/** Sent bytes not yet handed to the pipe, with their send boundaries. */
export class SendQueue {
  private readonly ring = new ByteRing();
  /** Bytes of each send still (partly) queued, from `head` on; the first one less what was taken. */
  private sends: number[] = [];
  private head = 0;

  /** The caller's buffer of a send not copied yet (from `lentOffset` on), ahead of nothing. */
  private lent: Uint8Array = NO_BYTES;
  private lentOffset = 0;

  /** Bytes queued, lent ones included (kept here: every acknowledgement asks, and the ring stays untouched). */
  length = 0;

  /**
   * Appends `data` as one send; an empty queue borrows it until copyLent(), which the sender
   * calls before the caller may reuse the buffer.
   */
  push(data: Uint8Array): void {
    if (data.length === 0) return;
    const empty = this.length === 0;
    this.length += data.length;
    if (empty) {
      this.lent = data;
      this.lentOffset = 0;
      return;
    }
    this.ring.write(data);
    this.sends.push(data.length);
  }

  /** Copies what is left of a lent send into the queue's own memory. */
  copyLent(): void {
    const left = this.lent.length - this.lentOffset;
    if (left > 0) {
      this.ring.write(this.lent, this.lentOffset, left);
      this.sends.push(left);
    }
    this.lent = NO_BYTES;
    this.lentOffset = 0;
  }

  /** Bytes left of the first queued send (an upper bound for `moveTo`). */
  frontSendBytes(): number {
    if (this.lentOffset < this.lent.length) return this.lent.length - this.lentOffset;
    return this.ring.length === 0 ? 0 : this.sends[this.head]!;
  }

  /** Moves up to `max` bytes of the first queued send to the end of `to`; returns the count. */
  moveTo(to: ByteRing, max: number): number {
    if (this.lentOffset < this.lent.length) {
      const n = Math.min(max, this.lent.length - this.lentOffset);
      to.write(this.lent, this.lentOffset, n);
      this.lentOffset += n;
      this.length -= n;
      return n;
    }
    return this.moveQueued(to, max);
  }

  /** moveTo from the queue's own ring (apart, so that a lent send's move compiles into the pipe). */
  private moveQueued(to: ByteRing, max: number): number {
    const left = this.sends[this.head]!;
    const n = Math.min(max, left);
    this.ring.moveTo(to, n);
    this.length -= n;
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
    this.lent = NO_BYTES;
    this.lentOffset = 0;
    this.length = 0;
    this.ring.clear();
    this.sends = [];
    this.head = 0;
  }
}
