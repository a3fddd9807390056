// A bound TCP socket on the network thread, before and after listen(). node:net binds and listens
// in one call, so bind() already listens — that is how its port is reserved and WSAEADDRINUSE is
// reported by bind, as on Windows. Until the application calls listen(), every connection that
// arrives is reset at once; after it, connections wait in the emulated backlog (the OS has
// already completed their handshake) with whatever they send, and one beyond the backlog is
// reset. Differs: Windows refuses those connections (RST to the SYN, WSAECONNREFUSED); here the
// client sees its connect succeed and then the reset, or — when the reset wins the race with the
// completion — the connect fail with WSAECONNRESET.
import { createServer, type Server, type Socket } from 'node:net';
import type { NetError } from '../../network.ts';
import { KernelBase } from './kernelBase.ts';
import { ipv4Number, ipv4Text, KernelConnection, type EarlyArrivals } from './kernelConnection.ts';
import { epochOf, notify, releaseObject, reportNetDown, type KernelObject } from './kernelTable.ts';
import { netErrorOf } from '../shared/nodeErrors.ts';
import {
  CHANGE_ACCEPTABLE, PENDING,
} from '../shared/protocol.ts';

/**
 * A connection in the backlog, read while it waits (up to the listener's SO_RCVBUF, then paused).
 * It listens for the socket's close too: a connection the peer resets before accept() is closed
 * by Node at once, and its 'close' never comes again for the connection that takes it over, which
 * must know, or it would never be released (issue 15.1).
 */
class PendingConnection {
  readonly early: EarlyArrivals = { chunks: [], ended: false, error: undefined, closed: false };
  private bytes = 0;

  constructor(
    readonly socket: Socket,
    limit: number,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.early.chunks.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes >= limit) socket.pause();
    });
    socket.on('end', () => void (this.early.ended = true));
    socket.on('error', (e: NodeJS.ErrnoException) => void (this.early.error = netErrorOf(e)));
    socket.on('close', () => void (this.early.closed = true));
    socket.resume();
  }

  /** Stops listening to the socket's events: the accepted connection takes it over. */
  detach(): EarlyArrivals {
    this.socket.pause();
    for (const event of ['data', 'end', 'error', 'close']) this.socket.removeAllListeners(event);
    return this.early;
  }
}

export class KernelListener extends KernelBase implements KernelObject {
  address = 0;
  port = 0;
  private server: Server | null = null;
  private listening = false;
  private backlog = 0;
  private receiveLimit = 65536;
  private pending: PendingConnection[] = [];

  /** Binds (and listens, to hold the port); `done` gets the error, if any. */
  bind(address: number, port: number, done: (error?: NetError) => void): void {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const start = (held: () => void) => server.listen({ host: ipv4Text(address), port, backlog: 511, exclusive: true }, held);
    this.bindWith(server, start, address, () => {
      server.on('connection', (socket: Socket) => this.arrived(socket));
      const bound = server.address();
      this.server = server;
      this.address = address;
      this.port = typeof bound === 'object' && bound ? bound.port : port;
      return this.port;
    }, done);
  }

  listen(backlog: number, receiveLimit: number): void {
    this.listening = true;
    this.backlog = backlog;
    this.receiveLimit = Math.max(1, receiveLimit);
  }

  private arrived(socket: Socket): void {
    if (!this.listening || this.pending.length >= this.backlog) {
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    this.pending.push(new PendingConnection(socket, this.receiveLimit));
    notify(this, CHANGE_ACCEPTABLE);
  }

  /** The backlog's length becomes visible with the change that reports it (kernelTable's notify). */
  publish(): void {
    Atomics.store(this.ctrl, PENDING, this.pending.length);
  }

  /** Takes the first connection of the backlog into a connection with the application's buffer. */
  accept(childId: number, sab: SharedArrayBuffer, owner: number): KernelConnection | NetError {
    const next = this.pending.shift();
    Atomics.store(this.ctrl, PENDING, this.pending.length);
    if (!next) return 'EWOULDBLOCK';
    const early = next.detach();
    return new KernelConnection(childId, owner, sab, next.socket, false, early);
  }

  /** The bound socket connects instead: the port is let go so that the connection can use it. */
  stopForConnect(): { address: number; port: number } {
    this.server?.close();
    this.server = null;
    return { address: this.address, port: this.port };
  }

  kick(): void {}

  shutdown(): void {}

  close(): void {
    this.released = true;
    // Connections nobody accepted are reset.
    for (const p of this.pending) {
      p.detach();
      p.socket.on('error', () => {});
      p.socket.resetAndDestroy();
    }
    this.pending = [];
    Atomics.store(this.ctrl, PENDING, 0);
    this.server?.close();
    this.server = null;
    releaseObject(this);
  }

  setOption(): void {}

  netDown(): void {
    reportNetDown(this);
  }

  describeForAdoption(): Record<string, unknown> {
    return { kind: 'stream', state: this.listening ? 'listening' : 'idle', epoch: epochOf(this) };
  }
}

export { ipv4Number };
