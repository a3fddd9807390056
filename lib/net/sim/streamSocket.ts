// A simulated TCP socket: how a connection comes to be and ends — the three-leg handshake, the
// listen backlog, connect, accept and close.
// The handshake (windows-facts A.10): the SYN makes a half-open connection on the listener, which
// answers SYN-ACK; the SYN-ACK connects the client, which answers ACK; the ACK completes the
// listener's connection, which only then is acceptable. Each leg takes the link's latency and goes
// through the fault chain. Across hosts causality orders the two ends (client connected after two
// legs, FD_ACCEPT after three, A.10.3). On one host the kernel runs the three legs together, so
// the client's connect completes with the ACK's arrival, just after the listener's connection
// (A.10.2: FD_ACCEPT, then FD_CONNECT and FD_WRITE of the client, then the accepted socket's).
// Acknowledgements, buffers, FIN and RST are StreamTransfer's (streamTransfer.ts).
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS } from '../ipv4.ts';
import type { NetError, NetSocket, SocketOptions } from '../network.ts';
import { Later } from './later.ts';
import { ListenQueue } from './listenQueue.ts';
import { Pipe, type Segment, type SegmentSink } from './pipe.ts';
import type { SimHost } from './simHost.ts';
import { StreamTransfer } from './streamTransfer.ts';

/** A simulated TCP socket: connecting, listening, accepting and closing (windows-facts A.10). */
export class StreamSocket extends StreamTransfer implements SegmentSink {
  /** Listening: the half-open and complete connections. */
  private queue: ListenQueue<StreamSocket> | null = null;
  /** A half-open accepted end (SYN received, ACK not yet): the listener whose queue holds it. */
  private acceptor: StreamSocket | null = null;
  /** Connecting: SYNs sent again after a reset refused the connect (windows-facts A.2.7). */
  private refusedRetries = 0;

  constructor(host: SimHost) {
    super(host, 'stream');
  }

  /** The other end: every peer of a StreamSocket is one. */
  private get peerSocket(): StreamSocket | null {
    return this.peer as StreamSocket | null;
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
    this.refusedRetries = 0;
    const net = this.host.net;
    if (!net.route(this.host, remote.address)) {
      // Nobody answers the SYNs: the attempt times out after the retransmissions.
      const giveUpMs = net.options.retransmitTimeoutMs * (net.options.maxRetransmits + 1);
      net.schedule(new Later(`connect #${this.id} times out`, () => this.connectFailed('ETIMEDOUT')), net.nowMs() + giveUpMs);
      return undefined;
    }
    this.sendSyn();
    return undefined;
  }

  private sendSyn(): void {
    this.out = new Pipe(this.host.net, this.localEndpoint!, this.remoteEndpoint!, this, this);
    this.out.push('syn');
  }

  /**
   * A reset answered the SYN. Windows does not give up at once: it sends the SYN again, a fixed
   * interval apart, and a listener that appears meanwhile gets the connection (windows-facts A.2.7).
   */
  private refused(): void {
    const net = this.host.net;
    if (this.released || this.refusedRetries >= net.options.refusedConnectRetries) return this.connectFailed('ECONNREFUSED');
    this.refusedRetries++;
    const retry = () => {
      if (this.state !== 'connecting') return;
      if (this.released) return this.connectFailed('ECONNREFUSED');
      this.sendSyn();
    };
    net.schedule(new Later(`connect #${this.id} sends its SYN again (${this.refusedRetries})`, retry), net.nowMs() + net.options.refusedConnectRetryMs);
  }

  override accept(): NetSocket | NetError {
    if (this.state !== 'listening' || this.released) return 'EINVAL';
    return this.queue?.take() ?? 'EWOULDBLOCK';
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
      this.closeConnected(abort);
    }
    this.releaseIfDone();
  }

  // Arrivals (SegmentSink) -------------------------------------------------------------------

  segmentArrived(pipe: Pipe, segment: Segment): void {
    // Data first: every FD_READ starts here, and this test compiles into the pipe.
    if (segment.kind === 'data' && segment.fate !== 'reset') return this.streamSegmentArrived(pipe, segment);
    this.otherSegmentArrived(pipe, segment);
  }

  private otherSegmentArrived(pipe: Pipe, segment: Segment): void {
    if (segment.fate === 'reset') {
      // A fault rule turned the segment into resets for both ends. The connecting socket is the
      // sink of its own SYN, so there is no other end yet.
      const other = segment.kind === 'syn' ? null : this.peerSocket;
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
      case 'fin':
        this.streamSegmentArrived(pipe, segment);
        return;
      case 'rst':
        // A reset answering the SYN refuses the connect; one from the other end of a handshake
        // (its listener closed) resets it; otherwise it resets the connection (peerResetError).
        if (this.acceptor) this.abandonHalfOpen(false);
        else if (this.state === 'connecting' && this.peer) this.connectFailed('ECONNRESET');
        else if (this.state === 'connecting') this.refused();
        else this.takeReset(this.peerResetError());
        return;
    }
  }

  retransmitsExhausted(_pipe: Pipe, segment: Segment): void {
    // A handshake that cannot finish fails at both ends; otherwise the sender gives up.
    const other = segment.kind === 'synack' || segment.kind === 'ack' ? this.peerSocket : null;
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
      new Pipe(this.host.net, remote, this.localEndpoint!, this, this).push('rst');
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
    child.out.push('synack');
  }

  /** Leg 2, the SYN-ACK reached the client: it answers ACK, and across hosts it is connected now. */
  private synAckArrived(): void {
    if (this.state !== 'connecting' || !this.out) return;
    if (this.released) {
      // Closed while connecting: the connection is refused from this end.
      this.out.push('rst');
      this.state = 'idle';
      this.peer = null;
      return;
    }
    this.out.push('ack');
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
    const client = this.peerSocket;
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
    if (notify && this.out) this.out.push('rst');
    else this.out?.discard();
    this.peer = null;
    this.releaseIfDone();
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

  protected isQuiet(): boolean {
    if (this.state === 'connecting') return false;
    return this.transferQuiet();
  }

  protected detail(): string {
    const parts: string[] = [];
    this.transferDetail(parts);
    if (this.queue?.completeCount || this.queue?.halfOpenCount) {
      parts.push(`backlog ${this.queue.completeCount} + ${this.queue.halfOpenCount} half-open / ${this.queue.max}`);
    }
    if (this.connectError) parts.push(`connect error ${this.connectError}`);
    return parts.length ? ` (${parts.join(', ')})` : '';
  }
}
