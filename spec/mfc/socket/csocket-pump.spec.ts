// CSocket's nested pump (PumpMessages) while a blocking call waits: other messages stay in the
// queue and only OnMessagePending sees them (by default it dispatches WM_PAINT); unrelated messages
// do not make it spin; notifications for other sockets — and this socket's other events — are put
// aside and delivered after the call, in arrival order, ahead of later ones; the m_nTimeOut timer
// only restarts the wait (and so retries the call).
// Source: mfc-semantics §4.1 (OnMessagePending), §4.2 items 3-5, §4.3 items 6-9, §3.4 items 7-8.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets: the pump must
// behave the same whichever network wakes it. The peer is a thread of its own (afxsock/testing startPeer;
// host "beta" simulated, a real worker on 127.0.0.1), and also plays the application's "other
// thread" that posts or sends to the blocked one (fixtures/crossThreadMessagesPeer.ts). What the
// peer must do while a call waits is started from inside the call — a WM_PAINT that the default
// OnMessagePending dispatches, or a message the call's own pump dispatched — so that on real time it
// cannot happen before the call or race it. Simulated only: the exact timing of m_nTimeOut kicks on
// virtual time, and DeadlockError.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, createVisibleWindow, currentClock, DeadlockError, DefWindowProc, DestroyWindow, DispatchMessage, InvalidateRect, KillTimer, messageName, MSG,
  PeekMessage, PM_REMOVE, PostMessage, SetTimer, ValidateRect, startTrace, stopTrace, WM_PAINT, WM_TIMER, WM_USER, type HWND, type TraceRecorder,
} from 'afxsock/pump';
import { CSocket, WM_SOCKET_NOTIFY } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connect, connectTo, pumpUntil, settleUntilInSocket } from './peerConnection.ts';
import { peerExtension } from './fixtures/crossThreadMessagesPeer.ts';
import { bytes, oneConnectionServer, pump, receiveText, sendText, slowEcho, TestCSocket, TestSocket } from './socketWorld.ts';
import { type NetWorld, startPeer } from 'afxsock/testing';

const test = dualSuite('CSocket nested pump');
const crossThreadPeer = { url: new URL('./fixtures/crossThreadMessagesPeer.ts', import.meta.url), peerExtension };

/**
 * A visible window (only visible windows get WM_PAINT, windows-facts B.14.1), validated at once,
 * that logs the WM_USER, WM_TIMER and WM_PAINT dispatched to it (painting validates, as
 * DefWindowProc does); `onUser` runs after a WM_USER is logged.
 */
function loggingWindow(log: Row[], onUser: (wParam: number) => void = () => {}): HWND {
  const hwnd = createVisibleWindow((h, m, wp, lp) => {
    if (m === WM_USER || m === WM_TIMER || m === WM_PAINT) log.push(['window', messageName(m)]);
    if (m === WM_USER) onUser(wp);
    return DefWindowProc(h, m, wp, lp);
  });
  ValidateRect(hwnd, null);
  return hwnd;
}

/**
 * A window, invalidated at once, whose first WM_PAINT while `s` is blocked runs `release`: the
 * default OnMessagePending dispatches it inside the call (§4.2 item 5), so what `release` makes the
 * peer do happens during the call, never before it. Make it right before the call.
 */
function releaseDuringCall(s: CSocket, release: () => void): { ran(): boolean; destroy(): void } {
  let ran = false;
  // Visible, so that it gets WM_PAINT (windows-facts B.14.1).
  const hwnd = createVisibleWindow((h, m, wp, lp) => {
    // Validated first: a release that throws must not leave a WM_PAINT that comes back for ever.
    const result = DefWindowProc(h, m, wp, lp);
    if (m === WM_PAINT && !ran && s.IsBlocking()) (ran = true), release();
    return result;
  });
  InvalidateRect(hwnd, null, false);
  return { ran: () => ran, destroy: () => void DestroyWindow(hwnd) };
}

/** A connected CSocket client of a peer that echoes each receive after `delayMs`. */
function echoAfter(w: NetWorld, port: number, delayMs: number, onMessagePending?: (self: TestCSocket, base: () => boolean) => boolean) {
  return connect(w, port, new TestCSocket('client', [], {}, onMessagePending), { reply: 'same', delayMs });
}

/** The WM_SOCKET_NOTIFY messages `trace` saw posted for socket `s` with event `event`. */
function postedNotifications(trace: TraceRecorder, s: number, event: number): number {
  return trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY && e.wParam === s && W.WSAGETSELECTEVENT(e.lParam as number) === event).length;
}

function receive(s: CSocket): [number, string] {
  const buf = new Uint8Array(64);
  const n = s.Receive(buf, 64);
  return [n, n > 0 ? new TextDecoder().decode(buf.subarray(0, n)) : ''];
}

