// Real threads with message queues: worker_threads that join this process's shared state, so
// that PostMessage, PostThreadMessage and SendMessage reach them through their mailboxes.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { startTickThread } from '../clock.ts';
import { markThreadsDead } from '../mailbox.ts';
import { MAX_THREADS, sharedState, threadUserData, workerDataFor } from '../sharedState.ts';
import { realThread } from '../threadContext.ts';

/**
 * Starts a worker thread (a module URL, e.g. `new URL('./worker.ts', import.meta.url)`) whose id
 * is known at once, so messages can be posted to it before it runs; they wait in its mailbox.
 * The worker reads `data` with getThreadData(). Only a worker started here shares the process's
 * queues: one started with `new Worker(…)` gets queues and thread ids of its own, and its posts to
 * other threads fail with ERROR_INVALID_THREAD_ID (no message is lost behind a TRUE).
 */
export function startThread(moduleUrl: URL | string, data?: unknown, options: WorkerOptions = {}): { worker: Worker; threadId: number } {
  const shared = sharedState();
  startTickThread(); // the worker's posts read the tick too
  const tid = shared.allocThreadId();
  const slot = shared.allocThreadSlot(tid, realThread().mailbox.threadId);
  if (slot < 0) throw new RangeError(`Cannot start a thread: all ${MAX_THREADS} thread slots of this process are in use`);
  const workerData = { ...workerDataFor(data), tid, slot };
  const url = new URL(moduleUrl);
  // A TypeScript module needs the tsx loader inside the worker too; --import hooks of the parent
  // do not carry over to a worker's entry module, so the worker registers tsx itself first.
  const worker = /\.[cm]?ts$/.test(url.pathname)
    ? new Worker(`import(${JSON.stringify(tsxLoader(url))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true, workerData })
    : new Worker(url, { ...options, workerData });
  // A worker stopped with terminate() runs no exit handler of its own (nor do the workers it
  // started, which Node ends with it): its creator marks them dead (when the creator's event loop
  // runs), so posts fail and waiting senders give up.
  worker.on('exit', () => markThreadsDead(shared, [tid, ...shared.descendantsOf(tid)]));
  return { worker, threadId: tid };
}

/**
 * tsx's loader API, for a TypeScript worker, resolved from this package's place (the user's
 * node_modules). Only a TypeScript worker needs it, so users of the built package who start
 * .js workers never need tsx.
 */
function tsxLoader(url: URL): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    throw new Error(`Cannot start the TypeScript worker ${url.href}: tsx is not installed (npm install --save-dev tsx), or start a .js worker instead`);
  }
}

/** The `data` given to startThread(), inside the worker. */
export function getThreadData<T = unknown>(): T {
  return threadUserData() as T;
}
