// Process-wide state in shared memory, so that every JavaScript thread sees the same window
// handles and can reach every other thread's mailbox: which thread owns each window handle, and
// one slot per real thread (its id, whether it is alive, its mailbox). The main thread creates it;
// threads started with startThread() adopt it from workerData.
import { isMainThread, threadId, workerData } from 'node:worker_threads';

export const MAX_WINDOWS = 1 << 18;
export const MAX_THREADS = 64;
/** Records per mailbox: enough for a full posted-message quota plus sent messages and replies. */
export const MAILBOX_CAPACITY = 12288;
/** Float64 fields per mailbox record. */
export const RECORD_FIELDS = 8;

// Int32 header slots.
const NEXT_WINDOW = 0;
const NEXT_THREAD_SLOT = 1;
const NEXT_THREAD_ID = 2;
/** How many thread ids a detached worker's own state may hand out before the next worker's block. */
const DETACHED_THREAD_IDS = 0x10000;
const HEADER_INTS = 16;
// Per-thread control Int32s: id, alive, lock, count, read index, signal, waiting, posted count,
// posts in the ring, parent.
export const CTRL_ID = 0;
export const CTRL_ALIVE = 1;
export const CTRL_LOCK = 2;
export const CTRL_COUNT = 3;
export const CTRL_READ = 4;
export const CTRL_SIGNAL = 5;
export const CTRL_WAITING = 6;
export const CTRL_POSTED = 7;
/** How many of the ring's records are posts (RECORD_POST): what of it the posting quota counts. */
export const CTRL_RING_POSTS = 8;
/** The id of the thread that started this one (0: started by nobody we know). */
export const CTRL_PARENT = 9;
export const CTRL_INTS = 10;

/** CTRL_ALIVE: the slot's thread is gone (or the slot was never used): the slot may be claimed. */
export const SLOT_FREE = 0;
/** CTRL_ALIVE: the slot's thread is running. */
export const SLOT_ALIVE = 1;
/** CTRL_ALIVE: a thread is claiming the slot. */
const SLOT_CLAIMED = 2;

export interface SharedBuffers {
  control: SharedArrayBuffer;
  records: SharedArrayBuffer;
  /** The process-wide tick and its thread's state (clock.ts owns the layout). */
  tick: SharedArrayBuffer;
}

/** Bytes of the tick buffer: a few words, the word readers write on a cache line of its own, the origin. */
export const TICK_BUFFER_BYTES = 256;

export class SharedState {
  readonly header: Int32Array;
  /** Owner thread id of each window handle index; 0 when free or destroyed. */
  readonly windowOwner: Int32Array;
  /** CTRL_INTS Int32s per thread slot. */
  readonly threadCtrl: Int32Array;
  /** RECORD_FIELDS × MAILBOX_CAPACITY Float64s per thread slot. */
  readonly records: Float64Array;

  constructor(readonly buffers: SharedBuffers) {
    const c = buffers.control;
    this.header = new Int32Array(c, 0, HEADER_INTS);
    this.windowOwner = new Int32Array(c, HEADER_INTS * 4, MAX_WINDOWS);
    this.threadCtrl = new Int32Array(c, (HEADER_INTS + MAX_WINDOWS) * 4, MAX_THREADS * CTRL_INTS);
    this.records = new Float64Array(buffers.records);
  }

  static create(): SharedState {
    const control = new SharedArrayBuffer((HEADER_INTS + MAX_WINDOWS + MAX_THREADS * CTRL_INTS) * 4);
    const records = new SharedArrayBuffer(MAX_THREADS * MAILBOX_CAPACITY * RECORD_FIELDS * 8);
    const s = new SharedState({ control, records, tick: new SharedArrayBuffer(TICK_BUFFER_BYTES) });
    Atomics.store(s.header, NEXT_WINDOW, 1);
    // A worker not started by startThread has a state of its own, which no other thread shares. Its
    // thread ids start far from the main thread's (0x100, 0x104, …) — each such worker's block by
    // Node's threadId — so that an id of another thread is never taken for one of its own: a post
    // to the main thread's id fails with ERROR_INVALID_THREAD_ID instead of landing in its own queue.
    if (!isMainThread) Atomics.store(s.header, NEXT_THREAD_ID, threadId * DETACHED_THREAD_IDS);
    return s;
  }

  /** A new window handle index, or 0 when the process has used them all. */
  allocWindowIndex(): number {
    const i = Atomics.add(this.header, NEXT_WINDOW, 1);
    return i < MAX_WINDOWS ? i : 0;
  }

  /** A new Windows-style thread id (multiples of 4, never reused in a process). */
  allocThreadId(): number {
    return 0x100 + 4 * Atomics.add(this.header, NEXT_THREAD_ID, 1);
  }

