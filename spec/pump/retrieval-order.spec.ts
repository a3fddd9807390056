// The retrieval ladder: sent, posted, quit, (input), paint, timer — and the "already seen" rule.
// Rules: mfc-semantics §1.4 items 20-21, §1.1 item 4; windows-facts B.1.3, B.7.3.
import * as assert from 'uvu/assert';
import {
  createVisibleWindow, DefWindowProc, DestroyWindow, GetMessage, InvalidateRect, KillTimer, MSG, PeekMessage,
  PM_NOREMOVE, PM_REMOVE, PostMessage, PostQuitMessage, SetTimer, ValidateRect, WM_PAINT, WM_QUIT, WM_TIMER, WM_USER,
  messageName,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('retrieval-order');
const msg = new MSG();

/** A visible window (only visible windows get WM_PAINT, windows-facts B.14.1), validated. */
function paintWindow(): number {
  const h = createVisibleWindow(DefWindowProc);
  ValidateRect(h, null);
  return h;
}

test('GetMessage() returns posted messages, then WM_QUIT, then WM_PAINT, then WM_TIMER (mfc-semantics §1.4 item 21)', ({ sim }) => {
  const h = paintWindow();
  SetTimer(h, 1, 10, null);
  sim.runFor(10);
  InvalidateRect(h, null, false);
  PostQuitMessage(5);
  PostMessage(h, WM_USER, 0, 0);
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    GetMessage(msg, 0, 0, 0);
    seen.push(messageName(msg.message));
  }
  PeekMessage(msg, 0, 0, 0, PM_REMOVE);
  seen.push(messageName(msg.message));
  ValidateRect(h, null);
  PeekMessage(msg, 0, 0, 0, PM_REMOVE);
  seen.push(messageName(msg.message));
  assertSequence(seen.map((s) => [s]), [['WM_USER'], ['WM_QUIT'], ['WM_PAINT'], ['WM_TIMER']]);
  KillTimer(h, 1);
  DestroyWindow(h);
});

test('PeekMessage() makes WM_PAINT and WM_TIMER only when no posted message matches (mfc-semantics §1.1 item 4)', ({ sim }) => {
  const h = paintWindow();
  SetTimer(h, 1, 10, null);
  sim.runFor(20);
  PostMessage(h, WM_USER, 1, 0);
  assert.ok(PeekMessage(msg, h, WM_TIMER, WM_TIMER, PM_REMOVE), 'a range that excludes the posted message reaches the timer');
  assert.is(msg.message, WM_TIMER);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.message, WM_USER);
  KillTimer(h, 1);
  DestroyWindow(h);
});

test('PeekMessage(PM_NOREMOVE) that returned WM_TIMER ranks messages posted after it behind the timer, and a second such peek keeps the mark where the first set it (windows-facts B.7.3; msg.c test_PeekMessage3, first block)', ({ sim }) => {
  for (const peeksAfterPost of [0, 1]) {
    const h = paintWindow();
    SetTimer(h, 1, 10, null);
    sim.runFor(10);
    assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
    assert.is(msg.message, WM_TIMER);
    PostMessage(h, WM_USER, 0, 0);
    for (let i = 0; i < peeksAfterPost; i++) {
      assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
      assert.is(msg.message, WM_TIMER, 'a second peek sees the timer again');
    }
    GetMessage(msg, 0, 0, 0);
    assert.is(msg.message, WM_TIMER, `the already-seen timer first (${peeksAfterPost} more peeks)`);
    GetMessage(msg, 0, 0, 0);
    assert.is(msg.message, WM_USER);
    assert.not.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
    KillTimer(h, 1);
    DestroyWindow(h);
  }
});

test('PeekMessage(PM_NOREMOVE) does not demote a message posted before the peek (windows-facts B.7.3)', ({ sim }) => {
  const h = paintWindow();
  SetTimer(h, 1, 10, null);
  sim.runFor(10);
  PostMessage(h, WM_USER, 0, 0);
  assert.ok(PeekMessage(msg, 0, WM_TIMER, WM_TIMER, PM_NOREMOVE));
  PostMessage(h, WM_USER + 1, 0, 0);
  const order: number[] = [];
  for (let i = 0; i < 3; i++) {
    GetMessage(msg, 0, 0, 0);
    order.push(msg.message);
  }
  assert.equal(order, [WM_USER, WM_TIMER, WM_USER + 1]);
  KillTimer(h, 1);
  DestroyWindow(h);
});

test('GetMessage() whose range excludes the already-seen message still returns newer posted messages (windows-facts B.7.3)', ({ sim }) => {
  const h = paintWindow();
  SetTimer(h, 1, 10, null);
  sim.runFor(10);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  PostMessage(h, WM_USER, 0, 0);
  GetMessage(msg, 0, WM_USER, WM_USER);
  assert.is(msg.message, WM_USER);
  KillTimer(h, 1);
  DestroyWindow(h);
});

test('PeekMessage(PM_NOREMOVE) of a posted WM_TIMER gives it the same preference over newer posts (windows-facts B.7.3)', () => {
  const h = paintWindow();
  PostMessage(h, WM_TIMER, 9, 0);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  PostMessage(h, WM_USER, 0, 0);
  GetMessage(msg, 0, 0, 0);
  assert.equal([msg.message, msg.wParam], [WM_TIMER, 9]);
  GetMessage(msg, 0, 0, 0);
  assert.is(msg.message, WM_USER);
  DestroyWindow(h);
});

test('WM_QUIT from PostQuitMessage() comes after every posted message, even ones posted later (windows-facts B.6.1)', () => {
  PostQuitMessage(1);
  PostMessage(0, WM_USER, 0, 0);
  GetMessage(msg, 0, 0, 0);
  assert.is(msg.message, WM_USER);
  assert.is(GetMessage(msg, 0, 0, 0), 0);
  assert.is(msg.message, WM_QUIT);
});

test.run();
