// A TCP connection on the network thread: a node:net Socket between the two rings. Received bytes
// go into the receive ring up to SO_RCVBUF; what does not fit waits here and the socket is paused,
// so the peer is held back by TCP itself. Bytes the application queued are written to Node
// straight out of the send ring (views of shared memory, no copy) and stay in the ring until Node
// says they are gone. A send larger than the ring's room is taken whole, as on Windows: the rest
// comes in shared memory of its own (OP_SEND_BEYOND) and is written after the ring's bytes. Until
// less than SO_SNDBUF is left with Node the application gets WSAEWOULDBLOCK, so a peer that stops
// reading holds it back. FIN, RST, half-close and the graceful or abortive close follow the
// Network interface (lib/net/network.ts). What arrives is staged — bytes in the ring, the FIN or
// reset behind them — and published with its change bits (kernelTable's notify), so that the
// application sees at once what the OS delivered at once. While nothing is queued here the
// application writes to the OS socket itself (shared/directWriteGate.ts): the gate is opened once
// everything queued is with the OS, and shut before this thread writes or the descriptor closes.
import type { Socket } from 'node:net';
import { formatIPv4 } from '../../ipv4.ts';
import type { NetError } from '../../network.ts';
import { ByteRing, bytesBeyond, maySend } from '../shared/byteRing.ts';
import { openDirect, shutDirect } from '../shared/directWriteGate.ts';
import { KernelBase } from './kernelBase.ts';
import { epochOf, notify, notifyNow, releaseObject, reportNetDown, type KernelObject } from './kernelTable.ts';
import { netErrorOf } from '../shared/nodeErrors.ts';
import { endedByReset, guardDescriptor, restartOsReads, stopOsReads } from './osDescriptor.ts';
import {
  CHANGE_CONNECT_FAILED, CHANGE_CONNECTED, CHANGE_PEER_CLOSED, CHANGE_READABLE, CHANGE_RESET, CHANGE_WRITABLE, CONNECT_CODE,
  errorCode, FLAG_FIN, FLAG_RESET, FLAGS, KICK_RECEIVE_SPACE, KICK_SEND, LOCAL_ADDRESS, LOCAL_PORT,
  OPTION_KEEP_ALIVE, OPTION_NO_DELAY, REMOTE_ADDRESS, REMOTE_PORT, RESET_CODE, SOCKET_FD, TX_BEYOND_DONE, WANT_RX_SPACE,
  WANT_WRITABLE,
} from '../shared/protocol.ts';

/** Largest piece of the send ring lent to one socket.write. */
const WRITE_PIECE_MAX = 256 * 1024;
/** Smallest piece, unless fewer bytes are waiting. */
const WRITE_PIECE_MIN = 16 * 1024;
/** Piece of a send's bytes beyond the ring (OP_SEND_BEYOND) given to one socket.write: large, as one system call takes it. */
const BEYOND_PIECE = 1024 * 1024;

/** What arrived on an accepted connection before the application accepted it. */
export interface EarlyArrivals {
  chunks: Buffer[];
  ended: boolean;
  error: NetError | undefined;
  /** Node has closed the socket already (a reset before accept): no 'close' will come. */
  closed: boolean;
}

export class KernelConnection extends KernelBase implements KernelObject {
  private readonly rx: ByteRing;
  private readonly tx: ByteRing;
  private connecting: boolean;
  /** Received bytes the ring had no room for (the socket is paused while there are any). */
  private overflow: Buffer[] = [];
  private peerEnded = false;
  private finReported = false;
  private reset = false;
  private receiveShut = false;
  private finRequested = false;
  private ended = false;
  private closed = false;
  /** Bytes of the send ring lent to Node so far, and how many of them Node is done with (running totals). */
  private lent = 0;
  private returned = 0;
  /** Bytes of sends larger than the ring's room (OP_SEND_BEYOND), waiting for the ring's bytes before them. */
  private beyond: Uint8Array[] = [];
  /** Beyond bytes handed to Node, and how many of them Node is done with (running totals). */
  private beyondLent = 0;
  private beyondReturned = 0;
  private noDelay = false;
  private keepAlive = false;
  /** FLAG_* bits to set at the next publication, with the bytes staged in the receive ring. */
  private stagedFlags = 0;
  /** Reading is held (OP_HOLD_RECEIVES, fault injection): what arrives waits in the OS. */
  private held = false;
  /** The OS descriptor the application may write to directly (-1: none, or not connected yet). */
  private fd = -1;