test('CSocket.Receive() leaves other messages in the queue: a posted message and another timer\'s WM_TIMER are dispatched after the call (§4.3 item 9a)', (w) => {
  const log: Row[] = [];
  const c = echoAfter(w, 7101, 500);
  const hwnd = loggingWindow(log);
  const start = currentClock().nowMs();
  PostMessage(hwnd, WM_USER, 0, 0);
  SetTimer(hwnd, 5, 100);
  c.client.Send(bytes('hi'), 2);
  assert.equal(receive(c.client), [2, 'hi']);
  log.push(['client', 'Receive returned', currentClock().nowMs() - start >= 500]);
  pump(0);
  KillTimer(hwnd, 5);
  assertSequence(log, [
    ['client', 'Receive returned', true],
    ['window', 'WM_USER'],
    ['window', 'WM_TIMER'],
  ], 'the posted message, then one WM_TIMER for the five periods that passed');
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.OnMessagePending() is offered the unrelated messages once; the pump then sleeps until a socket notification, without spinning (§4.3 items 7c, 9b)', (w) => {
  let calls = 0;
  const c = echoAfter(w, 7102, 500, (_self, base) => (calls++, base()));
  const hwnd = loggingWindow([]);
  PostMessage(hwnd, WM_USER, 0, 0);
  c.client.Send(bytes('hi'), 2);
  assert.equal(receive(c.client), [2, 'hi']);
  assert.is(calls, 1, 'one offer, then WaitMessage ignores what was already seen');
  pump(0);
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.OnMessagePending() by default dispatches WM_PAINT during the call and nothing else (§4.1 OnMessagePending, §4.2 item 5)', (w) => {
  const log: Row[] = [];
  const c = echoAfter(w, 7103, 300);
  const hwnd = loggingWindow(log);
  InvalidateRect(hwnd, null, false);
  PostMessage(hwnd, WM_USER, 0, 0);
  c.client.Send(bytes('x'), 1);
  receive(c.client);
  log.push(['client', 'Receive returned']);
  pump(0);
  assertSequence(log, [
    ['window', 'WM_PAINT'],
    ['client', 'Receive returned'],
    ['window', 'WM_USER'],
  ]);
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.OnMessagePending() overridden to keep a window alive dispatches its messages during the call (§4.2 item 5)', (w) => {
  const log: Row[] = [];
  let hwnd: HWND = 0;
  const msg = new MSG();
  const client = new TestCSocket('client', [], {}, (_self, base) => {
    while (hwnd !== 0 && PeekMessage(msg, hwnd, 0, 0, PM_REMOVE)) DispatchMessage(msg);
    return base();
  });
  const peer = startPeer(w, 'other thread', crossThreadPeer);
  const c = connectTo(w, peer, peer.listen(7104, { oneConnection: true }), client);
  // The later message releases the peer's answer: it can only come once that message has run.
  hwnd = loggingWindow(log, (wParam) => wParam === 2 && peer.sends(bytes('x')));
  PostMessage(hwnd, WM_USER, 1, 0);
  peer.call('postsAfter', hwnd, WM_USER, 2, 100); // from the other thread: this one is blocked
  client.Send(bytes('x'), 1);
  assert.equal(receive(client), [1, 'x']);
  log.push(['client', 'Receive returned']);
  assertSequence(log, [
    ['window', 'WM_USER'],
    ['window', 'WM_USER'],
    ['client', 'Receive returned'],
  ], 'both the early and the later message ran during the call');
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.Receive() still runs messages another thread sends to this one: SendMessage from a worker returns during the call (§1.3 item 14, §4.3 item 7)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  const peer = startPeer(w, 'worker', crossThreadPeer);
  const c = connectTo(w, peer, peer.listen(7114, { oneConnection: true }), client);
  peer.awaitConnections(1);
  const hwnd = createMessageWindow((h, m, wp, lp) => {
    if (m !== WM_USER) return DefWindowProc(h, m, wp, lp);
    log.push(['window', 'sent WM_USER', client.IsBlocking() ? 'during Receive' : 'outside Receive']);
    return 42;
  });
  // The worker sends its data once its SendMessage has returned: "Receive returned" comes after that.
  peer.call('sendsMessageThenData', hwnd, WM_USER, 100, [...bytes('x')]);
  client.Send(bytes('x'), 1);
  assert.equal(receive(client), [1, 'x']);
  log.push(['client', 'Receive returned']);
  assertSequence(log, [
    ['window', 'sent WM_USER', 'during Receive'],
    ['client', 'Receive returned'],
  ]);
  assertSequence(peer.log().filter((r) => r[0] === 'worker'), [['worker', 'SendMessage returned', 42]]);
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.Send() blocked for FD_WRITE puts this socket\'s FD_READ aside; OnReceive gets it after Send returns (§4.3 item 9d)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', log, { OnReceive: (me) => log.push(['client', 'Receive', ...receiveText(me)]) });
  // A reader that does not read until the client's Send waits, then greets and reads everything.
  const c = connect(w, 7105, client, { stall: true, collect: false });
  c.peer.awaitConnections(1);
  pump();
  log.length = 0;
  // More than the send path can hold while the peer does not read: on real sockets the OS's
  // buffers take a few MB (autotuned), so a later Send must wait on either network.
  const big = new Uint8Array(w.kind === 'sim' ? 200_000 : 16 << 20);
  const greeting = releaseDuringCall(client, () => {
    c.peer.sends(bytes('hello while you send'));
    c.peer.resumes();
  });
  const trace = startTrace();
  client.Send(big, big.length);
  client.Send(big, big.length); // the send buffer is full: this one waits
  stopTrace();
  log.push(['client', 'Send returned']);
  assert.ok(greeting.ran(), 'a Send waited');
  assert.is(postedNotifications(trace, client.m_hSocket, W.FD_READ), 1, 'the greeting\'s FD_READ came during the Sends');
  pump();
  assertSequence(log, [
    ['client', 'Send returned'],
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 20, 'hello while you send'],
  ]);
  greeting.destroy();
  c.end();
});

