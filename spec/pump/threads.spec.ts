// Real JavaScript threads, each with its own queue: posting, sending and quitting across threads
// through the shared-memory mailbox. Rules: mfc-semantics §1.2 items 8 and 12, §1.3 item 14;
// windows-facts B.9; DESIGN.md "The queue" (one MessageQueue per JavaScript thread).
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, ERROR_INVALID_THREAD_ID, ERROR_MESSAGE_SYNC_ONLY, ERROR_NOT_ENOUGH_QUOTA, GetCurrentThreadId,
  ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE, GetLastError, GetMessage, IsWindow, KillTimer, MSG, PeekMessage, PM_REMOVE, PostMessage, PostThreadMessage, SendMessage, SetLastError, SetTimer, startThread, waitUntil,
  WM_QUIT, WM_USER, type HWND,
} from 'afxsock/pump';
import { realSuite } from '../support/realWorld.ts';

const test = realSuite('threads');
const msg = new MSG();
const echoThread = new URL('./fixtures/echoThread.ts', import.meta.url);

/** Raised by the worker when it has done what WM_USER+5 asked (see the fixture). */
const flag = new Int32Array(new SharedArrayBuffer(4));

function start(gate?: Int32Array): { worker: Worker; threadId: number; exited: Promise<number> } {
  const t = startThread(echoThread, { creator: GetCurrentThreadId(), gate, flag });
  const exited = new Promise<number>((resolve) => t.worker.on('exit', resolve));
  return { ...t, exited };
}

function nextThreadMessage(message: number): MSG {
  assert.is(GetMessage(msg, -1, message, message), 1);
  return msg;
}

test('PostThreadMessage() to a worker queues messages before it runs; they arrive in order and replies come back', async () => {
  const t = start();
  for (let i = 0; i < 100; i++) assert.ok(PostThreadMessage(t.threadId, WM_USER, i, 0));
  nextThreadMessage(WM_USER + 100);
  for (let i = 0; i < 100; i++) assert.is(nextThreadMessage(WM_USER).wParam, i);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
});

test('SendMessage() to another thread\'s window waits for its retrieval call and returns the result (mfc-semantics §1.3 item 14)', async () => {
  const t = start();
  const theirs: HWND = nextThreadMessage(WM_USER + 100).wParam;
  assert.ok(IsWindow(theirs));
  assert.is(SendMessage(theirs, WM_USER + 1, 21, 0), 42);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
  assert.is(IsWindow(theirs), false, 'a thread\'s windows die with it');
});

test('SendMessage() across threads runs messages sent back to the waiting sender (mfc-semantics §1.3 item 14)', async () => {
  const t = start();
  const theirs: HWND = nextThreadMessage(WM_USER + 100).wParam;
  let ranOn = 0;
  const mine = createMessageWindow((h, m, w, l) => (m === WM_USER + 3 ? ((ranOn = GetCurrentThreadId()), 10) : DefWindowProc(h, m, w, l)));
  assert.is(SendMessage(theirs, WM_USER + 2, mine, 0), 11);
  assert.is(ranOn, GetCurrentThreadId(), 'the callback ran on this thread, inside the wait');
  DestroyWindow(mine);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
});

test('PostMessage() to another thread with an object lParam fails with ERROR_MESSAGE_SYNC_ONLY (threads share no objects)', async () => {
  const t = start();
  const theirs: HWND = nextThreadMessage(WM_USER + 100).wParam;
  SetLastError(0);
  assert.is(PostMessage(theirs, WM_USER, 0, { not: 'shareable' }), false);
  assert.is(GetLastError(), ERROR_MESSAGE_SYNC_ONLY);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
});

test('PostThreadMessage() to a thread that does not pump fails with ERROR_NOT_ENOUGH_QUOTA at 10,000 messages, losing none', async () => {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const t = start(gate);
  for (let i = 0; i < 10000; i++) assert.ok(PostThreadMessage(t.threadId, WM_USER, i, 0), `post ${i}`);
  SetLastError(0);
  assert.is(PostThreadMessage(t.threadId, WM_USER, 10000, 0), false);
  assert.is(GetLastError(), ERROR_NOT_ENOUGH_QUOTA);
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  nextThreadMessage(WM_USER + 100);
  let expected = 0;
  while (expected < 10000) {
    assert.is(nextThreadMessage(WM_USER).wParam, expected);
    expected++;
  }
  PostThreadMessage(t.threadId, WM_USER + 4, 0, 0);
  assert.is(nextThreadMessage(WM_USER + 4).wParam, 10000);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
});

