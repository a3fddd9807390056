// One direction of a simulated TCP connection: the segments in flight from one socket to its
// peer, delivered strictly in order. Only the head segment is on the event heap, so a delayed or
// retransmitted segment holds back everything behind it, as TCP's in-order delivery does — and the
// byte stream can never change, whatever the seed or the fault rules.
// Because the segments leave in order, their payload is one byte stream too: it waits in the
// pipe's ByteRing, and a segment records only how many of those bytes are its own. The receiving
// end takes them as the segment arrives (takeArrived); what it leaves is dropped. Segment records
// are reused once handled, so a small send in order allocates nothing.
import type { Endpoint } from '../ipv4.ts';
import { formatEndpoint } from '../ipv4.ts';
import { ByteRing } from './byteRing.ts';
import type { Scheduled } from './eventHeap.ts';
import type { PacketInfo } from './faultRules.ts';
import type { SendQueue } from './sendQueue.ts';
import type { SimNetwork } from './simNetwork.ts';

export type SegmentKind = 'syn' | 'synack' | 'ack' | 'data' | 'urgent' | 'fin' | 'rst';

/** A TCP segment in flight. */
export interface Segment {
  kind: SegmentKind;
  /** Payload bytes (data and urgent segments; 0 for the others), waiting in the pipe's ring. */
  bytes: number;
  dueMs: number;
  /** Retransmissions so far. */
  attempt: number;
  /** The fault chain's verdict for the current attempt. */
  fate: 'deliver' | 'drop' | 'reset';
}

/** A socket at either end of a pipe. */
export interface SegmentSink {
  /** Receiving end: handles an arrived segment. */
  segmentArrived(pipe: Pipe, segment: Segment): void;
  /** Sending end: a segment arrived (it leaves the sender's buffer: acknowledged at once). */
  segmentDelivered(pipe: Pipe): void;
  /** Sending end: the segment was dropped more than maxRetransmits times, the sender gives up. */
  retransmitsExhausted(pipe: Pipe, segment: Segment): void;
}

/** In-order segments from `from` to `to`. */
export class Pipe implements Scheduled {
  dueMs = 0;
  seq = 0;
  private readonly queue: Segment[] = [];
  private head = 0;
  private scheduled = false;
  /** The payload of the queued segments, in order (the arriving one's first while it is handled). */
  private readonly payload = new ByteRing();
  /** Payload bytes of the arriving segment not taken yet (dropped once its sink returns). */
  private arriving = 0;
  /** The last handled segment record, for reuse (one is enough while one segment at a time is in flight). */
  private spare: Segment | null = null;

  constructor(
    private readonly net: SimNetwork,
    readonly from: Endpoint,
    readonly to: Endpoint,
    /** Who sent the segments (told when retransmissions run out). */
    private readonly sender: SegmentSink,
    /** Who handles arrivals: the peer once known; before that the connecting socket itself. */
    public sink: SegmentSink,
  ) {}

  get isEmpty(): boolean {
    return this.head === this.queue.length;
  }

  /** Payload bytes in flight (data and urgent segments). */
  get bytesInFlight(): number {
    return this.payload.length - this.arriving;
  }

  /** Sends a segment without payload: the fault chain decides its fate now, the heap delivers it later. */
  push(kind: SegmentKind): void {
    this.enqueue(kind, 0);
  }

  /** Sends a data or urgent segment of up to `max` bytes of the first send in `from`; returns its size. */
  pushFrom(kind: 'data' | 'urgent', from: SendQueue, max: number): number {
    const n = from.moveTo(this.payload, max);
    this.enqueue(kind, n);
    return n;
  }

  /** The arriving segment's sink: moves its payload to the end of `into`. */
  takeArrived(into: ByteRing): void {
    this.payload.moveTo(into, this.arriving);
    this.arriving = 0;
  }

  /** The arriving urgent segment's sink: its one byte. */
  takeArrivedByte(): number {
    this.arriving = 0;
    return this.payload.shiftByte();
  }

  /** Forgets every queued segment (the connection was reset). */
  discard(): void {
    this.queue.length = 0;
    this.head = 0;
    this.payload.clear();
    this.arriving = 0;
  }

