// Where CSocket::PumpMessages sleeps: MFC calls WaitMessage(), and so does this, naming the blocked
// socket if the wait can never end; plus the one thing a simulation must add so that a blocking
// call that can never finish ends in DeadlockError instead of kicking forever.
import {
  currentClock, DeadlockError, GetCurrentThreadId, GetLastError, GetQueueStatus, KillTimer, labelWaitsOf, QS_ALLINPUT, SetLastError, SetTimer,
  USER_TIMER_MAXIMUM, USER_TIMER_MINIMUM, WaitMessage, waitUntil, type HWND,
} from '../../../pump/internal.ts';

/** WaitMessage's condition: something arrived since the queue was last looked at (mfc-semantics §1.6). */
function newInput(): boolean {
  return (GetQueueStatus(QS_ALLINPUT) & 0xffff) !== 0;
}

/**
 * Waits as MFC does, with WaitMessage() — until a message arrives that the thread has not seen yet,
 * running messages other threads send meanwhile — and names the wait `what` (the blocked socket
 * and the event it waits for) in a DeadlockError's text: in front of it when the error is about
 * this wait, in the list of waits when another simulated thread's wait above it raised it.
 *
 * `afterIdleKick` says that the kick timer (`timerId` on `hWnd`, every `timeOutMs`) already ended
 * one round of this blocking call, its retry failed, and no user code has run since. On virtual
 * time the kick then cannot help: each retry sees the same state until something else happens. So
 * the timer is taken out of the wait until something else happens anywhere in the simulation (a
 * message for this thread, or virtual time moving to another event), then set again on its grid
 * (`timerSetAtMs` + k × `timeOutMs`): kicks that would fall in the quiet stretch are skipped. If
 * nothing else can ever happen, the wait throws DeadlockError — where MFC would kick every
 * m_nTimeOut for ever. On real time, and after any other round, the timer stays, as in MFC.
 */
export function waitForSocketMessage(hWnd: HWND, timerId: number, timerSetAtMs: number, timeOutMs: number, afterIdleKick: boolean, what: string): void {
  const clock = currentClock();
  if (!afterIdleKick || !clock.isVirtual) {
    try {
      labelWaitsOf(what, () => WaitMessage());
    } catch (e) {
      // Only an error about this very wait: one raised above it names this wait in its text already.
      if (e instanceof DeadlockError && e.threadId === GetCurrentThreadId()) e.message = `${what}: ${e.message}`;
      throw e;
    }
    return;
  }
  const startMs = clock.nowMs();
  const saved = GetLastError(); // a nested pump may have killed the timer already: KillTimer then fails
  KillTimer(hWnd, timerId);
  SetLastError(saved);
  try {
    // As WaitMessage, the probe runs messages other threads send meanwhile (runsSent), and ends
    // once one has run: a SendMessage to this thread during the probe finishes (issue 16.8).
    waitUntil(() => newInput() || clock.nowMs() > startMs, undefined, `${what}; its m_nTimeOut timer already retried the call in vain`, true);
  } finally {
    // Back on the grid of the timer PumpMessages set: the kicks of the quiet stretch are skipped, not shifted.
    const period = Math.min(Math.max(timeOutMs, USER_TIMER_MINIMUM), USER_TIMER_MAXIMUM); // as SetTimer clamps it
    const nextKickMs = timerSetAtMs + (Math.floor((clock.nowMs() - timerSetAtMs) / period) + 1) * period;
    SetTimer(hWnd, timerId, nextKickMs - clock.nowMs());
  }
}
