// A window's update region, kept as its bounding rectangle, and the queue's list of windows it
// may paint (mfc-semantics §1.8, windows-facts B.8, B.14). InvalidateRect, ValidateRect,
// BeginPaint and the showing of a window change it through here.
import type { BOOL, RECT } from './types.ts';
import type { Window } from './window.ts';
import { isVisible } from './windowVisibility.ts';

/**
 * Adds `r` (null = the whole client area), clipped to the client area, to the update region. The
 * window joins the queue's paint list only while it is visible; a hidden one keeps its region.
 */
export function invalidate(w: Window, r: RECT | null, bErase: BOOL): void {
  const c = w.clientRect;
  const left = r ? Math.max(r.left, c.left) : c.left;
  const top = r ? Math.max(r.top, c.top) : c.top;
  const right = r ? Math.min(r.right, c.right) : c.right;
  const bottom = r ? Math.min(r.bottom, c.bottom) : c.bottom;
  if (right <= left || bottom <= top) return; // an empty rectangle adds nothing
  const u = w.updateRect;
  if (!w.invalid) {
    u.left = left;
    u.top = top;
    u.right = right;
    u.bottom = bottom;
  } else {
    u.left = Math.min(u.left, left);
    u.top = Math.min(u.top, top);
    u.right = Math.max(u.right, right);
    u.bottom = Math.max(u.bottom, bottom);
  }
  w.invalid = true;
  w.erase ||= Boolean(bErase);
  if (isVisible(w)) w.queue.invalidated(w);
}

/** Empties the update region: no WM_PAINT is due any more. */
export function validate(w: Window): void {
  w.invalid = false;
  w.erase = false;
  w.queue.invalidWindows.delete(w);
}
