// Win32 painting without a screen: update regions (kept as their bounding rectangle) that make
// the queue synthesize WM_PAINT until they are validated (mfc-semantics §1.8, windows-facts B.8).
import { ERROR_INVALID_WINDOW_HANDLE, WM_PAINT } from '../constants.ts';
import { currentQueue } from '../threadContext.ts';
import { RECT, type BOOL, type HWND, type PAINTSTRUCT } from '../types.ts';
import { localWindow, localWindows, type Window } from '../window.ts';
import { invalidate, validate } from '../updateRegion.ts';
import { isVisible } from '../windowVisibility.ts';

/**
 * Adds a rectangle (null = the whole client area) to the window's update region, clipped to the
 * client area, so that a WM_PAINT is made for it after the posted messages — once the window is
 * visible: a hidden window keeps its update region and is painted when shown. hWnd 0 invalidates
 * every window of the thread. Returns TRUE for any live window, message-only ones included.
 * Emulates: InvalidateRect (windows-facts B.8.1, B.14.1: a message-only window has no client area,
 * so nothing becomes invalid and no WM_PAINT is ever made for it).
 * Differs: the region is kept as its bounding rectangle.
 */
export function InvalidateRect(hWnd: HWND, lpRect: RECT | null, bErase: BOOL): boolean {
  if (hWnd === 0) {
    const q = currentQueue();
    for (const w of [...localWindows()]) if (w.queue === q && !w.dead) invalidate(w, null, bErase);
    return true;
  }
  const w = windowOrFail(hWnd);
  if (!w) return false;
  invalidate(w, lpRect, bErase);
  return true;
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

/**
 * Sends WM_PAINT directly (not through the queue) if the window is visible and invalid; a hidden
 * window keeps its update region for later. A window created with WS_VISIBLE is invalid, so
 * UpdateWindow right after CreateWindowEx paints its client area (windows-facts B.13.2).
 * Emulates: UpdateWindow.
 */
export function UpdateWindow(hWnd: HWND): boolean {
  const w = windowOrFail(hWnd);
  if (!w) return false;
  if (w.invalid && isVisible(w)) w.queue.invokeWindow(w, WM_PAINT, 0, 0, 'sent');
  return true;
}

function windowOrFail(hWnd: HWND): Window | undefined {
  const w = localWindow(hWnd);
  if (!w) currentQueue().lastError = ERROR_INVALID_WINDOW_HANDLE;
  return w;
}
