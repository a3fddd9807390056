// One simulated machine: an address, port tables for TCP and UDP, ephemeral port allocation and
// the sockets that are still open (including closed ones whose last bytes are still in flight).
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS, formatIPv4, isLoopback } from '../ipv4.ts';
import type { NetError, NetHost, SocketKind } from '../network.ts';
import { DatagramSocket } from './datagramSocket.ts';
import type { Prng } from './prng.ts';
import type { SimNetwork } from './simNetwork.ts';
import type { SimSocket } from './simSocket.ts';
import { StreamSocket } from './streamSocket.ts';

/** First and last port of the dynamic range (as Windows Vista and later use). */
export const EPHEMERAL_PORT_FIRST = 49152;
export const EPHEMERAL_PORT_LAST = 65535;

/**
 * One simulated machine: its addresses, its ports (with ephemeral allocation from the dynamic
 * range), and the sockets bound on it. A thread's Winsock calls use a host chosen with
 * useNetworkHost / setDefaultNetworkHost.
 */
export class SimHost implements NetHost {
  /** Sockets by port, per protocol; a port may hold several sockets bound to different addresses. */
  private readonly ports = { stream: new Map<number, SimSocket[]>(), datagram: new Map<number, SimSocket[]>() };
  private readonly sockets = new Set<SimSocket>();
  private nextEphemeral = EPHEMERAL_PORT_FIRST;

  constructor(
    readonly net: SimNetwork,
    readonly name: string,
    readonly address: number,
    /** This host's fork of the network Prng (segmentation and UDP faults of packets it sends). */
    readonly prng: Prng,
  ) {}

  get addresses(): readonly number[] {
    return [this.address];
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  createSocket(kind: SocketKind): SimSocket {
    const socket = kind === 'stream' ? new StreamSocket(this) : new DatagramSocket(this);
    this.sockets.add(socket);
    return socket;
  }

  resolve(name: string): number | undefined {
    return this.net.resolve(name);
  }

  nameOf(address: number): string | undefined {
    return this.net.nameOf(address);
  }

  /** True for addresses a socket on this host may bind to. */
  ownsAddress(address: number): boolean {
    return address === ANY_ADDRESS || address === this.address || isLoopback(address);
  }

  /** The source address for traffic to `destination`. */
  sourceFor(destination: number): number {
    return isLoopback(destination) ? destination : this.address;
  }

  /** Registers `socket` on `local` (port 0: an ephemeral port). */
  bind(socket: SimSocket, local: Endpoint): Endpoint | NetError {
    if (!this.ownsAddress(local.address)) return 'EADDRNOTAVAIL';
    const table = this.ports[socket.kind];
    let port = local.port;
    if (port === 0) {
      const found = this.freeEphemeralPort(table);
      if (found === undefined) return 'EADDRINUSE';
      port = found;
    } else {
      const reuse = socket.getOption('reuseAddress');
      for (const other of table.get(port) ?? []) {
        const overlap = other.localEndpoint!.address === local.address || other.localEndpoint!.address === ANY_ADDRESS || local.address === ANY_ADDRESS;
        if (overlap && !reuse) return 'EADDRINUSE';
      }
    }
    const list = table.get(port);
    if (list) list.push(socket);
    else table.set(port, [socket]);
    return { address: local.address, port };
  }

  /** The socket of `kind` bound to `port` that accepts traffic for `address` (exact binding first). */
  lookup(kind: SocketKind, address: number, port: number, accept: (s: SimSocket) => boolean): SimSocket | undefined {
    const list = this.ports[kind].get(port);
    if (!list) return undefined;
    let wildcard: SimSocket | undefined;
    for (const s of list) {
      if (!accept(s)) continue;
      const bound = s.localEndpoint!.address;
      if (bound === address || (isLoopback(bound) && isLoopback(address))) return s;
      if (bound === ANY_ADDRESS && wildcard === undefined) wildcard = s;
    }
    return wildcard;
  }

  /** Forgets a socket whose every packet has left: frees its port. */
  release(socket: SimSocket): void {
    if (!this.sockets.delete(socket)) return;
    const local = socket.localEndpoint;
    if (!local) return;
    const table = this.ports[socket.kind];
    const list = table.get(local.port);
    if (!list) return;
    const i = list.indexOf(socket);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) table.delete(local.port);
  }

  describe(): string[] {
    const lines = [`host ${this.name} ${formatIPv4(this.address)}`];
    const sorted = [...this.sockets].sort((a, b) => a.id - b.id);
    for (const s of sorted) lines.push(`  ${s.describe()}`);
    return lines;
  }

  private freeEphemeralPort(table: Map<number, SimSocket[]>): number | undefined {
    const span = EPHEMERAL_PORT_LAST - EPHEMERAL_PORT_FIRST + 1;
    for (let i = 0; i < span; i++) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port === EPHEMERAL_PORT_LAST ? EPHEMERAL_PORT_FIRST : port + 1;
      if (!table.has(port)) return port;
    }
    return undefined;
  }
}
