// The posted-message store of one queue: a ring of message slots kept as parallel arrays, so that
// posting allocates nothing and an unfiltered loop touches only the ring's head. A removal from the
// middle (a filtered retrieval) leaves a tombstone that the head steps over later. The first
// filtered retrieval that would scan a long run of unrelated messages switches on an index
// (postedIndex.ts) of the kind that filter needs, so that filtered PeekMessage on a large backlog
// does not scan it (DESIGN.md "The queue").
import { PostedIndex } from './postedIndex.ts';
import type { HWND, LPARAM, MSG, UINT, WPARAM } from './types.ts';

/** What a retrieval call asks for. `windows` null means any window and thread messages. */
export interface Filter {
  windows: readonly HWND[] | null;
  min: UINT;
  max: UINT;
  /** Ignore messages posted after this sequence number (the "already seen" rule). */
  maxSeq: number;
}

/** A filtered retrieval scans this many unrelated messages before it builds an index. */
const SCAN_BEFORE_INDEXING = 64;
const INITIAL_SLOTS = 64;

/**
 * Messages are named by their position: positions grow by one per post (so they are in posting
 * order), a position's slot is `position & mask`, and the live messages lie between `head` (always
 * live, unless the store is empty) and `tail`. Only a resize renumbers them, and it rebuilds the
 * index.
 */
export class PostedMessages {
  private mask = INITIAL_SLOTS - 1;
  private hwnds = new Float64Array(INITIAL_SLOTS);
  private messages = new Uint32Array(INITIAL_SLOTS);
  private wParams: WPARAM[] = new Array<WPARAM>(INITIAL_SLOTS).fill(0);
  private lParams: LPARAM[] = new Array<LPARAM>(INITIAL_SLOTS).fill(0);
  private times = new Uint32Array(INITIAL_SLOTS);
  /** The sequence number of each message; 0 marks a removed one (a tombstone). */
  private seqs = new Float64Array(INITIAL_SLOTS);
  private head = 0;
  private tail = 0;
  private live = 0;
  private index: PostedIndex | null = null;
  /** Reused by every filtered find(): a retrieval allocates nothing. */
  private readonly filter: Filter = { windows: null, min: 0, max: 0, maxSeq: Infinity };

  get count(): number {
    return this.live;
  }

  add(hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM, time: number, seq: number): void {
    if (this.tail - this.head > this.mask) this.resize();
    const p = this.tail++;
    const s = p & this.mask;
    this.hwnds[s] = hwnd;
    this.messages[s] = message;
    this.wParams[s] = wParam;
    this.lParams[s] = lParam;
    this.times[s] = time;
    this.seqs[s] = seq;
    this.live++;
    if (this.index !== null) this.index.add(p, hwnd, message, this);
  }

  /** Fills `out` from the message at `p` (its hwnd, message, wParam, lParam and time). */
  copyTo(out: MSG, p: number): void {
    const s = p & this.mask;
    out.hwnd = this.hwnds[s]!;
    out.message = this.messages[s]!;
    out.wParam = this.wParams[s]!;
    out.lParam = this.lParams[s]!;
    out.time = this.times[s]!;
  }

  remove(p: number): void {
    const s = p & this.mask;
    this.seqs[s] = 0;
    this.lParams[s] = 0; // an object lParam must not stay reachable from a dead slot
    if (--this.live === 0) this.empty();
    else if (p === this.head) this.advanceHead();
  }

  /** Empty: start again at position 0, and let unfiltered loops go back to the bare ring. */
  private empty(): void {
    this.head = this.tail = 0;
    this.index = null;
  }

  private advanceHead(): void {
    let h = this.head + 1;
    while (this.seqs[h & this.mask] === 0) h++;
    this.head = h;
  }

  /**
   * The position of the oldest live message for `windows` (null: any) in [min, max] ((0, 0): any)
   * posted no later than `maxSeq`, or -1.
   */
  find(windows: readonly HWND[] | null, min: UINT, max: UINT, maxSeq: number): number {
    return windows === null && min === 0 && max === 0 ? this.first(maxSeq) : this.findFiltered(windows, min, max, maxSeq);
  }

  /** The position of the oldest live message posted no later than `maxSeq`, or -1 (find with no filter). */
  first(maxSeq: number): number {
    return this.live > 0 && this.seqs[this.head & this.mask]! <= maxSeq ? this.head : -1;
  }

