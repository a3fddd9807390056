// Holding a link, as turmoil's hold/release: packets between two hosts (or on every link) are
// kept, not lost, and go on when the link is released, in the order they were held. A TCP pipe
// parks itself whole (its head segment, with everything behind it waiting as TCP's in-order
// delivery makes it wait), so a held stream can never change; a held datagram parks alone.
import { formatIPv4, type Endpoint } from '../ipv4.ts';
import type { Scheduled } from './eventHeap.ts';

/** One held link: between two addresses (either direction), or every link when both are undefined. */
interface Hold {
  a: number | undefined;
  b: number | undefined;
}

/** The held links of one network and what waits behind them. */
export class LinkHolds {
  private readonly holds: Hold[] = [];
  /** Parked items in the order they arrived at a held link: that order is the release order. */
  private parked: { item: Scheduled; from: Endpoint; to: Endpoint }[] = [];

  constructor(private readonly reschedule: (item: Scheduled) => void) {}

  /** Holds the link between `a` and `b` (either direction), or every link when both are omitted. */
  hold(a?: number, b?: number): void {
    if ((a === undefined) !== (b === undefined)) throw new TypeError('Cannot hold a link: give both ends or neither');
    if (!this.holds.some((h) => sameLink(h, a, b))) this.holds.push({ a, b });
  }

  /** Releases a hold made with the same ends (both omitted: the every-link hold); what it held goes on now, in order. */
  release(a?: number, b?: number): void {
    const i = this.holds.findIndex((h) => sameLink(h, a, b));
    if (i < 0) throw new RangeError(`Cannot release the link ${linkName(a, b)}: it is not held (held: ${this.describeHolds() || 'none'})`);
    this.holds.splice(i, 1);
    const still = this.parked.filter((p) => this.isHeld(p.from, p.to));
    const going = this.parked.filter((p) => !this.isHeld(p.from, p.to));
    this.parked = still;
    for (const p of going) this.reschedule(p.item);
  }

  /** Is the link from `from` to `to` held? */
  isHeld(from: Endpoint, to: Endpoint): boolean {
    return this.holds.some((h) => h.a === undefined || (h.a === from.address && h.b === to.address) || (h.b === from.address && h.a === to.address));
  }

  /** Keeps `item` (due now) until its link is released; false when the link is not held. */
  park(item: Scheduled, from: Endpoint, to: Endpoint): boolean {
    if (this.holds.length === 0 || !this.isHeld(from, to)) return false;
    this.parked.push({ item, from, to });
    return true;
  }

  /** How many items wait behind held links. */
  get parkedCount(): number {
    return this.parked.length;
  }

  get holdCount(): number {
    return this.holds.length;
  }

  describe(): string[] {
    return [
      ...this.holds.map((h) => `held link ${linkName(h.a, h.b)}`),
      ...this.parked.map((p) => `held: ${p.item.describe()}`),
    ];
  }

  private describeHolds(): string {
    return this.holds.map((h) => linkName(h.a, h.b)).join(', ');
  }
}

function sameLink(h: Hold, a: number | undefined, b: number | undefined): boolean {
  return (h.a === a && h.b === b) || (h.a === b && h.b === a);
}

function linkName(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '(every link)' : `${formatIPv4(a)} <-> ${formatIPv4(b)}`;
}
