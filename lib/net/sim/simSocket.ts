// What stream and datagram sockets of the simulated network share: identity, the listener, the
// local and remote endpoints, options, binding, and the rule that a closed socket stays on its
// host until its last packet has left (so the empty-world check sees lingering traffic).
import type { Endpoint } from '../ipv4.ts';
import { ANY_ADDRESS, formatEndpoint } from '../ipv4.ts';
import type { NetChange, NetError, NetSocket, SocketKind, SocketListener, SocketOptions, SocketState } from '../network.ts';
import type { SimHost } from './simHost.ts';

export abstract class SimSocket implements NetSocket {
  readonly id: number;
  listener: SocketListener | null = null;
  state: SocketState = 'idle';
  localEndpoint: Endpoint | undefined;
  remoteEndpoint: Endpoint | undefined;
  connectError: NetError | undefined;
  resetError: NetError | undefined;
  peerClosed = false;
  sendShut = false;
  receiveShut = false;
  /** The application released the socket; it lingers only while packets are in flight. */
  released = false;
  protected readonly options: SocketOptions;

  constructor(
    readonly host: SimHost,
    readonly kind: SocketKind,
  ) {
    this.id = host.net.allocSocketId();
    const defaults = host.net.options;
    this.options = {
      sendBufferBytes: defaults.sendBufferBytes,
      receiveBufferBytes: defaults.receiveBufferBytes,
      broadcast: false,
      urgentInline: false,
      reuseAddress: false,
      noDelay: false,
      keepAlive: false,
    };
  }

  abstract readonly readableBytes: number;
  abstract readonly hasReadable: boolean;
  abstract readonly urgentBytes: number;
  abstract readonly writable: boolean;
  abstract readonly pendingConnections: number;

  getOption<K extends keyof SocketOptions>(name: K): SocketOptions[K] {
    return this.options[name];
  }

  setOption<K extends keyof SocketOptions>(name: K, value: SocketOptions[K]): NetError | undefined {
    if ((name === 'sendBufferBytes' || name === 'receiveBufferBytes') && !(Number(value) >= 0)) return 'EINVAL';
    this.options[name] = value;
    this.optionChanged(name);
    return undefined;
  }

  bind(local: Endpoint): NetError | undefined {
    if (this.state === 'closed') return 'EINVAL';
    if (this.localEndpoint) return 'EINVAL';
    const bound = this.host.bind(this, local);
    if (typeof bound === 'string') return bound;
    this.localEndpoint = bound;
    return undefined;
  }

  /** Binds to an ephemeral port on every address if not bound yet (an implicit bind). */
  protected ensureBound(): NetError | undefined {
    return this.localEndpoint ? undefined : this.bind({ address: ANY_ADDRESS, port: 0 });
  }

  /** The address this socket uses as the source of packets to `remote`. */
  protected sourceEndpoint(remote: Endpoint): Endpoint {
    const local = this.localEndpoint!;
    return local.address === ANY_ADDRESS ? { address: this.host.sourceFor(remote.address), port: local.port } : local;
  }

  listen(_backlog: number): NetError | undefined {
    return 'EOPNOTSUPP';
  }

  accept(): NetSocket | NetError {
    return 'EOPNOTSUPP';
  }

  send(_data: Uint8Array, _urgent: boolean): number | NetError {
    return 'EOPNOTSUPP';
  }

  abstract connect(remote: Endpoint): NetError | undefined;
  abstract sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError;
  abstract receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError;
  abstract shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined;
  abstract close(abort: boolean): void;

  /** Tells the listener, if any. Only ever called from the network's event processing. */
  protected report(change: NetChange): void {
    this.listener?.socketChanged(this, change);
  }

  /** Frees the socket once it is released and has nothing left in flight. */
  protected releaseIfDone(): void {
    if (this.released && this.isQuiet()) this.host.release(this);
  }

  /** True when nothing this socket sent is still in flight. */
  protected abstract isQuiet(): boolean;

  protected optionChanged(_name: keyof SocketOptions): void {}

  describe(): string {
    const flags = [
      this.released ? 'released' : '',
      this.peerClosed ? 'peer-closed' : '',
      this.resetError ? `reset(${this.resetError})` : '',
      this.sendShut ? 'send-shut' : '',
      this.receiveShut ? 'receive-shut' : '',
    ].filter(Boolean);
    return `#${this.id} ${this.kind} ${this.state} ${formatEndpoint(this.localEndpoint)} -> ${formatEndpoint(this.remoteEndpoint)}${flags.length ? ` [${flags.join(' ')}]` : ''}${this.detail()}`;
  }

  protected abstract detail(): string;
}
