// Which windows are visible, and so which invalid windows the queue may paint (windows-facts
// B.14). An invalid window that is hidden keeps its update region but stays out of the queue's
// paint list until it (and every ancestor) is visible again.
import { WM_SHOWWINDOW, WS_VISIBLE } from './constants.ts';
import { invalidate } from './updateRegion.ts';
import type { Window } from './window.ts';

/**
 * True when the window and all its ancestors have WS_VISIBLE. A message-only window never is:
 * its parent is the message window, which is never shown (windows-facts B.14.1).
 */
export function isVisible(w: Window): boolean {
  for (let x: Window | null = w; x; x = x.parent) {
    if (x.messageOnly || (x.style & WS_VISIBLE) === 0) return false;
  }
  return true;
}

/**
 * Brings the queue's paint list in line with the visibility of `w` and its descendants, after
 * WS_VISIBLE changed (ShowWindow, SetWindowLongPtr(GWL_STYLE)) or a region was invalidated. A
 * window that became paintable raises QS_PAINT again, as one that is exposed does on Windows.
 */
export function syncPaintable(w: Window): void {
  const walk = (x: Window, visible: boolean) => {
    if (x.dead) return;
    const paintable = visible && x.invalid;
    if (paintable && !x.queue.invalidWindows.has(x)) x.queue.invalidated(x);
    else if (!paintable) x.queue.invalidWindows.delete(x);
    for (const c of x.children) walk(c, visible && (c.style & WS_VISIBLE) !== 0);
  };
  walk(w, isVisible(w));
}

/**
 * Sets or clears WS_VISIBLE after sending WM_SHOWWINDOW (wParam TRUE / FALSE, lParam 0), and keeps
 * the paint list true: a window that appears is exposed, so all its client area needs painting.
 * ShowWindow uses it, and CreateWindowEx for WS_VISIBLE (Windows calls ShowWindow once WM_CREATE
 * succeeded).
 */
export function setVisible(w: Window, show: boolean): void {
  w.queue.invokeWindow(w, WM_SHOWWINDOW, show ? 1 : 0, 0, 'sent');
  if (w.dead) return; // the procedure destroyed it
  if (show) {
    w.style |= WS_VISIBLE;
    invalidate(w, null, true);
  } else {
    w.style &= ~WS_VISIBLE;
  }
  syncPaintable(w);
}