  constructor(
    id: number,
    owner: number,
    sab: SharedArrayBuffer,
    private readonly socket: Socket,
    connecting: boolean,
    early?: EarlyArrivals,
  ) {
    super(id, owner, sab);
    this.rx = ByteRing.receiveOf(sab, this.ctrl);
    this.tx = ByteRing.sendOf(sab, this.ctrl);
    this.connecting = connecting;
    socket.on('connect', () => this.onConnect());
    socket.on('data', (chunk: Buffer) => this.onData(chunk, true));
    socket.on('end', () => this.onEnd());
    socket.on('error', (e: NodeJS.ErrnoException) => this.onError(netErrorOf(e)));
    socket.on('close', () => this.onClose());
    if (!connecting) {
      this.writeEndpoints();
      this.publishDescriptor();
      // Bytes, FIN or reset that came before accept(): into the ring now, reported by the accept itself.
      for (const chunk of early?.chunks ?? []) this.onData(chunk, false);
      if (early?.ended) this.onEnd(false);
      if (early?.error) this.takeReset(early.error, false);
      if (early?.closed) this.closed = true;
      else if (this.overflow.length === 0) socket.resume();
      // The accept's reply follows at once, and the application looks at the state then.
      this.publish();
      this.openWhenIdle();
    }
  }

  /** Publishes what this turn staged: the received bytes, then the FIN or reset that came after them. */
  publish(): void {
    this.rx.publish();
    if (this.stagedFlags !== 0) Atomics.or(this.ctrl, FLAGS, this.stagedFlags);
    this.stagedFlags = 0;
  }

  // Events -------------------------------------------------------------------------------------

  private onConnect(): void {
    if (!this.connecting) return;
    this.connecting = false;
    this.writeEndpoints();
    this.publishDescriptor();
    if (this.released) {
      // Closed while connecting: nobody will use the connection.
      this.abort();
      return;
    }
    notify(this, CHANGE_CONNECTED);
    this.flush();
  }

  private onData(chunk: Buffer, report: boolean): void {
    if (this.receiveShut || this.reset) return;
    if (this.released) {
      // Bytes for a socket the application closed: the connection is aborted, as TCP does.
      this.abort();
      return;
    }
    let taken = 0;
    if (this.overflow.length === 0) {
      taken = Math.min(chunk.length, this.rx.room());
      if (taken > 0) this.rx.stage(taken === chunk.length ? chunk : chunk.subarray(0, taken));
    }
    if (taken < chunk.length) this.holdBack(taken === 0 ? chunk : chunk.subarray(taken));
    if (taken > 0 && report) notify(this, CHANGE_READABLE);
  }

  /** Keeps bytes the ring cannot take and stops reading until the application makes room. */
  private holdBack(rest: Buffer): void {
    this.overflow.push(rest);
    this.socket.pause();
    Atomics.store(this.ctrl, WANT_RX_SPACE, 1);
    // The application may have read between our look at the ring and the flag.
    if (this.rx.room() > 0) this.refill();
  }

  /** Moves held-back bytes into the ring as far as it has room; resumes reading once all are in. */
  private refill(): void {
    let moved = false;
    while (this.overflow.length > 0) {
      const room = this.rx.room();
      if (room === 0) break;
      const head = this.overflow[0]!;
      const n = Math.min(room, head.length);
      this.rx.stage(n === head.length ? head : head.subarray(0, n));
      moved = true;
      if (n === head.length) this.overflow.shift();
      else this.overflow[0] = head.subarray(n);
    }
    if (this.overflow.length > 0) {
      Atomics.store(this.ctrl, WANT_RX_SPACE, 1);
      if (this.rx.room() > 0) return this.refill();
    } else {
      Atomics.store(this.ctrl, WANT_RX_SPACE, 0);
      if (!this.peerEnded && !this.closed && !this.held) this.socket.resume();
    }
    if (moved) notify(this, CHANGE_READABLE);
    this.reportFin(true);
  }

  private onEnd(report = true): void {
    // The end of the stream may be a reset that libuv read as one (see endedByReset).
    const reset = this.reset || this.released ? undefined : endedByReset(this.fd);
    if (reset) return this.takeReset(reset, report);
    this.peerEnded = true;
    this.reportFin(report);
  }

  /** FIN is visible once every byte before it is in the ring. */
  private reportFin(report: boolean): void {
    if (!this.peerEnded || this.finReported || this.overflow.length > 0 || this.reset) return;
    this.finReported = true;
    this.stagedFlags |= FLAG_FIN;
    if (report && !this.released) notify(this, CHANGE_PEER_CLOSED);
  }

