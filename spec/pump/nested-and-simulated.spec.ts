// Nested message loops, simulated threads and the virtual-time wait point.
// Rules: windows-facts B.10, B.9.1-2; mfc-semantics §1.3 item 14, §1.11; DESIGN.md "Time and the one
// wait point" and "Simulated peers"; README "Time and waiting" (simulated threads share one stack).
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DeadlockError, DefWindowProc, DestroyWindow, DispatchMessage, ERROR_MESSAGE_SYNC_ONLY, formatTrace, GetCurrentThreadId,
  GetLastError, GetMessage, IsWindow, MSG, PeekMessage, PM_REMOVE, PostMessage, PostQuitMessage, PostThreadMessage, SendMessage,
  SendNotifyMessage, SetLastError, SetTimer, startTrace, stopTrace, waitUntil, WM_TIMER, WM_USER, type HWND,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('nested-and-simulated');
const msg = new MSG();

test('PeekMessage() called recursively from a window procedure works 100 levels deep (windows-facts B.10.1)', () => {
  let deepest = 0;
  const h = createMessageWindow((w, m, wp, lp) => {
    if (m !== WM_USER) return DefWindowProc(w, m, wp, lp);
    deepest = Math.max(deepest, wp);
    if (wp < 100) PostMessage(w, WM_USER, wp + 1, 0);
    const inner = new MSG();
    if (PeekMessage(inner, 0, 0, 0, PM_REMOVE)) DispatchMessage(inner);
    return 0;
  });
  const rec = startTrace();
  PostMessage(h, WM_USER, 1, 0);
  GetMessage(msg, 0, 0, 0);
  DispatchMessage(msg);
  stopTrace();
  assert.is(deepest, 100);
  const dispatched = rec.events.filter((e) => e.kind === 'dispatched');
  assert.equal(dispatched.map((e) => e.depth), Array.from({ length: 100 }, (_, i) => i), 'each level one deeper');
  DestroyWindow(h);
});

test('SendMessage() to a simulated thread waits until that thread runs the procedure, and returns its result', ({ sim }) => {
  let target: HWND = 0;
  let ranOn = 0;
  const peer = sim.createThread('server', () => {
    target = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? ((ranOn = GetCurrentThreadId()), wp + 1) : DefWindowProc(w, m, wp, lp)));
  });
  assert.is(SendMessage(target, WM_USER, 41, 0), 42);
  assert.is(ranOn, peer.threadId);
  assert.is.not(ranOn, GetCurrentThreadId());
  PostThreadMessage(peer.threadId, 0x0012 /* WM_QUIT */, 0, 0);
  sim.runUntilIdle();
  assert.ok(peer.ended);
  assert.is(IsWindow(target), false, 'its windows ended with the thread');
  assert.is(SendMessage(target, WM_USER, 1, 0), 0, 'so a later SendMessage fails at once instead of waiting');
});

test('SendMessage() across threads still runs messages sent to the waiting sender (mfc-semantics §1.3 item 14)', ({ sim }) => {
  const log: string[] = [];
  const mine = createMessageWindow((w, m, wp, lp) => (m === WM_USER + 1 ? (log.push('callback ran on the sender'), 7) : DefWindowProc(w, m, wp, lp)));
  let theirs: HWND = 0;
  const peer = sim.createThread('peer', () => {
    theirs = createMessageWindow((w, m, wp, lp) => {
      if (m !== WM_USER) return DefWindowProc(w, m, wp, lp);
      log.push('peer handles WM_USER');
      return SendMessage(mine, WM_USER + 1, 0, 0) * 10;
    });
  });
  assert.is(SendMessage(theirs, WM_USER, 0, 0), 70);
  assertSequence(log.map((l) => [l]), [['peer handles WM_USER'], ['callback ran on the sender']]);
  PostThreadMessage(peer.threadId, 0x0012, 0, 0);
  sim.runUntilIdle();
  DestroyWindow(mine);
});

test('SendNotifyMessage() to a window of the same thread runs synchronously (windows-facts B.9.2)', () => {
  let ran = false;
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? ((ran = true), 0) : DefWindowProc(w, m, wp, lp)));
  assert.ok(SendNotifyMessage(h, WM_USER, 0, 0));
  assert.ok(ran);
  DestroyWindow(h);
});

test('GetMessage() on virtual time lets simulated threads run, and receives what they post', ({ sim }) => {
  const me = GetCurrentThreadId();
  const peer = sim.createThread('poster', () => {
    PostThreadMessage(me, WM_USER, 1, 0);
  });
  assert.is(GetMessage(msg, 0, 0, 0), 1);
  assert.equal([msg.message, msg.wParam], [WM_USER, 1]);
  PostThreadMessage(peer.threadId, 0x0012, 0, 0);
  sim.runUntilIdle();
});

test('GetMessage() that can never return throws DeadlockError naming the wait and dumping the queues', ({ sim }) => {
  const peer = sim.createThread('idle peer', () => {});
  PostMessage(0, WM_USER + 3, 0, 0);
  let error: unknown;
  try {
    GetMessage(msg, 0, WM_USER, WM_USER);
  } catch (e) {
    error = e;
  }
  assert.instance(error, DeadlockError);
  const text = (error as Error).message;
  assert.match(text, /waits for GetMessage\(hWnd=0x0, 1024\.\.1024\)/);
  assert.match(text, /msg=0x403/, 'the queued message is listed');
  assert.match(text, /idle peer/, 'every thread is listed');
  PeekMessage(msg, 0, 0, 0, PM_REMOVE);
  PostThreadMessage(peer.threadId, 0x0012, 0, 0);
  sim.runUntilIdle();
});

