// A TCP socket of the OS network, application side. recv and send copy from and to the rings in
// shared memory and never wait — a send that finds nothing queued ahead of it writes straight to
// the OS socket (shared/directWriteGate.ts); bind, listen and accept ask the network thread and
// wait for its answer; connect is started and its outcome arrives as a readiness change.
import { writeSync } from 'node:fs';
import type { Endpoint } from '../../ipv4.ts';
import type { NetError, NetSocket } from '../../network.ts';
import {
  allocateShared, CONNECT_CODE, errorCode, errorName, FLAG_RESET, FLAGS, KICK_RECEIVE_SPACE, KICK_SEND, OP_ACCEPT, OP_BIND_STREAM, OP_CLOSE,
  OP_CONNECT_STREAM, OP_LISTEN, OP_SEND_BEYOND, OP_SHUTDOWN, PENDING, REMOTE_ADDRESS, REMOTE_PORT, RESET_CODE, SOCKET_FD, TX_BEYOND, WANT_RX_SPACE,
  WANT_WRITABLE,
} from '../shared/protocol.ts';
import { OsSocket } from './osSocket.ts';
import { BeyondBuffers } from '../shared/beyondBuffers.ts';
import { bytesBeyond, maySend } from '../shared/byteRing.ts';
import { enterDirect, leaveDirect } from '../shared/directWriteGate.ts';
import { netErrorOf } from '../shared/nodeErrors.ts';

/** Largest backlog listen() grants (SOMAXCONN and larger requests get this), as Windows does. */
export const BACKLOG_MAX = 200;

export class OsStreamSocket extends OsSocket {
  /** Shared memory for sends larger than the send ring's room, made on the first. */
  private beyond: BeyondBuffers | null = null;

  constructor(id?: number) {
    super('stream', id);
  }

  /**
   * Bytes recv can still return: none once the connection was reset, whatever the ring holds —
   * a reset discards what was not read (windows-facts A.12), so FIONREAD reads 0 and FD_READ no
   * longer holds (a failed recv re-arms it without posting it).
   */
  get readableBytes(): number {
    return this.current === 'connected' && this.rx && !this.resetError ? this.rx.used() : 0;
  }

  get hasReadable(): boolean {
    return this.readableBytes > 0;
  }

  get writable(): boolean {
    return this.state === 'connected' && !this.sendShut && !this.resetError && this.tx !== null && maySend(this.ctrl!, this.tx);
  }

  override get pendingConnections(): number {
    return this.current === 'listening' && this.ctrl ? Atomics.load(this.ctrl, PENDING) : 0;
  }

  bind(local: Endpoint): NetError | undefined {
    if (this.released || this.bound || this.current !== 'idle') return 'EINVAL';
    const link = this.acquire();
    if (typeof link === 'string') return link;
    const sab = allocateShared(0, 0);
    const reply = link.request(OP_BIND_STREAM, this.id, local.address, local.port, 0, { sab, reuse: this.options.reuseAddress });
    if (!reply) return 'ENETDOWN';
    const error = errorName(reply[0]!);
    if (error) return error;
    this.useShared(sab);
    this.bound = { address: reply[1]! >>> 0, port: reply[2]! };
    return undefined;
  }

  listen(backlog: number): NetError | undefined {
    if (this.released) return 'EINVAL';
    if (this.current === 'connected' || this.current === 'connecting') return 'EISCONN';
    if (!this.bound || !this.link) return 'EINVAL';
    const granted = Math.max(1, Math.min(Math.floor(backlog) || 1, BACKLOG_MAX));
    const reply = this.link.request(OP_LISTEN, this.id, granted, this.options.receiveBufferBytes);
    if (!reply) return 'ENETDOWN';
    const error = errorName(reply[0]!);
    if (error) return error;
    this.current = 'listening';
    return undefined;
  }

  connect(remote: Endpoint): NetError | undefined {
    if (this.released || this.current === 'listening') return 'EINVAL';
    if (this.state === 'connecting') return 'EALREADY';
    if (this.current === 'connected') return 'EISCONN';
    if (remote.address === 0 || remote.port === 0) return 'EADDRNOTAVAIL';
    let link = this.link;
    // A socket keeps the link it took for its first kernel object (a bind, or a connect that was
    // refused): taking it again would count the socket twice, and its close releases it once.
    if (!link) {
      const acquired = this.acquire();
      if (typeof acquired === 'string') return acquired;
      link = acquired;
    } else if (!link.alive()) {
      return 'ENETDOWN';
    }
    const sab = allocateShared(Math.max(1, this.options.receiveBufferBytes), Math.max(1, this.options.sendBufferBytes));
    const { noDelay, keepAlive } = this.options;
    link.command(OP_CONNECT_STREAM, this.id, remote.address, remote.port, this.bound ? 1 : 0, { sab, noDelay, keepAlive });
    this.useShared(sab);
    this.current = 'connecting';
    this.remoteEndpoint = { address: remote.address, port: remote.port };
    return undefined;
  }

