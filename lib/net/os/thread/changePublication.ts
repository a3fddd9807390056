// When the network thread's changes reach the application: not one by one as Node reports them,
// but per object once a poll phase of the event loop has passed without news for it. libuv reads
// the end of a stream only on the poll after a short read, so bytes and a FIN that the OS
// delivered together come in two turns of the loop; published at once, the application could
// post FD_READ, recv and re-post it before it learns of the FIN, where Windows posts FD_CLOSE
// between the two (windows-facts A.6.4, issue 14.4). An object whose news keeps coming (a steady
// stream) is still published every MAX_WAIT_PASSES passes, so nothing waits for ever.
import type { KernelObject } from './kernelTable.ts';

/** Passes an object's changes may wait for a quiet poll before they are published anyway. */
const MAX_WAIT_PASSES = 4;

interface Staged {
  bits: number;
  /** The pass that first saw it waiting, and the pass that will follow its latest change. */
  firstPass: number;
  lastPass: number;
  published: boolean;
}

/** Staged changes and the passes that publish them (one pass per check phase while any waits). */
export class ChangePublication {
  private readonly staged = new Map<KernelObject, Staged>();
  /** Barriers: each waits until every change staged before it has been published. */
  private readonly waiters: { before: Staged[]; fn: () => void }[] = [];
  /** The number of the next pass (passes run in the check phase, after the poll phase). */
  private pass = 0;
  private scheduled = false;

  /** `deliver` makes an object's staged state visible and hands its change bits to its owner. */
  constructor(private readonly deliver: (object: KernelObject, bits: number) => void) {}

  /** Adds change bits of `object`, to be published with everything else it changes meanwhile. */
  stage(object: KernelObject, bits: number): void {
    const entry = this.staged.get(object);
    if (entry) {
      entry.bits |= bits;
      entry.lastPass = this.pass;
    } else {
      this.staged.set(object, { bits, firstPass: this.pass, lastPass: this.pass, published: false });
    }
    this.schedule();
  }

  /** Publishes `object` now, with `bits` and whatever it had staged (a dying thread schedules nothing). */
  publishNow(object: KernelObject, bits: number): void {
    const entry = this.staged.get(object);
    this.staged.delete(object);
    if (entry) entry.published = true;
    this.deliver(object, (entry?.bits ?? 0) | bits);
  }

  /** Runs `fn` once every change staged by now has been published. */
  afterPublished(fn: () => void): void {
    this.waiters.push({ before: [...this.staged.values()], fn });
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runPass());
  }

  private runPass(): void {
    this.scheduled = false;
    const pass = this.pass++;
    for (const [object, entry] of [...this.staged]) {
      // Changed in the poll phase just before this pass: what came with it may come in the next one.
      if (entry.lastPass === pass && pass - entry.firstPass < MAX_WAIT_PASSES) continue;
      this.staged.delete(object);
      entry.published = true;
      this.deliver(object, entry.bits);
    }
    for (let i = 0; i < this.waiters.length; ) {
      const waiter = this.waiters[i]!;
      if (waiter.before.every((entry) => entry.published)) {
        this.waiters.splice(i, 1);
        waiter.fn();
      } else i++;
    }
    if (this.staged.size > 0 || this.waiters.length > 0) this.schedule();
  }
}
