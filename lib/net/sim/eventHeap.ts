// What the simulated network will do later, ordered by (dueMs, seq). `seq` comes from one counter
// per heap, so two events due at the same moment run in the order they were scheduled — order
// never depends on anything else (STYLE.md 5).

/** Something scheduled on the heap. The heap writes `dueMs` and `seq`. */
export interface Scheduled {
  dueMs: number;
  seq: number;
  /** Runs the event. */
  fire(nowMs: number): void;
  /** One line for world dumps. */
  describe(): string;
}

/** A binary min-heap of Scheduled, keyed by (dueMs, seq). */
export class EventHeap {
  private readonly items: Scheduled[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Due time of the earliest event, or undefined. */
  peekDueMs(): number | undefined {
    return this.items.length === 0 ? undefined : this.items[0]!.dueMs;
  }

  schedule(item: Scheduled, dueMs: number): void {
    item.dueMs = dueMs;
    item.seq = this.nextSeq++;
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
    const items = this.items;
    const top = items[0];
    if (top === undefined || top.dueMs > nowMs) return undefined;
    const last = items.pop()!;
    if (items.length > 0) {
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
    return top;
  }

  /** Events in firing order, for dumps. */
  list(): Scheduled[] {
    return [...this.items].sort((x, y) => (before(x, y) ? -1 : 1));
  }
}

function before(x: Scheduled, y: Scheduled): boolean {
  return x.dueMs < y.dueMs || (x.dueMs === y.dueMs && x.seq < y.seq);
}