test('A simulated thread that blocks in its own GetMessage while the caller waits on it ends in DeadlockError, not a hang', ({ sim }) => {
  let theirs: HWND = 0;
  const peer = sim.createThread('nested waiter', () => {
    theirs = createMessageWindow((w, m, wp, lp) => {
      if (m !== WM_USER) return DefWindowProc(w, m, wp, lp);
      const inner = new MSG();
      GetMessage(inner, 0, WM_USER + 9, WM_USER + 9); // waits for something nobody sends
      return 0;
    });
  });
  assert.throws(() => SendMessage(theirs, WM_USER, 0, 0), (e: unknown) => e instanceof DeadlockError);
  PostThreadMessage(peer.threadId, 0x0012, 0, 0);
  sim.runUntilIdle();
  PostQuitMessage(0);
  GetMessage(msg, 0, 0, 0);
});

test('waitUntil() of a simulated thread beneath another simulated thread\'s wait, with only a third thread\'s timer moving virtual time, ends in DeadlockError after 60 s of virtual time, not a spin', ({ sim }) => {
  let ticks = 0;
  const ticker = sim.createThread('status clock', () => {
    SetTimer(createMessageWindow((w, m, wp, lp) => (m === WM_TIMER ? (ticks++, 0) : DefWindowProc(w, m, wp, lp))), 1, 50);
  });
  const blocker = (name: string) => {
    let hwnd: HWND = 0;
    const t = sim.createThread(name, () => {
      hwnd = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? (waitUntil(() => false, undefined, `a flag nobody sets (${name})`), 0) : DefWindowProc(w, m, wp, lp)));
    });
    return { t, hwnd };
  };
  const a = blocker('A');
  const b = blocker('B');
  PostMessage(a.hwnd, WM_USER, 0, 0);
  PostMessage(b.hwnd, WM_USER, 0, 0);
  const steps0 = sim.stepCount;
  let error: unknown;
  try {
    sim.runFor(600_000);
  } catch (e) {
    error = e;
  }
  assert.instance(error, DeadlockError);
  assert.match((error as Error).message, /thread \d+ \(A\) waits for a flag nobody sets \(A\) beneath thread \d+ \(B\), which waits for a flag nobody sets \(B\) above it, and for 60000 ms of virtual time only timers have run/);
  assert.is(sim.clock.nowMs(), 60_000);
  assert.ok(ticks >= 1000, `the status clock kept ticking (${ticks} ticks)`);
  assert.ok(sim.stepCount - steps0 < 10_000, `in ${sim.stepCount - steps0} simulation steps`);
  for (const t of [ticker, a.t, b.t]) PostThreadMessage(t.threadId, 0x0012, 0, 0);
  sim.runUntilIdle();
  assert.ok(ticker.ended && a.t.ended && b.t.ended);
});

test('formatTrace() prints a Spy++-style listing with P, S, R and D codes and nesting', () => {
  const h = createMessageWindow((w, m, wp, lp) => (m === WM_USER ? SendMessage(w, WM_USER + 1, 0, 0) : DefWindowProc(w, m, wp, lp)));
  const rec = startTrace();
  PostMessage(h, WM_USER, 5, 6);
  GetMessage(msg, 0, 0, 0);
  DispatchMessage(msg);
  stopTrace();
  const text = formatTrace(rec.events, { window: () => 'HWND' });
  assert.equal(text.split('\n'), [
    '<00001> HWND P WM_USER wParam:00000005 lParam:00000006',
    '<00002> HWND D WM_USER wParam:00000005 lParam:00000006',
    '<00003>   HWND S WM_USER+1 wParam:00000000 lParam:00000000',
  ]);
  DestroyWindow(h);
});

/** WM_GETTEXT (0x000D): a message whose lParam is a pointer in C. */
const WM_GETTEXT = 0x000d;

test('DispatchMessage() of a message for another thread\'s window runs nothing and returns 0 with ERROR_MESSAGE_SYNC_ONLY; a WM_TIMER for it sets no error (msg.c test_interthread_messages; windows-facts B.7.7)', ({ sim }) => {
  let theirs: HWND = 0;
  let ran = 0;
  const peer = sim.createThread('owner', () => {
    theirs = createMessageWindow((w, m, wp, lp) => (m === WM_GETTEXT || m === WM_TIMER ? ++ran : DefWindowProc(w, m, wp, lp)));
  });
  const m = new MSG();
  m.hwnd = theirs;
  m.message = WM_GETTEXT;
  m.wParam = 256;
  SetLastError(0xdeadbeef);
  assert.is(DispatchMessage(m), 0);
  assert.is(GetLastError(), ERROR_MESSAGE_SYNC_ONLY);
  m.message = WM_TIMER;
  m.lParam = () => void ran++;
  SetLastError(0xdeadbeef);
  assert.is(DispatchMessage(m), 0);
  assert.is(GetLastError(), 0xdeadbeef, 'a WM_TIMER sets no error');
  assert.is(ran, 0, 'nothing ran on either thread');
  PostThreadMessage(peer.threadId, 0x0012 /* WM_QUIT */, 0, 0);
  sim.runUntilIdle();
});

test.run();
