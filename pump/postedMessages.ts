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
      this.items.length = 0;
      this.head = 0;
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

const SCAN_BEFORE_INDEXING = 64;
const NARROW_RANGE = 16;

export class PostedMessages {
  private readonly all = new Lane();
  private indexed = false;
  private byWindow = new Map<HWND, Lane>();
  private byMessage = new Map<UINT, Lane>();
  private byPair = new Map<number, Lane>();

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
    let best: QueuedMessage | undefined;
    const consider = (m: QueuedMessage | undefined) => {
      if (m && m.seq <= f.maxSeq && (!best || m.seq < best.seq)) best = m;
    };
    if (narrow && f.windows) {
      for (const w of f.windows) for (let msg = f.min; msg <= f.max; msg++) consider(this.byPair.get(pairKey(w, msg))?.peekHead());
    } else if (narrow) {
      for (let msg = f.min; msg <= f.max; msg++) consider(this.byMessage.get(msg)?.peekHead());
    } else if (f.windows) {
      for (const w of f.windows) consider(firstInLane(this.byWindow.get(w), f));
    } else {
      consider(firstInLane(this.all, f));
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
    this.byPair = new Map();
  }

  private index(m: QueuedMessage): void {
    m.byWindow = laneOf(this.byWindow, m.hwnd);
    m.byMessage = laneOf(this.byMessage, m.message);
    m.byPair = laneOf(this.byPair, pairKey(m.hwnd, m.message));
    m.byWindow.push(m);
    m.byMessage.push(m);
    m.byPair.push(m);
  }
}

function laneOf<K>(map: Map<K, Lane>, key: K): Lane {
  let lane = map.get(key);
  if (!lane) map.set(key, (lane = new Lane()));
  return lane;
}

// Message ids are 32-bit and handles stay far below 2^21, so the product fits a double exactly.
function pairKey(hwnd: HWND, message: UINT): number {
  return hwnd * 0x100000000 + (message >>> 0);
}

function firstInLane(lane: Lane | undefined, f: Filter): QueuedMessage | undefined {
  if (!lane) return undefined;
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
  // Only the low word of the filter is usable, as on Windows; WM_QUIT is handled by the caller.
  return m.message >= f.min && m.message <= f.max;
}
