// The cross-thread mailbox: a ring of fixed-size records in shared memory per real thread, written
// by any thread under a short spin lock and read by its owner. Writers bump a signal word and wake
// the owner with Atomics.notify only when it is waiting; the owner blocks with Atomics.wait. No
// polling: this is how posts, sends, replies and (later) network readiness reach a blocked thread.
import {
  CTRL_ALIVE, CTRL_COUNT, CTRL_ID, CTRL_INTS, CTRL_LOCK, CTRL_POSTED, CTRL_READ, CTRL_RING_POSTS, CTRL_SIGNAL, CTRL_WAITING,
  MAILBOX_CAPACITY, MAX_THREADS,
  RECORD_FIELDS, SLOT_ALIVE, SLOT_FREE, type SharedState,
} from './sharedState.ts';

// Record kinds of the queue itself; lib/ registers its own from FIRST_EXTENSION_KIND up.
export const RECORD_POST = 1;
export const RECORD_SEND = 2;
export const RECORD_SEND_NOTIFY = 3;
export const RECORD_REPLY = 4;
export const RECORD_TIMER = 5;
export const FIRST_EXTENSION_KIND = 16;

/** A record as numbers: [kind, a, b, c, d, e, f, g]. */
export type MailRecord = Float64Array;

/** Looks at the count before wait() sleeps (each an atomic load of some tens of nanoseconds). */
const SPIN_BEFORE_WAIT = 1000;
/** Records that drain() takes at once. */
const DRAIN_BATCH = 64;

/** Records copied out of the ring, and one view per record to hand to handlers. */
class Batch {
  readonly fields = new Float64Array(DRAIN_BATCH * RECORD_FIELDS);
  readonly records: MailRecord[] = Array.from({ length: DRAIN_BATCH }, (_, i) => this.fields.subarray(i * RECORD_FIELDS, (i + 1) * RECORD_FIELDS));
}

export class Mailbox {
  private readonly ctrl: Int32Array;
  private readonly base: number;
  private readonly recBase: number;
  /** Records taken out of the ring and not yet handed over: `taken.records[takenNext … takenCount)`. */
  private readonly taken = new Batch();
  private takenNext = 0;
  private takenCount = 0;
  /** How many of the taken records not handed over yet are posts (RECORD_POST). */
  private takenPosts = 0;

  /** The mailbox of thread `threadId` (default: whoever holds `slot` now) in `slot`. */
  constructor(
    private readonly shared: SharedState,
    readonly slot: number,
    readonly threadId = Atomics.load(shared.threadCtrl, slot * CTRL_INTS + CTRL_ID),
  ) {
    this.ctrl = shared.threadCtrl;
    this.base = slot * CTRL_INTS;
    this.recBase = slot * MAILBOX_CAPACITY * RECORD_FIELDS;
  }

  /** Its thread is running (a slot of a thread that is gone may belong to another thread now). */
  get alive(): boolean {
    // Plain loads: Atomics.load is a call in this V8, and both words change once in a thread's
    // life; write() looks again under the lock, which orders them.
    return this.ctrl[this.base + CTRL_ALIVE] === SLOT_ALIVE && this.ctrl[this.base + CTRL_ID] === this.threadId;
  }

  /**
   * Owner only: publishes its posted-message count for other threads' quota checks, from the
   * first post on, so a thread's first post from elsewhere sees the queue it finds. Records taken
   * out of the ring but not handed over yet count too (takeBatch): they are on their way into the
   * queue, and a writer that missed them would let the queue pass the quota (mfc-semantics §1.1 item 7).
   */
  publishPosted(count: number): void {
    // A plain store (the owner is the only writer of the word; Atomics.store costs some 25 ns, a
    // quarter of a post): a writer's check under the lock sees it a moment later at worst, the
    // race any post meets with a concurrent retrieval anyway.
    this.ctrl[this.base + CTRL_POSTED] = count + this.takenPosts;
  }

  /**
   * Owner only: the posts on their way into the queue, which other threads' quota checks count
   * too: those still in the ring and those taken and not handed over yet.
   */
  pendingPosts(): number {
    return this.ctrl[this.base + CTRL_RING_POSTS]! + this.takenPosts;
  }