test('PostThreadMessage() flooding from a worker into a thread that drains its mailbox meanwhile stops at exactly 10,000 queued: the rest fail with ERROR_NOT_ENOUGH_QUOTA (mfc-semantics §1.1 item 7)', async () => {
  // The main thread waits with a filter that leaves WM_USER+1 queued, taking the mailbox's records
  // in batches as they come: the records of a batch being handed over still count (up to 64 more
  // got in before).
  let result: [number, number] | null = null;
  const hwnd = createMessageWindow((h, m, wp, lp) => (m === WM_USER + 2 ? ((result = [wp, lp as number]), 0) : DefWindowProc(h, m, wp, lp)));
  const { worker } = startThread(new URL('./fixtures/floodThread.ts', import.meta.url), { target: GetCurrentThreadId(), hwnd, count: 20000 });
  assert.ok(waitUntil(() => result !== null, 60_000, 'the flood', true), 'the worker reported');
  let queued = 0;
  while (PeekMessage(msg, -1, WM_USER + 1, WM_USER + 1, PM_REMOVE)) queued++;
  assert.equal(result, [10000, ERROR_NOT_ENOUGH_QUOTA]);
  assert.is(queued, 10000);
  DestroyWindow(hwnd);
  await new Promise((resolve) => worker.once('exit', resolve));
});

test('SendMessage() to a window whose thread has ended returns 0 instead of hanging', async () => {
  const t = start();
  const theirs: HWND = nextThreadMessage(WM_USER + 100).wParam;
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
  assert.is(SendMessage(theirs, WM_USER + 1, 1, 0), 0);
  assert.is(PostThreadMessage(t.threadId, WM_USER, 0, 0), false);
});

test('more threads than can be alive at once (64) can be started one after another: an ended thread\'s slot is used again, and a post to the ended thread\'s id still fails', async () => {
  const ended: number[] = [];
  // 64 threads with a queue at a time (README, deviations): 80 in turn must all start.
  for (let i = 0; i < 80; i++) {
    const t = start();
    nextThreadMessage(WM_USER + 100);
    assert.ok(PostThreadMessage(t.threadId, WM_USER, i, 0));
    assert.is(nextThreadMessage(WM_USER).wParam, i, `thread ${i} echoes`);
    PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
    await t.exited;
    ended.push(t.threadId);
  }
  const live = start();
  nextThreadMessage(WM_USER + 100);
  for (const id of ended) assert.is(PostThreadMessage(id, WM_USER, 0, 0), false, `thread 0x${id.toString(16)} has ended`);
  PostThreadMessage(live.threadId, WM_QUIT, 0, 0);
  await live.exited;
});

test('DestroyWindow() also purges posts from another thread still in flight to the window (windows-facts B.6.4)', async () => {
  const t = start();
  nextThreadMessage(WM_USER + 100);
  const mine = createMessageWindow(DefWindowProc);
  PostThreadMessage(t.threadId, WM_USER + 5, mine, 0);
  // The worker raises `posted` once its post to `mine` is in this thread's mailbox; nothing here
  // retrieves a message meanwhile, so the post is still in flight when the window goes.
  assert.is(Atomics.wait(flag, 0, 0, 5000), 'ok');
  assert.ok(DestroyWindow(mine));
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false, 'the post to the destroyed window is gone');
  Atomics.store(flag, 0, 0);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
});

