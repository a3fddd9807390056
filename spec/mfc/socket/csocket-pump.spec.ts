// CSocket's nested pump (PumpMessages) while a blocking call waits: other messages stay in the
// queue and only OnMessagePending sees them (by default it dispatches WM_PAINT); unrelated messages
// do not make it spin; notifications for other sockets — and this socket's other events — are put
// aside and delivered after the call, in arrival order, ahead of later ones; the m_nTimeOut timer
// only restarts the wait (and so retries the call).
// Source: mfc-semantics §4.1 (OnMessagePending), §4.2 items 3-5, §4.3 items 6-9, §3.4 items 7-8.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, currentClock, DeadlockError, DefWindowProc, DestroyWindow, DispatchMessage, InvalidateRect, KillTimer, messageName, MSG,
  PeekMessage, PM_REMOVE, PostMessage, SendMessage, SetTimer, startTrace, stopTrace, WM_PAINT, WM_TIMER, WM_USER, type HWND,
} from '../../../pump/index.ts';
import { CSocket, WM_SOCKET_NOTIFY } from '../../../lib/mfc/socket/index.ts';
import * as W from '../../../lib/winsock/index.ts';
import { simSuite } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { bytes, later, oneConnectionServer, pump, receiveText, sendText, serverThread, slowEcho, TestCSocket, TestSocket } from './socketWorld.ts';

const test = simSuite('CSocket nested pump');

/** A window that logs the WM_USER, WM_TIMER and WM_PAINT dispatched to it (painting validates, as DefWindowProc does). */
function loggingWindow(log: Row[]): HWND {
  return createMessageWindow((h, m, wp, lp) => {
    if (m === WM_USER || m === WM_TIMER || m === WM_PAINT) log.push(['window', messageName(m), currentClock().nowMs()]);
    return DefWindowProc(h, m, wp, lp);
  });
}

function receive(s: CSocket): [number, string] {
  const buf = new Uint8Array(64);
  const n = s.Receive(buf, 64);
  return [n, n > 0 ? new TextDecoder().decode(buf.subarray(0, n)) : ''];
}

test('CSocket.Receive() leaves other messages in the queue: a posted message and another timer\'s WM_TIMER are dispatched after the call (§4.3 item 9a)', (w) => {
  const log: Row[] = [];
  const { server, client } = slowEcho(w, 7101, 500);
  const hwnd = loggingWindow(log);
  const start = currentClock().nowMs();
  PostMessage(hwnd, WM_USER, 0, 0);
  SetTimer(hwnd, 5, 100);
  client.Send(bytes('hi'), 2);
  assert.equal(receive(client), [2, 'hi']);
  log.push(['client', 'Receive returned', currentClock().nowMs() - start >= 500]);
  pump(0);
  KillTimer(hwnd, 5);
  const now = currentClock().nowMs();
  assertSequence(log, [
    ['client', 'Receive returned', true],
    ['window', 'WM_USER', now],
    ['window', 'WM_TIMER', now],
  ], 'the posted message, then one WM_TIMER for the five periods that passed');
  DestroyWindow(hwnd);
  client.Close();
  server.end();
});

test('CSocket.OnMessagePending() is offered the unrelated messages once; the pump then sleeps until a socket notification, without spinning (§4.3 items 7c, 9b)', (w) => {
  let calls = 0;
  const { server, client } = slowEcho(w, 7102, 500, [], (_self, base) => (calls++, base()));
  const hwnd = loggingWindow([]);
  PostMessage(hwnd, WM_USER, 0, 0);
  client.Send(bytes('hi'), 2);
  assert.equal(receive(client), [2, 'hi']);
  assert.is(calls, 1, 'one offer, then WaitMessage ignores what was already seen');
  pump(0);
  DestroyWindow(hwnd);
  client.Close();
  server.end();
});

test('CSocket.OnMessagePending() by default dispatches WM_PAINT during the call and nothing else (§4.1 OnMessagePending, §4.2 item 5)', (w) => {
  const log: Row[] = [];
  const { server, client } = slowEcho(w, 7103, 300);
  const hwnd = loggingWindow(log);
  InvalidateRect(hwnd, null, false);
  PostMessage(hwnd, WM_USER, 0, 0);
  client.Send(bytes('x'), 1);
  receive(client);
  log.push(['client', 'Receive returned']);
  pump(0);
  assertSequence(log.map((r) => r.slice(0, 2)), [
    ['window', 'WM_PAINT'],
    ['client', 'Receive returned'],
    ['window', 'WM_USER'],
  ]);
  DestroyWindow(hwnd);
  client.Close();
  server.end();
});

