// What the two kinds of OS socket share on the application thread: identity and handle, the
// listener, the options, the kernel object's shared buffer (control block and rings) once the
// network thread has one, readiness changes from the mailbox, the hand-off to another thread,
// and the network thread's death (every call then fails with ENETDOWN).
import type { Endpoint } from '../../ipv4.ts';
import { formatEndpoint } from '../../ipv4.ts';
import type { NetChange, NetError, NetSocket, SocketKind, SocketListener, SocketOptions, SocketState } from '../../network.ts';
import { ByteRing } from '../shared/byteRing.ts';
import { acquireLink, disownSocket, ownSocket, release, type Link, type LinkedSocket } from './networkLink.ts';
import {
  CHANGE_ACCEPTABLE, CHANGE_CONNECT_FAILED, CHANGE_CONNECTED, CHANGE_PEER_CLOSED, CHANGE_READABLE, CHANGE_RESET, CHANGE_WRITABLE,
  CONTROL_INTS, FLAG_FIN, FLAG_RESET, FLAGS, KICK, KICK_RECEIVE_SPACE, LOCAL_ADDRESS, LOCAL_PORT, NOTIFY, OP_KICK, OP_SET_OPTION, OPTION_BROADCAST,
  OPTION_KEEP_ALIVE, OPTION_NO_DELAY, OS_HANDLE_BASE, REMOTE_ADDRESS, REMOTE_PORT, RESET_CODE, errorName,
} from '../shared/protocol.ts';
import { nextSocketId } from '../shared/registry.ts';

/** What the network thread hands a thread that takes a socket over. */
export interface AdoptedSocket {
  id: number;
  sab: SharedArrayBuffer;
  kind: SocketKind;
  state: 'idle' | 'listening' | 'connecting' | 'connected';
  epoch: number;
  remote?: Endpoint | null;
  noDelay?: boolean;
  keepAlive?: boolean;
  broadcast?: boolean;
  receiveShut?: boolean;
  sendShut?: boolean;
}

/** SO_SNDBUF and SO_RCVBUF of a new socket, as Windows reports them. */
export const DEFAULT_BUFFER_BYTES = 65536;

export abstract class OsSocket implements NetSocket, LinkedSocket {
  readonly id: number;
  listener: SocketListener | null = null;
  protected current: SocketState = 'idle';
  remoteEndpoint: Endpoint | undefined;
  connectError: NetError | undefined;
  sendShut = false;
  receiveShut = false;
  /** closesocket was called: nothing is reported any more. */
  released = false;
  /** The socket was handed to another thread; this object is a husk. */
  gone = false;
  protected readonly options: SocketOptions = {
    sendBufferBytes: DEFAULT_BUFFER_BYTES,
    receiveBufferBytes: DEFAULT_BUFFER_BYTES,
    broadcast: false,
    urgentInline: false,
    reuseAddress: false,
    noDelay: false,
    keepAlive: false,
  };
  /** The network thread this socket's kernel object lives on (null until it has one). */
  protected link: Link | null = null;
  protected sab: SharedArrayBuffer | null = null;
  ctrl: Int32Array | null = null;
  protected rx: ByteRing | null = null;
  protected tx: ByteRing | null = null;
  /** Which owner of the kernel object this thread is (bumped by each hand-off). */
  protected epoch = 0;
  protected bound: Endpoint | undefined;

  constructor(
    readonly kind: SocketKind,
    id = nextSocketId(),
  ) {
    this.id = id;
  }

  /** The SOCKET value: process-wide, so that another thread can take the socket over. */
  get handle(): number {
    return OS_HANDLE_BASE + 4 * this.id;
  }

  /** Connection state; a connect still in progress when the network thread died has failed (ENETDOWN). */
  get state(): SocketState {
    if (this.current === 'connecting' && this.netDown) {
      this.current = 'idle';
      this.connectError = 'ENETDOWN';
      this.remoteEndpoint = undefined;
    }
    return this.current;
  }

  get handedOff(): boolean {
    return this.gone;
  }

  get localEndpoint(): Endpoint | undefined {
    return this.bound;
  }

