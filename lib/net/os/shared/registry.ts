// The process-wide facts about the network thread, in a small SharedArrayBuffer that every
// JavaScript thread sees: which thread is the network thread, how many kernel objects (and
// transient requests) still need it, and the counter that makes socket ids unique in the process.
// It reaches workers through worker_threads environment data, which every Worker copies from its
// creator when it starts — so the main thread publishes it as soon as this module loads, before
// it can start any thread. A worker whose creator never loaded afxsock publishes its own (and so
// may end up with a network thread of its own: see index.ts).
import { getEnvironmentData, isMainThread, setEnvironmentData } from 'node:worker_threads';

const KEY = 'afxsock.net.registry';
const LOCK = 0;
/** Pump thread id of the running network thread; 0 when none runs. */
const NETWORK_THREAD = 1;
/** Kernel objects not yet released, plus requests in progress. */
const USERS = 2;
const NEXT_ID = 3;
const INTS = 8;

function createRegistry(): Int32Array {
  const sab = new SharedArrayBuffer(INTS * 4);
  setEnvironmentData(KEY, sab);
  return new Int32Array(sab);
}

const inherited = isMainThread ? undefined : (getEnvironmentData(KEY) as SharedArrayBuffer | undefined);
const words: Int32Array = inherited instanceof SharedArrayBuffer ? new Int32Array(inherited) : createRegistry();

/** Runs `fn` holding the registry lock (held for a few operations; a waiter sleeps 1 ms at a time). */
export function withRegistryLock<T>(fn: () => T): T {
  while (Atomics.compareExchange(words, LOCK, 0, 1) !== 0) Atomics.wait(words, LOCK, 1, 1);
  try {
    return fn();
  } finally {
    Atomics.store(words, LOCK, 0);
    Atomics.notify(words, LOCK, 1);
  }
}

/** The network thread's id, or 0 (call with the lock held to act on it). */
export function networkThreadId(): number {
  return Atomics.load(words, NETWORK_THREAD);
}

export function setNetworkThreadId(threadId: number): void {
  Atomics.store(words, NETWORK_THREAD, threadId);
}

/** One more kernel object or request needs the network thread (with the lock held). */
export function addUser(): void {
  Atomics.add(words, USERS, 1);
}

/** One fewer (the network thread calls this when it releases a kernel object or ends a request). */
export function removeUser(): void {
  Atomics.sub(words, USERS, 1);
}

/** Kernel objects not yet released and requests in progress, process-wide. */
export function userCount(): number {
  return Atomics.load(words, USERS);
}

/** Forgets every user (after the network thread died, its objects are gone). */
export function clearUsers(): void {
  Atomics.store(words, USERS, 0);
}

/** A socket id no other socket of this process has or had. */
export function nextSocketId(): number {
  return Atomics.add(words, NEXT_ID, 1);
}
