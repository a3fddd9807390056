// PostMessage, PostThreadMessage, GetMessage and PeekMessage: routing, filters and failures.
// Rules: mfc-semantics §1.1 items 3 and 7, §1.2 items 8-9, §1.4 items 16-18; windows-facts B.4, B.5.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, createVisibleWindow, CreateWindowEx, DefWindowProc, DestroyWindow, DispatchMessage, ERROR_INVALID_THREAD_ID,
  ERROR_INVALID_WINDOW_HANDLE, ERROR_NOT_ENOUGH_QUOTA, GetCurrentThreadId, GetLastError, GetMessage, HWND_BOTTOM,
  HWND_BROADCAST, HWND_MESSAGE, HWND_NOTOPMOST, HWND_TOPMOST, MSG, PeekMessage, PM_NOREMOVE, PM_REMOVE, PostMessage,
  PostThreadMessage, RegisterClassEx, SendMessage, SetLastError, TranslateMessage, UnregisterClass, WM_CHAR, WM_KEYDOWN, WM_KEYUP, WM_USER, WS_CHILD,
  type HWND,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('post-and-get');
const msg = new MSG();

function drain(hWnd: HWND = 0, min = 0, max = 0): [HWND, number, number][] {
  const out: [HWND, number, number][] = [];
  while (PeekMessage(msg, hWnd, min, max, PM_REMOVE)) out.push([msg.hwnd, msg.message, msg.wParam]);
  return out;
}

test('PostMessage() queues messages for a window in FIFO order and GetMessage() returns them', () => {
  const h = createMessageWindow(DefWindowProc);
  for (let i = 0; i < 5; i++) assert.ok(PostMessage(h, WM_USER + (i % 2), i, 0));
  for (let i = 0; i < 5; i++) {
    assert.is(GetMessage(msg, 0, 0, 0), 1);
    assert.equal([msg.hwnd, msg.message, msg.wParam], [h, WM_USER + (i % 2), i]);
  }
  DestroyWindow(h);
});

test('PostMessage() with a NULL hWnd posts a thread message that DispatchMessage() ignores', () => {
  let calls = 0;
  const h = createMessageWindow((w, m, wp, lp) => (calls++, DefWindowProc(w, m, wp, lp)));
  calls = 0;
  assert.ok(PostMessage(0, WM_USER, 1, 2));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.equal([msg.hwnd, msg.message, msg.wParam, msg.lParam], [0, WM_USER, 1, 2]);
  assert.is(DispatchMessage(msg), 0);
  assert.is(calls, 0);
  DestroyWindow(h);
});

test('PostMessage() to an invalid window fails with ERROR_INVALID_WINDOW_HANDLE', () => {
  SetLastError(0);
  assert.is(PostMessage(0x12345678, WM_USER, 0, 0), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  const h = createMessageWindow(DefWindowProc);
  DestroyWindow(h);
  assert.is(PostMessage(h, WM_USER, 0, 0), false, 'a destroyed window');
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
});

test('PostMessage() fails with ERROR_NOT_ENOUGH_QUOTA once 10,000 messages are queued (mfc-semantics §1.1 item 7)', () => {
  for (let i = 0; i < 10000; i++) assert.ok(PostMessage(0, WM_USER, i, 0));
  SetLastError(0);
  assert.is(PostMessage(0, WM_USER, 10000, 0), false);
  assert.is(GetLastError(), ERROR_NOT_ENOUGH_QUOTA);
  assert.is(PostThreadMessage(GetCurrentThreadId(), WM_USER, 0, 0), false);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.wParam, 0, 'nothing was lost or reordered');
  assert.ok(PostMessage(0, WM_USER, 10001, 0), 'room again after one was removed');
  assert.is(drain().length, 10000);
});

test('PostThreadMessage() posts to a thread by id and fails with ERROR_INVALID_THREAD_ID for an unknown one', () => {
  assert.ok(PostThreadMessage(GetCurrentThreadId(), WM_USER + 7, 3, 4));
  assertSequence(drain(), [[0, WM_USER + 7, 3]]);
  SetLastError(0);
  assert.is(PostThreadMessage(0x7ffffff0, WM_USER, 0, 0), false);
  assert.is(GetLastError(), ERROR_INVALID_THREAD_ID);
});