  /** The network thread died: the socket is reset with ENETDOWN. */
  protected get netDown(): boolean {
    return this.link !== null && !this.link.alive();
  }

  get resetError(): NetError | undefined {
    if (this.netDown) return 'ENETDOWN';
    const ctrl = this.ctrl;
    if (!ctrl || !(Atomics.load(ctrl, FLAGS) & FLAG_RESET)) return undefined;
    return errorName(Atomics.load(ctrl, RESET_CODE)) ?? 'ECONNRESET';
  }

  get peerClosed(): boolean {
    const ctrl = this.ctrl;
    return ctrl !== null && (Atomics.load(ctrl, FLAGS) & FLAG_FIN) !== 0;
  }

  get urgentBytes(): number {
    return 0;
  }

  get pendingConnections(): number {
    return 0;
  }

  abstract readonly readableBytes: number;
  abstract readonly hasReadable: boolean;
  abstract readonly writable: boolean;

  getOption<K extends keyof SocketOptions>(name: K): SocketOptions[K] {
    return this.options[name];
  }

  setOption<K extends keyof SocketOptions>(name: K, value: SocketOptions[K]): NetError | undefined {
    if ((name === 'sendBufferBytes' || name === 'receiveBufferBytes') && !(Number(value) >= 0)) return 'EINVAL';
    this.options[name] = value;
    if (name === 'receiveBufferBytes' && this.rx) {
      // The ring was sized when the connection was made; a larger value is capped at that size.
      this.rx.limit = Number(value);
      this.kick(KICK_RECEIVE_SPACE);
    } else if (name === 'sendBufferBytes' && this.tx) {
      this.tx.limit = Number(value);
    } else if (this.link && (name === 'noDelay' || name === 'keepAlive' || name === 'broadcast')) {
      const option = name === 'noDelay' ? OPTION_NO_DELAY : name === 'keepAlive' ? OPTION_KEEP_ALIVE : OPTION_BROADCAST;
      this.link.command(OP_SET_OPTION, this.id, option, value ? 1 : 0);
    }
    return undefined;
  }

  // Kernel object ---------------------------------------------------------------------------------

  /**
   * Counts one more user of the network thread, for a kernel object this socket is about to
   * create (the network thread uncounts it if the creation fails, and when it is released).
   */
  protected acquire(): Link | NetError {
    if (this.link && !this.link.alive()) return 'ENETDOWN';
    const link = acquireLink();
    if (!link) return 'ENETDOWN';
    // A socket stays with the network thread of its first kernel object.
    if (this.link && this.link !== link) {
      release(link);
      return 'ENETDOWN';
    }
    this.link = link;
    ownSocket(this.id, this);
    return link;
  }

  /** Makes `sab` this socket's shared buffer (a new kernel object: bound, connecting, accepted). */
  protected useShared(sab: SharedArrayBuffer, epoch = 0): void {
    this.sab = sab;
    this.epoch = epoch;
    this.ctrl = new Int32Array(sab, 0, CONTROL_INTS);
    this.rx = ByteRing.receiveOf(sab, this.ctrl);
    this.tx = ByteRing.sendOf(sab, this.ctrl);
  }

  /** Reads the local address the network thread wrote. */
  protected readLocal(): Endpoint | undefined {
    const ctrl = this.ctrl!;
    const port = Atomics.load(ctrl, LOCAL_PORT);
    return port === 0 ? undefined : { address: Atomics.load(ctrl, LOCAL_ADDRESS) >>> 0, port };
  }

  /** Asks the network thread to act on the rings (coalesced: one record until it has looked). */
  protected kick(bits: number): void {
    const ctrl = this.ctrl;
    if (!ctrl || !this.link) return;
    if (Atomics.or(ctrl, KICK, bits) === 0) this.link.command(OP_KICK, this.id);
  }

  /** After registering (accept, adoption): changes that arrived before anyone could take them. */
  protected takeEarlyChanges(): void {
    const ctrl = this.ctrl;
    if (!ctrl) return;
    for (;;) {
      const word = Atomics.load(ctrl, NOTIFY);
      if (word >>> 8 !== this.epoch || (word & 0xff) === 0) return;
      if (Atomics.compareExchange(ctrl, NOTIFY, word, word & ~0xff) === word) return this.applyChanges(word & 0xff);
    }
  }

