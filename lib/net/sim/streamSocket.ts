// A simulated TCP socket: the three-leg handshake, listen backlog, send and receive buffers with
// a receive window, seeded segmentation, urgent bytes, FIN, RST and half-close.
// The handshake (windows-facts A.10): the SYN makes a half-open connection on the listener, which
// answers SYN-ACK; the SYN-ACK connects the client, which answers ACK; the ACK completes the
// listener's connection, which only then is acceptable. Each leg takes the link's latency and goes
// through the fault chain. Across hosts causality orders the two ends (client connected after two
// legs, FD_ACCEPT after three, A.10.3). On one host the kernel runs the three legs together, so
// the client's connect completes with the ACK's arrival, just after the listener's connection
// (A.10.2: FD_ACCEPT, then FD_CONNECT and FD_WRITE of the client, then the accepted socket's).
// Acknowledgements follow the same rule: sent bytes fill the send buffer until acknowledged, and
// a read opens the window for the sender only once an acknowledgement carries it; on one host both
// happen at the arrival or the read, across hosts a leg later.
// Simplifications (each chosen so that the Windows behaviour the specs check stays exact):
// - acknowledgements are never lost or delayed by fault rules, and one goes out per arrival and
//   per read (no delayed ACK, no Nagle);
// - a send is accepted whole while the send buffer is not full (as Windows does, windows-facts
//   A.3.3), and refused (EWOULDBLOCK) when it is.
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS } from '../ipv4.ts';
import type { NetError, NetSocket, SocketOptions } from '../network.ts';
import { ByteQueue } from './byteQueue.ts';
import { Later } from './later.ts';
import { ListenQueue } from './listenQueue.ts';
import { StreamWindow, type Acknowledgement } from './streamWindow.ts';
import { Pipe, type Segment, type SegmentSink } from './pipe.ts';
import type { SimHost } from './simHost.ts';
import { SimSocket } from './simSocket.ts';

export class StreamSocket extends SimSocket implements SegmentSink {
  /** Segments from this socket to its peer. */
  private out: Pipe | null = null;
  private peer: StreamSocket | null = null;
  private readonly sendQueue = new ByteQueue();
  private readonly recvQueue = new ByteQueue();
  private urgentQueue: number[] = [];
  /** Stream offsets (counted over every byte ever queued) of urgent bytes not yet transmitted. */
  private urgentMarks: number[] = [];
  private queuedTotal = 0;
  /** Sent, acknowledged and received stream offsets, and the peer's receive window. */
  private readonly seqs = new StreamWindow();
  private finPending = false;
  private finSent = false;
  /** The send buffer was full; report 'writable' when it is not. */
  private wasFull = false;
  /** Listening: the half-open and complete connections. */
  private queue: ListenQueue<StreamSocket> | null = null;
  /** A half-open accepted end (SYN received, ACK not yet): the listener whose queue holds it. */
  private acceptor: StreamSocket | null = null;

  constructor(host: SimHost) {
    super(host, 'stream');
  }

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

  get pendingConnections(): number {
    return this.queue ? this.queue.completeCount : 0;
  }

  override listen(backlog: number): NetError | undefined {
    if (this.released) return 'EINVAL';
    if (this.state === 'connected' || this.state === 'connecting') return 'EISCONN';
    if (!this.localEndpoint) return 'EINVAL';
    this.state = 'listening';
    this.queue = new ListenQueue(Math.max(1, Math.min(Math.floor(backlog) || 1, this.host.net.options.backlogMax)));
    return undefined;
  }

  connect(remote: Endpoint): NetError | undefined {
    if (this.released || this.state === 'listening') return 'EINVAL';
    if (this.state === 'connecting') return 'EALREADY';
    if (this.state === 'connected') return 'EISCONN';
    if (remote.address === ANY_ADDRESS || remote.port === 0) return 'EADDRNOTAVAIL';
    const err = this.ensureBound();
    if (err) return err;
    this.localEndpoint = this.sourceEndpoint(remote);
    this.remoteEndpoint = { address: remote.address, port: remote.port };
    this.state = 'connecting';
    const net = this.host.net;
    if (!net.route(this.host, remote.address)) {
      // Nobody answers the SYNs: the attempt times out after the retransmissions.
      const giveUpMs = net.options.retransmitTimeoutMs * (net.options.maxRetransmits + 1);
      net.schedule(new Later(`connect #${this.id} times out`, () => this.connectFailed('ETIMEDOUT')), net.nowMs() + giveUpMs);
      return undefined;
    }
    this.out = new Pipe(net, this.localEndpoint, this.remoteEndpoint, this, this);
    this.out.push('syn', null);
    return undefined;
  }