test('CSocket blocking call: notifications for other sockets are delivered after it, in arrival order, ahead of later ones (§4.2 item 3, §4.3 item 9e, §3.4 item 7)', (w) => {
  const log: Row[] = [];
  // Three CAsyncSockets of this thread, fed by the peer: b and c during the call, d after it.
  const peer = startPeer(w, 'feeder');
  const feedPort = peer.listen(7107);
  const socks = ['b', 'c', 'd'].map((name, i) => {
    const s = new TestSocket(name, log, { OnReceive: (me) => log.push([name, 'Receive', receiveText(me)[1]]) });
    s.Create();
    s.Connect(peer.host, feedPort);
    peer.awaitConnections(i + 1); // the peer's connection i is socket i
    return s;
  });
  const c = connectTo(w, peer, peer.listen(7106, { reply: 'same', delayMs: 300 }), new TestCSocket('client', []));
  const client = c.client;
  pump();
  log.length = 0;
  const trace = startTrace();
  peer.sendsAfter(bytes('to b'), 50, 0);
  peer.sendsAfter(bytes('to c'), 100, 1);
  client.Send(bytes('q'), 1);
  assert.equal(receive(client), [1, 'q']);
  log.push(['client', 'Receive returned', '']);
  stopTrace();
  const postedDuring = trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY && e.wParam !== client.m_hSocket && e.wParam !== 0);
  assert.is(postedDuring.length, 2, 'b and c were notified during the call');
  peer.sends(bytes('to d'), 2);
  settleUntilInSocket(w, socks[2]!, 4, 0); // d's data arrives too, before anything is dispatched
  pump();
  assertSequence(log, [
    ['client', 'Receive returned', ''],
    ['b', 'OnReceive', 0],
    ['b', 'Receive', 'to b'],
    ['c', 'OnReceive', 0],
    ['c', 'Receive', 'to c'],
    ['d', 'OnReceive', 0],
    ['d', 'Receive', 'to d'],
  ]);
  for (const s of socks) s.Close();
  c.end();
});

test('CSocket.ProcessAuxQueue() delivers what a blocking call put aside and returns how many; the kick posted after the call then finds it empty (§3.4 item 8, §4.3 item 8)', (w) => {
  const log: Row[] = [];
  const c = echoAfter(w, 7108, 200);
  const other = new TestSocket('other', log);
  other.Create(0, W.SOCK_DGRAM); // writable at once
  w.settle(); // its FD_WRITE is queued, not dispatched
  c.client.Send(bytes('q'), 1);
  receive(c.client);
  assert.equal(log, [], 'FD_WRITE for the other socket was put aside');
  assert.is(CSocket.ProcessAuxQueue(), 1);
  assertSequence(log, [['other', 'OnSend', 0]]);
  assert.is(CSocket.ProcessAuxQueue(), 0);
  const trace = startTrace();
  pump();
  stopTrace();
  assertSequence(trace.rows(['dispatched']).filter((r) => r[1] === 'WM_SOCKET_NOTIFY'), [['dispatched', 'WM_SOCKET_NOTIFY', 0]], 'the (0, 0) kick');
  other.Close();
  c.end();
});

