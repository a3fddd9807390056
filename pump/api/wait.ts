// The one wait point, as lib/ uses it for blocking calls that do not pump messages, and the
// clock of the calling thread.
import type { Clock } from '../clock.ts';
import { currentQueue } from '../threadContext.ts';

/**
 * Blocks the calling thread until `isDone()` is true or `timeoutMs` passes (undefined = no
 * timeout), without dispatching any message. Returns false at the timeout. On virtual time the
 * simulation advances to the next event while waiting and throws DeadlockError (whose message
 * includes `what`) when nothing can ever happen; on real time the thread sleeps on its mailbox.
 */
export function waitUntil(isDone: () => boolean, timeoutMs: number | undefined, what: string): boolean {
  const q = currentQueue();
  const deadline = timeoutMs === undefined ? undefined : q.clock.nowMs() + timeoutMs;
  return q.waiter.waitUntil(q, isDone, deadline, what);
}

/** The clock of the calling thread's queue (virtual inside a simulation). */
export function currentClock(): Clock {
  return currentQueue().clock;
}
