// What the simulated network will do later, ordered by (dueMs, seq). `seq` comes from one counter
// per heap, so two events due at the same moment run in the order they were scheduled — order
// never depends on anything else (STYLE.md 5).
// Most events are scheduled in time order (a constant latency puts every segment after the ones
// before it), so the heap keeps a FIFO run beside the binary heap: an event due no earlier than
// the run's last one is appended there in O(1), anything else goes into the heap, and a pop takes
// the earlier of the two fronts. Both are sorted by (dueMs, seq), so the order is the same.

/** Something scheduled on the heap. The heap writes `dueMs` and `seq`. */
export interface Scheduled {
  dueMs: number;
  seq: number;
  /** Runs the event. */
  fire(nowMs: number): void;
  /** One line for world dumps. */
  describe(): string;
}

/** A binary min-heap of Scheduled beside a FIFO run, keyed by (dueMs, seq). */
export class EventHeap {
  private readonly items: Scheduled[] = [];
  /** Events in (dueMs, seq) order from `runHead` on. */
  private run: Scheduled[] = [];
  private runHead = 0;
  private nextSeq = 0;

  get size(): number {
    return this.items.length + this.run.length - this.runHead;
  }

  /** Due time of the earliest event, or undefined. */
  peekDueMs(): number | undefined {
    return this.front()?.dueMs;
  }

  schedule(item: Scheduled, dueMs: number): void {
    item.dueMs = dueMs;
    item.seq = this.nextSeq++;
    const run = this.run;
    if (this.runHead === run.length || run[run.length - 1]!.dueMs <= dueMs) {
      run.push(item);
      return;
    }
    this.insert(item);
  }

  /** Puts an item due before the run's last one into the binary heap. */
  private insert(item: Scheduled): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the earliest event if it is due at or before `nowMs`. */
  popDue(nowMs: number): Scheduled | undefined {
    const top = this.front();
    if (top === undefined || top.dueMs > nowMs) return undefined;
    if (top === this.run[this.runHead]) this.shiftRun();
    else this.popHeap();
    return top;
  }

  /** Events in firing order, for dumps. */
  list(): Scheduled[] {
    return [...this.items, ...this.run.slice(this.runHead)].sort((x, y) => (before(x, y) ? -1 : 1));
  }

  private front(): Scheduled | undefined {
    const heapTop = this.items[0];
    const runTop = this.run[this.runHead];
    if (heapTop === undefined) return runTop;
    return runTop !== undefined && before(runTop, heapTop) ? runTop : heapTop;
  }

  private shiftRun(): void {
    this.run[this.runHead++] = undefined!;
    if (this.runHead === this.run.length) {
      this.run = [];
      this.runHead = 0;
    } else if (this.runHead > 1024 && this.runHead * 2 > this.run.length) {
      this.run = this.run.slice(this.runHead);
      this.runHead = 0;
    }
  }

  private popHeap(): void {
    const items = this.items;
    const last = items.pop()!;
    if (items.length === 0) return;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
}

function before(x: Scheduled, y: Scheduled): boolean {
  return x.dueMs < y.dueMs || (x.dueMs === y.dueMs && x.seq < y.seq);
}