  /**
   * Appends a record and wakes the owner if it waits; false when the mailbox is full, its thread
   * is gone, or (a post) the posts in its ring and in its queue together reach `quota`.
   */
  write(kind: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number, quota = Infinity): boolean {
    const ctrl = this.ctrl;
    const base = this.base;
    this.lock();
    // Plain loads and stores under the lock: its compare-exchange and the releasing store order
    // them for the owner, which reads them under the same lock. The slot may have gone to another
    // thread meanwhile, which the id says.
    const count = ctrl[base + CTRL_COUNT]!;
    if (count >= MAILBOX_CAPACITY || ctrl[base + CTRL_ALIVE] !== SLOT_ALIVE || ctrl[base + CTRL_ID] !== this.threadId || ctrl[base + CTRL_RING_POSTS]! + ctrl[base + CTRL_POSTED]! >= quota) {
      this.unlock();
      return false;
    }
    const at = this.recBase + ((ctrl[base + CTRL_READ]! + count) % MAILBOX_CAPACITY) * RECORD_FIELDS;
    const r = this.shared.records;
    r[at] = kind;
    r[at + 1] = a;
    r[at + 2] = b;
    r[at + 3] = c;
    r[at + 4] = d;
    r[at + 5] = e;
    r[at + 6] = f;
    r[at + 7] = g;
    if (kind === RECORD_POST) ctrl[base + CTRL_RING_POSTS] = ctrl[base + CTRL_RING_POSTS]! + 1;
    Atomics.store(ctrl, base + CTRL_COUNT, count + 1); // the one the owner's wait() must see
    this.unlock();
    // The owner counts itself as waiting before it looks at the count (wait()), and the releasing
    // store above comes before this load: either it sees the record or this sees it waiting.
    if (Atomics.load(ctrl, base + CTRL_WAITING) > 0) {
      Atomics.add(ctrl, base + CTRL_SIGNAL, 1);
      Atomics.notify(ctrl, base + CTRL_SIGNAL);
    }
    return true;
  }

  /** Owner only: hands each pending record to `handle`, oldest first. */
  drain(handle: (r: MailRecord) => void): void {
    // A plain read first: on the hot path (nothing from other threads) no atomic operation runs;
    // a record written concurrently is seen by the next call or by wait(), which is atomic.
    if (this.takenNext < this.takenCount || this.ctrl[this.base + CTRL_COUNT] !== 0) this.drainRecords(handle);
  }

  /**
   * Takes the records out of the ring in batches, one turn of the lock per batch instead of per
   * record, and hands them over one by one outside the lock (a handler may write to this very
   * mailbox). A drain inside a handler goes on with the same batch, so records keep their order
   * however drains nest, and a handler that throws loses no record but its own.
   */
  private drainRecords(handle: (r: MailRecord) => void): void {
    for (;;) {
      if (this.takenNext === this.takenCount && !this.takeBatch()) return;
      const r = this.taken.records[this.takenNext++]!;
      if (r[0] === RECORD_POST) this.takenPosts--;
      handle(r);
    }
  }

  /** Moves up to DRAIN_BATCH records from the ring to `taken`; false if there were none. */
  private takeBatch(): boolean {
    const ctrl = this.ctrl;
    const base = this.base;
    // The copy runs outside the lock, so writers wait only for the bookkeeping below: the records
    // [read, read + n) were complete before the atomic count that shows them was stored, and no
    // writer touches them while the count still holds them (a writer appends at read + count).
    const n = Math.min(Atomics.load(ctrl, base + CTRL_COUNT), DRAIN_BATCH);
    if (n === 0) {
      this.takenNext = this.takenCount = 0;
      return false;
    }
    const read = ctrl[base + CTRL_READ]!; // only the owner moves it
    const from = this.shared.records;
    const into = this.taken.fields;
    let posts = 0;
    for (let i = 0; i < n; i++) {
      const at = this.recBase + ((read + i) % MAILBOX_CAPACITY) * RECORD_FIELDS;
      for (let k = 0; k < RECORD_FIELDS; k++) into[i * RECORD_FIELDS + k] = from[at + k]!;
      if (from[at] === RECORD_POST) posts++;
    }
    this.lock();
    ctrl[base + CTRL_READ] = (read + n) % MAILBOX_CAPACITY;
    // Under the lock that writers' quota checks take: the posts that leave the ring's count join
    // the published count, so their sum never dips while the batch is handed over (publishPosted).
    // Other records (sends, replies, the network's) are no posts: counted there, a thread that
    // drains them without touching its queue would look full to every poster.
    ctrl[base + CTRL_POSTED] = ctrl[base + CTRL_POSTED]! + posts;
    ctrl[base + CTRL_RING_POSTS] = ctrl[base + CTRL_RING_POSTS]! - posts;
    Atomics.store(ctrl, base + CTRL_COUNT, ctrl[base + CTRL_COUNT]! - n);
    this.unlock();
    this.takenNext = 0;
    this.takenCount = n;
    this.takenPosts = posts;
    return true;
  }

