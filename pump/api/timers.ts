// Win32 timers: SetTimer / KillTimer over the queue's TimerSet (mfc-semantics §1.10, windows-facts B.7).
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE, ERROR_NO_MORE_USER_HANDLES, USER_TIMER_MAXIMUM, USER_TIMER_MINIMUM } from '../constants.ts';
import type { MessageQueue } from '../queue.ts';
import { currentQueue } from '../threadContext.ts';
import type { HWND, TIMERPROC, UINT, UINT_PTR } from '../types.ts';
import { localWindow, ownerThreadOf } from '../window.ts';
import { fail } from './lastError.ts';

/**
 * Creates or replaces a timer. With a window, (hWnd, nIDEvent) names the timer and an existing one
 * is replaced and restarted; with hWnd 0, an unknown nIDEvent is ignored and a fresh id is returned.
 * uElapse is clamped to [USER_TIMER_MINIMUM, USER_TIMER_MAXIMUM]. When due, one WM_TIMER is made
 * however late the thread is (wParam = id, lParam = lpTimerFunc).
 * Emulates: SetTimer. Returns 0 on failure (ERROR_INVALID_WINDOW_HANDLE, ERROR_NO_MORE_USER_HANDLES).
 * Differs: a window of another JavaScript thread fails with ERROR_ACCESS_DENIED.
 */
export function SetTimer(hWnd: HWND, nIDEvent: UINT_PTR, uElapse: UINT, lpTimerFunc: TIMERPROC | null = null): UINT_PTR {
  const q = queueOf(hWnd);
  if (!q) return 0;
  const elapse = Math.min(Math.max(uElapse >>> 0, USER_TIMER_MINIMUM), USER_TIMER_MAXIMUM);
  const now = q.clock.nowMs();
  q.onArrival?.(); // an async wait must recompute when it wakes up
  if (hWnd !== 0) {
    q.timers.set(hWnd, nIDEvent >>> 0, elapse, lpTimerFunc, now);
    return nIDEvent || 1;
  }
  const id = nIDEvent && q.timers.get(0, nIDEvent >>> 0) ? nIDEvent >>> 0 : q.timers.freeThreadTimerId();
  if (id === 0) return fail(ERROR_NO_MORE_USER_HANDLES, 0);
  q.timers.set(0, id, elapse, lpTimerFunc, now);
  return id;
}

/**
 * Destroys a timer; WM_TIMER messages already retrieved are not affected.
 * Emulates: KillTimer. Unknown timer: false with ERROR_INVALID_PARAMETER.
 */
export function KillTimer(hWnd: HWND, uIDEvent: UINT_PTR): boolean {
  const q = queueOf(hWnd);
  if (!q) return false;
  const t = q.timers.get(hWnd, uIDEvent >>> 0);
  if (!t) return fail(ERROR_INVALID_PARAMETER);
  q.timers.delete(t);
  return true;
}

function queueOf(hWnd: HWND): MessageQueue | undefined {
  if (hWnd === 0) return currentQueue();
  const w = localWindow(hWnd);
  if (w) return w.queue;
  return fail(ownerThreadOf(hWnd) ? ERROR_ACCESS_DENIED : ERROR_INVALID_WINDOW_HANDLE, undefined);
}