test('CSocket.OnMessagePending() overridden to keep a window alive dispatches its messages during the call (§4.2 item 5)', (w) => {
  const log: Row[] = [];
  let hwnd: HWND = 0;
  const msg = new MSG();
  const { server, client } = slowEcho(w, 7104, 300, [], (_self, base) => {
    while (hwnd !== 0 && PeekMessage(msg, hwnd, 0, 0, PM_REMOVE)) DispatchMessage(msg);
    return base();
  });
  hwnd = loggingWindow(log);
  PostMessage(hwnd, WM_USER, 1, 0);
  server.run(() => later(100, () => PostMessage(hwnd, WM_USER, 2, 0))); // from the other thread: this one is blocked
  client.Send(bytes('x'), 1);
  receive(client);
  log.push(['client', 'Receive returned']);
  assertSequence(log.map((r) => r.slice(0, 2)), [
    ['window', 'WM_USER'],
    ['window', 'WM_USER'],
    ['client', 'Receive returned'],
  ], 'both the early and the later message ran during the call');
  DestroyWindow(hwnd);
  client.Close();
  server.end();
});

test('CSocket.Receive() still runs messages another thread sends to this one: SendMessage from a worker returns during the call (§1.3 item 14, §4.3 item 7)', (w) => {
  const log: Row[] = [];
  const { server, client } = slowEcho(w, 7114, 300);
  const t0 = currentClock().nowMs();
  const hwnd = createMessageWindow((h, m, wp, lp) => {
    if (m !== WM_USER) return DefWindowProc(h, m, wp, lp);
    log.push(['window', 'sent WM_USER', currentClock().nowMs() - t0]);
    return 42;
  });
  server.run(() => later(100, () => log.push(['worker', 'SendMessage returned', SendMessage(hwnd, WM_USER, 0, 0)])));
  client.Send(bytes('x'), 1);
  assert.equal(receive(client), [1, 'x']);
  log.push(['client', 'Receive returned', currentClock().nowMs() - t0 >= 300]);
  assertSequence(log, [
    ['window', 'sent WM_USER', 100],
    ['worker', 'SendMessage returned', 42],
    ['client', 'Receive returned', true],
  ]);
  DestroyWindow(hwnd);
  client.Close();
  server.end();
});

test('CSocket.Send() blocked for FD_WRITE puts this socket\'s FD_READ aside; OnReceive gets it after Send returns (§4.3 item 9d)', (w) => {
  const log: Row[] = [];
  const peer = oneConnectionServer(w.sim, 'talkative reader', w.beta, 7105, {
    OnReceive: (me) => {
      const n = me.Receive(new Uint8Array(2000), 2000);
      if (n > 0 && !greeted) (greeted = true), sendText(me, 'hello while you send');
    },
    OnClose: (me) => {
      while (me.Receive(new Uint8Array(65536), 65536) > 0);
      me.Close();
    },
  });
  let greeted = false;
  const client = new TestCSocket('client', log, { OnReceive: (me) => log.push(['client', 'Receive', ...receiveText(me)]) });
  client.Create();
  client.Connect('beta', 7105);
  pump();
  log.length = 0;
  const big = new Uint8Array(200_000);
  client.Send(big, big.length);
  client.Send(big, big.length); // the send buffer is full: this one waits
  log.push(['client', 'Send returned']);
  pump();
  assertSequence(log, [
    ['client', 'Send returned'],
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 20, 'hello while you send'],
  ]);
  client.Close();
  pump();
  peer.end();
});

test('CSocket blocking call: notifications for other sockets are delivered after it, in arrival order, ahead of later ones (§4.2 item 3, §4.3 item 9e, §3.4 item 7)', (w) => {
  const log: Row[] = [];
  const { server, client } = slowEcho(w, 7106, 300);
  // Three CAsyncSockets of this thread, fed by a peer thread at 50, 100 and 400 ms.
  const feeds: TestSocket[] = [];
  const peer = serverThread(w.sim, 'feeder', w.beta, () => {
    const listener = new TestSocket('feeder', [], {
      OnAccept: (self) => {
        const s = new TestSocket(`feed ${feeds.length}`, []);
        self.Accept(s);
        feeds.push(s);
      },
    });
    listener.Create(7107);
    listener.Listen();
    feeds.push(listener);
  });
  const socks = ['b', 'c', 'd'].map((name) => {
    const s = new TestSocket(name, log, { OnReceive: (me) => log.push([name, 'Receive', receiveText(me)[1], currentClock().nowMs()]) });
    s.Create();
    s.Connect('beta', 7107);
    return s;
  });
  pump();
  log.length = 0;
  const t0 = currentClock().nowMs();
  peer.run(() => {
    later(50, () => sendText(feeds[1]!, 'to b'));
    later(100, () => sendText(feeds[2]!, 'to c'));
    later(400, () => sendText(feeds[3]!, 'to d'));
  });
  client.Send(bytes('q'), 1);
  const trace = startTrace();
  assert.equal(receive(client), [1, 'q']);
  log.push(['client', 'Receive returned', '', currentClock().nowMs() - t0 >= 300]);
  stopTrace();
  const postedDuring = trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY && e.wParam !== client.m_hSocket && e.wParam !== 0);
  assert.is(postedDuring.length, 2, 'b and c were notified during the call');
  w.settle(300); // d's data arrives too, before anything is dispatched
  pump();
  assertSequence(log.map((r) => r.slice(0, 3)), [
    ['client', 'Receive returned', ''],
    ['b', 'OnReceive', 0],
    ['b', 'Receive', 'to b'],
    ['c', 'OnReceive', 0],
    ['c', 'Receive', 'to c'],
    ['d', 'OnReceive', 0],
    ['d', 'Receive', 'to d'],
  ]);
  for (const s of [...socks, client]) s.Close();
  pump();
  peer.end(() => feeds.forEach((s) => s.Close()));
  server.end();
});

