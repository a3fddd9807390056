// Which network host a thread's Winsock calls use. On Windows a process has one network stack;
// here one process can hold a whole simulated network, so each (simulated) thread says which
// host it runs on — a server thread on "beta", the test's main thread on "alpha".
import { GetCurrentThreadId } from '../../pump/index.ts';
import type { NetHost } from '../net/index.ts';

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

/** Sets the host of threads that did not call useNetworkHost (null: none). */
export function setDefaultNetworkHost(host: NetHost | null): void {
  processHost = host;
}

/** The calling thread's host. Misuse (no host configured) throws: there is no network to emulate. */
export function currentNetworkHost(): NetHost {
  const host = byThread.get(GetCurrentThreadId()) ?? processHost;
  if (!host) throw new TypeError('No network for this thread: call useNetworkHost() or setDefaultNetworkHost() first');
  return host;
}
