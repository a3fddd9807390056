// CSocket re-entrancy while a blocking call waits: a second blocking call on the same socket fails
// with WSAEINPROGRESS (returning 0 / FALSE, SOCKET_ERROR for SendTo), a blocking call on a different
// CSocket nests; CancelBlockingCall and Close end the call with WSAEINTR; exceptions inside the pump
// are caught (MFC exceptions) or end the call (anything else); a client and a server on one thread
// deadlock as in MFC, which on virtual time is a DeadlockError naming the socket and its event.
// Source: mfc-semantics §4.1 (IsBlocking, CancelBlockingCall), §4.3 items 1, 5-10, item 9f;
// peers.md §0.3, §2.1 (Winsock 1.1 "Blocking Routines and EINPROGRESS").
// Each test runs on the simulated network (the server on a simulated thread, host "beta") and on
// real 127.0.0.1 loopback sockets (the server on a real worker thread, ports chosen by the OS),
// except the two deadlocks, which only virtual time can detect.
import * as assert from 'uvu/assert';
import { createMessageWindow, currentClock, DeadlockError, DefWindowProc, DestroyWindow, PostMessage, WM_USER } from 'afxsock/pump';
import { CNotSupportedException } from 'afxsock';
import { CAsyncSocket, CSocket } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connect } from './peerConnection.ts';
import { bytes, pump, TestCSocket, TestSocket } from './socketWorld.ts';
import { settleUntil, simNetWorld, startPeer } from 'afxsock/testing';

const test = dualSuite('CSocket re-entrancy');

/** A window with one WM_USER queued, so that a blocking call offers OnMessagePending something. */
function pendingMessage(): number {
  const hwnd = createMessageWindow((h, m, wp, lp) => DefWindowProc(h, m, wp, lp));
  PostMessage(hwnd, WM_USER, 0, 0);
  return hwnd;
}

function receive(s: CSocket): number {
  return s.Receive(new Uint8Array(64), 64);
}

/** The server of most tests: one connection, each request echoed after 300 ms. */
const SLOW_ECHO = { reply: 'same', delayMs: 300 } as const;

/** A client whose OnMessagePending is `onMessagePending` (it receives the base version to call). */
function blockingClient(onMessagePending: (self: TestCSocket, base: () => boolean) => boolean): TestCSocket {
  return new TestCSocket('client', [], {}, onMessagePending);
}

test('CSocket: a second blocking call on the same socket fails with WSAEINPROGRESS and returns 0 / FALSE (SendTo: SOCKET_ERROR); IsBlocking() is true meanwhile (§4.3 item 1, §9 item 3)', (w) => {
  const rows: Row[] = [];
  const buf = new Uint8Array(8);
  // The calls name the server's own address (MFC resolves a host name before it looks at the socket).
  const server = { value: '' };
  const port = { value: 0 };
  const c = connect(w, 7201, blockingClient((self, base) => {
    if (rows.length > 0) return base();
    const calls: [string, () => unknown][] = [
      ['IsBlocking', () => self.IsBlocking()],
      ['Receive', () => self.Receive(buf, 8)],
      ['Send', () => self.Send(buf, 8)],
      ['ReceiveFrom', () => self.ReceiveFrom(buf, 8, { value: '' }, { value: 0 })],
      ['SendTo', () => self.SendTo(buf, 8, port.value, server.value)],
      ['Connect', () => self.Connect(server.value, port.value)],
      ['Accept', () => self.Accept(new CAsyncSocket())],
    ];
    for (const [name, call] of calls) {
      W.WSASetLastError(0);
      rows.push([name, call(), CAsyncSocket.GetLastError()]);
    }
    return base();
  }), SLOW_ECHO);
  c.client.GetPeerName(server, port);
  const hwnd = pendingMessage();
  c.client.Send(bytes('x'), 1);
  assert.is(receive(c.client), 1, 'the outer call is unharmed');
  assertSequence(rows, [
    ['IsBlocking', true, 0],
    ['Receive', 0, W.WSAEINPROGRESS],
    ['Send', 0, W.WSAEINPROGRESS],
    ['ReceiveFrom', 0, W.WSAEINPROGRESS],
    ['SendTo', W.SOCKET_ERROR, W.WSAEINPROGRESS],
    ['Connect', false, W.WSAEINPROGRESS],
    ['Accept', false, W.WSAEINPROGRESS],
  ]);
  assert.not.ok(c.client.IsBlocking());
  pump();
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket: a blocking call on a different CSocket from OnMessagePending nests and completes first (§4.3 item 9f)', (w) => {
  const log: Row[] = [];
  const inner = connect(w, 7209, new CSocket(), { reply: 'upper' });
  let armed = false;
  const outer = connect(w, 7202, new TestCSocket('outer', [], {}, (_self, base) => {
    if (armed) {
      armed = false;
      inner.client.Send(bytes('inner'), 5);
      const buf = new Uint8Array(16);
      const n = inner.client.Receive(buf, 16);
      log.push(['inner', n, new TextDecoder().decode(buf.subarray(0, n)), outer.client.IsBlocking()]);
      // The outer server answers only now: on real time a reply on a timer could come during the
      // nested call, whose pump would put it aside for ever (the next test).
      outer.peer.sends(bytes('OUTER'));
    }
    return base();
  }));
  const hwnd = pendingMessage();
  outer.client.Send(bytes('outer'), 5);
  pump(0);
  armed = true;
  PostMessage(hwnd, WM_USER, 0, 0);
  // The inner call is answered at once: the outer reply comes after it.
  const buf = new Uint8Array(16);
  const n = outer.client.Receive(buf, 16);
  log.push(['outer', n, new TextDecoder().decode(buf.subarray(0, n)), outer.client.IsBlocking()]);
  assertSequence(log, [
    ['inner', 5, 'INNER', true],
    ['outer', 5, 'OUTER', false],
  ]);
  assert.is(new TextDecoder().decode(outer.peerReceived(5)), 'outer');
  pump();
  DestroyWindow(hwnd);
  for (const c of [inner, outer]) c.end();
});

