// Waits that must end, handlers that must not be re-entered, errors that must not vanish.
// Rules: DESIGN.md "Time and the one wait point" (a wait on virtual time advances or throws
// DeadlockError, never hangs); windows-facts B.7.7 (only application exceptions in a TIMERPROC
// are swallowed), B.7.6 (thread timer ids), mfc-semantics §1.2 item 12 (a thread that has ended).
import * as assert from 'uvu/assert';
import {
  createMessageWindow, createVisibleWindow, DeadlockError, DefWindowProc, DestroyWindow, DispatchMessage, ERROR_INVALID_THREAD_ID,
  GetLastError, InvalidateRect, KillTimer, MSG, PeekMessage, PM_REMOVE, PostMessage, PostThreadMessage,
  RECT, SetLastError, SetTimer, ValidateRect, WaitMessage, waitUntil, WM_QUIT, WM_TIMER, WM_USER, type TIMERPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';

const test = pumpSuite('robustness');
const msg = new MSG();

test('waitUntil() with an overdue timer that the wait cannot see still advances time and ends at its timeout', ({ sim }) => {
  const id = SetTimer(0, 0, 10, null);
  sim.runFor(20); // the timer is due, and nobody retrieves it
  const t0 = sim.clock.nowMs();
  assert.is(waitUntil(() => false, 100, 'nothing'), false);
  assert.is(sim.clock.nowMs() - t0, 100);
  KillTimer(0, id);
});

test('A simulated thread is never pumped again while its own handler is still on the stack', ({ sim }) => {
  const log: string[] = [];
  let depth = 0;
  sim.createThread('T', () => {
    const h = createMessageWindow((w, m, wp, lp) => {
      if (m !== WM_USER) return DefWindowProc(w, m, wp, lp);
      depth++;
      log.push(`T handles ${wp} at depth ${depth}`);
      if (wp === 1) sim.createThread('sleeper', () => void waitUntil(() => false, 5, 'a short sleep'));
      depth--;
      return 0;
    });
    PostMessage(h, WM_USER, 1, 0);
    PostMessage(h, WM_USER, 2, 0);
  });
  sim.runUntilIdle();
  assert.equal(log, ['T handles 1 at depth 1', 'T handles 2 at depth 1']);
});

test('DispatchMessage() swallows what a TIMERPROC throws, but not a DeadlockError (windows-facts B.7.7)', () => {
  const proc: TIMERPROC = () => {
    WaitMessage(); // nothing can ever arrive
  };
  const hand = new MSG();
  Object.assign(hand, { message: WM_TIMER, wParam: 1, lParam: proc });
  assert.throws(() => DispatchMessage(hand), (e: unknown) => e instanceof DeadlockError);
});

test('SetTimer() does not hand a killed thread-timer id out again at once (windows-facts B.7.6)', () => {
  const a = SetTimer(0, 0, 100, null);
  KillTimer(0, a);
  const b = SetTimer(0, 0, 100, null);
  assert.is.not(b, a);
  KillTimer(0, b);
});

test('PostThreadMessage() to a simulated thread that has ended fails with ERROR_INVALID_THREAD_ID (mfc-semantics §1.2 item 12)', ({ sim }) => {
  const t = sim.createThread('short-lived', () => {});
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  sim.runUntilIdle();
  assert.ok(t.ended);
  SetLastError(0);
  assert.is(PostThreadMessage(t.threadId, WM_USER, 0, 0), false);
  assert.is(GetLastError(), ERROR_INVALID_THREAD_ID);
});

test('InvalidateRect() with an empty rectangle adds nothing to the update region', () => {
  const h = createVisibleWindow(DefWindowProc);
  ValidateRect(h, null);
  assert.ok(InvalidateRect(h, new RECT(5, 5, 5, 9), false));
  assert.is(PeekMessage(msg, 0, 0, 0, PM_REMOVE), false);
  DestroyWindow(h);
});

test('a DeadlockError of a Simulation with no event sources says so, naming sim.addEventSource (a SimNetwork never added delivers nothing; found by a port from the tarball)', () => {
  let message = '';
  try {
    WaitMessage();
  } catch (e) {
    if (!(e instanceof DeadlockError)) throw e;
    message = e.message;
  }
  assert.match(message, /this Simulation has no event sources \(a SimNetwork delivers nothing until sim\.addEventSource\(net\)\)/);
});

test.run();
