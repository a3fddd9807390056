// The index of a large posted-message backlog, built the first time a filtered retrieval would scan
// it (postedMessages.ts) and dropped when the queue empties. It holds positions, in posting order,
// in lanes by (window, message), by window or by message — only the kinds that filters have asked
// for, so that posting pays for no lane nobody reads. A lane learns that a message left through
// another path when it meets its position: dead entries are skipped, never searched for.
import type { Filter, PostedMessages } from './postedMessages.ts';
import type { HWND, UINT } from './types.ts';

const BY_PAIR = 1;
const BY_WINDOW = 2;
const BY_MESSAGE = 4;
/** A range this narrow is looked up message by message. */
const NARROW_RANGE = 16;

/** Positions of one window, message or pair, oldest first; those before `head` are gone. */
class Lane {
  items: number[] = [];
  head = 0;

  push(p: number, store: PostedMessages): void {
    // Messages usually leave in posting order: dropping the dead front here keeps a lane that is
    // never read as short as the backlog.
    this.first(store);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.items.push(p);
  }

  /** The oldest live position, or -1. */
  first(store: PostedMessages): number {
    const items = this.items;
    let h = this.head;
    while (h < items.length && !store.isLive(items[h]!)) h++;
    this.head = h;
    return h < items.length ? items[h]! : -1;
  }
}

function laneOf<K>(map: Map<K, Lane>, key: K): Lane {
  let lane = map.get(key);
  if (lane === undefined) map.set(key, (lane = new Lane()));
  return lane;
}

export class PostedIndex {
  private kinds = 0;
  private byPair = new Map<HWND, Map<UINT, Lane>>();
  private byWindow = new Map<HWND, Lane>();
  private byMessage = new Map<UINT, Lane>();
  // The last pair lane posted to: a burst of posts of one message to one window skips the maps.
  private lastHwnd = -1;
  private lastMessage = -1;
  private lastPair: Lane | null = null;

  /** True when an index would answer `f` without a scan (a window filter or a narrow range). */
  static helps(f: Filter): boolean {
    return kindOf(f) !== 0;
  }

  /** True when the index kind that `f` needs is built. */
  covers(f: Filter): boolean {
    return (this.kinds & kindOf(f)) !== 0;
  }

  /** Builds the kind of lanes that `f` needs from the live positions. */
  build(f: Filter, positions: readonly number[], store: PostedMessages): void {
    const kind = kindOf(f);
    if (this.kinds & kind) return;
    const before = this.kinds;
    this.kinds = kind;
    for (const p of positions) this.add(p, store.hwndAt(p), store.messageAt(p), store);
    this.kinds = before | kind;
  }

  /** The store renumbered its positions: every built kind again, from scratch. */
  rebuild(positions: readonly number[], store: PostedMessages): void {
    this.byPair = new Map();
    this.byWindow = new Map();
    this.byMessage = new Map();
    this.lastPair = null;
    this.lastHwnd = this.lastMessage = -1;
    for (const p of positions) this.add(p, store.hwndAt(p), store.messageAt(p), store);
  }

  add(p: number, hwnd: HWND, message: UINT, store: PostedMessages): void {
    const kinds = this.kinds;
    if (kinds & BY_PAIR) {
      if (hwnd !== this.lastHwnd || message !== this.lastMessage || this.lastPair === null) {
        let lanes = this.byPair.get(hwnd);
        if (lanes === undefined) this.byPair.set(hwnd, (lanes = new Map()));
        this.lastPair = laneOf(lanes, message);
        this.lastHwnd = hwnd;
        this.lastMessage = message;
      }
      this.lastPair.push(p, store);
    }
    if (kinds & BY_WINDOW) laneOf(this.byWindow, hwnd).push(p, store);
    if (kinds & BY_MESSAGE) laneOf(this.byMessage, message).push(p, store);
  }

  /** The position of the oldest live message that passes `f` (whose kind is built), or -1. */
  find(f: Filter, store: PostedMessages): number {
    // No closures here: this runs once per filtered retrieval.
    let best = -1;
    const kind = kindOf(f);
    if (kind === BY_PAIR && f.min === f.max && f.windows!.length === 1 && f.windows![0] === this.lastHwnd && f.min === this.lastMessage) {
      // The pair last posted to: a loop that posts and takes one message skips the maps both ways.
      best = earlier(best, this.lastPair!.first(store), f.maxSeq, store);
    } else if (kind === BY_PAIR) {
      for (const w of f.windows!) {
        const lanes = this.byPair.get(w);
        if (lanes === undefined) continue;
        for (let msg = f.min; msg <= f.max; msg++) {
          const lane = lanes.get(msg);
          if (lane !== undefined) best = earlier(best, lane.first(store), f.maxSeq, store);
        }
      }
    } else if (kind === BY_MESSAGE) {
      for (let msg = f.min; msg <= f.max; msg++) {
        const lane = this.byMessage.get(msg);
        if (lane !== undefined) best = earlier(best, lane.first(store), f.maxSeq, store);
      }
    } else {
      for (const w of f.windows!) {
        const lane = this.byWindow.get(w);
        if (lane === undefined || lane.first(store) < 0) continue;
        best = earlier(best, store.firstMatch(lane.items, lane.head, f), f.maxSeq, store);
      }
    }
    return best;
  }
}

/** Which lanes answer `f`: (window, message) or message for a narrow range, window for a window filter; 0 for none. */
function kindOf(f: Filter): number {
  const narrow = !(f.min === 0 && f.max === 0) && f.max >= f.min && f.max - f.min < NARROW_RANGE;
  if (narrow) return f.windows !== null ? BY_PAIR : BY_MESSAGE;
  return f.windows !== null ? BY_WINDOW : 0;
}

/** The older of two positions, ignoring one posted after `maxSeq`. */
function earlier(best: number, p: number, maxSeq: number, store: PostedMessages): number {
  return p >= 0 && store.seqAt(p) <= maxSeq && (best < 0 || p < best) ? p : best;
}
