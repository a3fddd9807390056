// The data path of a connected simulated TCP socket: the send buffer and its segmentation, the
// receive buffer and its window, urgent bytes, acknowledgements, FIN and RST. How a connection
// comes to be (the handshake, listening, closing) is StreamSocket's, on top of this.
// Acknowledgements follow the handshake's rule (windows-facts A.10): sent bytes fill the send
// buffer until acknowledged, and a read opens the window for the sender only once an
// acknowledgement carries it; on one host both happen at the arrival or the read, across hosts a
// leg later. Simplifications (each chosen so that the Windows behaviour the specs check stays exact):
// - acknowledgements are never lost or delayed by fault rules, and one goes out per arrival and
//   per read (no delayed ACK, no Nagle);
// - a send is accepted whole while the send buffer is not full (as Windows does, windows-facts
//   A.3.3), and refused (EWOULDBLOCK) when it is.
import type { Endpoint } from '../ipv4.ts';
import type { NetError, SocketOptions } from '../network.ts';
import { ByteRing } from './byteRing.ts';
import { Later } from './later.ts';
import type { Pipe, Segment } from './pipe.ts';
import { SendQueue } from './sendQueue.ts';
import { SimSocket } from './simSocket.ts';
import { StreamWindow } from './streamWindow.ts';

/** A simulated TCP socket's buffers and segments once connected; StreamSocket adds how it connects. */
export abstract class StreamTransfer extends SimSocket {
  /** Segments from this socket to its peer. */
  protected out: Pipe | null = null;
  protected peer: StreamTransfer | null = null;
  private readonly sendQueue = new SendQueue();
  protected readonly recvQueue = new ByteRing();
  protected urgentQueue: number[] = [];
  /** Stream offsets (counted over every byte ever queued) of urgent bytes not yet transmitted. */
  private urgentMarks: number[] = [];
  private queuedTotal = 0;
  /** queuedTotal when the peer's FIN arrived: bytes sent after it may be answered with a reset. */
  private queuedAtPeerFin = 0;
  /** Sent, acknowledged and received stream offsets, and the peer's receive window. */
  protected readonly seqs = new StreamWindow();
  private finPending = false;
  protected finSent = false;
  /** The send buffer was full; report 'writable' when it is not. */
  private wasFull = false;

  get readableBytes(): number {
    return this.recvQueue.length;
  }

  get hasReadable(): boolean {
    return this.recvQueue.length > 0;
  }

  get urgentBytes(): number {
    return this.urgentQueue.length;
  }

  get writable(): boolean {
    return this.state === 'connected' && !this.sendShut && !this.resetError && this.bufferedSend() < this.sendLimit();
  }

  override send(data: Uint8Array, urgent: boolean): number | NetError {
    if (this.state !== 'connected' || this.released) return 'ENOTCONN';
    if (this.resetError) return this.resetError;
    if (this.sendShut) return 'ESHUTDOWN';
    if (data.length === 0) return 0;
    if (this.bufferedSend() >= this.sendLimit()) {
      this.wasFull = true;
      return 'EWOULDBLOCK';
    }
    this.sendQueue.push(data);
    this.queuedTotal += data.length;
    if (urgent) this.urgentMarks.push(this.queuedTotal - 1);
    if (this.bufferedSend() >= this.sendLimit()) this.wasFull = true;
    this.transmitQueued();
    // The caller may reuse `data` once send() returns.
    this.sendQueue.copyLent();
    return data.length;
  }

  sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError {
    // A stream socket ignores the address, as Winsock's sendto does.
    return to === undefined || this.state === 'connected' ? this.send(data, false) : 'ENOTCONN';
  }

  receive(into: Uint8Array, peek: boolean, urgent: boolean): number | NetError {
    if (urgent) return this.receiveUrgent(into, peek);
    if (this.state !== 'connected') return 'ENOTCONN';
    if (this.resetError) return this.resetError;
    if (this.receiveShut) return 'ESHUTDOWN';
    if (this.recvQueue.length > 0) {
      const n = this.recvQueue.read(into, peek);
      // The read opens the receive window: the peer learns of it from an acknowledgement.
      if (!peek) this.acknowledge();
      return n;
    }
    return this.peerClosed ? 0 : 'EWOULDBLOCK';
  }

  shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined {
    if (this.state !== 'connected') return 'ENOTCONN';
    if (how !== 'send') this.receiveShut = true;
    if (how !== 'receive' && !this.sendShut) {
      this.sendShut = true;
      this.finPending = true;
      this.transmit();
    }
    return undefined;
  }

  /** Starts a graceful close: FIN once the queued bytes are out. Closing with unread data aborts instead, as TCP stacks do. */
  protected closeConnected(abort: boolean): void {
    if (abort || this.recvQueue.length > 0 || this.urgentQueue.length > 0) this.sendReset();
    else if (!this.sendShut || !this.finSent) {
      this.sendShut = true;
      this.finPending = true;
      this.transmit();
    }
  }

  /** A data, urgent or FIN segment arrived. */
  protected streamSegmentArrived(pipe: Pipe, segment: Segment): void {
    // The common arrival (data for an open, readable socket) in a few tests; the rest apart.
    if (segment.kind !== 'data' || this.released || this.receiveShut) return this.otherStreamSegmentArrived(pipe, segment);
    this.seqs.receivedTotal += segment.bytes;
    pipe.takeArrived(this.recvQueue);
    this.report('readable');
    this.acknowledge();
  }

  private otherStreamSegmentArrived(pipe: Pipe, segment: Segment): void {
    if (segment.kind === 'fin') {
      if (this.peerClosed) return;
      this.peerClosed = true;
      this.queuedAtPeerFin = this.queuedTotal;
      if (!this.released) this.report('peerClosed');
      return;
    }
    if (this.released) {
      // Nobody will read this (the pipe drops the bytes): tell the sender the connection is gone.
      if (!this.resetError) this.sendReset();
      return;
    }
    this.seqs.receivedTotal += segment.bytes;
    if (this.receiveShut) {
      // Shut for receiving: the bytes are taken and dropped (the pipe drops what is not taken).
    } else if (segment.kind === 'urgent' && !this.options.urgentInline) {
      this.urgentQueue.push(pipe.takeArrivedByte());
      this.report('urgent');
    } else {
      pipe.takeArrived(this.recvQueue);
      this.report('readable');
    }
    this.acknowledge();
  }

  private receiveUrgent(into: Uint8Array, peek: boolean): number | NetError {
    if (this.options.urgentInline) return 'EINVAL';
    if (this.state !== 'connected') return 'ENOTCONN';
    if (this.resetError) return this.resetError;
    if (this.urgentQueue.length === 0) return 'EWOULDBLOCK';
    if (into.length === 0) return 0;
    into[0] = this.urgentQueue[0]!;
    if (!peek) this.urgentQueue.shift();
    return 1;
  }

  /** Moves bytes from the send buffer into the pipe, as far as the peer's receive window allows. */
  protected transmit(): void {
    // Most calls come from acknowledgements with nothing left to send: this test compiles into
    // them, and the segmentation is a call of its own.
    if (this.sendQueue.length !== 0 || this.finPending) this.transmitQueued();
  }

  private transmitQueued(): void {
    const out = this.out;
    const peer = this.peer;
    if (!out || !peer || this.state !== 'connected' || this.resetError) return;
    const prng = this.host.prng;
    const { segmentBytesMax, splitRatio } = this.host.net.options;
    while (this.sendQueue.length > 0) {
      const window = this.seqs.usable;
      if (window <= 0) break;
      // Read past the end of an empty array leaves optimized code; most streams have no marks.
      const mark = this.urgentMarks.length > 0 ? this.urgentMarks[0] : undefined;
      if (mark === this.seqs.sentTotal) {
        this.urgentMarks.shift();
        this.seqs.sentTotal += 1;
        out.pushFrom('urgent', this.sendQueue, 1);
        continue;
      }
      let n = Math.min(window, segmentBytesMax, this.sendQueue.frontSendBytes(), mark === undefined ? Infinity : mark - this.seqs.sentTotal);
      if (n > 1 && prng.chance(splitRatio)) n = prng.nextInt(1, n - 1);
      this.seqs.sentTotal += n;
      out.pushFrom('data', this.sendQueue, n);
    }
    if (this.sendQueue.length === 0 && this.finPending && !this.finSent) {
      this.finSent = true;
      out.push('fin');
    }
  }

