// One direction of a simulated TCP connection: the segments in flight from one socket to its
// peer, delivered strictly in order. Only the head segment is on the event heap, so a delayed or
// retransmitted segment holds back everything behind it, as TCP's in-order delivery does — and the
// byte stream can never change, whatever the seed or the fault rules.
import type { Endpoint } from '../ipv4.ts';
import { formatEndpoint } from '../ipv4.ts';
import type { Scheduled } from './eventHeap.ts';
import type { PacketInfo } from './faultRules.ts';
import type { SimNetwork } from './simNetwork.ts';

export type SegmentKind = 'syn' | 'synack' | 'ack' | 'data' | 'urgent' | 'fin' | 'rst';

/** A TCP segment in flight. */
export interface Segment {
  kind: SegmentKind;
  bytes: Uint8Array | null;
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
  /** Payload bytes in flight (data and urgent segments). */
  bytesInFlight = 0;

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

  /** Sends a segment: the fault chain decides its fate now, the heap delivers it later. */
  push(kind: SegmentKind, bytes: Uint8Array | null): void {
    const segment: Segment = { kind, bytes, dueMs: 0, attempt: 0, fate: 'deliver' };
    if (bytes && (kind === 'data' || kind === 'urgent')) this.bytesInFlight += bytes.length;
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

  /** Forgets every queued segment (the connection was reset). */
  discard(): void {
    this.queue.length = 0;
    this.head = 0;
    this.bytesInFlight = 0;
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
      segment.attempt++;
      if (segment.attempt > this.net.options.maxRetransmits) {
        this.shift(segment);
        this.sender.retransmitsExhausted(this, segment);
      } else {
        this.decide(segment, nowMs);
      }
    } else {
      this.shift(segment);
      this.sink.segmentArrived(this, segment);
      this.sender.segmentDelivered(this);
    }
    if (!this.scheduled && !this.isEmpty) this.scheduleHead();
  }

  describe(): string {
    const kinds = this.queue.slice(this.head).map((s) => (s.bytes ? `${s.kind}(${s.bytes.length})` : s.kind));
    return `tcp ${formatEndpoint(this.from)} -> ${formatEndpoint(this.to)}: ${kinds.join(' ')}`;
  }

  private shift(segment: Segment): void {
    this.head++;
    if (segment.bytes && (segment.kind === 'data' || segment.kind === 'urgent')) this.bytesInFlight -= segment.bytes.length;
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
    const bytes = segment.bytes ? segment.bytes.length : 0;
    return { protocol: 'tcp', kind: segment.kind, from: this.from, to: this.to, bytes, attempt: segment.attempt };
  }

  /** Shows one transmission attempt, leaving at `sentMs`, to the fault chain and sets its arrival time. */
  private decide(segment: Segment, sentMs: number): void {
    const action = this.net.faults.size === 0 ? 'pass' : this.net.faults.decide(this.packetInfo(segment));
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