// Simulated only: it counts the kicks at exact instants of virtual time (100, 200, 300 and 400 ms).
test.simOnly('CSocket m_nTimeOut: the timer only restarts the wait — every m_nTimeOut, never a timeout (§4.3 item 6)', (w) => {
  const { server, client } = slowEcho(w, 7109, 450);
  const busy = server.run(() => SetTimer(0, 0, 30, () => {})); // the server thread is busy every 30 ms
  client.m_nTimeOut = 100;
  const trace = startTrace();
  client.Send(bytes('slow'), 4);
  const t0 = currentClock().nowMs();
  assert.equal(receive(client), [4, 'slow']);
  stopTrace();
  assert.is(currentClock().nowMs() - t0, 452, 'Receive returned when the echo came: 450 ms after the request arrived, + 1 ms latency each way');
  const kicks = trace.events.filter((e) => e.kind === 'synthesized' && e.message === WM_TIMER);
  assert.is(kicks.length, 4, 'at 100, 200, 300 and 400 ms, each retrying Receive');
  pump();
  client.Close();
  server.end(() => KillTimer(0, busy));
});

// Simulated only: the skipped kicks are a property of virtual time.
test.simOnly('CSocket m_nTimeOut on virtual time skips the kicks of a stretch in which nothing at all happens (Differs: MFC would kick at 200, 300 and 400 ms too)', (w) => {
  const { server, client } = slowEcho(w, 7112, 450);
  client.m_nTimeOut = 100;
  const trace = startTrace();
  client.Send(bytes('slow'), 4);
  assert.equal(receive(client), [4, 'slow']);
  stopTrace();
  const kicks = trace.events.filter((e) => e.kind === 'synthesized' && e.message === WM_TIMER);
  assert.is(kicks.length, 1, 'executable todo: becomes 4 if every kick is kept');
  pump();
  client.Close();
  server.end();
});

test('CSocket m_nTimeOut kick retries the call: with notifications turned off Receive returns at the next kick (§4.3 item 6)', (w) => {
  const c = connect(w, 7110, new TestCSocket('client', []));
  const { client, peer } = c;
  client.m_nTimeOut = 500;
  assert.ok(client.AsyncSelect(0));
  client.Send(bytes('quiet'), 5);
  // The answer comes at once, unannounced — but only once Receive waits, so that it must wait.
  const answer = releaseDuringCall(client, () => peer.sends(bytes('quiet')));
  const trace = startTrace();
  const t0 = currentClock().nowMs();
  assert.equal(receive(client), [5, 'quiet']);
  const waitedMs = currentClock().nowMs() - t0;
  stopTrace();
  const kicks = trace.events.filter((e) => e.kind === 'synthesized' && e.message === WM_TIMER);
  assert.is(kicks.length, 1, 'the first kick found the answer');
  assert.ok(waitedMs >= 500, `Receive returned at the kick, after m_nTimeOut (${waitedMs} ms)`);
  if (w.kind === 'sim') assert.is(waitedMs, 500, 'on virtual time, exactly at the kick');
  answer.destroy();
  c.end();
});

test('CSocket.Receive() called twice in one OnReceive waits in the nested pump for the rest of the message, and its FD_READ is consumed (§4.2 item 4)', (w) => {
  const log: Row[] = [];
  const peer = startPeer(w, 'two halves');
  const client = new TestCSocket('client', log, {
    OnReceive: (me) => {
      log.push(['client', 'Receive', receive(me)[1], 'at once']);
      // The rest of the message comes only once the second Receive waits.
      const rest = releaseDuringCall(me, () => peer.sends(bytes('efgh')));
      const [, text] = receive(me);
      log.push(['client', 'Receive', text, rest.ran() ? 'after waiting' : 'at once']);
      rest.destroy();
    },
  });
  const c = connectTo(w, peer, peer.listen(7111, { greet: [...bytes('abcd')], oneConnection: true }), client);
  pumpUntil(() => log.some((r) => r[3] === 'after waiting'), 'the second Receive');
  pump();
  assertSequence(log.filter((r) => r[1] !== 'OnSend'), [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 'abcd', 'at once'],
    ['client', 'Receive', 'efgh', 'after waiting'],
  ]);
  c.end();
});

// Simulated only: DeadlockError is the simulation's; on real sockets the Receive would wait for ever.
test.simOnly('CSocket.Receive() in OnReceive for data that never comes: MFC hangs; on virtual time it is a DeadlockError naming the socket and FD_READ (§4.2 item 4)', (w) => {
  const peer = oneConnectionServer(w.sim, 'one half', w.beta, 7113, {}, (child) => sendText(child, 'abcd'));
  let error: unknown;
  const client = new TestCSocket('client', [], {
    OnReceive: (me) => {
      receive(me);
      try {
        receive(me);
      } catch (e) {
        error = e;
      }
    },
  });
  client.Create();
  client.Connect('beta', 7113);
  pump(3000);
  assert.instance(error, DeadlockError);
  assert.match((error as Error).message, /TestCSocket socket 0x[0-9a-f]+ blocked in Receive\(\): waiting for FD_READ or FD_CLOSE/);
  assert.not.ok(client.IsBlocking(), 'the failed call left no blocking state behind');
  client.Close();
  pump();
  peer.end();
});

test.run();
