// The deterministic simulated network: hosts, a resolver, the event heap and the fault chain. It
// is an EventSource of the pump's Simulation, so the one wait point advances virtual time to its
// next packet and runs it. Everything random comes from one seeded Prng, forked per host.
import { BROADCAST_ADDRESS, LOOPBACK_ADDRESS, isLoopback, parseIPv4 } from '../ipv4.ts';
import type { Network } from '../network.ts';
import { EventHeap, type Scheduled } from './eventHeap.ts';
import { FaultChain } from './faultRules.ts';
import { LinkHolds } from './linkHolds.ts';
import { Prng } from './prng.ts';
import { SimHost } from './simHost.ts';

/** The seed used when none is given: fixed, never the wall clock. */
export const DEFAULT_SEED = 0x5eed;

/** Anything with a millisecond clock (the pump's VirtualClock). */
export interface NetClock {
  nowMs(): number;
}

/** Tuning of the simulated network. Every field has a default. */
export interface SimNetworkOptions {
  /** Seed of the network's Prng. */
  seed: number;
  /** One-way packet latency: of each TCP segment, each leg of the handshake and each acknowledgement between hosts, each datagram. */
  latencyMs: number;
  /** Extra random latency per packet, 0..jitterMs (TCP stays in order). */
  jitterMs: number;
  /** Largest TCP segment payload. */
  segmentBytesMax: number;
  /** Probability that a TCP segment is cut shorter than the window allows (seeded segmentation). */
  splitRatio: number;
  /** When a dropped TCP segment is sent again. */
  retransmitTimeoutMs: number;
  /** Retransmissions of one segment before the connection is given up (ETIMEDOUT). */
  maxRetransmits: number;
  /**
   * How many more times a connect sends its SYN after a reset refused it, `refusedConnectRetryMs`
   * apart, before it fails with ECONNREFUSED — as Windows does (TcpMaxConnectRetransmissions, 2;
   * windows-facts A.2.7: over 2 s on loopback).
   */
  refusedConnectRetries: number;
  refusedConnectRetryMs: number;
  /** Default SO_SNDBUF / SO_RCVBUF of new sockets. */
  sendBufferBytes: number;
  receiveBufferBytes: number;
  /** Largest listen backlog a listen() call may ask for. */
  backlogMax: number;
  /** UDP only: probability that a datagram is lost, duplicated, or delayed past later ones. */
  lossRatio: number;
  duplicateRatio: number;
  reorderRatio: number;
  /** Extra delay given to a reordered (or duplicated) datagram, 1..reorderDelayMsMax. */
  reorderDelayMsMax: number;
}

export const DEFAULT_SIM_NETWORK_OPTIONS: Readonly<SimNetworkOptions> = {
  seed: DEFAULT_SEED,
  latencyMs: 1,
  jitterMs: 0,
  segmentBytesMax: 1460,
  splitRatio: 0.5,
  retransmitTimeoutMs: 200,
  maxRetransmits: 5,
  refusedConnectRetries: 2,
  refusedConnectRetryMs: 1000,
  sendBufferBytes: 65536,
  receiveBufferBytes: 65536,
  backlogMax: 200,
  lossRatio: 0,
  duplicateRatio: 0,
  reorderRatio: 0,
  reorderDelayMsMax: 5,
};

/**
 * A simulated IPv4 network on virtual time.
 *
 * @example
 * const net = new SimNetwork(simulation.clock, { seed: 42 });
 * simulation.addEventSource(net);
 * const a = net.addHost('alpha', '10.0.0.1');
 */
export class SimNetwork implements Network {
  readonly options: SimNetworkOptions;
  /** The ordered chain of fault rules; specs add and remove rules. */
  readonly faults = new FaultChain();
  readonly prng: Prng;
  private readonly heap = new EventHeap();
  /** Held links (hold/release) and the packets waiting behind them. */
  readonly holds = new LinkHolds((item) => this.heap.schedule(item, this.nowMs()));
  private readonly hosts: SimHost[] = [];
  private nextSocketId = 1;

