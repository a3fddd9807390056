// CSocket programs on simulated threads, which share one JavaScript stack: a blocking call made
// by one simulated thread while another one is blocked runs on top of it, and the wait beneath
// cannot return before the one above it. Rules (DESIGN.md "The simulated network", README
// "Threads"): while a simulated thread is blocked and the network has events scheduled, the other
// simulated threads only run messages sent to them (their posted messages and timers wait); a wait
// that is ready beneath another thread's wait ends in DeadlockError at once, naming both threads,
// both waits, the shared stack and what to do instead; nothing spins for ever. CSocket's wait is
// WaitMessage (mfc-semantics §4.3 item 7c, §1.6), which runs messages other threads send
// (mfc-semantics §1.3 item 14), its deadlock probe included (issue 16.8).
// Simulated only: simulated threads, virtual time and DeadlockError exist only on virtual time;
// on real threads each program has a stack of its own and none of this applies.
import * as assert from 'uvu/assert';
import { suite } from '../../support/suite.ts';
import { createMessageWindow, DeadlockError, DefWindowProc, DestroyWindow, KillTimer, SendMessage, SetTimer, WM_TIMER, WM_USER } from 'afxsock/pump';
import { CSocket } from 'afxsock';
import { SOCKET_ERROR, WSAEINTR } from 'afxsock';
import { startNestedChat, type ChatVariant } from './fixtures/nestedChat.ts';
import { serverThread } from './socketWorld.ts';
import { simNetWorld, startPeer, withSimWorld, type SimWorld } from 'afxsock/testing';

const test = suite('CSocket on simulated threads');

/** The network of issue 15.2: 5-byte segments, and latency jitter that the seed decides. */
const FIVE_BYTE_SEGMENTS = { segmentBytesMax: 5, latencyMs: 5, jitterMs: 20 };
/** Far more rounds than any of these programs needs; past it the status clock stops the spec. */
const STEP_LIMIT = 20_000;

interface Outcome {
  answer: string | null;
  error: unknown;
  endedAtMs: number;
  steps: number;
}

/** Runs the two programs until the client has its answer or something throws (at most 5 s of virtual time). */
function runChat(w: SimWorld, variant: ChatVariant): Outcome {
  const steps0 = w.sim.stepCount;
  const chat = startNestedChat(w.sim, w.beta, w.alpha, variant, () => {
    if (w.sim.stepCount - steps0 > STEP_LIMIT) throw new Error(`the programs still run after ${STEP_LIMIT} simulation steps: they spin`);
  });
  let error: unknown;
  try {
    for (let i = 0; i < 50 && chat.answer() === null; i++) w.sim.runFor(100);
  } catch (e) {
    error = e;
  }
  const outcome = { answer: chat.answer(), error, endedAtMs: w.sim.clock.nowMs(), steps: w.sim.stepCount - steps0 };
  chat.end();
  return outcome;
}

const READY_BENEATH = new RegExp(
  'Deadlock on virtual time: thread \\d+ \\(CHATSRVR server\\) is ready to return from its wait for ServerConnection socket 0x[0-9a-f]+ blocked in Receive\\(\\): ' +
    'waiting for FD_READ or FD_CLOSE on socket 0x[0-9a-f]+ \\(in WaitMessage\\), but it lies beneath thread \\d+ \\(CHATTER client\\), which waits for ' +
    'CSocket socket 0x[0-9a-f]+ blocked in Receive\\(\\): waiting for FD_READ or FD_CLOSE on socket 0x[0-9a-f]+ \\(in WaitMessage\\) above it ' +
    '\\(simulated threads share one JavaScript stack, so a wait lower on it cannot return before every wait above it has ended\\)\\. ' +
    'Do not block .* use CAsyncSocket .* or run one of the programs on a real thread \\(startThread\\)',
);

const ANSWER = 'echo: hello from CHATTER, over five-byte segments';

