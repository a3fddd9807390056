// The timers of one queue: a binary heap keyed by (dueMs, seq) plus a map by (hwnd, id). A timer
// is not a queued message: it is "due" or not, and the retrieval call makes one WM_TIMER from a due
// timer on demand, so late timers coalesce (windows-facts B.7.1, mfc-semantics §1.10).
import type { HWND, TIMERPROC, UINT_PTR } from './types.ts';

export class Timer {
  heapIndex = -1;
  constructor(
    public hwnd: HWND,
    public id: UINT_PTR,
    public periodMs: number,
    public proc: TIMERPROC | null,
    public dueMs: number,
    public seq: number,
  ) {}
}

export class TimerSet {
  private readonly heap: Timer[] = [];
  private readonly byKey = new Map<number, Timer>();
  private seq = 0;
  private nextThreadTimerId = 0x7fff;

  get size(): number {
    return this.heap.length;
  }

  get(hwnd: HWND, id: UINT_PTR): Timer | undefined {
    return this.byKey.get(key(hwnd, id));
  }

  /** Creates or replaces the (hwnd, id) timer; a replaced timer restarts its period from now. */
  set(hwnd: HWND, id: UINT_PTR, periodMs: number, proc: TIMERPROC | null, nowMs: number): Timer {
    let t = this.byKey.get(key(hwnd, id));
    if (t) {
      t.periodMs = periodMs;
      t.proc = proc;
      this.reschedule(t, nowMs + periodMs);
    } else {
      t = new Timer(hwnd, id, periodMs, proc, nowMs + periodMs, this.seq++);
      this.byKey.set(key(hwnd, id), t);
      t.heapIndex = this.heap.length;
      this.heap.push(t);
      this.up(t.heapIndex);
    }
    return t;
  }

  delete(t: Timer): void {
    this.byKey.delete(key(t.hwnd, t.id));
    const last = this.heap.pop()!;
    if (last !== t) {
      this.heap[t.heapIndex] = last;
      last.heapIndex = t.heapIndex;
      this.down(this.up(last.heapIndex));
    }
    t.heapIndex = -1;
  }

  /** Deletes every timer of a window (DestroyWindow). */
  deleteWindow(hwnd: HWND): void {
    for (const t of this.heap.filter((x) => x.hwnd === hwnd)) this.delete(t);
  }

  /**
   * A WM_TIMER was removed from the queue: the next due time is the first multiple of the period
   * after now, so periods missed while the thread was busy are skipped, not queued.
   */
  restart(t: Timer, nowMs: number): void {
    const periods = Math.floor((nowMs - t.dueMs) / t.periodMs) + 1;
    this.reschedule(t, t.dueMs + Math.max(1, periods) * t.periodMs);
  }

  /** The earliest due timer (due at or before `nowMs`) that `accept` takes, in (dueMs, seq) order. */
  firstDue(nowMs: number, accept: (t: Timer) => boolean): Timer | undefined {
    const top = this.heap[0];
    if (!top || top.dueMs > nowMs) return undefined;
    if (accept(top)) return top;
    // Due timers form a subtree at the root of the heap: visit only that subtree.
    let best: Timer | undefined;
    const stack = [0];
    while (stack.length) {
      const i = stack.pop()!;
      const t = this.heap[i];
      if (!t || t.dueMs > nowMs) continue;
      if (accept(t) && (!best || before(t, best))) best = t;
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return best;
  }

  /** True if some timer fell due in (afterMs, nowMs] — the QS_TIMER "changed" condition. */
  anyDueSince(afterMs: number, nowMs: number): boolean {
    const stack = [0];
    while (stack.length) {
      const t = this.heap[stack.pop()!];
      if (!t || t.dueMs > nowMs) continue;
      if (t.dueMs > afterMs) return true;
      stack.push(2 * t.heapIndex + 1, 2 * t.heapIndex + 2);
    }
    return false;
  }

  /** The earliest due time after `nowMs`, or undefined: when a waiting thread must wake up. */
  nextDueAfter(nowMs: number): number | undefined {
    let best: number | undefined;
    const stack = [0];
    while (stack.length) {
      const t = this.heap[stack.pop()!];
      if (!t) continue;
      if (t.dueMs > nowMs) {
        if (best === undefined || t.dueMs < best) best = t.dueMs;
        continue; // its children are due later still
      }
      stack.push(2 * t.heapIndex + 1, 2 * t.heapIndex + 2);
    }
    return best;
  }

  /**
   * A thread-timer id not in use, from a counter that goes down from 0x7fff and wraps (so a killed
   * id is not handed out again at once); 0 when all 32,767 are in use.
   */
  freeThreadTimerId(): UINT_PTR {
    for (let tries = 0; tries < 0x7fff; tries++) {
      const id = this.nextThreadTimerId;
      this.nextThreadTimerId = id === 1 ? 0x7fff : id - 1;
      if (!this.byKey.has(key(0, id))) return id;
    }
    return 0;
  }

  *all(): IterableIterator<Timer> {
    yield* [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  private reschedule(t: Timer, dueMs: number): void {
    t.dueMs = dueMs;
    t.seq = this.seq++;
    this.down(this.up(t.heapIndex));
  }

  private up(i: number): number {
    const h = this.heap;
    const t = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, h[p]!)) break;
      h[i] = h[p]!;
      h[i]!.heapIndex = i;
      i = p;
    }
    h[i] = t;
    t.heapIndex = i;
    return i;
  }

  private down(i: number): void {
    const h = this.heap;
    const t = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, t)) break;
      h[i] = h[c]!;
      h[i]!.heapIndex = i;
      i = c;
    }
    h[i] = t;
    t.heapIndex = i;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}

function key(hwnd: HWND, id: UINT_PTR): number {
  return hwnd * 0x100000000 + (id >>> 0);
}