  constructor(
    private readonly clock: NetClock,
    options: Partial<SimNetworkOptions> = {},
  ) {
    this.options = { ...DEFAULT_SIM_NETWORK_OPTIONS, ...options };
    this.prng = new Prng(this.options.seed);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Adds a host with a name (for the resolver) and an address; its Prng is forked now. */
  addHost(name: string, address: string): SimHost {
    const parsed = parseIPv4(address);
    if (parsed === undefined || isLoopback(parsed) || parsed === 0 || parsed === BROADCAST_ADDRESS) {
      throw new RangeError(`Cannot add host ${name}: ${address} is not a unicast address`);
    }
    if (this.hostByName(name) || this.hostByAddress(parsed)) throw new RangeError(`Cannot add host ${name} (${address}): name or address already in use`);
    const host = new SimHost(this, name, parsed, this.prng.fork());
    this.hosts.push(host);
    return host;
  }

  host(name: string): SimHost | undefined {
    return this.hostByName(name);
  }

  /** The resolver: host names (case-insensitive), "localhost", and dotted addresses. */
  resolve(name: string): number | undefined {
    const dotted = parseIPv4(name);
    if (dotted !== undefined) return dotted;
    if (name.toLowerCase() === 'localhost') return LOOPBACK_ADDRESS;
    return this.hostByName(name)?.address;
  }

  nameOf(address: number): string | undefined {
    return this.hostByAddress(address)?.name;
  }

  /** The host that owns `address` as seen from `from` (127.x is `from` itself). */
  route(from: SimHost, address: number): SimHost | undefined {
    return isLoopback(address) ? from : this.hostByAddress(address);
  }

  /** Every host, in the order they were added (broadcast delivery order). */
  get hostList(): readonly SimHost[] {
    return this.hosts;
  }

  /**
   * Holds the link between hosts `a` and `b` (names or dotted addresses; either direction), or
   * every link, loopback included, when both are omitted — as turmoil's hold: packets on it are
   * kept, not lost (no retransmission, no timeout), until release(). TCP stays in order.
   *
   * @example
   * net.hold('alpha', 'beta');
   * // … alpha's sends to beta wait …
   * net.release('alpha', 'beta'); // they arrive now, in order
   */
  hold(a?: string, b?: string): void {
    this.holds.hold(this.linkEnd(a), this.linkEnd(b));
  }

  /** Releases a hold made by hold() with the same ends: what it kept goes on now, in the order it was sent. */
  release(a?: string, b?: string): void {
    this.holds.release(this.linkEnd(a), this.linkEnd(b));
  }

  allocSocketId(): number {
    return this.nextSocketId++;
  }

  /** One-way transit time of one packet (latency plus seeded jitter). */
  transitMs(): number {
    const { latencyMs, jitterMs } = this.options;
    return jitterMs > 0 ? latencyMs + this.prng.nextInt(0, jitterMs) : latencyMs;
  }

  schedule(item: Scheduled, dueMs: number): void {
    this.heap.schedule(item, dueMs);
  }

  // EventSource ------------------------------------------------------------------------------

  nextDueMs(): number | undefined {
    return this.heap.peekDueMs();
  }

  runDue(nowMs: number): void {
    for (let item = this.heap.popDue(nowMs); item; item = this.heap.popDue(nowMs)) item.fire(nowMs);
  }

  // World dumps --------------------------------------------------------------------------------

  describe(): string[] {
    const lines = [`network seed ${this.options.seed} at ${this.nowMs()} ms: ${this.openSocketCount()} socket(s), ${this.heap.size} pending event(s)`];
    for (const host of this.hosts) lines.push(...host.describe().map((l) => `  ${l}`));
    for (const item of this.heap.list()) lines.push(`  at ${item.dueMs} ms: ${item.describe()}`);
    lines.push(...this.faults.describe().map((l) => `  ${l}`));
    lines.push(...this.holds.describe().map((l) => `  ${l}`));
    return lines;
  }

  openSocketCount(): number {
    let n = 0;
    for (const host of this.hosts) n += host.socketCount;
    return n;
  }

  /** Events on the heap and packets waiting behind a held link. */
  pendingEventCount(): number {
    return this.heap.size + this.holds.parkedCount;
  }

  /** True when no socket is open, nothing is in flight and no link is held. */
  isEmpty(): boolean {
    return this.openSocketCount() === 0 && this.pendingEventCount() === 0 && this.holds.holdCount === 0;
  }

  private linkEnd(name: string | undefined): number | undefined {
    if (name === undefined) return undefined;
    const address = this.resolve(name);
    if (address === undefined) throw new RangeError(`Cannot hold a link to ${name}: no such host`);
    return address;
  }

  private hostByName(name: string): SimHost | undefined {
    const lower = name.toLowerCase();
    return this.hosts.find((h) => h.name.toLowerCase() === lower);
  }

  private hostByAddress(address: number): SimHost | undefined {
    return this.hosts.find((h) => h.address === address);
  }
}
