// Window classes, creation, destruction and window longs.
// Rules: mfc-semantics §1.1-1.3; windows-facts B.6.4; Win32 docs of CreateWindowEx (WM_NCCREATE /
// WM_CREATE, -1 fails the creation; the whole creation sequence is in creation.spec.ts), DestroyWindow (WM_DESTROY then WM_NCDESTROY), SetWindowLongPtr.
import * as assert from 'uvu/assert';
import {
  CallWindowProc, createMessageWindow, CreateWindowEx, DefWindowProc, DestroyWindow, ERROR_CANNOT_FIND_WND_CLASS,
  ERROR_CLASS_ALREADY_EXISTS, ERROR_CLASS_HAS_WINDOWS, ERROR_INVALID_INDEX, ERROR_INVALID_WINDOW_HANDLE, GetLastError,
  GetParent, GetWindowLongPtr, GetWindowThreadProcessId, GetCurrentThreadId, GWLP_USERDATA, GWLP_WNDPROC, HWND_MESSAGE,
  IsChild, IsWindow, MSG, PeekMessage, PM_REMOVE, PostMessage, RegisterClassEx, SendMessage, SetLastError,
  SetWindowLongPtr, UnregisterClass, WM_CREATE, WM_DESTROY, WM_NCCREATE, WM_NCDESTROY, WM_USER, WS_CHILD,
  startTrace, stopTrace, type CREATESTRUCT, type WNDPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('windows');
const msg = new MSG();

test('CreateWindowEx() sends WM_NCCREATE then WM_CREATE with the CREATESTRUCT, and returns a live handle', () => {
  const seen: [string, unknown][] = [];
  RegisterClassEx({
    lpszClassName: 'SpecWin',
    lpfnWndProc: (h, m, w, l) => {
      if (m === WM_NCCREATE || m === WM_CREATE) seen.push([m === WM_CREATE ? 'WM_CREATE' : 'WM_NCCREATE', (l as CREATESTRUCT).lpCreateParams]);
      return DefWindowProc(h, m, w, l);
    },
  });
  const h = CreateWindowEx(0, 'SpecWin', 'title', 0, 0, 0, 100, 50, HWND_MESSAGE, 0, 0, 'params');
  assert.ok(h);
  assert.ok(IsWindow(h));
  assertSequence(seen, [['WM_NCCREATE', 'params'], ['WM_CREATE', 'params']]);
  assert.is(GetWindowThreadProcessId(h), GetCurrentThreadId());
  DestroyWindow(h);
  assert.is(IsWindow(h), false);
  assert.ok(UnregisterClass('SpecWin'));
});

test('CreateWindowEx() fails when WM_CREATE returns -1, and the window gets WM_DESTROY and WM_NCDESTROY', () => {
  const rec = startTrace();
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_CREATE ? -1 : DefWindowProc(w, m, wp, lp)));
  stopTrace();
  assert.is(h, 0);
  assertSequence(rec.rows(), [
    ['sent', 'WM_GETMINMAXINFO', 0], ['sent', 'WM_NCCREATE', 0], ['sent', 'WM_NCCALCSIZE', 0], ['sent', 'WM_CREATE', 0],
    ['sent', 'WM_DESTROY', 0], ['sent', 'WM_NCDESTROY', 0],
  ]);
});

test('CreateWindowEx() fails when WM_NCCREATE returns FALSE', () => {
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_NCCREATE ? 0 : DefWindowProc(w, m, wp, lp)));
  assert.is(h, 0);
});

test('CreateWindowEx() with an unknown class fails with ERROR_CANNOT_FIND_WND_CLASS; RegisterClassEx() twice fails', () => {
  SetLastError(0);
  assert.is(CreateWindowEx(0, 'NoSuchClass', '', 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, null), 0);
  assert.is(GetLastError(), ERROR_CANNOT_FIND_WND_CLASS);
  assert.ok(RegisterClassEx({ lpszClassName: 'Twice', lpfnWndProc: DefWindowProc }));
  assert.is(RegisterClassEx({ lpszClassName: 'twice', lpfnWndProc: DefWindowProc }), 0, 'class names ignore case');
  assert.is(GetLastError(), ERROR_CLASS_ALREADY_EXISTS);
  const h = CreateWindowEx(0, 'Twice', '', 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, null);
  assert.is(UnregisterClass('Twice'), false);
  assert.is(GetLastError(), ERROR_CLASS_HAS_WINDOWS);
  DestroyWindow(h);
  assert.ok(UnregisterClass('Twice'));
});

