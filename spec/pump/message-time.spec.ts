// MSG.time on the real clock: the tick of the post, from a tick that every thread of the process
// shares, as GetTickCount is one tick for the whole of Windows. Windows' tick moves in steps of
// 10–16 ms (the step that a SetTimer of 0 ms shows, windows-facts B.7.4), so a stamp is faithful
// when it is within 16 ms of the tick at the moment of the post. The busy stretches below make a
// stamp taken at retrieval, or one left over from an earlier call, miss that bound by 40 ms; they
// are measured with the tick itself, so a slow or loaded machine only makes them longer — what is
// checked is which tick a message carries, never how fast anything runs.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, GetCurrentThreadId, GetMessage, GetMessageTime, MSG, PeekMessage,
  PM_REMOVE, PostMessage, PostThreadMessage, realClock, startThread, tickCount, WM_QUIT, WM_USER,
} from 'afxsock/pump';
import { realSuite } from '../support/realWorld.ts';

const test = realSuite('message-time');
const msg = new MSG();
const echoThread = new URL('./fixtures/echoThread.ts', import.meta.url);
/** Longer than a tick step, so that a stamp taken before or after it is out of bounds. */
const BUSY_MS = 40;
const TICK_STEP_MS = 16;
/** A tick that stands still this long fails the spec instead of hanging it. */
const GIVE_UP_MS = 5000;

/** Milliseconds from tick `b` to tick `a`, across the 32-bit wrap as GetTickCount arithmetic does. */
function ticksBetween(a: number, b: number): number {
  return (a - b) | 0;
}

/** Spins (the thread stays busy, retrieving nothing) until the tick is `ms` past `from`. */
function busyUntilTick(from: number, ms: number): void {
  const start = realClock.nowMs();
  while (ticksBetween(tickCount(realClock), from) < ms && realClock.nowMs() - start < GIVE_UP_MS) {
    // Busy on purpose: a queue that read the clock only when it is called would not see time pass.
  }
  assert.ok(ticksBetween(tickCount(realClock), from) >= ms, `the tick did not move ${ms} ms past ${from} within ${GIVE_UP_MS} ms`);
}

function assertWithinStep(time: number, before: number, after: number, what: string): void {
  assert.ok(
    ticksBetween(time, before) >= -TICK_STEP_MS && ticksBetween(after, time) >= -TICK_STEP_MS,
    `${what}: MSG.time ${time} is not within ${TICK_STEP_MS} ms of the post, which happened between ticks ${before} and ${after}`,
  );
}

test('PostMessage() stamps MSG.time with the tick of the post, however long the thread was busy before the post and before the retrieval (windows-facts B.7.4)', () => {
  const h = createMessageWindow(DefWindowProc);
  PeekMessage(msg, 0, 0, 0, PM_REMOVE); // a retrieval call, then a busy stretch before the post
  busyUntilTick(tickCount(realClock), BUSY_MS);
  const before = tickCount(realClock);
  PostMessage(h, WM_USER, 1, 0);
  const after = tickCount(realClock);
  busyUntilTick(after, BUSY_MS);
  assert.ok(PeekMessage(msg, h, 0, 0, PM_REMOVE));
  assertWithinStep(msg.time, before, after, 'a message retrieved after a busy stretch');
  assert.is(GetMessageTime(), msg.time, 'GetMessageTime() reports the same time');
  DestroyWindow(h);
});

test('tickCount(realClock) keeps up with the monotonic clock: after a busy stretch it reaches it within a tick step (windows-facts B.7.4)', () => {
  const start = realClock.nowMs();
  while (realClock.nowMs() - start < BUSY_MS) {
    // Busy: the tick must move without this thread calling anything of the queue.
  }
  // The tick is written by another thread, which the system may not have run yet on a loaded
  // machine: wait for it to catch up (the bound is on the value it reaches, not on how soon).
  let behind = Infinity;
  while (realClock.nowMs() - start < GIVE_UP_MS) {
    behind = ticksBetween(Math.floor(realClock.nowMs()) >>> 0, tickCount(realClock));
    if (Math.abs(behind) <= TICK_STEP_MS) break;
  }
  assert.ok(Math.abs(behind) <= TICK_STEP_MS, `the tick is ${behind} ms behind the clock`);
});

test('PostThreadMessage() from another thread stamps MSG.time with the same process-wide tick (windows-facts B.7.4)', async () => {
  const t = startThread(echoThread, { creator: GetCurrentThreadId() });
  const exited = new Promise<number>((resolve) => t.worker.on('exit', resolve));
  assert.is(GetMessage(msg, -1, WM_USER + 100, WM_USER + 100), 1, 'the worker is up');
  const before = tickCount(realClock);
  assert.ok(PostThreadMessage(t.threadId, WM_USER, 7, 0));
  assert.is(GetMessage(msg, -1, WM_USER, WM_USER), 1);
  const after = tickCount(realClock);
  assert.is(msg.wParam, 7, 'the echo of what was posted');
  assertWithinStep(msg.time, before, after, 'a message the worker posted');
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await exited;
});

test.run();
