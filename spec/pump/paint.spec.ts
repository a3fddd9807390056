// WM_PAINT. Rules: mfc-semantics §1.8 items 31-35; windows-facts B.8, B.4.5. WM_PAINT is made only
// for visible windows (windows-facts B.14.1), so these specs paint a visible top-level window that
// starts validated; which windows get WM_PAINT at all is in visibility.spec.ts.
import * as assert from 'uvu/assert';
import {
  BeginPaint, createVisibleWindow, CreateWindowEx, DefWindowProc, DestroyWindow, DispatchMessage, EndPaint,
  GetUpdateRect, InvalidateRect, MSG, PAINTSTRUCT, PeekMessage, PM_REMOVE, PostMessage, RECT, RegisterClassEx,
  UnregisterClass, UpdateWindow, ValidateRect, WM_PAINT, WM_USER, WS_CHILD, WS_VISIBLE, startTrace, stopTrace, type WNDPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('paint');
const msg = new MSG();

/** A visible 100 × 100 window whose creation-time update region is already validated. */
function paintWindow(proc: WNDPROC): number {
  const h = createVisibleWindow(proc);
  ValidateRect(h, null);
  return h;
}

test('PeekMessage() keeps making WM_PAINT while the window procedure does not validate (windows-facts B.8.2)', () => {
  let paints = 0;
  const h = paintWindow((w, m, wp, lp) => (m === WM_PAINT ? (paints++, 0) : DefWindowProc(w, m, wp, lp)));
  InvalidateRect(h, null, true);
  for (let i = 0; i < 12; i++) {
    assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
    DispatchMessage(msg);
  }
  assert.is(paints, 12);
  ValidateRect(h, null);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  DestroyWindow(h);
});

test('BeginPaint() in the WM_PAINT handler validates the window, so one WM_PAINT is made (windows-facts B.8.2)', () => {
  const rects: number[][] = [];
  const h = paintWindow((w, m, wp, lp) => {
    if (m !== WM_PAINT) return DefWindowProc(w, m, wp, lp);
    const ps = new PAINTSTRUCT();
    BeginPaint(w, ps);
    rects.push([ps.rcPaint.left, ps.rcPaint.top, ps.rcPaint.right, ps.rcPaint.bottom]);
    EndPaint(w, ps);
    return 0;
  });
  InvalidateRect(h, new RECT(1, 2, 3, 4), false);
  InvalidateRect(h, new RECT(5, 0, 8, 3), false);
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
  assert.equal(rects, [[1, 0, 8, 4]], 'one WM_PAINT for the union of the invalid parts');
  DestroyWindow(h);
});

test('WM_PAINT comes after posted messages (mfc-semantics §1.8 item 31)', () => {
  const h = paintWindow(DefWindowProc);
  InvalidateRect(h, null, false);
  PostMessage(h, WM_USER, 0, 0);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.message, WM_USER);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.message, WM_PAINT);
  DispatchMessage(msg); // DefWindowProc validates
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  DestroyWindow(h);
});

test('PeekMessage() with a child filter makes no WM_PAINT for the child while its parent is invalid (windows-facts B.4.5)', () => {
  RegisterClassEx({ lpszClassName: 'PaintChild', lpfnWndProc: DefWindowProc });
  const parent = paintWindow(DefWindowProc);
  const child = CreateWindowEx(0, 'PaintChild', '', WS_CHILD | WS_VISIBLE, 0, 0, 10, 10, parent, 1, 0, null);
  ValidateRect(child, null);
  InvalidateRect(child, null, false);
  InvalidateRect(parent, null, false);
  assert.is(PeekMessage(msg, child, 0, 0, PM_REMOVE), false);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.hwnd, parent, 'parent first');
  DispatchMessage(msg);
  assert.ok(PeekMessage(msg, child, 0, 0, PM_REMOVE));
  assert.is(msg.hwnd, child);
  DispatchMessage(msg);
  DestroyWindow(parent);
  UnregisterClass('PaintChild');
});

test('UpdateWindow() sends WM_PAINT directly, bypassing the queue (mfc-semantics §1.8 item 35)', () => {
  const h = paintWindow(DefWindowProc);
  InvalidateRect(h, null, false);
  const rec = startTrace();
  assert.ok(UpdateWindow(h));
  stopTrace();
  assertSequence(rec.rows(), [['sent', 'WM_PAINT', 0]]);
  assert.is(GetUpdateRect(h, null, false), false, 'DefWindowProc validated it');
  assert.ok(UpdateWindow(h));
  DestroyWindow(h);
});

test('ValidateRect() with a rectangle that does not cover the update region leaves the window invalid', () => {
  const h = paintWindow(DefWindowProc);
  InvalidateRect(h, new RECT(0, 0, 10, 10), false);
  ValidateRect(h, new RECT(0, 0, 5, 5));
  const r = new RECT();
  assert.ok(GetUpdateRect(h, r, false));
  ValidateRect(h, new RECT(0, 0, 10, 10));
  assert.is(GetUpdateRect(h, r, false), false);
  DestroyWindow(h);
});

test('A nested PeekMessage() inside the WM_PAINT handler does not recurse endlessly (windows-facts B.8.4)', () => {
  let depth = 0;
  let maxDepth = 0;
  const h = paintWindow((w, m, wp, lp) => {
    if (m !== WM_PAINT) return DefWindowProc(w, m, wp, lp);
    depth++;
    maxDepth = Math.max(maxDepth, depth);
    const ps = new PAINTSTRUCT();
    BeginPaint(w, ps);
    const inner = new MSG();
    while (PeekMessage(inner, 0, 0, 0, PM_REMOVE)) DispatchMessage(inner);
    EndPaint(w, ps);
    depth--;
    return 0;
  });
  InvalidateRect(h, null, false);
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
  assert.is(maxDepth, 1);
  DestroyWindow(h);
});

test.run();
