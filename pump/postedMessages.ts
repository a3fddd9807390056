// The posted-message store of one queue: a FIFO with lazily built indexes. An unfiltered loop
// touches only the FIFO; the first filtered retrieval that would scan a long run of unrelated
// messages switches on indexes by window, by message and by (window, message), so that filtered
// PeekMessage on a large backlog does not scan it (DESIGN.md "The queue").
import type { HWND, LPARAM, UINT, WPARAM } from './types.ts';

/** One posted message while it waits in the queue. */
export class QueuedMessage {
  removed = false;
  byWindow: Lane | null = null;
  byMessage: Lane | null = null;
  byPair: Lane | null = null;
  constructor(
    public hwnd: HWND,
    public message: UINT,
    public wParam: WPARAM,
    public lParam: LPARAM,
    public time: number,
    public seq: number,
  ) {}
}

/**
 * A FIFO of messages where removal from the middle leaves a tombstone (`removed`) that is skipped
 * later; `live` counts the others, and the array is compacted once tombstones dominate.
 */
class Lane {
  items: QueuedMessage[] = [];
  head = 0;
  live = 0;

  push(m: QueuedMessage): void {
    this.items.push(m);
    this.live++;
  }

  /** One of this lane's messages was removed. */
  dropOne(): void {
    if (--this.live === 0) {
      // Everything is a tombstone: skip them all at once; free the array only when it is big,
      // so a lane that empties after every message does not reallocate every time.
      if (this.items.length > 1024) this.items.length = 0;
      this.head = this.items.length;
    } else if (this.items.length - this.head - this.live > this.live + 1024) {
      this.items = this.items.slice(this.head).filter((m) => !m.removed);
      this.head = 0;
    }
  }

  /** The oldest live message, skipping tombstones at the front. */
  peekHead(): QueuedMessage | undefined {
    const items = this.items;
    while (this.head < items.length && items[this.head]!.removed) this.head++;
    return items[this.head];
  }
}

/** What a retrieval call asks for. `windows` null means any window and thread messages. */
export interface Filter {
  windows: readonly HWND[] | null;
  min: UINT;
  max: UINT;
  /** Ignore messages posted after this sequence number (the "already seen" rule). */
  maxSeq: number;
}

/** The lanes of one window: all its messages, and one lane per message id. */
interface WindowLanes {
  all: Lane;
  byMessage: Map<UINT, Lane>;
}

const SCAN_BEFORE_INDEXING = 64;
const NARROW_RANGE = 16;

export class PostedMessages {
  private readonly all = new Lane();
  private indexed = false;
  // Small-integer keys only (V8 hashes them fastest): the (window, message) lanes hang off the
  // window's entry instead of a combined numeric key.
  private byWindow = new Map<HWND, WindowLanes>();
  private byMessage = new Map<UINT, Lane>();

  get count(): number {
    return this.all.live;
  }

  add(m: QueuedMessage): void {
    this.all.push(m);
    if (this.indexed) this.index(m);
  }

  remove(m: QueuedMessage): void {
    m.removed = true;
    this.all.dropOne();
    if (m.byWindow) {
      m.byWindow.dropOne();
      m.byMessage!.dropOne();
      m.byPair!.dropOne();
    }
    // An empty queue needs no index: unfiltered loops go back to the plain FIFO.
    if (this.all.live === 0 && this.indexed) this.dropIndexes();
  }

  /** The oldest live message that passes `f`, or undefined. */
  find(f: Filter): QueuedMessage | undefined {
    if (f.windows === null && f.min === 0 && f.max === 0) {
      const m = this.all.peekHead();
      return m && m.seq <= f.maxSeq ? m : undefined;
    }
    if (this.indexed) return this.findIndexed(f);
    this.all.peekHead(); // step over leading tombstones once, not on every scan
    const items = this.all.items;
    let scanned = 0;
    for (let i = this.all.head; i < items.length; i++) {
      const m = items[i]!;
      if (m.removed) continue;
      if (m.seq > f.maxSeq) return undefined;
      if (matches(m, f)) return m;
      if (++scanned === SCAN_BEFORE_INDEXING) this.buildIndexes();
    }
    return undefined;
  }

  /** Every live message, oldest first (for purges and world dumps). */
  *entries(): IterableIterator<QueuedMessage> {
    const items = this.all.items;
    for (let i = this.all.head; i < items.length; i++) if (!items[i]!.removed) yield items[i]!;
  }

  private findIndexed(f: Filter): QueuedMessage | undefined {
    const ranged = !(f.min === 0 && f.max === 0);
    const narrow = ranged && f.max >= f.min && f.max - f.min < NARROW_RANGE;
    // No closures here: this runs once per filtered retrieval.
    let best: QueuedMessage | undefined;
    if (narrow && f.windows) {
      for (const w of f.windows) {
        const lanes = this.byWindow.get(w);
        if (lanes) for (let msg = f.min; msg <= f.max; msg++) best = earlier(best, lanes.byMessage.get(msg)?.peekHead(), f.maxSeq);
      }
    } else if (narrow) {
      for (let msg = f.min; msg <= f.max; msg++) best = earlier(best, this.byMessage.get(msg)?.peekHead(), f.maxSeq);
    } else if (f.windows) {
      for (const w of f.windows) best = earlier(best, firstInLane(this.byWindow.get(w)?.all, f), f.maxSeq);
    } else {
      best = earlier(best, firstInLane(this.all, f), f.maxSeq);
    }
    return best;
  }

  private buildIndexes(): void {
    this.indexed = true;
    for (const m of this.entries()) this.index(m);
  }

  private dropIndexes(): void {
    this.indexed = false;
    this.byWindow = new Map();
    this.byMessage = new Map();
  }

  private index(m: QueuedMessage): void {
    let lanes = this.byWindow.get(m.hwnd);
    if (!lanes) this.byWindow.set(m.hwnd, (lanes = { all: new Lane(), byMessage: new Map() }));
    m.byWindow = lanes.all;
    m.byMessage = laneOf(this.byMessage, m.message);
    m.byPair = laneOf(lanes.byMessage, m.message);
    m.byWindow.push(m);
    m.byMessage.push(m);
    m.byPair.push(m);
  }
}

/** The older of two candidates, ignoring one posted after `maxSeq`. */
function earlier(best: QueuedMessage | undefined, m: QueuedMessage | undefined, maxSeq: number): QueuedMessage | undefined {
  return m && m.seq <= maxSeq && (!best || m.seq < best.seq) ? m : best;
}

function laneOf<K>(map: Map<K, Lane>, key: K): Lane {
  let lane = map.get(key);
  if (!lane) map.set(key, (lane = new Lane()));
  return lane;
}

function firstInLane(lane: Lane | undefined, f: Filter): QueuedMessage | undefined {
  if (!lane) return undefined;
  lane.peekHead();
  const items = lane.items;
  for (let i = lane.head; i < items.length; i++) {
    const m = items[i]!;
    if (m.removed) continue;
    if (m.seq > f.maxSeq) return undefined;
    if (matches(m, f)) return m;
  }
  return undefined;
}

function matches(m: QueuedMessage, f: Filter): boolean {
  if (f.windows !== null && !f.windows.includes(m.hwnd)) return false;
  if (f.min === 0 && f.max === 0) return true;
  // All 32 bits are compared, as Wine's check_msg_filter does; WM_QUIT is handled by the caller.
  return m.message >= f.min && m.message <= f.max;
}