  private onError(error: NetError): void {
    if (this.connecting) {
      this.connecting = false;
      Atomics.store(this.ctrl, CONNECT_CODE, errorCode(error));
      if (!this.released) notify(this, CHANGE_CONNECT_FAILED);
      return;
    }
    this.takeReset(error, true);
  }

  private takeReset(error: NetError, report: boolean): void {
    if (this.reset) return;
    this.reset = true;
    shutDirect(this.ctrl, true);
    this.overflow = [];
    Atomics.store(this.ctrl, RESET_CODE, errorCode(error));
    this.stagedFlags |= FLAG_RESET;
    if (report && !this.released) notify(this, CHANGE_RESET);
  }

  private onClose(): void {
    this.closed = true;
    if (this.connecting) this.onError('ECONNREFUSED');
    if (this.released) releaseObject(this);
  }

  // Commands -----------------------------------------------------------------------------------

  kick(bits: number): void {
    if (bits & KICK_RECEIVE_SPACE) this.refill();
    if (bits & KICK_SEND) this.flush();
  }

  /**
   * Lends the queued bytes Node does not have yet to socket.write, piece by piece; then FIN if
   * asked. A piece is freed in the ring as soon as Node is done with it — at once when the system
   * call took it all, which is the usual case — so the application refills that part while the
   * next piece is written. Pieces are half the send buffer, at least WRITE_PIECE_MIN (so that the
   * application can work in one half while the network thread writes the other).
   */
  private flush(): void {
    if (this.connecting || this.closed || this.reset) return;
    // The application queued bytes (it shut the gate then) or is about to find them queued.
    if (this.tx.used() > 0 || this.beyond.length > 0) shutDirect(this.ctrl, false);
    const piece = Math.min(WRITE_PIECE_MAX, Math.max(WRITE_PIECE_MIN, this.tx.limit >>> 1));
    for (;;) {
      const lentOut = this.lent - this.returned;
      const view = this.tx.view(lentOut, piece);
      if (view.length === 0) break;
      const end = (this.lent += view.length);
      this.socket.write(view, () => this.giveBack(end));
      // Node took it all in the system call: the bytes are in the OS now.
      if (this.socket.writableLength === 0) this.giveBack(end);
      if (this.closed || this.reset) return;
    }
    // Then the bytes beyond the ring: every byte in the ring was queued before them, since the
    // application queues nothing in the ring while such bytes are on their way. Each piece is
    // counted done when Node is done with it, so the application may send again (once less than
    // SO_SNDBUF is left) while the rest is still being written.
    while (this.beyond.length > 0) {
      const bytes = this.beyond.shift()!;
      for (let at = 0; at < bytes.length; at += BEYOND_PIECE) {
        const view = bytes.subarray(at, at + BEYOND_PIECE);
        const end = (this.beyondLent += view.length);
        this.socket.write(view, () => this.beyondBack(end));
        if (this.socket.writableLength === 0) this.beyondBack(end);
        if (this.closed || this.reset) return;
      }
    }
    this.reportRoom();
    if (this.finRequested && !this.ended && this.lent - this.returned === this.tx.used()) {
      this.ended = true;
      this.socket.end();
    }
    this.openWhenIdle();
  }

  /** Opens the gate of direct writes once every byte queued here is with the OS. */
  private openWhenIdle(): void {
    if (this.fd < 0 || this.held || this.connecting || this.closed || this.reset || this.finRequested || this.released || this.socket.writableLength !== 0) return;
    if (this.lent !== this.returned || this.beyond.length > 0 || this.beyondLent !== this.beyondReturned) return;
    openDirect(this.ctrl, () => this.tx.used() === 0 && bytesBeyond(this.ctrl) === 0);
  }

  /** Publishes the descriptor for direct writes, and shuts their gate for good before it closes. */
  private publishDescriptor(): void {
    this.fd = guardDescriptor(this.socket, () => shutDirect(this.ctrl, true));
    Atomics.store(this.ctrl, SOCKET_FD, this.fd);
  }

  /** Node is done with the ring's bytes up to the running total `end`: they are freed. */
  private giveBack(end: number): void {
    if (end <= this.returned) return;
    this.tx.consume(end - this.returned);
    this.returned = end;
    this.reportRoom();
    this.openWhenIdle();
  }

  /** Takes the bytes of a send beyond the ring's room (OP_SEND_BEYOND's payload). */
  sendBeyond(bytes: Uint8Array): void {
    this.beyond.push(bytes);
    this.flush();
  }