test('PeekMessage() with hWnd NULL returns window and thread messages; -1, 1 and 0xffff only thread messages; -2, -3 nothing (windows-facts B.4.2)', () => {
  const h = createMessageWindow(DefWindowProc);
  PostMessage(h, WM_USER, 1, 0);
  PostMessage(0, WM_USER, 2, 0);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.is(msg.wParam, 1, 'NULL filter: the window message, first in FIFO');
  for (const special of [HWND_TOPMOST, HWND_BOTTOM, HWND_BROADCAST]) {
    assert.ok(PeekMessage(msg, special, 0, 0, PM_NOREMOVE), `filter ${special}`);
    assert.equal([msg.hwnd, msg.wParam], [0, 2], `filter ${special} returns the thread message`);
  }
  for (const none of [HWND_NOTOPMOST, HWND_MESSAGE]) assert.is(PeekMessage(msg, none, 0, 0, PM_NOREMOVE), false, `filter ${none}`);
  assert.is(GetMessage(msg, HWND_TOPMOST, 0, 0), 1);
  assert.equal([msg.hwnd, msg.wParam], [0, 2]);
  assertSequence(drain(), [[h, WM_USER, 1]]);
  DestroyWindow(h);
});

test('GetMessage() returns -1 and PeekMessage() FALSE for an invalid hWnd filter, both with ERROR_INVALID_WINDOW_HANDLE (windows-facts B.4.3)', () => {
  SetLastError(0);
  assert.is(GetMessage(msg, 0x4242, 0, 0), -1);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  SetLastError(0);
  assert.is(PeekMessage(msg, 0x4242, 0, 0, PM_REMOVE), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
});

test('PeekMessage() with a window filter also returns messages for its child windows (mfc-semantics §1.4 item 18)', () => {
  RegisterClassEx({ lpszClassName: 'SpecChild', lpfnWndProc: DefWindowProc });
  const parent = createMessageWindow(DefWindowProc);
  const child = CreateWindowEx(0, 'SpecChild', '', WS_CHILD, 0, 0, 10, 10, parent, 1, 0, null);
  const other = createMessageWindow(DefWindowProc);
  PostMessage(other, WM_USER, 1, 0);
  PostMessage(child, WM_USER, 2, 0);
  PostMessage(parent, WM_USER, 3, 0);
  assertSequence(drain(parent), [[child, WM_USER, 2], [parent, WM_USER, 3]]);
  assertSequence(drain(child), []);
  assertSequence(drain(), [[other, WM_USER, 1]]);
  DestroyWindow(parent);
  DestroyWindow(other);
  assert.ok(UnregisterClass('SpecChild'));
});

test('GetMessage() with a range returns the first message inside it and leaves the others in FIFO order (windows-facts B.5.2)', () => {
  PostMessage(0, WM_CHAR, 1, 0);
  PostMessage(0, WM_KEYDOWN, 2, 0);
  PostMessage(0, WM_KEYUP, 3, 0);
  assert.is(GetMessage(msg, 0, WM_KEYDOWN, WM_KEYUP), 1);
  assert.is(msg.message, WM_KEYDOWN);
  PostMessage(0, WM_USER + 1, 4, 0);
  PostMessage(0, WM_USER, 5, 0);
  assert.ok(PeekMessage(msg, 0, WM_USER, WM_USER + 1, PM_NOREMOVE));
  assert.is(msg.message, WM_USER + 1, 'posted first, so returned first although WM_USER is lower');
  assertSequence(drain(), [[0, WM_CHAR, 1], [0, WM_KEYUP, 3], [0, WM_USER + 1, 4], [0, WM_USER, 5]]);
});

test('PeekMessage() with min = max = 0 applies no range (windows-facts B.5.1; ranges beyond 16 bits are in filters.spec.ts)', () => {
  PostMessage(0, WM_USER, 1, 0);
  PostMessage(0, WM_CHAR, 2, 0);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.wParam, 1);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.wParam, 2);
});