  override accept(): NetSocket | NetError {
    if (this.state !== 'listening' || this.released) return 'EINVAL';
    return this.queue?.take() ?? 'EWOULDBLOCK';
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
    this.sendQueue.push(data.slice());
    this.queuedTotal += data.length;
    if (urgent) this.urgentMarks.push(this.queuedTotal - 1);
    if (this.bufferedSend() >= this.sendLimit()) this.wasFull = true;
    this.transmit();
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

  close(abort: boolean): void {
    if (this.released) return;
    this.released = true;
    this.listener = null;
    if (this.state === 'listening') {
      // Connections nobody accepted, half-open ones included, are reset.
      for (const child of this.queue?.drain() ?? []) child.close(true);
    } else if (this.acceptor) {
      this.abandonHalfOpen(true);
    } else if (this.state === 'connected' && !this.resetError) {
      // Closing with unread data aborts the connection, as TCP stacks do.
      if (abort || this.recvQueue.length > 0 || this.urgentQueue.length > 0) this.sendReset();
      else if (!this.sendShut || !this.finSent) {
        this.sendShut = true;
        this.finPending = true;
        this.transmit();
      }
    }
    this.releaseIfDone();
  }

  // Arrivals (SegmentSink) -------------------------------------------------------------------

  segmentArrived(_pipe: Pipe, segment: Segment): void {
    if (segment.fate === 'reset') {
      // A fault rule turned the segment into resets for both ends. The connecting socket is the
      // sink of its own SYN, so there is no other end yet.
      const other = segment.kind === 'syn' ? null : this.peer;
      other?.abort('ECONNRESET');
      this.abort('ECONNRESET');
      return;
    }
    switch (segment.kind) {
      case 'syn':
        // The connecting socket is the sink of its own SYN: it plays the destination's network.
        this.synArrived();
        return;
      case 'synack':
        this.synAckArrived();
        return;
      case 'ack':
        this.ackArrived();
        return;
      case 'data':
      case 'urgent':
        if (this.released) {
          // Nobody will read this: tell the sender the connection is gone.
          if (!this.resetError) this.sendReset();
          return;
        }
        this.seqs.receivedTotal += segment.bytes!.length;
        if (this.receiveShut) {
          // Shut for receiving: the bytes are taken and dropped.
        } else if (segment.kind === 'urgent' && !this.options.urgentInline) {
          this.urgentQueue.push(segment.bytes![0]!);
          this.report('urgent');
        } else {
          this.recvQueue.push(segment.bytes!);
          this.report('readable');
        }
        this.acknowledge();
        return;
      case 'fin':
        if (this.peerClosed) return;
        this.peerClosed = true;
        if (!this.released) this.report('peerClosed');
        return;
      case 'rst':
        // A reset answering the SYN refuses the connect; one from the other end of a handshake
        // (its listener closed) resets it.
        if (this.acceptor) this.abandonHalfOpen(false);
        else if (this.state === 'connecting') this.connectFailed(this.peer ? 'ECONNRESET' : 'ECONNREFUSED');
        else this.takeReset('ECONNRESET');
        return;
    }
  }

  retransmitsExhausted(_pipe: Pipe, segment: Segment): void {
    // A handshake that cannot finish fails at both ends; otherwise the sender gives up.
    const other = segment.kind === 'synack' || segment.kind === 'ack' ? this.peer : null;
    this.abort('ETIMEDOUT');
    other?.abort('ETIMEDOUT');
    this.releaseIfDone();
  }

  // The handshake (windows-facts A.10) -------------------------------------------------------

  /** Leg 1, the SYN reached its destination: a half-open connection answers SYN-ACK, or a reset refuses it. */
  private synArrived(): void {
    const remote = this.remoteEndpoint!;
    const destHost = this.host.net.route(this.host, remote.address);
    const listener = destHost?.lookup('stream', remote.address, remote.port, (s) => s.state === 'listening' && !s.released) as
      | StreamSocket
      | undefined;
    if (!destHost || !listener?.queue?.hasRoom) {
      // Refused: the destination answers with a reset.
      new Pipe(this.host.net, remote, this.localEndpoint!, this, this).push('rst', null);
      this.out = null;
      return;
    }
    const child = destHost.createSocket('stream') as StreamSocket;
    for (const name of ['sendBufferBytes', 'receiveBufferBytes', 'urgentInline', 'noDelay', 'keepAlive'] as const) {
      (child.options as Record<keyof SocketOptions, unknown>)[name] = listener.options[name];
    }
    child.localEndpoint = { address: remote.address, port: remote.port };
    child.remoteEndpoint = this.localEndpoint;
    child.state = 'connecting';
    child.acceptor = listener;
    listener.queue.addHalfOpen(child);
    child.peer = this;
    this.peer = child;
    // Each end's first segment (SYN, SYN-ACK) advertises its receive window.
    child.seqs.open(this.options.receiveBufferBytes);
    this.seqs.open(child.options.receiveBufferBytes);
    this.out!.sink = child;
    child.out = new Pipe(this.host.net, child.localEndpoint, child.remoteEndpoint!, child, this);
    child.out.push('synack', null);
  }

  /** Leg 2, the SYN-ACK reached the client: it answers ACK, and across hosts it is connected now. */
  private synAckArrived(): void {
    if (this.state !== 'connecting' || !this.out) return;
    if (this.released) {
      // Closed while connecting: the connection is refused from this end.
      this.out.push('rst', null);
      this.state = 'idle';
      this.peer = null;
      return;
    }
    this.out.push('ack', null);
    if (this.peer?.host !== this.host) this.establish();
  }

  /** Leg 3, the ACK reached the listener's end: the connection is acceptable; on one host the client's connect completes with it. */
  private ackArrived(): void {
    const listener = this.acceptor;
    if (!listener || this.state !== 'connecting') return;
    this.acceptor = null;
    listener.queue?.promote(this);
    this.state = 'connected';
    listener.report('acceptable');
    const client = this.peer;
    if (client && client.host === this.host && client.state === 'connecting') client.establish();
  }

  /** The connect has succeeded: report it (or, closed meanwhile, reset the connection). */
  private establish(): void {
    this.state = 'connected';
    this.connectError = undefined;
    if (this.released) return this.sendReset();
    this.report('connected');
    this.transmit();
  }

  /** Ends this end of a connection that failed: a connect fails, a connection is reset, a half-open one vanishes. */
  private abort(error: NetError): void {
    if (this.acceptor) this.abandonHalfOpen(false);
    else if (this.state === 'connecting') this.connectFailed(error);
    else this.takeReset(error);
  }

  /**
   * Forgets a half-open connection (nobody has seen it); `notify` tells the client with a reset
   * (its listener closed).
   */
  private abandonHalfOpen(notify: boolean): void {
    this.acceptor?.queue?.forget(this);
    this.acceptor = null;
    this.released = true;
    this.state = 'idle';
    if (notify && this.out) this.out.push('rst', null);
    else this.out?.discard();
    this.peer = null;
    this.releaseIfDone();
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
  private transmit(): void {
    const out = this.out;
    const peer = this.peer;
    if (!out || !peer || this.state !== 'connected' || this.resetError) return;
    const prng = this.host.prng;
    const { segmentBytesMax, splitRatio } = this.host.net.options;
    while (this.sendQueue.length > 0) {
      const window = this.seqs.usable;
      if (window <= 0) break;
      const mark = this.urgentMarks[0];
      if (mark === this.seqs.sentTotal) {
        this.urgentMarks.shift();
        this.seqs.sentTotal += 1;
        out.push('urgent', this.sendQueue.take(1));
        continue;
      }
      let n = Math.min(window, segmentBytesMax, this.sendQueue.frontChunkBytes(), mark === undefined ? Infinity : mark - this.seqs.sentTotal);
      if (n > 1 && prng.chance(splitRatio)) n = prng.nextInt(1, n - 1);
      this.seqs.sentTotal += n;
      out.push('data', this.sendQueue.take(n));
    }
    if (this.sendQueue.length === 0 && this.finPending && !this.finSent) {
      this.finSent = true;
      out.push('fin', null);
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
    const ack = this.seqs.nextAcknowledgement(this.options.receiveBufferBytes - this.recvQueue.length);
    if (peer.host === this.host) return peer.acknowledgementArrived(ack);
    const net = this.host.net;
    net.schedule(new Later(`ack #${this.id} -> #${peer.id} (${ack.ackedTotal})`, () => peer.acknowledgementArrived(ack)), net.nowMs() + net.transitMs());
  }

  /** The peer acknowledged: acknowledged bytes leave the send buffer, and the window may let more go. */
  private acknowledgementArrived(ack: Acknowledgement): void {
    if (this.state !== 'connected' || this.resetError || !this.seqs.acknowledged(ack)) return;
    this.transmit();
    if (this.wasFull && this.bufferedSend() < this.sendLimit()) {
      this.wasFull = false;
      if (!this.released) this.report('writable');
    }
    this.releaseIfDone();
  }

  private sendReset(): void {
    this.sendQueue.clear();
    this.urgentMarks = [];
    this.finPending = false;
    if (this.out && this.peer) this.out.push('rst', null);
    this.resetError ??= 'ECONNABORTED';
  }

  private takeReset(error: NetError): void {
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

  private connectFailed(error: NetError): void {
    if (this.state !== 'connecting') return;
    this.state = 'idle';
    this.connectError = error;
    this.remoteEndpoint = undefined;
    this.out?.discard();
    this.out = null;
    this.peer = null;
    if (this.released) this.releaseIfDone();
    else this.report('connectFailed');
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

  protected isQuiet(): boolean {
    if (this.state === 'connecting') return false;
    return (!this.out || this.out.isEmpty) && this.sendQueue.length === 0 && !(this.finPending && !this.finSent);
  }

  protected detail(): string {
    const parts: string[] = [];
    if (this.sendQueue.length || this.seqs.unacknowledged) {
      parts.push(`unsent ${this.sendQueue.length} in-flight ${this.out?.bytesInFlight ?? 0} unacknowledged ${this.seqs.unacknowledged}`);
    }
    if (this.recvQueue.length) parts.push(`unread ${this.recvQueue.length}`);
    if (this.urgentQueue.length) parts.push(`urgent ${this.urgentQueue.length}`);
    if (this.queue?.completeCount || this.queue?.halfOpenCount) {
      parts.push(`backlog ${this.queue.completeCount} + ${this.queue.halfOpenCount} half-open / ${this.queue.max}`);
    }
    if (this.connectError) parts.push(`connect error ${this.connectError}`);
    return parts.length ? ` (${parts.join(', ')})` : '';
  }
}