test('DestroyWindow() sends WM_DESTROY parent first and WM_NCDESTROY children first, then the handles are dead', () => {
  const names = new Map<number, string>();
  const log: [string, string][] = [];
  const proc: WNDPROC = (h, m, w, l) => {
    if (m === WM_DESTROY) log.push(['WM_DESTROY', names.get(h)!]);
    if (m === WM_NCDESTROY) log.push(['WM_NCDESTROY', names.get(h)!]);
    if (m === WM_DESTROY) assert.ok(IsWindow(h), 'still a window during WM_DESTROY');
    return DefWindowProc(h, m, w, l);
  };
  RegisterClassEx({ lpszClassName: 'Tree', lpfnWndProc: proc });
  const parent = CreateWindowEx(0, 'Tree', '', 0, 0, 0, 0, 0, 0, 0, 0, null);
  const child = CreateWindowEx(0, 'Tree', '', WS_CHILD, 0, 0, 0, 0, parent, 1, 0, null);
  const grandchild = CreateWindowEx(0, 'Tree', '', WS_CHILD, 0, 0, 0, 0, child, 2, 0, null);
  names.set(parent, 'parent').set(child, 'child').set(grandchild, 'grandchild');
  assert.is(GetParent(grandchild), child);
  assert.ok(IsChild(parent, grandchild));
  PostMessage(child, WM_USER, 0, 0);
  assert.ok(DestroyWindow(parent));
  assertSequence(log, [
    ['WM_DESTROY', 'parent'], ['WM_DESTROY', 'child'], ['WM_DESTROY', 'grandchild'],
    ['WM_NCDESTROY', 'grandchild'], ['WM_NCDESTROY', 'child'], ['WM_NCDESTROY', 'parent'],
  ]);
  for (const h of [parent, child, grandchild]) assert.is(IsWindow(h), false);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'the child\'s posted message was purged');
  SetLastError(0);
  assert.is(DestroyWindow(parent), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  UnregisterClass('Tree');
});

test('SetWindowLongPtr(GWLP_WNDPROC) subclasses a window; CallWindowProc() forwards to the previous procedure', () => {
  const log: string[] = [];
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? (log.push('original'), 1) : DefWindowProc(w, m, wp, lp)));
  const previous = GetWindowLongPtr(h, GWLP_WNDPROC) as WNDPROC;
  assert.type(previous, 'function');
  const old = SetWindowLongPtr(h, GWLP_WNDPROC, (w, m, wp, lp) => {
    if (m === WM_USER) log.push('subclass');
    return CallWindowProc(previous, w, m, wp, lp);
  });
  assert.is(old, previous);
  assert.is(SendMessage(h, WM_USER, 0, 0), 1);
  assert.equal(log, ['subclass', 'original']);
  DestroyWindow(h);
});

test('SetWindowLongPtr(GWLP_USERDATA) stores a value or an object and returns the previous one', () => {
  const h = createMessageWindow(DefWindowProc);
  const state = { count: 1 };
  assert.is(SetWindowLongPtr(h, GWLP_USERDATA, state), 0);
  assert.is(GetWindowLongPtr(h, GWLP_USERDATA), state);
  assert.is(SetWindowLongPtr(h, GWLP_USERDATA, 7), state);
  SetLastError(0);
  assert.is(GetWindowLongPtr(h, 16), 0, 'no extra bytes');
  assert.is(GetLastError(), ERROR_INVALID_INDEX);
  DestroyWindow(h);
  SetLastError(0);
  assert.is(GetWindowLongPtr(h, GWLP_USERDATA), 0);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
});

test('GetWindowLongPtr() reads extra window bytes at offsets 0, 8, … within cbWndExtra', () => {
  RegisterClassEx({ lpszClassName: 'Extra', lpfnWndProc: DefWindowProc, cbWndExtra: 16 });
  const h = CreateWindowEx(0, 'Extra', '', 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, null);
  SetWindowLongPtr(h, 8, 99);
  assert.is(GetWindowLongPtr(h, 8), 99);
  assert.is(GetWindowLongPtr(h, 0), 0);
  DestroyWindow(h);
  UnregisterClass('Extra');
});

test('SendMessage() to a window of the same thread calls its procedure directly and returns the result (mfc-semantics §1.3 item 13)', () => {
  const rec = startTrace();
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? wp * 2 : DefWindowProc(w, m, wp, lp)));
  assert.is(SendMessage(h, WM_USER, 21, 0), 42);
  stopTrace();
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'nothing went through the queue');
  assert.equal(rec.rows().at(-1), ['sent', 'WM_USER', 0]);
  DestroyWindow(h);
  SetLastError(0);
  assert.is(SendMessage(h, WM_USER, 1, 0), 0);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
});

test.run();
