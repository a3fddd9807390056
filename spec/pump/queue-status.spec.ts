// GetQueueStatus change bits, PM_QS_* filters and WaitMessage's "new message" rule.
// Rules: windows-facts B.2, B.3, B.11; mfc-semantics §1.6 items 27-28.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, createVisibleWindow, DeadlockError, DefWindowProc, DestroyWindow, DispatchMessage, ERROR_INVALID_FLAGS, GetLastError,
  GetQueueStatus, InvalidateRect, KillTimer, MSG, PeekMessage, PM_NOREMOVE, PM_QS_PAINT, PM_QS_POSTMESSAGE,
  PM_QS_SENDMESSAGE, PM_REMOVE, PostMessage, QS_ALLINPUT, QS_PAINT, QS_POSTMESSAGE, QS_SENDMESSAGE, QS_TIMER,
  SendNotifyMessage, SetLastError, SetTimer, ValidateRect, WaitMessage, WM_CHAR, WM_PAINT, WM_USER,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';

const test = pumpSuite('queue-status');
const msg = new MSG();

/** A visible window (only visible windows get WM_PAINT, windows-facts B.14.1), validated. */
function paintWindow(): number {
  const h = createVisibleWindow(DefWindowProc);
  ValidateRect(h, null);
  return h;
}
const MAKELONG = (lo: number, hi: number) => ((hi << 16) | lo) >>> 0;

test('GetQueueStatus() returns 0 for an empty queue and fails with ERROR_INVALID_FLAGS for bad flags (windows-facts B.2.1)', () => {
  assert.is(GetQueueStatus(QS_ALLINPUT), 0);
  SetLastError(0);
  assert.is(GetQueueStatus(0xffffffff), 0);
  assert.is(GetLastError(), ERROR_INVALID_FLAGS);
});

test('GetQueueStatus() reports changed bits once and current bits while messages remain (windows-facts B.2.3-4)', () => {
  const h = paintWindow();
  GetQueueStatus(QS_ALLINPUT); // the window was invalid from its creation: that change is reported here
  PostMessage(h, WM_CHAR, 0, 0);
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(QS_POSTMESSAGE, QS_POSTMESSAGE));
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(0, QS_POSTMESSAGE), 'the change was reported');
  InvalidateRect(h, null, false);
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(QS_PAINT, QS_PAINT | QS_POSTMESSAGE));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  assert.is(msg.message, WM_CHAR);
  assert.is(GetQueueStatus(QS_ALLINPUT), MAKELONG(0, QS_PAINT));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
  DispatchMessage(msg);
  assert.is(GetQueueStatus(QS_ALLINPUT), 0);
  DestroyWindow(h);
});

test('GetQueueStatus() clears only the change bits it was asked about (windows-facts B.2)', () => {
  PostMessage(0, WM_USER, 0, 0);
  assert.is(GetQueueStatus(QS_SENDMESSAGE), 0);
  assert.is(GetQueueStatus(QS_SENDMESSAGE | QS_POSTMESSAGE), MAKELONG(QS_POSTMESSAGE, QS_POSTMESSAGE));
  PeekMessage(msg, 0, 0, 0, PM_REMOVE);
});

test('GetQueueStatus() shows QS_TIMER when a timer falls due (windows-facts B.2)', ({ sim }) => {
  const id = SetTimer(0, 0, 50, null);
  assert.is(GetQueueStatus(QS_TIMER), 0);
  sim.runFor(50);
  assert.is(GetQueueStatus(QS_TIMER), MAKELONG(QS_TIMER, QS_TIMER));
  assert.is(GetQueueStatus(QS_TIMER), MAKELONG(0, QS_TIMER));
  KillTimer(0, id);
});

test('PeekMessage() with PM_QS_PAINT returns WM_PAINT while posted messages are queued (windows-facts B.3.3)', () => {
  const h = paintWindow();
  PostMessage(h, WM_USER, 0, 0);
  InvalidateRect(h, null, false);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_PAINT));
  assert.is(msg.message, WM_PAINT);
  DispatchMessage(msg);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_PAINT), false, 'painted');
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE));
  assert.is(msg.message, WM_USER);
  DestroyWindow(h);
});

test('PeekMessage() with PM_QS_SENDMESSAGE never returns posted messages (windows-facts B.3.4)', () => {
  PostMessage(0, WM_CHAR, 0, 0);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_SENDMESSAGE), false);
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE));
});

test('PeekMessage() with a PM_QS_* flag that runs a pending sent message returns FALSE; without one it goes on (windows-facts B.3.1-2)', ({ sim }) => {
  const h = paintWindow();
  const got: number[] = [];
  const q = createMessageWindow((w, m, wp, lp) => (got.push(m), DefWindowProc(w, m, wp, lp)));
  // A message sent by another (simulated) thread, pending in this queue.
  sim.createThread('notifier', () => void SendNotifyMessage(q, WM_USER + 5, 0, 0));
  PostMessage(h, WM_CHAR, 0, 0);
  assert.is(GetQueueStatus(QS_SENDMESSAGE) >>> 16, QS_SENDMESSAGE);
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE), false, 'the sent message ran; the call ended');
  assert.ok(got.includes(WM_USER + 5));
  assert.ok(PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE), 'the next identical call returns the posted message');
  assert.is(msg.message, WM_CHAR);
  sim.createThread('notifier2', () => void SendNotifyMessage(q, WM_USER + 6, 0, 0));
  PostMessage(h, WM_CHAR, 1, 0);
  assert.ok(PeekMessage(msg, 0, WM_CHAR, WM_CHAR, PM_REMOVE), 'without PM_QS_*: runs the sent message and returns WM_CHAR');
  assert.ok(got.includes(WM_USER + 6));
  DestroyWindow(h);
  DestroyWindow(q);
});

test('WaitMessage() returns for a new message but not for one already seen by PeekMessage() (mfc-semantics §1.6 item 28)', ({ sim }) => {
  PostMessage(0, WM_USER, 0, 0);
  assert.ok(WaitMessage(), 'new since the queue was last examined');
  assert.ok(PeekMessage(msg, 0, WM_USER + 1, WM_USER + 1, PM_NOREMOVE) === false);
  // WM_USER is still queued but no longer new: nothing else can ever arrive, so the wait cannot end.
  assert.throws(() => WaitMessage(), (e: unknown) => e instanceof DeadlockError && /WaitMessage/.test((e as Error).message));
  const id = SetTimer(0, 0, 30, null);
  const t0 = sim.clock.nowMs();
  assert.ok(WaitMessage());
  assert.is(sim.clock.nowMs() - t0, 30, 'woken by the timer falling due');
  KillTimer(0, id);
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE));
});

test.run();
