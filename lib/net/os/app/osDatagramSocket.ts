// A UDP socket of the OS network, application side. Datagrams travel through the rings whole,
// each behind a 12-byte header (length, address, port); sendto never waits, recvfrom takes one
// datagram. ICMP "port unreachable" is reported as Linux reports it (windows-facts A.13.5): to a
// connected socket only, as ECONNRESET on the next recv/recvfrom (RX_UNREACHABLE); an unconnected
// socket never hears of it, where Windows fails its next recvfrom with WSAECONNRESET.
import type { Endpoint } from '../../ipv4.ts';
import { ANY_ADDRESS, isLoopback, LOOPBACK_ADDRESS, LOOPBACK_BROADCAST_ADDRESS } from '../../ipv4.ts';
import type { NetError, NetSocket } from '../../network.ts';
import { datagramDestination, datagramReceived, datagramReceiveRefused, shutdownDatagram } from '../../datagramRules.ts';
import {
  allocateShared, DATAGRAM_HEADER_BYTES, DATAGRAM_PAYLOAD_MAX, errorName, KICK_SEND, OP_BIND_DATAGRAM, OP_CLOSE,
  OP_CONNECT_DATAGRAM, RX_DATAGRAM_BYTES, RX_DATAGRAMS, RX_UNREACHABLE, WANT_WRITABLE,
} from '../shared/protocol.ts';
import { OsSocket } from './osSocket.ts';

export class OsDatagramSocket extends OsSocket {
  constructor(id?: number) {
    super('datagram', id);
  }

  get readableBytes(): number {
    return this.hasReadable ? this.rx!.peekDatagram().length : 0;
  }

  /** A datagram is queued, or an ICMP report waits to fail the next recv. */
  get hasReadable(): boolean {
    return this.ctrl !== null && (Atomics.load(this.ctrl, RX_DATAGRAMS) > 0 || Atomics.load(this.ctrl, RX_UNREACHABLE) > 0);
  }

  get writable(): boolean {
    return !this.released && !this.sendShut && (this.tx === null || this.tx.space() > DATAGRAM_HEADER_BYTES);
  }

  bind(local: Endpoint): NetError | undefined {
    if (this.released || this.bound) return 'EINVAL';
    const link = this.acquire();
    if (typeof link === 'string') return link;
    // Room for the headers of many small datagrams, and always for one of the largest.
    const receive = Math.max(1, this.options.receiveBufferBytes);
    const sab = allocateShared(2 * receive + DATAGRAM_PAYLOAD_MAX + DATAGRAM_HEADER_BYTES, 2 * Math.max(1, this.options.sendBufferBytes) + DATAGRAM_PAYLOAD_MAX + DATAGRAM_HEADER_BYTES);
    const reply = link.request(OP_BIND_DATAGRAM, this.id, local.address, local.port, 0, { sab, reuse: this.options.reuseAddress, broadcast: this.options.broadcast });
    if (!reply) return 'ENETDOWN';
    const error = errorName(reply[0]!);
    if (error) return error;
    this.useShared(sab);
    // The receive limit counts payload bytes, as the simulated network's does.
    this.rx!.limit = this.options.receiveBufferBytes;
    this.bound = { address: reply[1]! >>> 0, port: reply[2]! };
    return undefined;
  }

  /**
   * The implicit bind of a first sendto or connect. Differs: Windows binds to INADDR_ANY; toward a
   * loopback destination this binds 127.0.0.1, so that a loopback-only program never opens a port
   * on the machine's other interfaces.
   */
  private ensureBound(toward: number): NetError | undefined {
    if (this.bound) return undefined;
    return this.bind({ address: isLoopback(toward) || toward === LOOPBACK_BROADCAST_ADDRESS ? LOOPBACK_ADDRESS : ANY_ADDRESS, port: 0 });
  }

  listen(): NetError | undefined {
    return 'EOPNOTSUPP';
  }

  accept(): NetSocket | NetError {
    return 'EOPNOTSUPP';
  }

  connect(remote: Endpoint): NetError | undefined {
    if (this.released) return 'EINVAL';
    if (remote.address === ANY_ADDRESS) {
      // Connecting to the any-address dissolves the association, as on Windows.
      this.remoteEndpoint = undefined;
      this.current = 'idle';
      if (this.link && this.ctrl) this.link.command(OP_CONNECT_DATAGRAM, this.id, 0, 0);
      return undefined;
    }
    if (remote.port === 0) return 'EADDRNOTAVAIL';
    const err = this.ensureBound(remote.address);
    if (err) return err;
    this.remoteEndpoint = { address: remote.address, port: remote.port };
    this.current = 'connected';
    this.link!.command(OP_CONNECT_DATAGRAM, this.id, remote.address, remote.port);
    return undefined;
  }

  sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError {
    const dest = datagramDestination(this, data.length, to, this.options.broadcast, this.netDown);
    if (typeof dest === 'string') return dest;
    const err = this.ensureBound(dest.address);
    if (err) return err;
    const tx = this.tx!;
    if (tx.space() < DATAGRAM_HEADER_BYTES + data.length) {
      Atomics.store(this.ctrl!, WANT_WRITABLE, 1);
      if (tx.space() < DATAGRAM_HEADER_BYTES + data.length) return 'EWOULDBLOCK';
      Atomics.store(this.ctrl!, WANT_WRITABLE, 0);
    }
    tx.writeDatagram(data, dest.address, dest.port);
    this.kick(KICK_SEND);
    return data.length;
  }

  override send(data: Uint8Array): number | NetError {
    return this.remoteEndpoint ? this.sendTo(data, undefined) : 'ENOTCONN';
  }

  receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError {
    const unreachable = this.ctrl ? Atomics.load(this.ctrl, RX_UNREACHABLE) : 0;
    const refused = datagramReceiveRefused(this, urgent, this.netDown, unreachable);
    if (refused === 'ECONNRESET') Atomics.sub(this.ctrl!, RX_UNREACHABLE, 1);
    if (refused) return refused;
    if (!this.hasReadable) return 'EWOULDBLOCK';
    const rx = this.rx!;
    const datagram = rx.peekDatagram();
    const n = rx.readDatagram(into, datagram.length, peek);
    if (!peek) {
      Atomics.sub(this.ctrl!, RX_DATAGRAMS, 1);
      Atomics.sub(this.ctrl!, RX_DATAGRAM_BYTES, datagram.length);
    }
    return datagramReceived(datagram.length, into.length, n, datagram, from);
  }

  shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined {
    return shutdownDatagram(this, how);
  }

  close(): void {
    if (this.released) return;
    this.releaseHere();
    if (this.link?.alive() && this.ctrl) this.link.command(OP_CLOSE, this.id, 0);
  }
}
