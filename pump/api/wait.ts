// The one wait point, as lib/ uses it for blocking calls that do not pump messages, and the
// clock of the calling thread.
import type { Clock } from '../clock.ts';
import { currentQueue } from '../threadContext.ts';
import { labelWaits } from '../waitStack.ts';

/**
 * Blocks the calling thread until `isDone()` is true or `timeoutMs` passes (undefined = no
 * timeout), without dispatching any posted message. Returns false at the timeout. On virtual time
 * the simulation advances to the next event while waiting and throws DeadlockError (whose message
 * includes `what`) when nothing can ever happen; on real time the thread sleeps on its mailbox.
 * `runsSent` lets messages that other threads send to this one run during the wait, as they do
 * inside SendMessage and GetMessage on Windows (a blocking socket call runs none: the default);
 * the wait then also ends once one has run (its window procedure may have changed what the caller
 * waits for), as WaitMessage returns for a sent message.
 */
export function waitUntil(isDone: () => boolean, timeoutMs: number | undefined, what: string, runsSent = false): boolean {
  const q = currentQueue();
  const deadline = timeoutMs === undefined ? undefined : q.clock.nowMs() + timeoutMs;
  const sentBefore = q.sentRun;
  return q.waiter.waitUntil(q, runsSent ? () => (q.deliverSent(), q.sentRun !== sentBefore || isDone()) : isDone, deadline, what, runsSent);
}

/** The clock of the calling thread's queue (virtual inside a simulation). */
export function currentClock(): Clock {
  return currentQueue().clock;
}

/**
 * Runs `fn` with `label` naming the calling thread's waits meanwhile, so that on virtual time a
 * DeadlockError says what is blocked ("CSocket socket 0x104 blocked in Receive() … (in
 * WaitMessage)") even when it is raised by another thread's wait above this one.
 */
export function labelWaitsOf<T>(label: string, fn: () => T): T {
  return labelWaits(currentQueue(), label, fn);
}