  /** Node is done with the beyond bytes up to the running total `end`. */
  private beyondBack(end: number): void {
    if (end <= this.beyondReturned) return;
    this.beyondReturned = end;
    Atomics.store(this.ctrl, TX_BEYOND_DONE, end | 0);
    this.reportRoom();
    this.openWhenIdle();
  }

  /** 'writable' for an application whose send found no room, once it may send again (maySend). */
  private reportRoom(): void {
    if (Atomics.load(this.ctrl, WANT_WRITABLE) !== 0 && maySend(this.ctrl, this.tx)) {
      Atomics.store(this.ctrl, WANT_WRITABLE, 0);
      if (!this.released) notify(this, CHANGE_WRITABLE);
    }
  }

  shutdown(bits: number): void {
    if (bits & 1) {
      this.receiveShut = true;
      this.overflow = [];
    }
    if (bits & 2) {
      // The application sends nothing more; the FIN follows what this thread holds.
      shutDirect(this.ctrl, true);
      this.finRequested = true;
      this.flush();
    }
  }

  close(abort: boolean): void {
    this.released = true;
    shutDirect(this.ctrl, true);
    if (this.closed) {
      releaseObject(this);
      return;
    }
    if (this.connecting) {
      this.socket.destroy();
      return;
    }
    if (abort || this.overflow.length > 0 || this.rx.used() > 0) {
      this.abort();
      return;
    }
    // Graceful: queued bytes still go out, then FIN; the socket is released once that is done.
    this.finRequested = true;
    if (this.ended && this.socket.writableFinished) this.socket.destroy();
    else this.socket.once('finish', () => this.socket.destroy());
    this.flush();
    if (this.reset) this.socket.destroy();
  }

  /** RST at once (SO_LINGER {1, 0}, or bytes for a closed socket). */
  private abort(): void {
    if (this.closed) return;
    if (!this.reset) {
      this.reset = true;
      Atomics.store(this.ctrl, RESET_CODE, errorCode('ECONNABORTED'));
      Atomics.or(this.ctrl, FLAGS, FLAG_RESET);
    }
    this.socket.resetAndDestroy();
  }

  /**
   * Fault injection: stops reading (what arrives waits in the OS, as while a kernel is busy) or
   * reads again, so that a spec can have bytes and a FIN delivered together.
   */
  holdReceives(hold: boolean): void {
    this.held = hold;
    // What a spec delivers together must also leave together: while held, sends go through this
    // thread, in the order of its commands.
    if (hold) {
      shutDirect(this.ctrl, false);
      this.socket.pause();
      stopOsReads(this.socket);
      return;
    }
    if (this.overflow.length === 0 && !this.peerEnded && !this.closed) {
      this.socket.resume();
      restartOsReads(this.socket);
    }
    this.openWhenIdle();
  }

  setOption(option: number, value: number): void {
    if (option === OPTION_NO_DELAY) this.socket.setNoDelay((this.noDelay = value !== 0));
    else if (option === OPTION_KEEP_ALIVE) this.socket.setKeepAlive((this.keepAlive = value !== 0));
  }

  netDown(): void {
    shutDirect(this.ctrl, true);
    if (this.connecting) {
      Atomics.store(this.ctrl, CONNECT_CODE, errorCode('ENETDOWN'));
      notifyNow(this, CHANGE_CONNECT_FAILED);
      return;
    }
    reportNetDown(this);
  }

  describeForAdoption(): Record<string, unknown> {
    return { kind: 'stream', state: this.connecting ? 'connecting' : 'connected', noDelay: this.noDelay, keepAlive: this.keepAlive, receiveShut: this.receiveShut, sendShut: this.finRequested, epoch: epochOf(this) };
  }

  /** Changes the owner (hand-off); returns the change bits the new owner must be told about. */
  private writeEndpoints(): void {
    const s = this.socket;
    Atomics.store(this.ctrl, LOCAL_ADDRESS, ipv4Number(s.localAddress));
    Atomics.store(this.ctrl, LOCAL_PORT, s.localPort ?? 0);
    Atomics.store(this.ctrl, REMOTE_ADDRESS, ipv4Number(s.remoteAddress));
    Atomics.store(this.ctrl, REMOTE_PORT, s.remotePort ?? 0);
  }

  describe(): string {
    return `connection #${this.id} ${this.socket.localAddress}:${this.socket.localPort} -> ${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}

/** "127.0.0.1" (or "::ffff:127.0.0.1") as a host-order number, 0 when unknown. */
export function ipv4Number(text: string | undefined): number {
  const m = text && /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return m ? ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) : 0;
}

/** A host-order number as dotted text for Node. */
export function ipv4Text(address: number): string {
  return formatIPv4(address >>> 0);
}
