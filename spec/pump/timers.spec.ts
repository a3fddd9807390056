// SetTimer / KillTimer / WM_TIMER. Rules: mfc-semantics §1.10 items 38-43; windows-facts B.7.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE,
  GetLastError, GetMessage, KillTimer, MSG, PeekMessage, PM_NOREMOVE, PM_REMOVE, SetLastError, SetTimer, WM_TIMER,
  type TIMERPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('timers');
const msg = new MSG();

/** Pumps for `ms` of virtual time: every message retrieved and dispatched. */
function pumpFor(sim: { clock: { nowMs(): number }; runFor(ms: number): void }, ms: number): void {
  const end = sim.clock.nowMs() + ms;
  for (;;) {
    while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
    if (sim.clock.nowMs() >= end) return;
    sim.runFor(Math.min(1, end - sim.clock.nowMs()));
  }
}

test('SetTimer() replacing a thread timer keeps its id and restarts it; WM_TIMERs coalesce (windows-facts B.7.1)', ({ sim }) => {
  let calls = 0;
  const cb: TIMERPROC = () => void calls++;
  const id = SetTimer(0, 0, 100, cb);
  assert.ok(id);
  assert.is(SetTimer(0, id, 200, cb), id, 'the same id comes back');
  pumpFor(sim, 150);
  assert.is(calls, 0, 'no callback within the first 150 ms');
  pumpFor(sim, 150);
  assert.is(calls, 1, 'exactly one after 300 ms');
  assert.ok(KillTimer(0, id));
  pumpFor(sim, 250);
  assert.is(calls, 1, 'none after KillTimer');
});

test('SetTimer() makes one WM_TIMER however late the thread is, and the next one a period after the removal (mfc-semantics §1.10 item 41)', ({ sim }) => {
  const h = createMessageWindow(DefWindowProc);
  SetTimer(h, 7, 10, null);
  sim.runFor(1000);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.equal([msg.hwnd, msg.message, msg.wParam, msg.lParam], [h, WM_TIMER, 7, 0]);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'missed periods are not queued');
  sim.runFor(10);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  KillTimer(h, 7);
  DestroyWindow(h);
});

test('PeekMessage(PM_NOREMOVE) of a WM_TIMER does not restart the timer (windows-facts B.7.2)', ({ sim }) => {
  const h = createMessageWindow(DefWindowProc);
  SetTimer(h, 1, 10, null);
  sim.runFor(10);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_NOREMOVE));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  KillTimer(h, 1);
  DestroyWindow(h);
});

test('SetTimer() raises an elapse below USER_TIMER_MINIMUM to 10 ms and treats a negative one as huge (mfc-semantics §1.10 item 38)', ({ sim }) => {
  const h = createMessageWindow(DefWindowProc);
  SetTimer(h, 1, 0, null);
  sim.runFor(9);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  sim.runFor(1);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE), 'due at 10 ms');
  SetTimer(h, 2, -1, null);
  sim.runFor(100000);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.wParam, 1, 'only the 10 ms timer; the clamped one is 24 days away');
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  KillTimer(h, 1);
  KillTimer(h, 2);
  DestroyWindow(h);
});

test('SetTimer() with hWnd NULL ignores an unknown id and hands out fresh ids from 0x7fff down (windows-facts B.7.6)', () => {
  const a = SetTimer(0, 0, 100, null);
  const b = SetTimer(0, 12345, 100, null);
  assert.is(a, 0x7fff);
  assert.is(b, 0x7ffe);
  KillTimer(0, a);
  KillTimer(0, b);
});

test('SetTimer() ids are per window: two windows use the same id independently (mfc-semantics §1.10 item 39)', ({ sim }) => {
  const a = createMessageWindow(DefWindowProc);
  const b = createMessageWindow(DefWindowProc);
  assert.is(SetTimer(a, 5, 10, null), 5);
  assert.is(SetTimer(b, 5, 20, null), 5);
  sim.runFor(20);
  const got: [number, number][] = [];
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) got.push([msg.hwnd, msg.wParam]);
  assertSequence(got, [[a, 5], [b, 5]]);
  assert.ok(KillTimer(a, 5));
  assert.ok(KillTimer(b, 5));
  DestroyWindow(a);
  DestroyWindow(b);
});

test('SetTimer() on an invalid window fails with ERROR_INVALID_WINDOW_HANDLE; KillTimer() of an unknown timer fails', () => {
  SetLastError(0);
  assert.is(SetTimer(0x999998, 1, 10, null), 0);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  SetLastError(0);
  assert.is(KillTimer(0, 0x1234), false);
  assert.is(GetLastError(), ERROR_INVALID_PARAMETER);
});

test('DispatchMessage() of a WM_TIMER with a TIMERPROC in lParam calls it, even with hwnd NULL, and swallows what it throws (windows-facts B.7.7)', () => {
  const calls: [number, number, number][] = [];
  const proc: TIMERPROC = (hwnd, m, id) => {
    calls.push([hwnd, m, id]);
    throw new Error('thrown inside a TIMERPROC');
  };
  const hand = new MSG();
  hand.message = WM_TIMER;
  hand.wParam = 42;
  hand.lParam = proc;
  assert.is(DispatchMessage(hand), 0);
  assertSequence(calls, [[0, WM_TIMER, 42]]);
});

test('KillTimer() does not remove a WM_TIMER already retrieved, and DestroyWindow() kills the window\'s timers', ({ sim }) => {
  const h = createMessageWindow(DefWindowProc);
  SetTimer(h, 1, 10, null);
  sim.runFor(10);
  assert.is(GetMessage(msg, 0, 0, 0), 1);
  assert.ok(KillTimer(h, 1));
  assert.is(msg.message, WM_TIMER, 'the MSG in hand is unaffected');
  SetTimer(h, 2, 10, null);
  DestroyWindow(h);
  sim.runFor(100);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
});

test('GetMessage() on virtual time sleeps until the next timer is due', ({ sim }) => {
  const t0 = sim.clock.nowMs();
  const id = SetTimer(0, 0, 250, null);
  assert.is(GetMessage(msg, 0, 0, 0), 1);
  assert.is(sim.clock.nowMs() - t0, 250);
  assert.is(msg.message, WM_TIMER);
  KillTimer(0, id);
});

test.run();
