// A simulated UDP socket: datagrams up to 65,507 bytes, a receive buffer that drops what does not
// fit, truncation on a short read, broadcast (only with the broadcast option), and the seeded
// loss, duplication and reordering of the network options plus the fault chain, and ICMP "port
// unreachable": a datagram that reaches a host where nobody is bound to its port comes back as a
// report that fails the sender's next recv/recvfrom with WSAECONNRESET (windows-facts A.13.5).
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS, BROADCAST_ADDRESS, formatEndpoint, LOOPBACK_ADDRESS, LOOPBACK_BROADCAST_ADDRESS } from '../ipv4.ts';
import type { NetError } from '../network.ts';
import { datagramDestination, datagramReceived, datagramReceiveRefused, isBroadcastAddress, shutdownDatagram, UDP_PAYLOAD_MAX } from '../datagramRules.ts';
import type { PacketInfo } from './faultRules.ts';
import { Later } from './later.ts';
import type { SimHost } from './simHost.ts';
import { SimSocket } from './simSocket.ts';

export { UDP_PAYLOAD_MAX };

interface Datagram {
  bytes: Uint8Array;
  from: Endpoint;
}

export class DatagramSocket extends SimSocket {
  private queue: Datagram[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** ICMP port-unreachable reports not yet taken by a recv/recvfrom. */
  private unreachable = 0;

  constructor(host: SimHost) {
    super(host, 'datagram');
  }

  get readableBytes(): number {
    return this.head < this.queue.length ? this.queue[this.head]!.bytes.length : 0;
  }

  /** A datagram is queued, or an ICMP report waits to fail the next recv (Windows signals it as readable). */
  get hasReadable(): boolean {
    return this.head < this.queue.length || this.unreachable > 0;
  }

  get urgentBytes(): number {
    return 0;
  }

  get writable(): boolean {
    return !this.released && !this.sendShut;
  }

  get pendingConnections(): number {
    return 0;
  }

  connect(remote: Endpoint): NetError | undefined {
    if (this.released) return 'EINVAL';
    if (remote.address === ANY_ADDRESS) {
      // Connecting to the any-address dissolves the association, as on Windows.
      this.remoteEndpoint = undefined;
      this.state = 'idle';
      return undefined;
    }
    if (remote.port === 0) return 'EADDRNOTAVAIL';
    const err = this.ensureBound();
    if (err) return err;
    this.remoteEndpoint = { address: remote.address, port: remote.port };
    this.state = 'connected';
    return undefined;
  }

  sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError {
    const dest = datagramDestination(this, data.length, to, this.options.broadcast);
    if (typeof dest === 'string') return dest;
    const err = this.ensureBound();
    if (err) return err;
    // Nobody can be bound to port 0: the datagram is sent (A.13.1) and nothing arrives.
    if (dest.port === 0) return data.length;
    const net = this.host.net;
    const bytes = data.slice();
    const port = this.localEndpoint!.port;
    if (dest.address === BROADCAST_ADDRESS) {
      for (const target of net.hostList) this.launch(target, dest, { address: this.host.address, port }, bytes);
    } else if (dest.address === LOOPBACK_BROADCAST_ADDRESS) {
      // Loopback's broadcast never leaves the host; it comes from 127.0.0.1.
      this.launch(this.host, dest, { address: LOOPBACK_ADDRESS, port }, bytes);
    } else {
      const target = net.route(this.host, dest.address);
      // Unknown address: the datagram vanishes, as UDP does.
      if (target) this.launch(target, dest, this.sourceEndpoint(dest), bytes);
    }
    return data.length;
  }

  override send(data: Uint8Array): number | NetError {
    return this.remoteEndpoint ? this.sendTo(data, undefined) : 'ENOTCONN';
  }

  receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError {
    const refused = datagramReceiveRefused(this, urgent, false, this.unreachable);
    if (refused === 'ECONNRESET') this.unreachable--;
    if (refused) return refused;
    const datagram = this.queue[this.head];
    if (!datagram) return 'EWOULDBLOCK';
    const n = Math.min(into.length, datagram.bytes.length);
    into.set(datagram.bytes.subarray(0, n));
    if (!peek) this.shift();
    return datagramReceived(datagram.bytes.length, into.length, n, datagram.from, from);
  }

  shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined {
    return shutdownDatagram(this, how);
  }

  close(): void {
    if (this.released) return;
    this.released = true;
    this.listener = null;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.unreachable = 0;
    this.releaseIfDone();
  }

  /** Sends one copy toward `target`, through the fault chain and the seeded UDP faults. */
  private launch(target: SimHost, dest: Endpoint, from: Endpoint, bytes: Uint8Array): void {
    const net = this.host.net;
    const prng = this.host.prng;
    const info: PacketInfo = { protocol: 'udp', kind: 'datagram', from, to: dest, bytes: bytes.length, attempt: 0 };
    const action = net.faults.size === 0 ? 'pass' : net.faults.decide(info);
    if (action === 'drop' || action === 'reset') return;
    if (prng.chance(net.options.lossRatio)) return;
    let dueMs = net.nowMs() + net.transitMs() + (typeof action === 'object' ? action.delayMs : 0);
    if (prng.chance(net.options.reorderRatio)) dueMs += prng.nextInt(1, net.options.reorderDelayMsMax);
    const copies = prng.chance(net.options.duplicateRatio) ? 2 : 1;
    // A hold is of the link between two hosts: a broadcast copy travels on the link to `target`.
    const link = target.ownsAddress(dest.address) ? dest : { address: target.address, port: dest.port };
    for (let i = 0; i < copies; i++) {
      const what = `udp ${formatEndpoint(from)} -> ${formatEndpoint(dest)} (${bytes.length} bytes)`;
      // A held link keeps the datagram; release() fires it again.
      const arrival: Later = new Later(what, () => {
        if (!net.holds.park(arrival, from, link)) deliverDatagram(target, dest, from, bytes, this);
      });
      net.schedule(arrival, i === 0 ? dueMs : dueMs + prng.nextInt(1, net.options.reorderDelayMsMax));
    }
  }

  /** Queues an arrived datagram; false when it was dropped (receive buffer full, or shut down). */
  enqueue(datagram: Datagram): boolean {
    if (this.released || this.receiveShut) return false;
    if (this.queuedBytes + datagram.bytes.length > this.options.receiveBufferBytes) return false;
    this.queue.push(datagram);
    this.queuedBytes += datagram.bytes.length;
    this.report('readable');
    return true;
  }

  /** An ICMP port unreachable for a datagram this socket sent arrived: the next recv fails. */
  portUnreachable(): void {
    if (this.released || this.receiveShut) return;
    this.unreachable++;
    this.report('readable');
  }

  private shift(): void {
    const d = this.queue[this.head++]!;
    this.queuedBytes -= d.bytes.length;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }

  protected isQuiet(): boolean {
    return true;
  }

  protected detail(): string {
    const n = this.queue.length - this.head;
    const icmp = this.unreachable ? ` (${this.unreachable} ICMP port unreachable not yet reported)` : '';
    return (n ? ` (${n} datagram(s), ${this.queuedBytes} bytes unread)` : '') + icmp;
  }
}

/**
 * Hands a datagram that reached `host` to the socket bound to its port. When there is none, a
 * unicast datagram is answered with an ICMP port unreachable, which reaches `sender` one transit
 * later (windows-facts A.13.5); a broadcast is not answered, as hosts do not answer broadcasts.
 */
function deliverDatagram(host: SimHost, dest: Endpoint, from: Endpoint, bytes: Uint8Array, sender: DatagramSocket): void {
  const address = dest.address === BROADCAST_ADDRESS ? host.address : dest.address;
  const socket = host.lookup('datagram', address, dest.port, (s) => {
    if (s.released) return false;
    const peer = s.remoteEndpoint;
    return !peer || (peer.address === from.address && peer.port === from.port);
  }) as DatagramSocket | undefined;
  if (socket) {
    socket.enqueue({ bytes, from });
    return;
  }
  if (isBroadcastAddress(dest.address)) return;
  const net = host.net;
  const what = `icmp port unreachable ${formatEndpoint(dest)} -> ${formatEndpoint(from)}`;
  net.schedule(new Later(what, () => sender.portUnreachable()), net.nowMs() + net.transitMs());
}
