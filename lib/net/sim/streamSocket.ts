// A simulated TCP socket: handshake, listen backlog, send and receive buffers with a receive
// window, seeded segmentation, urgent bytes, FIN, RST and half-close. Simplifications (each
// chosen so that the Windows behaviour the specs check stays exact):
// - one round trip: the listener's backlog gets the connection when the SYN arrives, the client is
//   connected when the SYN-ACK arrives (no separate final ACK);
// - an arrived segment is acknowledged at once: it leaves the sender's buffer on arrival, and a
//   read opens the window at once;
// - a send is accepted whole while the send buffer is not full (as Windows does, windows-facts
//   A.3.3), and refused (EWOULDBLOCK) when it is.
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS } from '../ipv4.ts';
import type { NetError, NetSocket, SocketOptions } from '../network.ts';
import { ByteQueue } from './byteQueue.ts';
import { Later } from './later.ts';
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
  private sentTotal = 0;
  private finPending = false;
  private finSent = false;
  /** The send buffer was full; report 'writable' when it is not. */
  private wasFull = false;
  private backlog: StreamSocket[] = [];
  private backlogMax = 0;

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
    return this.backlog.length;
  }

  override listen(backlog: number): NetError | undefined {
    if (this.released) return 'EINVAL';
    if (this.state === 'connected' || this.state === 'connecting') return 'EISCONN';
    if (!this.localEndpoint) return 'EINVAL';
    this.state = 'listening';
    this.backlogMax = Math.max(1, Math.min(Math.floor(backlog) || 1, this.host.net.options.backlogMax));
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
    const child = this.backlog.shift();
    return child ?? 'EWOULDBLOCK';
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
      if (!peek) this.peer?.transmit();
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
      // Connections nobody accepted are reset.
      for (const child of this.backlog) child.close(true);
      this.backlog = [];
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
      // A fault rule turned the segment into resets for both ends.
      if (segment.kind === 'syn') this.connectFailed('ECONNRESET');
      else {
        this.peer?.takeReset('ECONNRESET');
        this.takeReset('ECONNRESET');
      }
      return;
    }
    switch (segment.kind) {
      case 'syn':
        // The connecting socket is the sink of its own SYN: it plays the destination's network.
        this.synArrived();
        return;
      case 'synack':
        if (this.state !== 'connecting') return;
        this.state = 'connected';
        this.connectError = undefined;
        // Closed while connecting: the connection is refused from this end.
        if (this.released) return this.sendReset();
        this.report('connected');
        this.transmit();
        return;
      case 'data':
      case 'urgent':
        if (this.released || this.receiveShut) {
          // Nobody will read this: tell the sender the connection is gone.
          if (this.released && !this.resetError) this.sendReset();
          return;
        }
        if (segment.kind === 'urgent' && !this.options.urgentInline) {
          this.urgentQueue.push(segment.bytes![0]!);
          this.report('urgent');
        } else {
          this.recvQueue.push(segment.bytes!);
          this.report('readable');
        }
        return;
      case 'fin':
        if (this.peerClosed) return;
        this.peerClosed = true;
        if (!this.released) this.report('peerClosed');
        return;
      case 'rst':
        if (this.state === 'connecting') this.connectFailed('ECONNREFUSED');
        else this.takeReset('ECONNRESET');
        return;
    }
  }

  retransmitsExhausted(_pipe: Pipe, segment: Segment): void {
    if (segment.kind === 'syn') this.connectFailed('ETIMEDOUT');
    else this.takeReset('ETIMEDOUT');
  }

  // Internals ---------------------------------------------------------------------------------

  /** The SYN reached its destination: queue a connection on the listener, or refuse it. */
  private synArrived(): void {
    const remote = this.remoteEndpoint!;
    const destHost = this.host.net.route(this.host, remote.address);
    const listener = destHost?.lookup('stream', remote.address, remote.port, (s) => s.state === 'listening' && !s.released) as
      | StreamSocket
      | undefined;
    if (!destHost || !listener || listener.backlog.length >= listener.backlogMax) {
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
    child.state = 'connected';
    child.peer = this;
    this.peer = child;
    this.out!.sink = child;
    child.out = new Pipe(this.host.net, child.localEndpoint, child.remoteEndpoint!, child, this);
    child.out.push('synack', null);
    listener.backlog.push(child);
    listener.report('acceptable');
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
      const window = peer.options.receiveBufferBytes - peer.recvQueue.length - out.bytesInFlight;
      if (window <= 0) break;
      const mark = this.urgentMarks[0];
      if (mark === this.sentTotal) {
        this.urgentMarks.shift();
        this.sentTotal += 1;
        out.push('urgent', this.sendQueue.take(1));
        continue;
      }
      let n = Math.min(window, segmentBytesMax, this.sendQueue.frontChunkBytes(), mark === undefined ? Infinity : mark - this.sentTotal);
      if (n > 1 && prng.chance(splitRatio)) n = prng.nextInt(1, n - 1);
      this.sentTotal += n;
      out.push('data', this.sendQueue.take(n));
    }
    if (this.sendQueue.length === 0 && this.finPending && !this.finSent) {
      this.finSent = true;
      out.push('fin', null);
    }
  }

  /** A segment this socket sent has arrived: buffer space is free again. */
  segmentDelivered(): void {
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
    this.out = null;
    this.peer = null;
    if (this.released) this.releaseIfDone();
    else this.report('connectFailed');
  }

  private bufferedSend(): number {
    return this.sendQueue.length + (this.out ? this.out.bytesInFlight : 0);
  }

  private sendLimit(): number {
    return Math.max(1, this.options.sendBufferBytes);
  }

  protected override optionChanged(name: keyof SocketOptions): void {
    if (name === 'receiveBufferBytes') this.peer?.transmit();
  }

  protected isQuiet(): boolean {
    if (this.state === 'connecting') return false;
    return (!this.out || this.out.isEmpty) && this.sendQueue.length === 0 && !(this.finPending && !this.finSent);
  }

  protected detail(): string {
    const parts: string[] = [];
    if (this.sendQueue.length || this.out?.bytesInFlight) parts.push(`unsent ${this.sendQueue.length} in-flight ${this.out?.bytesInFlight ?? 0}`);
    if (this.recvQueue.length) parts.push(`unread ${this.recvQueue.length}`);
    if (this.urgentQueue.length) parts.push(`urgent ${this.urgentQueue.length}`);
    if (this.backlog.length) parts.push(`backlog ${this.backlog.length}/${this.backlogMax}`);
    if (this.connectError) parts.push(`connect error ${this.connectError}`);
    return parts.length ? ` (${parts.join(', ')})` : '';
  }
}
