// Which network host a thread's Winsock calls use. On Windows a process has one network stack;
// here one process can hold a whole simulated network, so each (simulated) thread says which
// host it runs on — a server thread on "beta", the test's main thread on "alpha". A thread that
// says nothing uses the real network (the OS network, lib/net/os).
import { GetCurrentThreadId } from '../../pump/internal.ts';
import type { NetHost } from '../net/index.ts';
import { osHost } from '../net/os/index.ts';

const byThread = new Map<number, NetHost>();
let processHost: NetHost | null = null;

/**
 * Makes the calling thread's Winsock calls use `host`. Returns a function that undoes it.
 *
 * @example
 * const undo = useNetworkHost(net.host('alpha')!);
 */
export function useNetworkHost(host: NetHost): () => void {
  const id = GetCurrentThreadId();
  const previous = byThread.get(id);
  byThread.set(id, host);
  return () => {
    if (previous) byThread.set(id, previous);
    else byThread.delete(id);
  };
}

/** Sets the host of threads that did not call useNetworkHost (null: the OS network again). */
export function setDefaultNetworkHost(host: NetHost | null): void {
  processHost = host;
}

/** The calling thread's host: its own, else the process default, else the OS network. */
export function currentNetworkHost(): NetHost {
  return byThread.get(GetCurrentThreadId()) ?? processHost ?? osHost;
}