for (let seed = 1; seed <= 16; seed++) {
  test(`CSocket.Receive() on two simulated threads, the server blocked in the middle of a message whose rest is in flight when the client's timer falls due: the client's timer waits, and the two complete (seed ${seed})`, async () => {
    await withSimWorld({ ...FIVE_BYTE_SEGMENTS, seed }, (w) => {
      const o = runChat(w, 'whole message, then wait');
      if (o.error !== undefined) throw o.error;
      assert.is(o.answer, ANSWER);
      assert.ok(o.endedAtMs < 500, `done in ${o.endedAtMs} ms of virtual time`);
      assert.ok(o.steps < 200, `done in ${o.steps} simulation steps`);
    });
  });

  test(`CSocket.Receive() on two simulated threads, the client's timer handler blocking on top of the server, whose data then arrives: DeadlockError at once naming both threads and waits, or completion (seed ${seed})`, async () => {
    await withSimWorld({ ...FIVE_BYTE_SEGMENTS, seed }, (w) => {
      const o = runChat(w, 'half, then rest and wait');
      if (o.error === undefined) {
        assert.is(o.answer, ANSWER);
      } else {
        assert.instance(o.error, DeadlockError);
        assert.match((o.error as Error).message, READY_BENEATH);
        assert.is(o.answer, null);
      }
      assert.ok(o.endedAtMs < 500, `ended at ${o.endedAtMs} ms of virtual time: before any m_nTimeOut kick`);
      assert.ok(o.steps < 200, `ended in ${o.steps} simulation steps`);
    });
  });

  test(`CSocket.Receive() on two simulated threads waiting for each other while a third thread's timer keeps virtual time moving ends in DeadlockError, not a spin (seed ${seed})`, async () => {
    await withSimWorld({ ...FIVE_BYTE_SEGMENTS, seed }, (w) => {
      const o = runChat(w, 'half, then wait');
      if (!(o.error instanceof DeadlockError)) throw o.error;
      // Whichever blocked first lies beneath; its m_nTimeOut kick makes its WaitMessage ready.
      assert.match((o.error as Error).message, /Deadlock on virtual time: thread \d+ \((CHATTER client|CHATSRVR server)\) (is ready to return from its wait for|waits for) .* beneath thread \d+ \((CHATSRVR server|CHATTER client)\), which waits for .*share one JavaScript stack/);
      assert.is(o.answer, null);
      assert.ok(o.endedAtMs < 3_000, `ended at ${o.endedAtMs} ms of virtual time: by the first m_nTimeOut kick`);
      assert.ok(o.steps < 500, `ended in ${o.steps} simulation steps`);
    });
  });
}

test('CSocket.Receive(): a SendMessage from another thread during the deadlock probe after a kick runs, returns its result, and what its procedure did counts (issue 16.8; mfc-semantics §1.3 item 14, §4.3 item 8)', async () => {
  await withSimWorld({}, (w) => {
    const peer = startPeer(simNetWorld(w), 'silent server');
    const port = peer.listen(7301); // collects what arrives, answers nothing
    const sock = new CSocket();
    assert.ok(sock.Create() && sock.Connect(peer.host, port));
    peer.awaitConnections();
    const mine = createMessageWindow((h, m, wp, lp) => (m === WM_USER ? (sock.CancelBlockingCall(), 42) : DefWindowProc(h, m, wp, lp)), 'main');
    let result: number | null = null;
    let tickerWindow = 0;
    // Its timer falls due with the first m_nTimeOut kick (both set now, 2000 ms): the kick ends
    // one round, the retry fails, and the probe that follows finds this thread's timer due first.
    const other = serverThread(w.sim, 'sender', w.beta, () => {
      tickerWindow = createMessageWindow((h, m, wp, lp) => {
        if (m !== WM_TIMER) return DefWindowProc(h, m, wp, lp);
        KillTimer(h, 1);
        result = SendMessage(mine, WM_USER, 0, 0);
        return 0;
      });
      SetTimer(tickerWindow, 1, 2000);
    });
    const t0 = w.sim.clock.nowMs();
    assert.is(sock.Receive(new Uint8Array(8), 8), SOCKET_ERROR, 'cancelled by the sent message');
    assert.is(CSocket.GetLastError(), WSAEINTR);
    assert.is(result, 42, 'the SendMessage finished with the procedure\'s result');
    assert.is(w.sim.clock.nowMs() - t0, 2000, 'at once, within the probe of the first kick');
    other.end(() => DestroyWindow(tickerWindow));
    DestroyWindow(mine);
    sock.Close();
    peer.end();
  });
});

test.run();
