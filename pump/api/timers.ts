// Win32 timers: SetTimer / KillTimer over the queue's TimerSet (mfc-semantics §1.10, windows-facts B.7).
import { ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE, ERROR_MESSAGE_SYNC_ONLY, ERROR_NO_MORE_USER_HANDLES, ERROR_NOT_ENOUGH_QUOTA, USER_TIMER_MAXIMUM, USER_TIMER_MINIMUM } from '../constants.ts';
import type { MessageQueue } from '../queue.ts';
import { RECORD_TIMER } from '../mailbox.ts';
import { callAcrossThreads, currentQueue, mailboxOfThread, registerMailboxKind, replyAcrossThreads } from '../threadContext.ts';
import type { HWND, TIMERPROC, UINT, UINT_PTR } from '../types.ts';
import { localWindow, ownerThreadOf } from '../window.ts';
import { fail } from './lastError.ts';

/**
 * Creates or replaces a timer. With a window, (hWnd, nIDEvent) names the timer and an existing one
 * is replaced and restarted; with hWnd 0, an unknown nIDEvent is ignored and a fresh id is returned.
 * uElapse is clamped to [USER_TIMER_MINIMUM, USER_TIMER_MAXIMUM]. When due, one WM_TIMER is made
 * however late the thread is (wParam = id, lParam = lpTimerFunc). A window of another thread is
 * allowed, as on Windows (windows-facts B.7.5): its WM_TIMERs come to that thread.
 * Emulates: SetTimer. Returns 0 on failure (ERROR_INVALID_WINDOW_HANDLE, ERROR_NO_MORE_USER_HANDLES).
 * For a window of another JavaScript thread the request goes to that thread's mailbox and the
 * call returns at once, as on Windows; the timer starts when that thread takes the request (its
 * next retrieval call or wait), after whatever this thread sent or posted to it before.
 * Differs: a TIMERPROC cannot go to another JavaScript thread (a function is no number): 0 with
 * ERROR_MESSAGE_SYNC_ONLY; that thread's mailbox full: 0 with ERROR_NOT_ENOUGH_QUOTA.
 */
export function SetTimer(hWnd: HWND, nIDEvent: UINT_PTR, uElapse: UINT, lpTimerFunc: TIMERPROC | null = null): UINT_PTR {
  const elapse = Math.min(Math.max(uElapse >>> 0, USER_TIMER_MINIMUM), USER_TIMER_MAXIMUM);
  if (hWnd !== 0) {
    const w = localWindow(hWnd);
    if (w) return setWindowTimer(w.queue, hWnd, nIDEvent >>> 0, elapse, lpTimerFunc);
    const owner = ownerThreadOf(hWnd);
    const mb = owner === 0 ? undefined : mailboxOfThread(owner);
    if (!mb) return fail(ERROR_INVALID_WINDOW_HANDLE, 0);
    if (lpTimerFunc !== null) return fail(ERROR_MESSAGE_SYNC_ONLY, 0);
    // No token: the owner answers nobody (a window it no longer has ignores the request).
    if (!mb.write(RECORD_TIMER, hWnd, nIDEvent >>> 0, elapse, 0, 0, currentQueue().threadId, 0)) return fail(ERROR_NOT_ENOUGH_QUOTA, 0);
    return (nIDEvent >>> 0) || 1;
  }
  const q = currentQueue();
  q.onArrival?.(); // an async wait must recompute when it wakes up
  const id = nIDEvent && q.timers.get(0, nIDEvent >>> 0) ? nIDEvent >>> 0 : q.timers.freeThreadTimerId();
  if (id === 0) return fail(ERROR_NO_MORE_USER_HANDLES, 0);
  q.timers.set(0, id, elapse, lpTimerFunc, q.clock.nowMs());
  return id;
}

/**
 * Destroys a timer; WM_TIMER messages already retrieved are not affected. A window of another
 * thread is allowed, as on Windows (windows-facts B.7.5).
 * Emulates: KillTimer. Unknown timer: false with ERROR_INVALID_PARAMETER.
 * Differs: for a window of another JavaScript thread the call waits until that thread next looks
 * at its mailbox (a retrieval call or a wait), to learn whether the timer was there.
 */
export function KillTimer(hWnd: HWND, uIDEvent: UINT_PTR): boolean {
  const q = hWnd === 0 ? currentQueue() : localWindow(hWnd)?.queue;
  const r = q ? killTimer(q, hWnd, uIDEvent >>> 0) : killAcross(hWnd, uIDEvent >>> 0);
  return r > 0 || fail(r === 0 ? ERROR_INVALID_PARAMETER : ERROR_INVALID_WINDOW_HANDLE);
}

/** The elapse field of a RECORD_TIMER that asks for KillTimer. */
const KILL = -1;
/** The answer of a RECORD_TIMER whose window is gone. */
const NO_WINDOW = -1;

function setWindowTimer(q: MessageQueue, hWnd: HWND, id: number, elapse: number, fn: TIMERPROC | null): number {
  q.onArrival?.(); // an async wait must recompute when it wakes up
  q.timers.set(hWnd, id, elapse, fn, q.clock.nowMs());
  return id || 1;
}

function killTimer(q: MessageQueue, hWnd: HWND, id: number): number {
  const t = q.timers.get(hWnd, id);
  if (!t) return 0;
  q.timers.delete(t);
  return 1;
}

// KillTimer on a window of another real thread: the owner applies the request when it drains its
// mailbox and answers 1, 0 (no such timer) or NO_WINDOW; no owner alive is NO_WINDOW here.
function killAcross(hWnd: HWND, id: number): number {
  const owner = ownerThreadOf(hWnd);
  if (owner === 0) return NO_WINDOW;
  return callAcrossThreads(owner, RECORD_TIMER, hWnd, id, KILL, 0, 'a KillTimer answer') ?? NO_WINDOW;
}

registerMailboxKind(RECORD_TIMER, (r) => {
  const hWnd = r[1]!;
  const id = r[2]!;
  const elapse = r[3]!;
  const w = localWindow(hWnd);
  const result = !w ? NO_WINDOW : elapse === KILL ? killTimer(w.queue, hWnd, id) : setWindowTimer(w.queue, hWnd, id, elapse, null);
  if (r[7] !== 0) replyAcrossThreads(r[6]!, r[7]!, result);
});