  /**
   * Claims a mailbox slot for a real thread started by the thread `parentId` (0: none); -1 when
   * MAX_THREADS threads are alive. The slot of a thread that is gone is used again, under a new
   * thread id, so that a mailbox held for the old id (Mailbox checks the id) no longer takes records.
   */
  allocThreadSlot(threadId: number, parentId = 0): number {
    for (;;) {
      const used = Math.min(Atomics.load(this.header, NEXT_THREAD_SLOT), MAX_THREADS);
      for (let s = 0; s < used; s++) {
        if (Atomics.compareExchange(this.threadCtrl, s * CTRL_INTS + CTRL_ALIVE, SLOT_FREE, SLOT_CLAIMED) === SLOT_FREE) {
          return this.initThreadSlot(s, threadId, parentId);
        }
      }
      const fresh = Atomics.add(this.header, NEXT_THREAD_SLOT, 1);
      if (fresh >= MAX_THREADS) return -1;
      // Another thread's scan may have taken the fresh slot first (it counted it as used): look again.
      if (Atomics.compareExchange(this.threadCtrl, fresh * CTRL_INTS + CTRL_ALIVE, SLOT_FREE, SLOT_CLAIMED) === SLOT_FREE) {
        return this.initThreadSlot(fresh, threadId, parentId);
      }
    }
  }

  /** Gives a claimed slot to `threadId` with an empty mailbox, then marks it alive. */
  private initThreadSlot(slot: number, threadId: number, parentId: number): number {
    const base = slot * CTRL_INTS;
    // Under the mailbox's lock: a writer that still holds the previous owner's mailbox checks the
    // id under the same lock, so its record cannot land in the new one.
    while (Atomics.compareExchange(this.threadCtrl, base + CTRL_LOCK, 0, 1) !== 0) {
      // A few stores long (Mailbox.write).
    }
    Atomics.store(this.threadCtrl, base + CTRL_ID, threadId);
    Atomics.store(this.threadCtrl, base + CTRL_PARENT, parentId);
    for (const field of [CTRL_COUNT, CTRL_READ, CTRL_WAITING, CTRL_POSTED, CTRL_RING_POSTS]) Atomics.store(this.threadCtrl, base + field, 0);
    Atomics.store(this.threadCtrl, base + CTRL_LOCK, 0);
    Atomics.store(this.threadCtrl, base + CTRL_ALIVE, SLOT_ALIVE);
    return slot;
  }

  /**
   * The ids of the live threads that the thread `threadId` started, and theirs, and so on: Node
   * ends a worker's own workers when it ends, without running their exit handlers, so they die with it.
   */
  descendantsOf(threadId: number): number[] {
    const n = Math.min(Atomics.load(this.header, NEXT_THREAD_SLOT), MAX_THREADS);
    const found: number[] = [];
    for (let s = 0; s < n; s++) {
      const base = s * CTRL_INTS;
      if (Atomics.load(this.threadCtrl, base + CTRL_PARENT) !== threadId || Atomics.load(this.threadCtrl, base + CTRL_ALIVE) !== SLOT_ALIVE) continue;
      const child = Atomics.load(this.threadCtrl, base + CTRL_ID);
      if (child !== threadId) found.push(child, ...this.descendantsOf(child));
    }
    return found;
  }

  /** Marks every window handle owned by a thread dead (the thread is gone). */
  releaseWindowsOf(threadId: number): void {
    const n = Math.min(Atomics.load(this.header, NEXT_WINDOW), MAX_WINDOWS);
    for (let i = 1; i < n; i++) Atomics.compareExchange(this.windowOwner, i, threadId, 0);
  }

  /** The mailbox slot of a real thread id, or -1 (also once its slot went to another thread). */
  slotOfThread(threadId: number): number {
    const n = Math.min(Atomics.load(this.header, NEXT_THREAD_SLOT), MAX_THREADS);
    for (let s = 0; s < n; s++) if (Atomics.load(this.threadCtrl, s * CTRL_INTS + CTRL_ID) === threadId) return s;
    return -1;
  }
}

const WORKER_DATA_KEY = '__afxsockShared';

let shared: SharedState | undefined;
let createdHere = false;

/** This process's shared state (created on first use by the main thread, adopted by workers). */
export function sharedState(): SharedState {
  if (!shared) {
    const inherited = !isMainThread && workerData && (workerData as Record<string, unknown>)[WORKER_DATA_KEY];
    shared = inherited ? new SharedState(inherited as SharedBuffers) : SharedState.create();
    createdHere = !inherited;
  }
  return shared;
}

/**
 * True on the thread that created this process's shared state: every other thread that shares it
 * descends from this one (startThread), so whatever this thread starts lives as long as they do.
 */
export function sharedStateCreatedHere(): boolean {
  sharedState();
  return createdHere;
}

/** What startThread() passes to a worker so that it joins this process's shared state. */
export function workerDataFor(user: unknown): Record<string, unknown> {
  return { [WORKER_DATA_KEY]: sharedState().buffers, user };
}

/** The user part of workerData in a thread started with startThread(). */
export function threadUserData(): unknown {
  return !isMainThread && workerData ? (workerData as Record<string, unknown>).user : undefined;
}