  /** A segment this socket sent has arrived (it stays in the send buffer until acknowledged). */
  segmentDelivered(): void {
    this.releaseIfDone();
  }

  /**
   * Acknowledges what arrived and advertises the receive window. On one host the kernel hands it
   * to the sender at once (as it does the handshake's legs); across hosts it takes a leg's
   * latency. Acknowledgements are not shown to the fault chain.
   */
  private acknowledge(): void {
    const peer = this.peer;
    if (!peer) return;
    const seq = this.seqs.nextAcknowledgementSeq();
    const ackedTotal = this.seqs.receivedTotal;
    const windowEdge = this.seqs.windowEdgeFor(this.options.receiveBufferBytes - this.recvQueue.length);
    if (peer.host === this.host) return peer.acknowledgementArrived(seq, ackedTotal, windowEdge);
    this.acknowledgeLater(peer, seq, ackedTotal, windowEdge);
  }

  /** An acknowledgement to another host, a leg later (apart, so that the closure is no part of the compiled code of one on the same host). */
  private acknowledgeLater(peer: StreamTransfer, seq: number, ackedTotal: number, windowEdge: number): void {
    const net = this.host.net;
    const arrive = () => peer.acknowledgementArrived(seq, ackedTotal, windowEdge);
    net.schedule(new Later(`ack #${this.id} -> #${peer.id} (${ackedTotal})`, arrive), net.nowMs() + net.transitMs());
  }

  /** The peer acknowledged: acknowledged bytes leave the send buffer, and the window may let more go. */
  private acknowledgementArrived(seq: number, ackedTotal: number, windowEdge: number): void {
    if (this.state !== 'connected' || this.resetError || !this.seqs.acknowledged(seq, ackedTotal, windowEdge)) return;
    this.transmit();
    if (this.wasFull && this.bufferedSend() < this.sendLimit()) {
      this.wasFull = false;
      if (!this.released) this.report('writable');
    }
    this.releaseIfDone();
  }

  protected sendReset(): void {
    this.sendQueue.clear();
    this.urgentMarks = [];
    this.finPending = false;
    if (this.out && this.peer) this.out.push('rst');
    this.resetError ??= 'ECONNABORTED';
  }

  /**
   * The error a reset from the peer leaves: WSAECONNRESET (windows-facts A.6.8, A.12), but
   * WSAECONNABORTED when it came behind the peer's FIN after this end sent it more bytes — the
   * closed peer's answer to them (A.9.6).
   */
  protected peerResetError(): NetError {
    return this.peerClosed && this.queuedTotal > this.queuedAtPeerFin ? 'ECONNABORTED' : 'ECONNRESET';
  }

  protected takeReset(error: NetError): void {
    if (this.resetError) return;
    this.resetError = error;
    this.recvQueue.clear();
    this.urgentQueue = [];
    this.sendQueue.clear();
    this.urgentMarks = [];
    this.finPending = false;
    this.out?.discard();
    this.peer = null;
    if (this.released) this.releaseIfDone();
    else this.report('reset');
  }

  private bufferedSend(): number {
    return this.sendQueue.length + this.seqs.unacknowledged;
  }

  private sendLimit(): number {
    return Math.max(1, this.options.sendBufferBytes);
  }

  protected override optionChanged(name: keyof SocketOptions): void {
    if (name === 'receiveBufferBytes' && this.state === 'connected') this.acknowledge();
  }

  /** True when nothing this socket sent is still in flight or waiting to be sent. */
  protected transferQuiet(): boolean {
    return (!this.out || this.out.isEmpty) && this.sendQueue.length === 0 && !(this.finPending && !this.finSent);
  }

  /** The buffers, for world dumps. */
  protected transferDetail(parts: string[]): void {
    if (this.sendQueue.length || this.seqs.unacknowledged) {
      parts.push(`unsent ${this.sendQueue.length} in-flight ${this.out?.bytesInFlight ?? 0} unacknowledged ${this.seqs.unacknowledged}`);
    }
    if (this.recvQueue.length) parts.push(`unread ${this.recvQueue.length}`);
    if (this.urgentQueue.length) parts.push(`urgent ${this.urgentQueue.length}`);
  }
}
