// Which windows get WM_PAINT: visibility and painting.
// Rules (windows-facts B.14, B.13.2): WM_PAINT is made only for a visible window with a non-empty
// update region. A message-only window (parent HWND_MESSAGE) is never visible and has no client
// area: InvalidateRect on it returns TRUE, but no WM_PAINT is ever retrieved for it, filtered or
// not. Visibility is WS_VISIBLE as CreateWindowEx, ShowWindow and SetWindowLongPtr set it, on the
// window and its ancestors (IsWindowVisible). A hidden window keeps its update region and is
// painted once shown. A window created with WS_VISIBLE is invalid, so UpdateWindow paints it at
// once with BeginPaint's rectangle = the client area. ShowWindow returns the previous visibility
// and, when the state changes, first sends WM_SHOWWINDOW (Wine msg.c WmShowOverlappedSeq and
// WmHideOverlappedSeq: wParam 1 to show, 0 to hide).
import * as assert from 'uvu/assert';
import {
  BeginPaint, createMessageWindow, createVisibleWindow, CreateWindowEx, DefWindowProc, DestroyWindow, DispatchMessage,
  EndPaint, ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE, GetLastError, GetUpdateRect, GWL_STYLE,
  InvalidateRect, IsWindowVisible, MSG, PAINTSTRUCT, PeekMessage, PM_REMOVE, PostThreadMessage, RECT, RegisterClassEx, SetLastError,
  SetWindowLongPtr, ShowWindow, SW_HIDE, SW_MAX, SW_SHOW, SW_SHOWNORMAL, UnregisterClass, UpdateWindow, ValidateRect,
  WM_PAINT, WM_QUIT, WM_SHOWWINDOW, WS_CHILD, WS_OVERLAPPEDWINDOW, WS_VISIBLE, startTrace, stopTrace, type HWND, type WNDPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('visibility');
const msg = new MSG();

/** A procedure that paints with BeginPaint and logs each rcPaint as [hwnd, left, top, right, bottom]. */
function painter(log: number[][]): WNDPROC {
  return (h, m, w, l) => {
    if (m !== WM_PAINT) return DefWindowProc(h, m, w, l);
    const ps = new PAINTSTRUCT();
    BeginPaint(h, ps);
    log.push([h, ps.rcPaint.left, ps.rcPaint.top, ps.rcPaint.right, ps.rcPaint.bottom]);
    EndPaint(h, ps);
    return 0;
  };
}

function pump(): void {
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
}

test('InvalidateRect() of a message-only window returns TRUE, but no WM_PAINT is ever retrieved for it (windows-facts B.14.1)', () => {
  const painted: number[][] = [];
  const h = createMessageWindow(painter(painted));
  assert.is(InvalidateRect(h, null, false), true);
  assert.is(InvalidateRect(h, new RECT(0, 0, 10, 10), true), true);
  assert.is(PeekMessage(msg, h, WM_PAINT, WM_PAINT, PM_REMOVE), false, 'not with a filter for it');
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'not without a filter');
  assert.ok(UpdateWindow(h));
  assert.equal(painted, [], 'UpdateWindow paints nothing either');
  assert.is(IsWindowVisible(h), false);
  DestroyWindow(h);
});

test('IsWindowVisible() of a message-only window is FALSE even after ShowWindow() (windows-facts B.14.1)', () => {
  const h = createMessageWindow(DefWindowProc);
  assert.is(ShowWindow(h, SW_SHOW), false, 'it was not visible');
  assert.is(IsWindowVisible(h), false, 'its parent, the message window, is never visible');
  InvalidateRect(h, null, false);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  DestroyWindow(h);
});

test('UpdateWindow() right after CreateWindowEx(WS_VISIBLE) sends WM_PAINT at once with the client area as rcPaint (windows-facts B.13.2)', () => {
  const painted: number[][] = [];
  const h = createVisibleWindow(painter(painted), 200, 100);
  const rec = startTrace();
  assert.ok(UpdateWindow(h));
  stopTrace();
  assertSequence(rec.rows(), [['sent', 'WM_PAINT', 0]], 'sent, not queued');
  assert.equal(painted, [[h, 0, 0, 200, 100]]);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'validated: nothing more to paint');
  DestroyWindow(h);
});

test('PeekMessage() makes a WM_PAINT for a window created with WS_VISIBLE, since its client area is invalid (windows-facts B.13.2)', () => {
  const painted: number[][] = [];
  const h = createVisibleWindow(painter(painted), 30, 20);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.message, WM_PAINT);
  assert.is(msg.hwnd, h);
  DispatchMessage(msg);
  assert.equal(painted, [[h, 0, 0, 30, 20]]);
  DestroyWindow(h);
});

test('ShowWindow() returns the previous visibility and sends WM_SHOWWINDOW only when the state changes', () => {
  const shows: number[] = [];
  const h = createVisibleWindow((w, m, wp, lp) => (m === WM_SHOWWINDOW && shows.push(wp), DefWindowProc(w, m, wp, lp)));
  ValidateRect(h, null);
  shows.length = 0; // the creation's WM_SHOWWINDOW is in creation.spec.ts
  const results = [
    ShowWindow(h, SW_SHOW), // already visible
    ShowWindow(h, SW_HIDE),
    ShowWindow(h, SW_HIDE), // already hidden
    ShowWindow(h, SW_SHOWNORMAL),
  ];
  assert.equal(results, [true, true, false, false]);
  assert.equal(shows, [0, 1], 'WM_SHOWWINDOW FALSE to hide, TRUE to show');
  assert.is(IsWindowVisible(h), true);
  ValidateRect(h, null);
  DestroyWindow(h);
});