test('a worker started with node:worker_threads, not startThread, shares no queues: it gets a thread id of its own, and its PostThreadMessage to the main thread fails with ERROR_INVALID_THREAD_ID instead of returning TRUE for a lost message (mfc-semantics §1.2 item 12)', async () => {
  // A worker's entry module gets none of the parent's --import hooks: it registers tsx itself, as a user's would.
  const entry = new URL('./fixtures/plainWorker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(source, { eval: true, workerData: { main: GetCurrentThreadId() } });
  const report = await new Promise<{ posted: boolean; error: number; ownId: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await new Promise((resolve) => worker.once('exit', resolve));
  assert.equal([report.posted, report.error], [false, ERROR_INVALID_THREAD_ID]);
  assert.is.not(report.ownId, GetCurrentThreadId());
  assert.not.ok(PeekMessage(msg, -1, WM_USER + 7, WM_USER + 7, PM_REMOVE), 'nothing arrived here either');
});

test('SetTimer() and KillTimer() on another thread\'s window act on that thread\'s timers, as on Windows: the id comes back, its WM_TIMERs go to the owner, and a timer the owner made can be killed from here (windows-facts B.7.5)', async () => {
  const t = start();
  const theirs: HWND = nextThreadMessage(WM_USER + 100).wParam;
  assert.is(SetTimer(theirs, 7, 10), 7, 'SetTimer returns the requested id');
  assert.is(nextThreadMessage(WM_USER + 8).wParam, 7, 'the owner retrieved WM_TIMER 7');
  assert.ok(KillTimer(theirs, 7));
  SetLastError(0);
  assert.is(KillTimer(theirs, 7), false, 'it is gone');
  assert.is(GetLastError(), ERROR_INVALID_PARAMETER);
  PostThreadMessage(t.threadId, WM_USER + 7, 9, 0);
  assert.is(nextThreadMessage(WM_USER + 7).wParam, 9, 'the owner set timer 9 itself');
  assert.ok(KillTimer(theirs, 9), 'a timer the owner created, killed from this thread');
  SetLastError(0);
  assert.is(SetTimer(theirs, 3, 10, () => {}), 0, 'a TIMERPROC cannot cross threads');
  assert.is(GetLastError(), ERROR_MESSAGE_SYNC_ONLY);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await t.exited;
  SetLastError(0);
  assert.is(SetTimer(theirs, 7, 10), 0, 'the window died with its thread');
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
  SetLastError(0);
  assert.is(KillTimer(theirs, 7), false);
  assert.is(GetLastError(), ERROR_INVALID_WINDOW_HANDLE);
});

/** Starts the flood fixture and waits for its report without looking at this thread's mailbox. */
async function floodAndWait(count: number, notifies = 0, hwnd = 0): Promise<{ accepted: number; error: number }> {
  const done = new Int32Array(new SharedArrayBuffer(12));
  const { worker } = startThread(new URL('./fixtures/floodThread.ts', import.meta.url), { target: GetCurrentThreadId(), count, done, notifies, hwnd });
  assert.is(Atomics.wait(done, 0, 0, 60_000), 'ok', 'the worker reported');
  await new Promise((resolve) => worker.once('exit', resolve));
  return { accepted: done[1]!, error: done[2]! };
}

function drainThreadMessages(message: number): number {
  let n = 0;
  while (PeekMessage(msg, -1, message, message, PM_REMOVE)) n++;
  return n;
}

test('the posting quota is one for the queue, whoever posts first: a worker\'s posts count what the thread posted to itself before any other thread posted to it (mfc-semantics §1.1 item 7; audit F1, first cause)', async () => {
  for (let i = 0; i < 9990; i++) assert.ok(PostThreadMessage(GetCurrentThreadId(), WM_USER + 1, i, 0), `own post ${i}`);
  assert.equal(await floodAndWait(20), { accepted: 10, error: ERROR_NOT_ENOUGH_QUOTA });
  assert.is(drainThreadMessages(WM_USER + 1), 10000);
});

test('the posting quota is one for the queue: the thread\'s own posts count what other threads\' posts hold in its mailbox, not yet in the queue (mfc-semantics §1.1 item 7; audit F1, second cause)', async () => {
  assert.equal(await floodAndWait(9990), { accepted: 9990, error: 0 });
  let own = 0;
  for (let i = 0; i < 20; i++) if (PostThreadMessage(GetCurrentThreadId(), WM_USER + 1, i, 0)) own++;
  assert.is(own, 10);
  assert.is(GetLastError(), ERROR_NOT_ENOUGH_QUOTA);
  assert.is(drainThreadMessages(WM_USER + 1), 10000);
});

test('records in the mailbox that are no posts (here 2,000 SendNotifyMessage) do not count toward the posting quota: 10,000 posts still get in (mfc-semantics §1.1 item 7)', async () => {
  let notified = 0;
  const hwnd = createMessageWindow((h, m, wp, lp) => (m === WM_USER + 3 ? (notified++, 0) : DefWindowProc(h, m, wp, lp)));
  assert.equal(await floodAndWait(10_010, 2000, hwnd), { accepted: 10_000, error: ERROR_NOT_ENOUGH_QUOTA });
  assert.is(drainThreadMessages(WM_USER + 1), 10_000);
  assert.is(notified, 2000, 'the sent messages ran in the retrieval calls');
  DestroyWindow(hwnd);
});

test.run();