  protected override connected(): void {
    if (this.current !== 'connecting') return;
    this.current = 'connected';
    this.connectError = undefined;
    this.bound = this.readLocal();
    this.report('connected');
  }

  protected override connectFailed(): void {
    if (this.current !== 'connecting') return;
    this.current = 'idle';
    this.connectError = errorName(Atomics.load(this.ctrl!, CONNECT_CODE)) ?? 'ECONNREFUSED';
    this.remoteEndpoint = undefined;
    this.report('connectFailed');
  }

  accept(): NetSocket | NetError {
    if (this.current !== 'listening' || this.released) return 'EINVAL';
    if (this.netDown) return 'ENETDOWN';
    if (this.pendingConnections === 0) return 'EWOULDBLOCK';
    const child = new OsStreamSocket();
    for (const name of ['sendBufferBytes', 'receiveBufferBytes', 'urgentInline', 'noDelay', 'keepAlive'] as const) {
      (child.options as unknown as Record<string, unknown>)[name] = this.options[name];
    }
    const link = child.acquire();
    if (typeof link === 'string') return link;
    if (link !== this.link) {
      child.releaseHere();
      return 'ENETDOWN';
    }
    const sab = allocateShared(Math.max(1, child.options.receiveBufferBytes), Math.max(1, child.options.sendBufferBytes));
    const reply = link.request(OP_ACCEPT, this.id, child.id, 0, 0, { sab, childId: child.id });
    const error = reply ? errorName(reply[0]!) : 'ENETDOWN';
    if (error) {
      child.releaseHere();
      return error;
    }
    child.useShared(sab);
    child.current = 'connected';
    child.bound = child.readLocal();
    child.remoteEndpoint = { address: Atomics.load(child.ctrl!, REMOTE_ADDRESS) >>> 0, port: Atomics.load(child.ctrl!, REMOTE_PORT) };
    child.takeEarlyChanges();
    return child;
  }

  /** Urgent data: 'EOPNOTSUPP' — Node cannot send TCP urgent data (see index.ts). */
  send(data: Uint8Array, urgent: boolean): number | NetError {
    if (urgent) return 'EOPNOTSUPP';
    if (this.state !== 'connected' || this.released) return 'ENOTCONN';
    const reset = this.resetError;
    if (reset) return reset;
    if (this.sendShut) return 'ESHUTDOWN';
    if (data.length === 0) return 0;
    const ctrl = this.ctrl!;
    if (enterDirect(ctrl)) {
      // Nothing is queued ahead: the OS takes what fits at once, without a turn of the network
      // thread. Its descriptor stays open while the gate is held, as long as the network thread
      // lives: one ended by terminate() runs no exit handler, so a write in the microseconds after
      // the liveness check below could meet a descriptor number the OS has given to another file.
      if (this.tx!.used() === 0 && bytesBeyond(ctrl) === 0 && this.link!.alive()) {
        const written = writeToOs(Atomics.load(ctrl, SOCKET_FD), data);
        if (written === 'ECONNRESET') {
          // The OS knows of a reset the network thread has not reported (or cannot: it stopped
          // reading at the peer's FIN). Windows fails this send (windows-facts A.6.8), and every
          // call after it, recv too.
          leaveDirect(ctrl, true);
          Atomics.store(ctrl, RESET_CODE, errorCode('ECONNRESET'));
          Atomics.or(ctrl, FLAGS, FLAG_RESET);
          return 'ECONNRESET';
        }
        if (written === data.length) {
          leaveDirect(ctrl, true);
          return data.length;
        }
        // The rest is queued, whole, before the gate is given back shut: from now on the network
        // thread writes, until it holds nothing again.
        const beyond = this.queue(written === 0 ? data : data.subarray(written));
        leaveDirect(ctrl, false);
        return this.tell(beyond) ? data.length : 'ENETDOWN';
      }
      // Bytes were queued as the network thread opened the gate: it writes them, and this send after them.
      leaveDirect(ctrl, false);
    }
    if (!maySend(ctrl, this.tx!)) {
      // Ask for 'writable', then look again: the network thread may have made room meanwhile.
      Atomics.store(ctrl, WANT_WRITABLE, 1);
      if (!maySend(ctrl, this.tx!)) return 'EWOULDBLOCK';
      Atomics.store(ctrl, WANT_WRITABLE, 0);
    }
    return this.tell(this.queue(data)) ? data.length : 'ENETDOWN';
  }

