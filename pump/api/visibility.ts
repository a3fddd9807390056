// Win32 visibility: ShowWindow and IsWindowVisible. Visibility is the WS_VISIBLE style of a
// window and its ancestors (windows-facts B.14.2); only visible windows get WM_PAINT (B.14.1).
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE, SW_HIDE, SW_MAX, WS_VISIBLE } from '../constants.ts';
import { currentQueue } from '../threadContext.ts';
import type { HWND } from '../types.ts';
import { localWindow, ownerThreadOf } from '../window.ts';
import { isVisible, setVisible } from '../windowVisibility.ts';
import { fail } from './lastError.ts';

/**
 * Shows or hides a window. A change of state sends WM_SHOWWINDOW (wParam TRUE to show, FALSE to
 * hide; lParam 0) first; showing makes the whole client area invalid, so a WM_PAINT follows once
 * the window and its ancestors are visible; hiding keeps the update region for later (windows-facts
 * B.14.1). Asking for the state a window is already in sends nothing. Returns the previous
 * visibility: true if the window had WS_VISIBLE.
 * Emulates: ShowWindow (Wine msg.c WmShowOverlappedSeq / WmHideOverlappedSeq begin with
 * WM_SHOWWINDOW 1 / 0; the rest of those sequences needs a screen). Invalid handle: FALSE with
 * ERROR_INVALID_WINDOW_HANDLE.
 * Differs: no screen, so every nCmdShow but SW_HIDE just shows (no minimized or maximized state,
 * no activation, WM_SIZE or WM_MOVE); an nCmdShow outside SW_HIDE..SW_MAX is FALSE with
 * ERROR_INVALID_PARAMETER (not checked against Windows); a window of another thread (another
 * JavaScript thread or simulated thread) is FALSE with ERROR_ACCESS_DENIED, as DestroyWindow is
 * here — Windows would send it WM_SHOWWINDOW across threads.
 *
 * @example
 * const hWnd = createVisibleWindow(DefWindowProc);
 * ShowWindow(hWnd, SW_HIDE); // true: it was visible
 * IsWindowVisible(hWnd);     // false
 */
export function ShowWindow(hWnd: HWND, nCmdShow: number): boolean {
  const w = localWindow(hWnd);
  if (!w) return fail(ownerThreadOf(hWnd) ? ERROR_ACCESS_DENIED : ERROR_INVALID_WINDOW_HANDLE);
  if (w.queue !== currentQueue()) return fail(ERROR_ACCESS_DENIED); // its WM_SHOWWINDOW would run on the wrong thread
  if (!Number.isInteger(nCmdShow) || nCmdShow < SW_HIDE || nCmdShow > SW_MAX) return fail(ERROR_INVALID_PARAMETER);
  const was = (w.style & WS_VISIBLE) !== 0;
  if (nCmdShow === SW_HIDE ? was : !was) setVisible(w, nCmdShow !== SW_HIDE);
  return was;
}

/**
 * True when the window and every ancestor have WS_VISIBLE; a message-only window never is.
 * Emulates: IsWindowVisible (windows-facts B.14). An invalid handle is FALSE.
 * Differs: a window of another JavaScript thread is FALSE (its style lives on that thread).
 */
export function IsWindowVisible(hWnd: HWND): boolean {
  const w = localWindow(hWnd);
  if (!w) {
    if (!ownerThreadOf(hWnd)) currentQueue().lastError = ERROR_INVALID_WINDOW_HANDLE;
    return false;
  }
  return isVisible(w);
}
