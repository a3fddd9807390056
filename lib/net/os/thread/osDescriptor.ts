// A node:net socket's OS descriptor, for the application's direct writes (directWriteGate.ts),
// and a hook that runs before Node can close it. Node closes the descriptor inside destroy() —
// for a read error before the 'error' event is emitted — so 'error' and 'close' come too late: the
// hook sits on the handle's own close and reset, which every way of destroying a socket goes through.
import type { Socket } from 'node:net';

interface TcpHandle {
  fd?: number;
  close(...args: unknown[]): unknown;
  reset?(...args: unknown[]): unknown;
}

/**
 * The descriptor of a connected `socket` (-1 where Node has none to give, as on Windows), after
 * making `beforeClose` run before its handle closes or resets.
 */
export function guardDescriptor(socket: Socket, beforeClose: () => void): number {
  const handle = (socket as unknown as { _handle?: TcpHandle | null })._handle;
  const fd = handle?.fd;
  if (!handle || typeof fd !== 'number' || fd < 0 || typeof handle.close !== 'function') return -1;
  const close = handle.close;
  handle.close = (...args: unknown[]) => (beforeClose(), close.apply(handle, args));
  const reset = handle.reset;
  if (typeof reset === 'function') handle.reset = (...args: unknown[]) => (beforeClose(), reset.apply(handle, args));
  return fd;
}