  /**
   * Queues all of `data` for the network thread (the caller checked maySend): into the send ring,
   * and what the ring cannot hold into shared memory of its own, returned for tell().
   */
  private queue(data: Uint8Array): { sab: SharedArrayBuffer; length: number } | undefined {
    const tx = this.tx!;
    const ctrl = this.ctrl!;
    let ringTakes = 0;
    if (bytesBeyond(ctrl) === 0) {
      ringTakes = Math.min(data.length, tx.room());
      tx.write(ringTakes === data.length ? data : data.subarray(0, ringTakes));
      if (ringTakes === data.length) return undefined;
    }
    // Windows takes the whole buffer (windows-facts A.3.3): what the ring cannot hold goes to the
    // network thread as a copy, written after the ring's bytes. While such bytes are on their way,
    // every send goes that way, so that the bytes keep their order.
    const rest = ringTakes === 0 ? data : data.subarray(ringTakes);
    const busyUntil = (Atomics.load(ctrl, TX_BEYOND) + rest.length) | 0;
    const payload = (this.beyond ??= new BeyondBuffers(ctrl)).copy(rest, busyUntil);
    Atomics.store(ctrl, TX_BEYOND, busyUntil);
    return payload;
  }

  /** Tells the network thread what queue() queued; false when it is gone. */
  private tell(beyond: { sab: SharedArrayBuffer; length: number } | undefined): boolean {
    if (beyond === undefined) {
      this.kick(KICK_SEND);
      return true;
    }
    return this.link!.command(OP_SEND_BEYOND, this.id, 0, 0, 0, beyond);
  }

  sendTo(data: Uint8Array, to: Endpoint | undefined): number | NetError {
    // A stream socket ignores the address, as Winsock's sendto does.
    return to === undefined || this.current === 'connected' ? this.send(data, false) : 'ENOTCONN';
  }

  /** Urgent data: 'EOPNOTSUPP' — Node cannot receive TCP urgent data (see index.ts). */
  receive(into: Uint8Array, peek: boolean, urgent: boolean): number | NetError {
    if (urgent) return 'EOPNOTSUPP';
    if (this.state !== 'connected') return 'ENOTCONN';
    const reset = this.resetError;
    if (reset) return reset;
    if (this.receiveShut) return 'ESHUTDOWN';
    const rx = this.rx!;
    if (rx.used() > 0) {
      const n = rx.read(into, peek);
      if (!peek && Atomics.load(this.ctrl!, WANT_RX_SPACE) !== 0) {
        Atomics.store(this.ctrl!, WANT_RX_SPACE, 0);
        this.kick(KICK_RECEIVE_SPACE);
      }
      return n;
    }
    return this.peerClosed ? 0 : 'EWOULDBLOCK';
  }

  shutdown(how: 'receive' | 'send' | 'both'): NetError | undefined {
    if (this.state !== 'connected') return 'ENOTCONN';
    let bits = 0;
    if (how !== 'send' && !this.receiveShut) {
      this.receiveShut = true;
      bits |= 1;
    }
    if (how !== 'receive' && !this.sendShut) {
      this.sendShut = true;
      bits |= 2;
    }
    if (bits) this.link?.command(OP_SHUTDOWN, this.id, bits);
    return undefined;
  }

  close(abort: boolean): void {
    if (this.released) return;
    const unread = this.readableBytes > 0;
    this.releaseHere();
    // Closing with unread data aborts the connection, as TCP stacks do.
    if (this.link?.alive() && this.ctrl) this.link.command(OP_CLOSE, this.id, abort || unread ? 1 : 0);
  }
}

/**
 * Writes what a non-blocking OS socket takes now: the count (0 when it takes nothing, or fails
 * otherwise: the network thread's own write of the queued bytes then meets the error and reports
 * it, as for any send), or 'ECONNRESET' when the connection was reset (Linux: ECONNRESET for the
 * first write after an RST, EPIPE after that).
 */
function writeToOs(fd: number, data: Uint8Array): number | 'ECONNRESET' {
  try {
    return writeSync(fd, data);
  } catch (e) {
    return netErrorOf(e as NodeJS.ErrnoException) === 'ECONNRESET' ? 'ECONNRESET' : 0;
  }
}
