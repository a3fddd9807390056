// The Network interface ("the kernel"): what both networks — the simulated one and the real one
// on its own thread — offer to the Winsock layer. It is deliberately Windows-agnostic: it speaks
// of sockets, buffers, connection state and readiness, reports errors with POSIX names, and tells
// a listener *that* something changed. Deciding which notification that becomes (FD_READ, …) and
// when it may be posted again is lib/winsock's job, done once for both networks.
import type { Endpoint } from './ipv4.ts';

/** Connection-oriented byte stream (TCP) or datagrams (UDP). */
export type SocketKind = 'stream' | 'datagram';

/**
 * Why a kernel call failed, as POSIX names it. `EWOULDBLOCK` means "not now; a change will be
 * reported when it may succeed".
 */
export type NetError =
  | 'EWOULDBLOCK'
  | 'EINVAL'
  | 'EADDRINUSE'
  | 'EADDRNOTAVAIL'
  | 'EACCES'
  | 'EALREADY'
  | 'EISCONN'
  | 'ENOTCONN'
  | 'ESHUTDOWN'
  | 'EMSGSIZE'
  | 'EDESTADDRREQ'
  | 'EOPNOTSUPP'
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ECONNABORTED'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  /** The network itself failed (the OS network's thread died). */
  | 'ENETDOWN';

/** True when `value` is a NetError rather than a count or a socket. */
export function isNetError(value: unknown): value is NetError {
  return typeof value === 'string';
}

/**
 * What changed on a socket. The listener re-reads the socket's state to learn the details;
 * a change may be reported even when nothing observable changed (listeners must tolerate that).
 */
export type NetChange =
  /** A connect finished: the socket is connected. */
  | 'connected'
  /** A connect failed; `connectError` says why. */
  | 'connectFailed'
  /** Bytes (or a datagram) arrived. */
  | 'readable'
  /** An urgent byte arrived (kept out of line unless `urgentInline`). */
  | 'urgent'
  /** Send-buffer space became available again. */
  | 'writable'
  /** A connection is waiting in the listen backlog. */
  | 'acceptable'
  /** The peer finished sending (FIN). */
  | 'peerClosed'
  /** The connection was reset or aborted; `resetError` says why. */
  | 'reset';

/** Receives readiness changes. Called from the network's own event processing, never re-entrantly from a call on the same socket. */
export interface SocketListener {
  socketChanged(socket: NetSocket, change: NetChange): void;
}

/** Connection state of a socket, as the kernel sees it. */
export type SocketState = 'idle' | 'listening' | 'connecting' | 'connected' | 'closed';

/** Options the kernel itself honours (buffer sizes, broadcast permission, urgent data placement, address reuse). */
export interface SocketOptions {
  sendBufferBytes: number;
  receiveBufferBytes: number;
  broadcast: boolean;
  urgentInline: boolean;
  reuseAddress: boolean;
  noDelay: boolean;
  keepAlive: boolean;
}

/** One socket of the kernel. Every call is synchronous and never blocks. */
export interface NetSocket {
  readonly id: number;
  /**
   * The SOCKET value the kernel chose, when it must be the same in every thread of the process
   * (the OS network: another thread may take the socket over). Otherwise lib/winsock picks one.
   */
  readonly handle?: number;
  /** True once another thread took the socket over: this thread's handle is no longer valid. */
  readonly handedOff?: boolean;
  readonly kind: SocketKind;
  /** Receives readiness changes; null stops reporting (after close, or when nobody listens). */
  listener: SocketListener | null;

  readonly state: SocketState;
  readonly localEndpoint: Endpoint | undefined;
  readonly remoteEndpoint: Endpoint | undefined;
  /** Why the last connect failed; kept until a connect succeeds. */
  readonly connectError: NetError | undefined;
  /** Set once the connection was reset or aborted. */
  readonly resetError: NetError | undefined;
  /** The peer sent FIN: once the buffered bytes are read, receive returns 0. */
  readonly peerClosed: boolean;
  readonly sendShut: boolean;
  readonly receiveShut: boolean;
  /** Stream: in-line bytes buffered. Datagram: size of the first queued datagram. */
  readonly readableBytes: number;
  /** True when a receive would return data now (a datagram may be empty). */
  readonly hasReadable: boolean;
  /** Out-of-line urgent bytes waiting for an urgent receive. */
  readonly urgentBytes: number;
  /** True when a send would be accepted now. */
  readonly writable: boolean;
  /** Connections waiting in the listen backlog. */
  readonly pendingConnections: number;

  getOption<K extends keyof SocketOptions>(name: K): SocketOptions[K];
  setOption<K extends keyof SocketOptions>(name: K, value: SocketOptions[K]): NetError | undefined;

  /** Binds to a local address; port 0 picks an ephemeral port. */
  bind(local: Endpoint): NetError | undefined;
  listen(backlog: number): NetError | undefined;
  /** Stream: starts connecting; the outcome is reported. Datagram: sets the default peer. */
  connect(remote: Endpoint): NetError | undefined;
  /** Takes the first connection from the backlog. */
  accept(): NetSocket | NetError;
  /** Stream: queues bytes (the last one urgent when `urgent`); returns how many were accepted. */
  send(data: Uint8Array, urgent: boolean): number | NetError;
  /** Datagram: sends one datagram to `to`, or to the connected peer when `to` is undefined. */
  sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError;
  /**
   * Copies received bytes into `into`. Stream: 0 at end of stream; `urgent` reads the out-of-line
   * byte. Datagram: one datagram, its sender written to `from`; 'EMSGSIZE' when it did not fit
   * (the buffer is filled and the rest discarded unless `peek`).
   */
  receive(into: Uint8Array, peek: boolean, urgent: boolean, from?: Endpoint): number | NetError;
  shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined;
  /** Releases the socket. Graceful: queued bytes still go out, then FIN. `abort`: RST at once. */
  close(abort: boolean): void;
  /** One line for world dumps. */
  describe(): string;
}

/** A machine on the network: its addresses, its sockets and its resolver view. */
export interface NetHost {
  readonly name: string;
  /** The host's own addresses (127.0.0.1 is implied). */
  readonly addresses: readonly number[];
  createSocket(kind: SocketKind): NetSocket;
  /** Resolves a host name or dotted address; undefined when it does not resolve. */
  resolve(name: string): number | undefined;
  /** Name of a known address (reverse lookup), if any. */
  nameOf(address: number): string | undefined;
  /**
   * The socket behind a SOCKET value that another thread of the process created, now handed to
   * the calling thread (SOCKET hand-off between threads); undefined when there is none.
   */
  adoptSocket?(handle: number): NetSocket | undefined;
}

/** A network: hosts, and what is still going on (for world dumps and the empty-world check). */
export interface Network {
  host(name: string): NetHost | undefined;
  /** Lines describing open sockets and pending work. */
  describe(): string[];
  /** Sockets not yet fully released. */
  openSocketCount(): number;
  /** Packets and timers still scheduled. */
  pendingEventCount(): number;
}
