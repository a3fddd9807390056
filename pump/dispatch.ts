// DispatchMessage's core, shared by the API and by the simulation's pump of simulated threads.
import { tickCount } from './clock.ts';
import { ERROR_INVALID_WINDOW_HANDLE, ERROR_MESSAGE_SYNC_ONLY, WM_TIMER } from './constants.ts';
import { DeadlockError } from './errors.ts';
import type { MessageQueue } from './queue.ts';
import type { LRESULT, MSG, TIMERPROC } from './types.ts';
import { localWindow, ownerThreadOf, type Window } from './window.ts';

/**
 * Calls the window procedure for `msg`, or the TIMERPROC of a WM_TIMER whose lParam is one
 * (even with a NULL hwnd; exceptions thrown by it are swallowed, as Windows does — windows-facts
 * B.7.7). A thread message (hwnd NULL) is not dispatched.
 */
export function dispatchMessage(q: MessageQueue, msg: MSG): LRESULT {
  const w = localWindow(msg.hwnd); // hwnd 0 finds none
  // A window message of this thread whose lParam is no TIMERPROC: the common case, kept small so
  // that a pump loop compiles it in line; everything else is apart.
  if (w !== undefined && w.queue === q && !(msg.message === WM_TIMER && typeof msg.lParam === 'function')) {
    return q.invokeWindow(w, msg.message, msg.wParam, msg.lParam, 'dispatched');
  }
  return dispatchOther(q, msg, w);
}

/**
 * DispatchMessage of a TIMERPROC, a thread message, a window gone or another thread's window.
 * Another thread's window runs nothing: 0 with ERROR_MESSAGE_SYNC_ONLY, or for a WM_TIMER with no
 * error at all (msg.c test_interthread_messages; windows-facts B.7.7).
 */
function dispatchOther(q: MessageQueue, msg: MSG, w: Window | undefined): LRESULT {
  if (msg.message === WM_TIMER && typeof msg.lParam === 'function') return callTimerProc(q, msg, w);
  if (msg.hwnd === 0) return 0;
  if (w || ownerThreadOf(msg.hwnd) !== 0) {
    if (msg.message !== WM_TIMER) q.lastError = ERROR_MESSAGE_SYNC_ONLY;
  } else {
    q.lastError = ERROR_INVALID_WINDOW_HANDLE;
  }
  return 0;
}

/** A WM_TIMER whose lParam is a TIMERPROC (apart, so that dispatching a window message compiles small). */
function callTimerProc(q: MessageQueue, msg: MSG, w: Window | undefined): LRESULT {
  if (msg.hwnd !== 0 && (!w || w.queue !== q)) return 0; // another thread's timer: nothing runs
  q.recorder?.record('dispatched', q.threadId, msg.hwnd, msg.message, msg.wParam, msg.lParam, q.depth);
  q.depth++;
  try {
    (msg.lParam as TIMERPROC)(msg.hwnd, WM_TIMER, msg.wParam, tickCount(q.clock));
  } catch (e) {
    // Swallowed on purpose: DispatchMessage returns normally whatever the TIMERPROC throws —
    // except our own report that a wait can never end, which must reach the caller.
    if (e instanceof DeadlockError) throw e;
  } finally {
    q.depth--;
  }
  return 0;
}