  /** Owner only: blocks until a record arrives or `timeoutMs` passes (Infinity = no timeout). */
  wait(timeoutMs: number): void {
    const signal = this.base + CTRL_SIGNAL;
    // A writer that is posting a stream of records is usually a moment from the next one: look
    // for it a little before sleeping, so that neither thread pays a system call to wake the
    // other for each record.
    for (let i = 0; i < SPIN_BEFORE_WAIT && timeoutMs > 0; i++) if (Atomics.load(this.ctrl, this.base + CTRL_COUNT) !== 0) return;
    // A counter, not a flag: a synchronous wait may run inside a pending async one (a Node
    // callback during runMessageLoopAsync), and leaving it must not hide the outer wait.
    Atomics.add(this.ctrl, this.base + CTRL_WAITING, 1);
    const seen = Atomics.load(this.ctrl, signal);
    if (Atomics.load(this.ctrl, this.base + CTRL_COUNT) === 0 && timeoutMs > 0) {
      Atomics.wait(this.ctrl, signal, seen, timeoutMs === Infinity ? undefined : timeoutMs);
    }
    Atomics.sub(this.ctrl, this.base + CTRL_WAITING, 1);
  }

  /** Owner only: async form of wait() for an outermost loop inside Node's event loop. */
  async waitAsync(timeoutMs: number): Promise<void> {
    const signal = this.base + CTRL_SIGNAL;
    Atomics.add(this.ctrl, this.base + CTRL_WAITING, 1);
    const seen = Atomics.load(this.ctrl, signal);
    if (Atomics.load(this.ctrl, this.base + CTRL_COUNT) === 0 && timeoutMs > 0) {
      const w = Atomics.waitAsync(this.ctrl, signal, seen, timeoutMs === Infinity ? undefined : timeoutMs);
      if (w.async) await w.value;
    }
    Atomics.sub(this.ctrl, this.base + CTRL_WAITING, 1);
  }

  /** Wakes the owner's wait without a record (something arrived by another path). */
  poke(): void {
    Atomics.add(this.ctrl, this.base + CTRL_SIGNAL, 1);
    Atomics.notify(this.ctrl, this.base + CTRL_SIGNAL);
  }

  /** Marks the owner gone and wakes it and anyone who might wait for it. */
  markDead(): void {
    if (Atomics.load(this.ctrl, this.base + CTRL_ID) !== this.threadId) return;
    Atomics.store(this.ctrl, this.base + CTRL_ALIVE, SLOT_FREE);
    Atomics.add(this.ctrl, this.base + CTRL_SIGNAL, 1);
    Atomics.notify(this.ctrl, this.base + CTRL_SIGNAL);
  }

  private lock(): void {
    while (Atomics.compareExchange(this.ctrl, this.base + CTRL_LOCK, 0, 1) !== 0) {
      // The critical section is a few stores long; spinning is cheaper than parking.
    }
  }

  private unlock(): void {
    Atomics.store(this.ctrl, this.base + CTRL_LOCK, 0);
  }
}

/**
 * Marks gone the threads `threadIds` that are still alive (their windows die with them), then
 * wakes every thread so that senders waiting on them notice.
 */
export function markThreadsDead(shared: SharedState, threadIds: number[]): void {
  for (const id of threadIds) {
    const slot = shared.slotOfThread(id);
    if (slot < 0) continue;
    const mailbox = new Mailbox(shared, slot, id);
    if (!mailbox.alive) continue;
    shared.releaseWindowsOf(id);
    mailbox.markDead();
  }
  wakeAll(shared, MAX_THREADS);
}

/** Wakes every real thread (used when a thread dies, so that senders waiting on it notice). */
export function wakeAll(shared: SharedState, slots: number): void {
  for (let s = 0; s < slots; s++) {
    Atomics.add(shared.threadCtrl, s * CTRL_INTS + CTRL_SIGNAL, 1);
    Atomics.notify(shared.threadCtrl, s * CTRL_INTS + CTRL_SIGNAL);
  }
}