// Simulated only: the outer call can never end — DeadlockError on virtual time; on real sockets it would wait for ever.
test.simOnly('CSocket: a nested blocking call that takes the outer call\'s notification puts it aside and kills the shared kick timer: the outer call can never end, as in MFC (§4.3 items 6, 7a, 9f)', (sw) => {
  const peer = startPeer(simNetWorld(sw), 'echo server');
  const port = peer.listen(7208, { reply: 'same', delayMs: 100 });
  const inner = new CSocket();
  inner.Create();
  inner.Connect(peer.host, port);
  let armed = false;
  const outer = new TestCSocket('outer', [], {}, (_self, base) => {
    if (armed) {
      armed = false;
      inner.Send(bytes('inner'), 5);
      receive(inner); // answered 100 ms after the outer request: the outer's FD_READ arrives meanwhile
    }
    return base();
  });
  outer.Create();
  outer.Connect(peer.host, port);
  pump();
  outer.Send(bytes('outer'), 5);
  pump(50);
  armed = true;
  const hwnd = pendingMessage();
  let error: unknown;
  try {
    receive(outer);
  } catch (e) {
    error = e;
  }
  assert.instance(error, DeadlockError);
  assert.match((error as Error).message, /TestCSocket socket 0x[0-9a-f]+ blocked in Receive\(\): waiting for FD_READ or FD_CLOSE on socket 0x[0-9a-f]+: Deadlock on virtual time/);
  assert.is(CSocket.ProcessAuxQueue(), 1, 'the outer FD_READ was in the aux queue');
  assert.is(outer.Receive(new Uint8Array(8), 8), 5, 'and its data was there all along');
  pump();
  DestroyWindow(hwnd);
  for (const s of [inner, outer]) s.Close();
  peer.end();
});

test('CSocket.CancelBlockingCall() from OnMessagePending makes the waiting call fail with WSAEINTR (§4.1, §4.3 item 8)', (w) => {
  const c = connect(w, 7203, blockingClient((self, base) => (self.CancelBlockingCall(), base())), SLOW_ECHO);
  const hwnd = pendingMessage();
  const t0 = currentClock().nowMs();
  c.client.Send(bytes('x'), 1);
  assert.is(receive(c.client), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINTR);
  assert.not.ok(c.client.IsBlocking());
  // Exact virtual time: no time passed. Real time has no such instant; there WSAEINTR, not the
  // reply, is what shows that the call did not wait for it.
  if (w.kind === 'sim') assert.is(currentClock().nowMs(), t0, 'it did not wait for the reply');
  c.client.CancelBlockingCall(); // no call: nothing happens
  pump(500);
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.Close() during a blocking call cancels it first: the call fails with WSAEINTR and the socket is closed (§4.3 item 10)', (w) => {
  const c = connect(w, 7204, blockingClient((self, base) => (self.Close(), base())), SLOW_ECHO);
  const hwnd = pendingMessage();
  c.client.Send(bytes('x'), 1);
  assert.is(receive(c.client), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINTR);
  assert.is(c.client.m_hSocket, W.INVALID_SOCKET);
  pump(500);
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.PumpMessages() catches an MFC exception thrown inside it and goes on waiting (§4.3 item 7)', (w) => {
  let thrown = 0;
  const c = connect(w, 7205, blockingClient((_self, base) => {
    if (thrown++ === 0) throw new CNotSupportedException('from OnMessagePending');
    return base();
  }), SLOW_ECHO);
  const hwnd = pendingMessage();
  c.client.Send(bytes('x'), 1);
  assert.is(receive(c.client), 1);
  assert.is(thrown, 2, 'offered the message again after the exception');
  pump();
  DestroyWindow(hwnd);
  c.end();
});