  /** Takes the pending change bits if they are this owner's (the mailbox handler calls this). */
  takeChanges(): number {
    const ctrl = this.ctrl;
    if (!ctrl) return 0;
    for (;;) {
      const word = Atomics.load(ctrl, NOTIFY);
      if (word >>> 8 !== this.epoch || (word & 0xff) === 0) return 0;
      if (Atomics.compareExchange(ctrl, NOTIFY, word, word & ~0xff) === word) return word & 0xff;
    }
  }

  applyChanges(bits: number): void {
    if (bits & CHANGE_CONNECTED) this.connected();
    if (bits & CHANGE_CONNECT_FAILED) this.connectFailed();
    if (bits & CHANGE_ACCEPTABLE) this.report('acceptable');
    if (bits & CHANGE_READABLE) this.report('readable');
    if (bits & CHANGE_WRITABLE) this.report('writable');
    if (bits & CHANGE_PEER_CLOSED) this.report('peerClosed');
    if (bits & CHANGE_RESET) this.report('reset');
  }

  lostToAnotherThread(): void {
    this.gone = true;
    this.listener = null;
    this.link = null;
  }

  /** Takes over a kernel object handed from another thread (OP_ADOPT's payload). */
  takeOver(link: Link, payload: AdoptedSocket): void {
    this.link = link;
    ownSocket(this.id, this);
    this.useShared(payload.sab, payload.epoch);
    this.current = payload.state;
    this.bound = this.readLocal();
    if (payload.remote) this.remoteEndpoint = payload.remote;
    else if (payload.state === 'connected' && this.kind === 'stream') this.remoteEndpoint = { address: Atomics.load(this.ctrl!, REMOTE_ADDRESS) >>> 0, port: Atomics.load(this.ctrl!, REMOTE_PORT) };
    this.options.noDelay = payload.noDelay ?? false;
    this.options.keepAlive = payload.keepAlive ?? false;
    this.options.broadcast = payload.broadcast ?? false;
    if (this.rx && this.rx.capacity > 0) this.options.receiveBufferBytes = this.rx.limit;
    if (this.tx && this.tx.capacity > 0 && this.kind === 'stream') this.options.sendBufferBytes = this.tx.limit;
    this.receiveShut = payload.receiveShut ?? false;
    this.sendShut = payload.sendShut ?? false;
    this.takeEarlyChanges();
  }

  protected connected(): void {}
  protected connectFailed(): void {}

  protected report(change: NetChange): void {
    if (!this.released) this.listener?.socketChanged(this, change);
  }

  /** Forgets the socket on this thread (closesocket). */
  protected releaseHere(): void {
    this.released = true;
    this.listener = null;
    disownSocket(this.id);
  }

  // NetSocket's remaining members -------------------------------------------------------------------

  abstract bind(local: Endpoint): NetError | undefined;
  abstract listen(backlog: number): NetError | undefined;
  abstract connect(remote: Endpoint): NetError | undefined;
  abstract accept(): NetSocket | NetError;
  abstract send(data: Uint8Array, urgent: boolean): number | NetError;
  abstract sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError;
  abstract receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError;
  abstract shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined;
  abstract close(abort: boolean): void;

  describe(): string {
    const flags = [
      this.released ? 'released' : '',
      this.gone ? 'handed-off' : '',
      this.peerClosed ? 'peer-closed' : '',
      this.resetError ? `reset(${this.resetError})` : '',
      this.sendShut ? 'send-shut' : '',
      this.receiveShut ? 'receive-shut' : '',
    ].filter(Boolean);
    const counts = this.rx && this.tx ? ` (unread ${this.readableBytes}, unsent ${this.tx.used()})` : '';
    return `os#${this.id} ${this.kind} ${this.state} ${formatEndpoint(this.localEndpoint)} -> ${formatEndpoint(this.remoteEndpoint)}${flags.length ? ` [${flags.join(' ')}]` : ''}${counts}`;
  }
}