  fire(nowMs: number): void {
    this.scheduled = false;
    const segment = this.queue[this.head];
    if (!segment) return;
    if (segment.dueMs > nowMs) {
      // A stale wake-up (the queue was discarded and refilled): wait for the new head.
      this.scheduleHead();
      return;
    }
    // A held link keeps the whole pipe (release() fires it again); still "scheduled", so that
    // push() does not put it back on the heap behind the hold's back.
    if (this.net.holds.park(this, this.from, this.to)) {
      this.scheduled = true;
      return;
    }
    if (segment.fate === 'drop') {
      this.dropped(segment, nowMs);
    } else {
      this.shift();
      this.arriving = segment.bytes;
      this.sink.segmentArrived(this, segment);
      // What the sink did not take (a released or shut socket's bytes) goes; a discard meanwhile took it already.
      if (this.arriving > 0) {
        this.payload.skip(this.arriving);
        this.arriving = 0;
      }
      this.sender.segmentDelivered(this);
      this.spare = segment;
    }
    if (!this.scheduled && !this.isEmpty) this.scheduleHead();
  }

  /** The head segment was lost: sent again, or, out of retransmissions, given up (apart from fire, the common arrival). */
  private dropped(segment: Segment, nowMs: number): void {
    segment.attempt++;
    if (segment.attempt > this.net.options.maxRetransmits) {
      this.shift();
      this.payload.skip(segment.bytes);
      this.sender.retransmitsExhausted(this, segment);
      this.spare = segment;
    } else {
      this.decide(segment, nowMs);
    }
  }

  describe(): string {
    const kinds = this.queue.slice(this.head).map((s) => (s.bytes > 0 ? `${s.kind}(${s.bytes})` : s.kind));
    return `tcp ${formatEndpoint(this.from)} -> ${formatEndpoint(this.to)}: ${kinds.join(' ')}`;
  }

  private enqueue(kind: SegmentKind, bytes: number): void {
    const segment = this.spare ?? { kind, bytes, dueMs: 0, attempt: 0, fate: 'deliver' };
    this.spare = null;
    segment.kind = kind;
    segment.bytes = bytes;
    segment.attempt = 0;
    this.decide(segment, this.net.nowMs());
    // In order: never due before the segment ahead of it.
    // (An empty queue's [-1] would be a property lookup that leaves optimized code.)
    if (!this.isEmpty) {
      const last = this.queue[this.queue.length - 1]!;
      if (last.dueMs > segment.dueMs) segment.dueMs = last.dueMs;
    }
    this.queue.push(segment);
    if (!this.scheduled) this.scheduleHead();
  }

  private shift(): void {
    this.head++;
    if (this.head === this.queue.length) {
      // Usually one segment: pop() stays in optimized code, where `length = 0` calls the runtime.
      const queue = this.queue;
      while (queue.length > 0) queue.pop();
      this.head = 0;
    } else if (this.head > 64) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private scheduleHead(): void {
    const head = this.queue[this.head]!;
    this.scheduled = true;
    this.net.schedule(this, Math.max(head.dueMs, this.net.nowMs()));
  }

  private packetInfo(segment: Segment): PacketInfo {
    return { protocol: 'tcp', kind: segment.kind, from: this.from, to: this.to, bytes: segment.bytes, attempt: segment.attempt };
  }

  /** Shows one transmission attempt, leaving at `sentMs`, to the fault chain and sets its arrival time. */
  private decide(segment: Segment, sentMs: number): void {
    if (this.net.faults.size === 0) {
      // No fault rules (the common case, compiled into enqueue): the segment passes.
      segment.fate = 'deliver';
      segment.dueMs = sentMs + this.net.transitMs();
      return;
    }
    this.decideByRules(segment, sentMs);
  }

  private decideByRules(segment: Segment, sentMs: number): void {
    const action = this.net.faults.decide(this.packetInfo(segment));
    const arrivalMs = sentMs + this.net.transitMs();
    if (action === 'pass') {
      segment.fate = 'deliver';
      segment.dueMs = arrivalMs;
    } else if (action === 'drop') {
      segment.fate = 'drop';
      // The sender notices the loss one retransmission timeout after sending.
      segment.dueMs = sentMs + this.net.options.retransmitTimeoutMs;
    } else if (action === 'reset') {
      segment.fate = 'reset';
      segment.dueMs = arrivalMs;
    } else {
      segment.fate = 'deliver';
      segment.dueMs = arrivalMs + action.delayMs;
    }
  }
}