test('CSocket.PumpMessages() lets any other exception end the call, leaving IsBlocking() false and no kick timer (Differs: MFC leaves m_pbBlocking dangling)', (w) => {
  const c = connect(w, 7206, blockingClient(() => {
    throw new RangeError('a bug in OnMessagePending');
  }), SLOW_ECHO);
  const hwnd = pendingMessage();
  c.client.Send(bytes('x'), 1);
  assert.throws(() => receive(c.client), RangeError);
  assert.not.ok(c.client.IsBlocking());
  // The reply comes 300 ms after the request (later on a busy machine). Wait until it is there:
  // a Receive that blocked would pump, and this OnMessagePending throws for any message.
  const unread = { value: 0 };
  settleUntil(w, () => c.client.IOCtl(W.FIONREAD, unread) && unread.value > 0, () => 'the echo never came back', 25);
  assert.is(c.client.Receive(new Uint8Array(8), 8), 1, 'the socket still works: the reply is there');
  DestroyWindow(hwnd);
  c.end();
});

// Simulated only: the deadlock is a DeadlockError on virtual time; on real sockets the client would wait for ever.
test.simOnly('CSocket client and CAsyncSocket server on one thread deadlock as in MFC: the server\'s FD_ACCEPT waits in the aux queue; on virtual time a DeadlockError names the socket and FD_READ (§4.2 item 3, DESIGN.md "Simulated peers")', () => {
  const log: Row[] = [];
  const listener = new TestSocket('listener', log);
  listener.Create(7207);
  listener.Listen();
  const client = new TestCSocket('client', log);
  client.Create();
  assert.ok(client.Connect('127.0.0.1', 7207), 'the kernel completes the connection without Accept');
  assert.is(client.Send(bytes('hello?'), 6), 6);
  const t0 = currentClock().nowMs();
  let error: unknown;
  try {
    receive(client);
  } catch (e) {
    error = e;
  }
  assert.instance(error, DeadlockError);
  const text = (error as Error).message;
  assert.match(text, /waits for TestCSocket socket 0x[0-9a-f]+ blocked in Receive\(\): waiting for FD_READ or FD_CLOSE on socket 0x[0-9a-f]+/);
  assert.match(text, /m_nTimeOut timer already retried the call in vain/);
  assert.is(currentClock().nowMs() - t0, client.m_nTimeOut, 'found at the first kick');
  assert.equal(log, [], 'OnAccept never ran: its notification was put aside');
  assert.not.ok(client.IsBlocking());
  assert.is(CSocket.ProcessAuxQueue(), 2);
  assertSequence(log, [['listener', 'OnAccept', 0], ['client', 'OnSend', 0]], 'in arrival order');
  for (const s of [client, listener]) s.Close();
  pump();
});

// Simulated only: DeadlockError and an hour of kicks are virtual time's.
test.simOnly('CSocket: an OnMessagePending override that never ends the call keeps every kick for an hour of virtual time, then the call is a DeadlockError naming it (on Windows it would kick for ever)', (w) => {
  let calls = 0;
  const c = connect(simNetWorld(w), 7208, blockingClient((_self, base) => {
    // A wrong implementation spins for ever: fail instead (an hour of 2 s kicks is 1,800 calls).
    if (++calls > 100_000) throw new Error('OnMessagePending is still called: the call never ends');
    return base();
  }));
  const hwnd = pendingMessage(); // stays queued: OnMessagePending is offered it at every kick
  const t0 = currentClock().nowMs();
  let error: unknown;
  try {
    receive(c.client); // the peer never sends
  } catch (e) {
    error = e;
  }
  assert.instance(error, DeadlockError);
  const text = (error as Error).message;
  assert.match(text, /TestCSocket socket 0x[0-9a-f]+ blocked in Receive\(\): waiting for FD_READ or FD_CLOSE/);
  assert.match(text, /its OnMessagePending ran at every kick for 60 minutes of virtual time without ending the call/);
  const waitedMs = currentClock().nowMs() - t0;
  assert.is(waitedMs, 2000 + 3_600_000, 'the first kick retried in vain at 2 s, then an hour of kicks');
  assert.is(calls, 1 + waitedMs / 2000, 'offered the message when the call began and at every kick, as on Windows');
  assert.not.ok(c.client.IsBlocking());
  DestroyWindow(hwnd);
  c.end();
});

// Simulated only: the exact kick at which the override gives up is virtual time's.
test.simOnly('CSocket: an OnMessagePending override that cancels after 30 s of GetTickCount ends the call with WSAEINTR at the first kick past 30 s, as on Windows (§4.1, §4.3 items 6, 8)', (w) => {
  let startMs = -1;
  const c = connect(simNetWorld(w), 7209, blockingClient((self, base) => {
    const now = currentClock().nowMs();
    if (startMs < 0) startMs = now;
    else if (now - startMs >= 30_000) self.CancelBlockingCall();
    return base();
  }));
  const hwnd = pendingMessage();
  const t0 = currentClock().nowMs();
  assert.is(receive(c.client), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINTR);
  assert.is(currentClock().nowMs() - t0, 30_000, 'at the 15th kick of m_nTimeOut (2000 ms)');
  DestroyWindow(hwnd);
  c.end();
});

test.run();
