// A node:net socket's OS descriptor, for the application's direct writes (directWriteGate.ts),
// and a hook that runs before Node can close it. Node closes the descriptor inside destroy() —
// for a read error before the 'error' event is emitted — so 'error' and 'close' come too late: the
// hook sits on the handle's own close and reset, which every way of destroying a socket goes through.
import { readSync } from 'node:fs';
import type { Socket } from 'node:net';
import { netErrorOf } from '../shared/nodeErrors.ts';

interface TcpHandle {
  fd?: number;
  /** Node's own record of whether the handle reads (net.js keeps it beside readStart/readStop). */
  reading?: boolean;
  readStart?(): number;
  readStop?(): number;
  close(...args: unknown[]): unknown;
  reset?(...args: unknown[]): unknown;
}

/**
 * The descriptor of a connected `socket` (-1 where Node has none to give, as on Windows), after
 * making `beforeClose` run before its handle closes or resets.
 */
export function guardDescriptor(socket: Socket, beforeClose: () => void): number {
  const handle = handleOf(socket);
  const fd = handle?.fd;
  if (!handle || typeof fd !== 'number' || fd < 0 || typeof handle.close !== 'function') return -1;
  const close = handle.close;
  handle.close = (...args: unknown[]) => (beforeClose(), close.apply(handle, args));
  const reset = handle.reset;
  if (typeof reset === 'function') handle.reset = (...args: unknown[]) => (beforeClose(), reset.apply(handle, args));
  return fd;
}

function handleOf(socket: Socket): TcpHandle | null | undefined {
  return (socket as unknown as { _handle?: TcpHandle | null })._handle;
}

/**
 * Stops the OS reads of `socket` (pause() alone lets Node read on into its buffer, up to the
 * high-water mark), so that what arrives waits in the OS; restartOsReads() reads again.
 */
export function stopOsReads(socket: Socket): void {
  const handle = handleOf(socket);
  if (!handle?.reading || typeof handle.readStop !== 'function') return;
  handle.reading = false;
  handle.readStop();
}

/** Reads again after stopOsReads(), as Node's own read start does. */
export function restartOsReads(socket: Socket): void {
  const handle = handleOf(socket);
  if (!handle || handle.reading || typeof handle.readStart !== 'function') return;
  handle.reading = true;
  handle.readStart();
}

const probeBuffer = Buffer.alloc(1);

/**
 * What ended a stream whose read side Node reported ended: 'ECONNRESET' when it was a reset,
 * undefined for a FIN (or when it cannot tell). libuv reports the end of the stream when a short
 * read comes with POLLHUP, which is also what an RST right behind unread bytes looks like; the
 * reset then waits, unreported, in the socket's pending error, and one more read(2) returns it
 * (after a FIN it returns 0). Windows reports such a reset as a reset (windows-facts A.6.8).
 */
export function endedByReset(fd: number): 'ECONNRESET' | undefined {
  if (fd < 0) return undefined;
  try {
    readSync(fd, probeBuffer, 0, 1, null);
    return undefined;
  } catch (e) {
    return netErrorOf(e as NodeJS.ErrnoException) === 'ECONNRESET' ? 'ECONNRESET' : undefined;
  }
}
