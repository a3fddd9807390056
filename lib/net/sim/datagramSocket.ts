// A simulated UDP socket: datagrams up to 65,507 bytes, a receive buffer that drops what does not
// fit, truncation on a short read, broadcast (only with the broadcast option), and the seeded
// loss, duplication and reordering of the network options plus the fault chain. Not modelled:
// ICMP "port unreachable" (Windows reports it as WSAECONNRESET on a later recvfrom).
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS, BROADCAST_ADDRESS, formatEndpoint } from '../ipv4.ts';
import type { NetError } from '../network.ts';
import { datagramDestination, datagramReceived, datagramReceiveRefused, shutdownDatagram, UDP_PAYLOAD_MAX } from '../datagramRules.ts';
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

  constructor(host: SimHost) {
    super(host, 'datagram');
  }

  get readableBytes(): number {
    return this.head < this.queue.length ? this.queue[this.head]!.bytes.length : 0;
  }

  get hasReadable(): boolean {
    return this.head < this.queue.length;
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
    const dest = datagramDestination(this, data.length, to, this.options.broadcast, (address) => address === BROADCAST_ADDRESS);
    if (typeof dest === 'string') return dest;
    const isBroadcast = dest.address === BROADCAST_ADDRESS;
    const err = this.ensureBound();
    if (err) return err;
    const net = this.host.net;
    const bytes = data.slice();
    const targets = isBroadcast ? net.hostList : [net.route(this.host, dest.address)];
    for (const target of targets) {
      if (!target) continue; // Unknown address: the datagram vanishes, as UDP does.
      const from = isBroadcast ? { address: this.host.address, port: this.localEndpoint!.port } : this.sourceEndpoint(dest);
      this.launch(target, dest, from, bytes);
    }
    return data.length;
  }

  override send(data: Uint8Array): number | NetError {
    return this.remoteEndpoint ? this.sendTo(data, undefined) : 'ENOTCONN';
  }

  receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError {
    const refused = datagramReceiveRefused(this, urgent);
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
    for (let i = 0; i < copies; i++) {
      const what = `udp ${formatEndpoint(from)} -> ${formatEndpoint(dest)} (${bytes.length} bytes)`;
      const arrival = new Later(what, () => deliverDatagram(target, dest, from, bytes));
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
    return n ? ` (${n} datagram(s), ${this.queuedBytes} bytes unread)` : '';
  }
}

/** Hands a datagram that reached `host` to the socket bound to its port, if any. */
function deliverDatagram(host: SimHost, dest: Endpoint, from: Endpoint, bytes: Uint8Array): void {
  const address = dest.address === BROADCAST_ADDRESS ? host.address : dest.address;
  const socket = host.lookup('datagram', address, dest.port, (s) => {
    if (s.released) return false;
    const peer = s.remoteEndpoint;
    return !peer || (peer.address === from.address && peer.port === from.port);
  }) as DatagramSocket | undefined;
  socket?.enqueue({ bytes, from });
}