test('PeekMessage() with PM_NOREMOVE leaves the message, so the next PM_REMOVE returns the same one (mfc-semantics §1.5 item 24)', () => {
  PostMessage(0, WM_USER, 1, 0);
  PostMessage(0, WM_USER, 2, 0);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.is(msg.wParam, 1);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.is(msg.wParam, 1);
  assertSequence(drain(), [[0, WM_USER, 1], [0, WM_USER, 2]]);
});

test('PeekMessage() on a backlog of unrelated messages finds a filtered one and keeps FIFO order for the rest', () => {
  const a = createMessageWindow(DefWindowProc);
  const b = createMessageWindow(DefWindowProc);
  for (let i = 0; i < 3000; i++) PostMessage(i % 2 ? a : b, WM_USER + (i % 3), i, 0);
  PostMessage(a, WM_USER + 9, 99, 0);
  assert.ok(PeekMessage(msg, a, WM_USER + 9, WM_USER + 9, PM_REMOVE));
  assert.is(msg.wParam, 99);
  assert.ok(PeekMessage(msg, b, WM_USER + 2, WM_USER + 2, PM_REMOVE));
  assert.is(msg.wParam, 2, 'first message for b in the range');
  assert.ok(PeekMessage(msg, 0, WM_USER + 1, WM_USER + 1, PM_REMOVE));
  assert.is(msg.wParam, 1);
  const rest = drain();
  assert.is(rest.length, 2998);
  assert.ok(rest.every((r, i) => i === 0 || r[2] > rest[i - 1]![2]), 'still FIFO');
  DestroyWindow(a);
  DestroyWindow(b);
});

test('TranslateMessage() posts WM_CHAR after a key-down message and returns true for key messages only', () => {
  const h = createMessageWindow(DefWindowProc);
  const key = new MSG();
  Object.assign(key, { hwnd: h, message: WM_KEYDOWN, wParam: 0x41, lParam: 0x001e0001 });
  assert.ok(TranslateMessage(key));
  Object.assign(key, { message: WM_KEYUP });
  assert.ok(TranslateMessage(key), 'true for key-up too, though nothing is posted');
  Object.assign(key, { message: WM_KEYDOWN, wParam: 0x70 /* VK_F1 */ });
  assert.ok(TranslateMessage(key), 'a key without a character');
  Object.assign(key, { message: WM_USER });
  assert.is(TranslateMessage(key), false);
  assertSequence(drain(), [[h, WM_CHAR, 0x61]]);
  DestroyWindow(h);
});

test('HWND_BROADCAST and HWND_TOPMOST deliver a system or registered message (below WM_USER, from 0xC000) to every top-level window, and a private one (WM_USER to 0xBFFF) to none, PostMessage still returning TRUE (msg.c test_broadcast)', () => {
  const seen: number[] = [];
  // A top-level window (a message-only window is never broadcast to), empty so that it needs no painting.
  const h = createVisibleWindow((hw, m, w, l) => (w === 0xbeef ? (seen.push(m), 0) : DefWindowProc(hw, m, w, l)), 0, 0);
  drain();
  for (const target of [HWND_BROADCAST, HWND_TOPMOST]) {
    for (const message of [WM_USER - 1, WM_USER, WM_USER + 1, 0xbfff, 0xc000, 0xffff]) {
      const delivered = message < WM_USER || message >= 0xc000;
      assert.ok(PostMessage(target, message, 0xbeef, 0), `post 0x${message.toString(16)} to ${target}`);
      assertSequence(drain(), delivered ? [[h, message, 0xbeef]] : [], `post 0x${message.toString(16)} to ${target}`);
      seen.length = 0;
      SendMessage(target, message, 0xbeef, 0);
      assert.equal(seen, delivered ? [message] : [], `send 0x${message.toString(16)} to ${target}`);
    }
  }
  DestroyWindow(h);
});

test.run();