test('ShowWindow() of a hidden window with an update region makes it paintable: the region kept while hidden is painted once shown (windows-facts B.14.1)', () => {
  const painted: number[][] = [];
  const h = createVisibleWindow(painter(painted), 50, 50);
  ValidateRect(h, null);
  ShowWindow(h, SW_HIDE);
  assert.ok(InvalidateRect(h, new RECT(1, 2, 3, 4), false));
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'hidden: no WM_PAINT');
  assert.ok(UpdateWindow(h));
  assert.equal(painted, [], 'UpdateWindow of a hidden window paints nothing');
  const kept = new RECT();
  assert.ok(GetUpdateRect(h, kept, false), 'the update region is kept');
  assert.equal(kept, new RECT(1, 2, 3, 4));
  ShowWindow(h, SW_SHOW);
  pump();
  assert.equal(painted, [[h, 0, 0, 50, 50]], 'shown: one WM_PAINT, for all of the window it exposed');
  DestroyWindow(h);
});

test('IsWindowVisible() is FALSE for a child with WS_VISIBLE while its parent is hidden, and the child is painted once the parent is shown (windows-facts B.14.2)', () => {
  const painted: number[][] = [];
  RegisterClassEx({ lpszClassName: 'VisChild', lpfnWndProc: painter(painted) });
  const parent = CreateWindowEx(0, 'VisChild', '', WS_OVERLAPPEDWINDOW, 0, 0, 100, 100, 0, 0, 0, null);
  const child = CreateWindowEx(0, 'VisChild', '', WS_CHILD | WS_VISIBLE, 0, 0, 10, 10, parent, 1, 0, null);
  assert.is(IsWindowVisible(child), false, 'parent hidden');
  pump();
  assert.equal(painted, [], 'nothing visible to paint');
  ShowWindow(parent, SW_SHOW);
  assert.is(IsWindowVisible(child), true);
  pump();
  assert.equal(painted, [[parent, 0, 0, 100, 100], [child, 0, 0, 10, 10]], 'parent first (windows-facts B.4.5)');
  DestroyWindow(parent);
  UnregisterClass('VisChild');
});

test('SetWindowLongPtr(GWL_STYLE) with or without WS_VISIBLE shows or hides the window without WM_SHOWWINDOW (windows-facts B.14.2)', () => {
  const log: string[] = [];
  const h = createVisibleWindow((w, m, wp, lp) => (m === WM_SHOWWINDOW && log.push('WM_SHOWWINDOW'), DefWindowProc(w, m, wp, lp)));
  log.length = 0;
  const style = SetWindowLongPtr(h, GWL_STYLE, WS_OVERLAPPEDWINDOW) as number;
  assert.is(style & WS_VISIBLE, WS_VISIBLE, 'the previous style had it');
  assert.is(IsWindowVisible(h), false);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'still invalid from creation, but hidden');
  SetWindowLongPtr(h, GWL_STYLE, WS_OVERLAPPEDWINDOW | WS_VISIBLE);
  assert.is(IsWindowVisible(h), true);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE), 'visible again: the kept region is painted');
  assert.is(msg.message, WM_PAINT);
  DispatchMessage(msg);
  assert.equal(log, []);
  DestroyWindow(h);
});

test('ShowWindow() and IsWindowVisible() of an invalid handle fail with ERROR_INVALID_WINDOW_HANDLE; ShowWindow() beyond SW_MAX fails with ERROR_INVALID_PARAMETER', () => {
  const bogus: HWND = 0x7ff0;
  SetLastError(0);
  assert.is(ShowWindow(bogus, SW_SHOW), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  SetLastError(0);
  assert.is(IsWindowVisible(bogus), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  const h = createVisibleWindow(DefWindowProc);
  ValidateRect(h, null);
  SetLastError(0);
  assert.is(ShowWindow(h, SW_MAX + 1), false);
  assert.is(GetLastError(), ERROR_INVALID_PARAMETER);
  assert.is(IsWindowVisible(h), true, 'unchanged');
  DestroyWindow(h);
});

test('ShowWindow() of a window of another (simulated) thread fails with ERROR_ACCESS_DENIED and changes nothing', ({ sim }) => {
  let theirs: HWND = 0;
  const peer = sim.createThread('owner', () => {
    theirs = createVisibleWindow(DefWindowProc);
  });
  SetLastError(0);
  assert.is(ShowWindow(theirs, SW_HIDE), false);
  assert.is(GetLastError(), ERROR_ACCESS_DENIED);
  assert.is(IsWindowVisible(theirs), true);
  PostThreadMessage(peer.threadId, WM_QUIT, 0, 0);
  sim.runUntilIdle();
  assert.ok(peer.ended);
});

test.run();