test('CSocket.ProcessAuxQueue() delivers what a blocking call put aside and returns how many; the kick posted after the call then finds it empty (§3.4 item 8, §4.3 item 8)', (w) => {
  const log: Row[] = [];
  const { server, client } = slowEcho(w, 7108, 200);
  const other = new TestSocket('other', log);
  other.Create(0, W.SOCK_DGRAM); // writable at once
  client.Send(bytes('q'), 1);
  receive(client);
  assert.equal(log, [], 'FD_WRITE for the other socket was put aside');
  assert.is(CSocket.ProcessAuxQueue(), 1);
  assertSequence(log, [['other', 'OnSend', 0]]);
  assert.is(CSocket.ProcessAuxQueue(), 0);
  const trace = startTrace();
  pump();
  stopTrace();
  assertSequence(trace.rows(['dispatched']).filter((r) => r[1] === 'WM_SOCKET_NOTIFY'), [['dispatched', 'WM_SOCKET_NOTIFY', 0]], 'the (0, 0) kick');
  for (const s of [other, client]) s.Close();
  server.end();
});

test('CSocket m_nTimeOut: the timer only restarts the wait — every m_nTimeOut, never a timeout (§4.3 item 6)', (w) => {
  const { server, client } = slowEcho(w, 7109, 450);
  const busy = server.run(() => SetTimer(0, 0, 30, () => {})); // the server thread is busy every 30 ms
  client.m_nTimeOut = 100;
  const trace = startTrace();
  client.Send(bytes('slow'), 4);
  const t0 = currentClock().nowMs();
  assert.equal(receive(client), [4, 'slow']);
  stopTrace();
  assert.ok(currentClock().nowMs() - t0 >= 450);
  const kicks = trace.events.filter((e) => e.kind === 'synthesized' && e.message === WM_TIMER);
  assert.is(kicks.length, 4, 'at 100, 200, 300 and 400 ms, each retrying Receive');
  pump();
  client.Close();
  server.end(() => KillTimer(0, busy));
});

test('CSocket m_nTimeOut on virtual time skips the kicks of a stretch in which nothing at all happens (Differs: MFC would kick at 200, 300 and 400 ms too)', (w) => {
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
  const { server, client } = slowEcho(w, 7110, 0);
  client.m_nTimeOut = 500;
  assert.ok(client.AsyncSelect(0));
  client.Send(bytes('quiet'), 5);
  const t0 = currentClock().nowMs();
  assert.equal(receive(client), [5, 'quiet']);
  assert.is(currentClock().nowMs() - t0, 500, 'the echo came at once, unannounced; the kick found it');
  client.Close();
  pump();
  server.end();
});

test('CSocket.Receive() called twice in one OnReceive waits in the nested pump for the rest of the message, and its FD_READ is consumed (§4.2 item 4)', (w) => {
  const log: Row[] = [];
  const peer = oneConnectionServer(w.sim, 'two halves', w.beta, 7111, {}, (child) => {
    sendText(child, 'abcd');
    later(300, () => sendText(child, 'efgh'));
  });
  const client = new TestCSocket('client', log, {
    OnReceive: (me) => {
      for (let i = 0; i < 2; i++) log.push(['client', 'Receive', receive(me)[1], currentClock().nowMs() >= 300]);
    },
  });
  client.Create();
  client.Connect('beta', 7111);
  pump(1000);
  assertSequence(log.filter((r) => r[1] !== 'OnSend'), [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 'abcd', false],
    ['client', 'Receive', 'efgh', true],
  ]);
  client.Close();
  pump();
  peer.end();
});

test('CSocket.Receive() in OnReceive for data that never comes: MFC hangs; on virtual time it is a DeadlockError naming the socket and FD_READ (§4.2 item 4)', (w) => {
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
