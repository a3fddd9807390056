// Win32 painting without a screen: update regions (kept as their bounding rectangle) that make
// the queue synthesize WM_PAINT until they are validated (mfc-semantics §1.8, windows-facts B.8).
import { ERROR_INVALID_WINDOW_HANDLE, WM_PAINT } from '../constants.ts';
import { currentQueue } from '../threadContext.ts';
import { RECT, type BOOL, type HWND, type PAINTSTRUCT } from '../types.ts';
import { localWindow, localWindows, type Window } from '../window.ts';

/**
 * Adds a rectangle (null = the whole client area) to the window's update region, so that a
 * WM_PAINT is made for it after the posted messages. hWnd 0 invalidates every window of the thread.
 * Emulates: InvalidateRect.
 * Differs: there is no screen, so every window counts as visible, and null invalidates it even
 * when its client area has no size (a message-only window): WM_PAINT still reaches it.
 */
export function InvalidateRect(hWnd: HWND, lpRect: RECT | null, bErase: BOOL): boolean {
  if (hWnd === 0) {
    const q = currentQueue();
    for (const w of [...localWindows()]) if (w.queue === q && !w.dead) invalidate(w, null, bErase);
    return true;
  }
  const w = windowOrFail(hWnd);
  if (!w) return false;
  if (lpRect && (lpRect.right <= lpRect.left || lpRect.bottom <= lpRect.top)) return true; // an empty rectangle adds nothing
  invalidate(w, lpRect, bErase);
  return true;
}

function invalidate(w: Window, r: RECT | null, bErase: BOOL): void {
  const add = r ?? w.clientRect;
  const u = w.updateRect;
  if (!w.invalid) {
    u.left = add.left;
    u.top = add.top;
    u.right = add.right;
    u.bottom = add.bottom;
  } else {
    u.left = Math.min(u.left, add.left);
    u.top = Math.min(u.top, add.top);
    u.right = Math.max(u.right, add.right);
    u.bottom = Math.max(u.bottom, add.bottom);
  }
  w.invalid = true;
  w.erase ||= Boolean(bErase);
  w.queue.invalidated(w);
}

/**
 * Removes a rectangle (null = everything) from the update region.
 * Emulates: ValidateRect.
 * Differs: the region is kept as a bounding rectangle, so a rectangle that does not cover it
 * leaves the window invalid.
 */
export function ValidateRect(hWnd: HWND, lpRect: RECT | null): boolean {
  const w = windowOrFail(hWnd);
  if (!w) return false;
  const u = w.updateRect;
  if (!lpRect || (lpRect.left <= u.left && lpRect.top <= u.top && lpRect.right >= u.right && lpRect.bottom >= u.bottom)) validate(w);
  return true;
}

function validate(w: Window): void {
  w.invalid = false;
  w.erase = false;
  w.queue.invalidWindows.delete(w);
}

/** Emulates: BeginPaint — fills lpPaint with the update rectangle and validates the window. */
export function BeginPaint(hWnd: HWND, lpPaint: PAINTSTRUCT): number {
  const w = windowOrFail(hWnd);
  if (!w) return 0;
  const u = w.updateRect;
  lpPaint.rcPaint = new RECT(u.left, u.top, u.right, u.bottom);
  lpPaint.fErase = w.erase;
  lpPaint.hdc = 0x01010000 | (hWnd & 0xffff);
  validate(w);
  return lpPaint.hdc;
}

/** Emulates: EndPaint. */
export function EndPaint(hWnd: HWND, lpPaint: PAINTSTRUCT): boolean {
  void lpPaint;
  return windowOrFail(hWnd) !== undefined;
}

/** Emulates: GetUpdateRect — whether the window is invalid, filling lpRect with the update rectangle. */
export function GetUpdateRect(hWnd: HWND, lpRect: RECT | null, bErase: BOOL): boolean {
  void bErase;
  const w = windowOrFail(hWnd);
  if (!w) return false;
  if (lpRect) Object.assign(lpRect, w.invalid ? w.updateRect : new RECT());
  return w.invalid;
}

/** Emulates: UpdateWindow — sends WM_PAINT directly (not through the queue) if the window is invalid. */
export function UpdateWindow(hWnd: HWND): boolean {
  const w = windowOrFail(hWnd);
  if (!w) return false;
  if (w.invalid) w.queue.invokeWindow(w, WM_PAINT, 0, 0, 'sent');
  return true;
}

function windowOrFail(hWnd: HWND): Window | undefined {
  const w = localWindow(hWnd);
  if (!w) currentQueue().lastError = ERROR_INVALID_WINDOW_HANDLE;
  return w;
}
