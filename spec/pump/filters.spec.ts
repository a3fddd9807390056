// GetMessage / PeekMessage message-range filters, and arguments C could not pass.
// Rules: windows-facts B.5 — (0, 0) means no range; a range returns only messages inside
// [wMsgFilterMin, wMsgFilterMax] and leaves the others queued in order; WM_QUIT from the quit flag
// comes whatever the range (B.5.4). The comparison is a plain one on the full 32-bit UINT, as
// Wine's check_msg_filter (server/queue.c) makes it: no test of Wine's msg.c tries a range beyond
// 16 bits or one whose min is above its max, so nothing shows Windows masking to 16 bits — a range
// of 0x10000..0x10000 is not (0, 0). An inverted range matching no message is Wine's
// implementation too, not a Windows test (windows-facts B.5.3 warns against relying on it; what
// WM_QUIT does under one is not pinned here). A NULL lpMsg makes
// Windows fault; here it, and any argument that is not a number C could pass, is a TypeError that
// names the call, the parameter and the value.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PeekMessage, PM_NOREMOVE,
  PM_REMOVE, PostMessage, PostQuitMessage, SendMessage, TranslateMessage, WM_QUIT, WM_USER, type HWND, type MSG as MSGType,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('filters');
const msg = new MSG();

function drain(): [number, number][] {
  const out: [number, number][] = [];
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) out.push([msg.message, msg.wParam]);
  return out;
}

/** Calls `f` and returns the message of the TypeError it throws (fails if it throws nothing else). */
function typeErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.instance(e, TypeError);
    return (e as Error).message;
  }
  assert.unreachable('expected a TypeError');
  return '';
}

// Each row: the range, and which of the posted messages (WM_USER, 0x10400, 0x10000) it returns.
const ranges: [string, number, number, number[]][] = [
  ['(0, 0): no range', 0, 0, [WM_USER, 0x10400, 0x10000]],
  ['0x10000..0x10000: only message 0x10000, not "no range"', 0x10000, 0x10000, [0x10000]],
  ['0x10400..0x10400: not WM_USER (0x0400), whose low word it shares', 0x10400, 0x10400, [0x10400]],
  ['WM_USER..WM_USER: not 0x10400', WM_USER, WM_USER, [WM_USER]],
  ['0..0xFFFFFFFF: every message', 0, 0xffffffff, [WM_USER, 0x10400, 0x10000]],
  ['0..-1 (as C converts -1 to 0xFFFFFFFF): every message', 0, -1, [WM_USER, 0x10400, 0x10000]],
  ['WM_USER + 1..WM_USER (min above max): no message, as in Wine (windows-facts B.5.3)', WM_USER + 1, WM_USER, []],
];

for (const [what, min, max, returned] of ranges) {
  test(`PeekMessage() with the range ${what} (windows-facts B.5)`, () => {
    PostMessage(0, WM_USER, 1, 0);
    PostMessage(0, 0x10400, 2, 0);
    PostMessage(0, 0x10000, 3, 0);
    const got: number[] = [];
    while (PeekMessage(msg, 0, min, max, PM_REMOVE)) got.push(msg.message);
    assert.equal(got, returned);
    const all = [[WM_USER, 1], [0x10400, 2], [0x10000, 3]];
    assertSequence(drain(), all.filter(([m]) => !returned.includes(m!)), 'the others stay queued in order');
  });
}

test('GetMessage() with a range that matches no posted message still returns WM_QUIT from PostQuitMessage (mfc-semantics §1.4 item 18, windows-facts B.5.4)', () => {
  PostMessage(0, WM_USER, 1, 0);
  PostQuitMessage(7);
  assert.is(GetMessage(msg, 0, WM_USER + 5, WM_USER + 6), 0);
  assert.is(msg.message, WM_QUIT);
  assert.is(msg.wParam, 7);
  assertSequence(drain(), [[WM_USER, 1]]);
});

test('GetMessage() with a NULL lpMsg throws a TypeError that names lpMsg and what it got, and removes nothing', () => {
  PostMessage(0, WM_USER, 1, 0);
  assert.match(typeErrorOf(() => GetMessage(null as unknown as MSGType, 0, 0, 0)), /^GetMessage: lpMsg must be a MSG object \(new MSG\(\)\), got null$/);
  assert.match(typeErrorOf(() => PeekMessage(undefined as unknown as MSGType, 0, 0, 0, PM_REMOVE)), /^PeekMessage: lpMsg must be a MSG object .*got undefined$/);
  assertSequence(drain(), [[WM_USER, 1]], 'the message is still there');
});

test('PeekMessage() with a filter that is NaN, a fraction or beyond 32 bits throws a TypeError naming the parameter and the value', () => {
  PostMessage(0, WM_USER, 1, 0);
  assert.match(typeErrorOf(() => PeekMessage(msg, 0, NaN, NaN, PM_NOREMOVE)), /^PeekMessage: wMsgFilterMin must be a UINT .*got NaN$/);
  assert.match(typeErrorOf(() => GetMessage(msg, 0, 0, 1.5)), /^GetMessage: wMsgFilterMax must be a UINT .*got 1\.5$/);
  assert.match(typeErrorOf(() => PeekMessage(msg, 0, 0, 2 ** 32, PM_NOREMOVE)), /wMsgFilterMax .*got 4294967296$/);
  assert.match(typeErrorOf(() => PeekMessage(msg, 0, 0, 0, '1' as unknown as number)), /^PeekMessage: wRemoveMsg must be a UINT .*got "1"$/);
  assertSequence(drain(), [[WM_USER, 1]], 'nothing was removed');
});

test('GetMessage() and PostMessage() with an hWnd that is not a number throw a TypeError that says 0 is NULL', () => {
  assert.match(typeErrorOf(() => GetMessage(msg, null as unknown as HWND, 0, 0)), /^GetMessage: hWnd must be a window handle \(a number; 0 for NULL\), got null$/);
  assert.match(typeErrorOf(() => PostMessage(undefined as unknown as HWND, WM_USER, 0, 0)), /^PostMessage: hWnd must be a window handle .*got undefined$/);
  assert.match(typeErrorOf(() => PostMessage(0, undefined as unknown as number, 0, 0)), /^PostMessage: Msg must be a UINT .*got undefined$/);
  assert.match(typeErrorOf(() => SendMessage('0x10002' as unknown as HWND, WM_USER, 0, 0)), /^SendMessage: hWnd must be a window handle .*got "0x10002"$/);
  assert.equal(drain(), [], 'nothing was posted');
});

test('DispatchMessage() and TranslateMessage() with a NULL lpMsg throw a TypeError naming lpMsg; a hand-built object is dispatched', () => {
  assert.match(typeErrorOf(() => DispatchMessage(null as unknown as MSGType)), /^DispatchMessage: lpMsg must be a MSG object .*got null$/);
  assert.match(typeErrorOf(() => TranslateMessage(undefined as unknown as MSGType)), /^TranslateMessage: lpMsg must be a MSG object .*got undefined$/);
  const seen: number[] = [];
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_USER && seen.push(wp), DefWindowProc(w, m, wp, lp)));
  DispatchMessage({ hwnd: h, message: WM_USER, wParam: 9, lParam: 0 } as MSGType);
  assert.equal(seen, [9]);
  DestroyWindow(h);
});

test.run();
