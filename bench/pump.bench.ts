// The queue's hot paths: post → get → dispatch throughput against a bare function-call loop and
// Node's EventEmitter; draining a backlog of 1,000,000 posted messages; a filtered PeekMessage
// with 100,000 unrelated messages queued, against the same with none queued. Every row measures
// its workload and its baseline interleaved (harness.ts interleave()).
import { EventEmitter } from 'node:events';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PeekMessage, PM_REMOVE, PostMessage,
  setPostMessageLimit, WM_USER, type LPARAM,
} from '../pump/index.ts';
import { interleave, report, timed, type BenchRow } from './harness.ts';

const N = 1_000_000;
const BATCH = 1000;
const ROUNDS = 9; // pairs per row; the whole file takes about half a minute
const msg = new MSG();
let handled = 0;
const wndProc = (hw: number, m: number, w: number, l: LPARAM) => (m === WM_USER ? (handled++, w) : DefWindowProc(hw, m, w, l));
const h = createMessageWindow(wndProc);

// Baseline 1: the same calls with no queue — each message's fields stored in an MSG, its window
// procedure looked up by handle, and called: what DispatchMessage does, minus the queue.
const procs = new Map([[h, wndProc]]);
const bare = timed(N, () => {
  handled = 0;
  const m = new MSG();
  for (let i = 0; i < N; i++) {
    m.hwnd = h;
    m.message = WM_USER;
    m.wParam = i;
    m.lParam = 0;
    procs.get(m.hwnd)!(m.hwnd, m.message, m.wParam, m.lParam);
  }
  return handled;
});

// Baseline 2: Node's EventEmitter delivering the same N events to one listener.
const emitter = new EventEmitter();
emitter.on('message', (m: number, w: number) => wndProc(h, m, w, 0));
const events = timed(N, () => {
  handled = 0;
  for (let i = 0; i < N; i++) emitter.emit('message', WM_USER, i);
  return handled;
});

// The queue: batches of posts, each drained by GetMessage + DispatchMessage.
const queue = timed(N, () => {
  handled = 0;
  for (let i = 0; i < N; i += BATCH) {
    for (let j = 0; j < BATCH; j++) PostMessage(h, WM_USER, i + j, 0);
    for (let j = 0; j < BATCH; j++) {
      GetMessage(msg, 0, 0, 0);
      DispatchMessage(msg);
    }
  }
  return handled;
});

// A backlog of 1,000,000 posted messages (the limit raised, as the registry allows), drained.
setPostMessageLimit(N + 1);
let backlogSetupMs = 0;
const backlog = timed(N, () => {
  handled = 0;
  let ordered = 0;
  for (let i = 0; i < N; i++) {
    PeekMessage(msg, 0, 0, 0, PM_REMOVE);
    if (msg.wParam === i) ordered++;
    DispatchMessage(msg);
  }
  return ordered === N ? handled : -1;
}, N, () => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) PostMessage(h, WM_USER, i, 0);
  backlogSetupMs = performance.now() - t0;
});

// A filtered PeekMessage (one window, one message) with 100,000 unrelated messages queued.
const UNRELATED = 100_000;
const FILTERED = 200_000;
const other = createMessageWindow(wndProc);
const filteredPeek = (unrelated: number) =>
  timed(FILTERED, () => {
    let found = 0;
    for (let i = 0; i < FILTERED; i++) {
      PostMessage(h, WM_USER, i, 0);
      if (PeekMessage(msg, h, WM_USER, WM_USER, PM_REMOVE) && msg.wParam === i) found++;
    }
    let left = 0;
    while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) left++;
    return left === unrelated ? found : -1;
  }, FILTERED, () => {
    for (let i = 0; i < unrelated; i++) PostMessage(i % 2 ? other : h, WM_USER + 1 + (i % 3), i, 0);
    // The first filtered look at the backlog builds the indexes: part of the setup.
    PeekMessage(msg, h, WM_USER, WM_USER, PM_REMOVE);
  });
const queueVsBare = await interleave(ROUNDS, queue, bare);
const queueVsEvents = await interleave(ROUNDS, queue, events);
const backlogVsEvents = await interleave(ROUNDS, backlog, events);
const filtered = await interleave(ROUNDS, filteredPeek(UNRELATED), filteredPeek(0));
DestroyWindow(other);
DestroyWindow(h);

const rows: BenchRow[] = [
  { workload: 'post → GetMessage → DispatchMessage', unit: 'msg/s', baseline: 'direct dispatch, no queue', ...queueVsBare, goal: '≥ 10M msg/s, within 5x of the bare loop' },
  { workload: 'post → GetMessage → DispatchMessage', unit: 'msg/s', baseline: 'EventEmitter', ...queueVsEvents, goal: '≥ 0.4× EventEmitter' },
  { workload: 'drain a backlog of 1,000,000 posted messages', unit: 'msg/s', baseline: 'EventEmitter', ...backlogVsEvents, goal: '≥ 0.6× EventEmitter', notes: { postingTheBacklogMs: Math.round(backlogSetupMs), postedPerSecond: Math.round(N / backlogSetupMs * 1000) } },
  { workload: 'filtered PeekMessage, 100,000 unrelated queued', unit: 'peeks/s', baseline: 'same, nothing else queued', ...filtered, goal: '≥ 0.5× the same with none queued (no scan of the backlog)' },
];
report('pump', rows);
