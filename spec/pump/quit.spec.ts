// PostQuitMessage and WM_QUIT. Rules: mfc-semantics §1.9 items 36-37; windows-facts B.6.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DestroyWindow, GetMessage, GetQueueStatus, MSG, PeekMessage, PM_NOREMOVE, PM_REMOVE, PostMessage,
  PostQuitMessage, PostThreadMessage, GetCurrentThreadId, QS_ALLINPUT, QS_POSTMESSAGE, WM_CLOSE, WM_QUIT, WM_USER,
  DefWindowProc, DispatchMessage,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('quit');
const msg = new MSG();
const MAKELONG = (lo: number, hi: number) => ((hi << 16) | lo) >>> 0;

test('PostQuitMessage() is a flag: PM_NOREMOVE sees WM_QUIT, a later post comes first, and WM_QUIT is returned once (windows-facts B.6.1)', () => {
  PostQuitMessage(0xbeef);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.equal([msg.hwnd, msg.message, msg.wParam, msg.lParam], [0, WM_QUIT, 0xbeef, 0]);
  PostThreadMessage(GetCurrentThreadId(), WM_USER, 0, 0);
  assert.is(GetMessage(msg, 0, 0, 0), 1);
  assert.is(msg.message, WM_USER);
  assert.is(GetMessage(msg, 0, 0, 0), 0);
  assert.equal([msg.message, msg.wParam], [WM_QUIT, 0xbeef]);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
});

test('PostQuitMessage() called twice yields one WM_QUIT with the last exit code (mfc-semantics §1.9 item 37)', () => {
  PostQuitMessage(1);
  PostQuitMessage(2);
  assert.is(GetMessage(msg, 0, 0, 0), 0);
  assert.is(msg.wParam, 2);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
});

test('WM_QUIT from PostQuitMessage() ignores the range and window filters (mfc-semantics §1.4 item 18)', () => {
  const h = createMessageWindow(DefWindowProc);
  PostQuitMessage(3);
  assert.is(GetMessage(msg, h, WM_USER, WM_USER), 0);
  assert.is(msg.wParam, 3);
  DestroyWindow(h);
});

test('PostThreadMessage(WM_QUIT) is an ordinary FIFO posted message (windows-facts B.6.2)', () => {
  PostThreadMessage(GetCurrentThreadId(), WM_QUIT, 0xdead, 0);
  PostThreadMessage(GetCurrentThreadId(), WM_USER, 0, 0);
  assert.is(GetMessage(msg, 0, 0, 0), 0);
  assert.is(msg.wParam, 0xdead);
  assert.is(GetMessage(msg, 0, 0, 0), 1);
  assert.is(msg.message, WM_USER);
});

test('DestroyWindow() purges the window\'s posted messages but its first WM_QUIT survives as the quit flag (windows-facts B.6.4)', () => {
  const h = createMessageWindow((hwnd, m, w, l) => {
    if (m === WM_CLOSE) {
      PostMessage(hwnd, WM_USER, 0, 0);
      PostMessage(hwnd, WM_QUIT, 0x1234, 0x5678);
      PostMessage(hwnd, WM_QUIT, 0x4321, 0x8765);
      DestroyWindow(hwnd);
      return 0;
    }
    return DefWindowProc(hwnd, m, w, l);
  });
  PostMessage(h, WM_CLOSE, 0, 0);
  const seen: [number, number, number, number][] = [];
  while (GetMessage(msg, 0, 0, 0) !== 0) {
    seen.push([msg.hwnd, msg.message, msg.wParam, msg.lParam as number]);
    DispatchMessage(msg);
  }
  seen.push([msg.hwnd, msg.message, msg.wParam, msg.lParam as number]);
  assertSequence(seen, [[h, WM_CLOSE, 0, 0], [0, WM_QUIT, 0x1234, 0]]);
});

test('GetQueueStatus() reports QS_POSTMESSAGE once more after WM_QUIT was retrieved (windows-facts B.6 / B.2.6)', () => {
  PostQuitMessage(0);
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(QS_POSTMESSAGE, QS_POSTMESSAGE));
  assert.is(GetMessage(msg, 0, 0, 0), 0);
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(0, QS_POSTMESSAGE));
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  assert.is(GetQueueStatus(QS_ALLINPUT), 0);
});

test.run();