  private findFiltered(windows: readonly HWND[] | null, min: UINT, max: UINT, maxSeq: number): number {
    const f = this.filter;
    f.windows = windows;
    f.min = min;
    f.max = max;
    f.maxSeq = maxSeq;
    const index = this.index;
    if (index !== null && index.covers(f)) return index.find(f, this);
    let scanned = 0;
    for (let p = this.head; p < this.tail; p++) {
      const s = p & this.mask;
      const seq = this.seqs[s]!;
      if (seq === 0) continue;
      if (seq > f.maxSeq) return -1;
      if (matches(this.hwnds[s]!, this.messages[s]!, f)) return p;
      if (++scanned === SCAN_BEFORE_INDEXING && PostedIndex.helps(f)) return this.indexFor(f).find(f, this);
    }
    return -1;
  }

  /** True when position `p` holds a live message. */
  isLive(p: number): boolean {
    return p >= this.head && p < this.tail && this.seqs[p & this.mask] !== 0;
  }

  hwndAt(p: number): HWND {
    return this.hwnds[p & this.mask]!;
  }

  messageAt(p: number): UINT {
    return this.messages[p & this.mask]!;
  }

  wParamAt(p: number): WPARAM {
    return this.wParams[p & this.mask]!;
  }

  lParamAt(p: number): LPARAM {
    return this.lParams[p & this.mask]!;
  }

  timeAt(p: number): number {
    return this.times[p & this.mask]!;
  }

  seqAt(p: number): number {
    return this.seqs[p & this.mask]!;
  }

  /** The positions of every live message, oldest first (for purges and world dumps). */
  positions(): number[] {
    const out: number[] = [];
    for (let p = this.head; p < this.tail; p++) if (this.seqs[p & this.mask] !== 0) out.push(p);
    return out;
  }

  /** The live messages from `from` on that pass `f`'s window and range tests: the oldest, or -1. */
  firstMatch(positions: readonly number[], from: number, f: Filter): number {
    for (let i = from; i < positions.length; i++) {
      const p = positions[i]!;
      if (!this.isLive(p)) continue;
      const s = p & this.mask;
      if (this.seqs[s]! > f.maxSeq) return -1;
      if (matches(this.hwnds[s]!, this.messages[s]!, f)) return p;
    }
    return -1;
  }

  private indexFor(f: Filter): PostedIndex {
    const index = (this.index ??= new PostedIndex());
    index.build(f, this.positions(), this);
    return index;
  }

  /**
   * The ring is full: copies the live messages, in order, to positions 0, 1, … of a ring twice as
   * big (or as big, when tombstones made the room), and rebuilds the index on the new positions.
   */
  private resize(): void {
    const size = this.live * 2 > this.mask + 1 ? (this.mask + 1) * 2 : this.mask + 1;
    const old = { mask: this.mask, hwnds: this.hwnds, messages: this.messages, wParams: this.wParams, lParams: this.lParams, times: this.times, seqs: this.seqs };
    this.mask = size - 1;
    this.hwnds = new Float64Array(size);
    this.messages = new Uint32Array(size);
    this.wParams = new Array<WPARAM>(size).fill(0);
    this.lParams = new Array<LPARAM>(size).fill(0);
    this.times = new Uint32Array(size);
    this.seqs = new Float64Array(size);
    let n = 0;
    for (let p = this.head; p < this.tail; p++) {
      const s = p & old.mask;
      if (old.seqs[s] === 0) continue;
      this.hwnds[n] = old.hwnds[s]!;
      this.messages[n] = old.messages[s]!;
      this.wParams[n] = old.wParams[s]!;
      this.lParams[n] = old.lParams[s]!;
      this.times[n] = old.times[s]!;
      this.seqs[n] = old.seqs[s]!;
      n++;
    }
    this.head = 0;
    this.tail = n;
    this.index?.rebuild(this.positions(), this);
  }
}

function matches(hwnd: HWND, message: UINT, f: Filter): boolean {
  if (f.windows !== null && !f.windows.includes(hwnd)) return false;
  if (f.min === 0 && f.max === 0) return true;
  // All 32 bits are compared, as Wine's check_msg_filter does; WM_QUIT is handled by the caller.
  return message >= f.min && message <= f.max;
}
