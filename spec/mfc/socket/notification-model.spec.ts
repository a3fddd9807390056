// CAsyncSocket's notification machinery: AfxSocketInit, the per-thread hidden socket window that
// every socket is selected to with WM_SOCKET_NOTIFY, callbacks only when a notification is
// dispatched, the dead-handle map that drops notifications queued before Close / Detach, and a
// handle value that works again once its WM_SOCKET_DEAD is processed.
// Source: mfc-semantics §3.1 item 4, §3.3 item 3, §3.4 items 1-6 [H/I]; peers.md §0.2 and §2.1
// (PuTTY: notifications always through the queue, never from inside recv/send).
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, except the two
// that run the spec's own code on a second thread (a window per thread; a handle handed to another
// thread): only the simulation runs a closure on another thread (a real thread is a worker with
// its own modules), so those are simulated only.
import * as assert from 'uvu/assert';
import { GetCurrentThreadId, GetWindowThreadProcessId, IsWindow, messageName, startTrace, stopTrace, type TraceEvent } from 'afxsock/pump';
import { AfxSocketInit, AfxSocketTerm, CAsyncSocket, WM_SOCKET_DEAD, WM_SOCKET_NOTIFY } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connectedPair, portOf, pump, receiveText, sendText, serverThread, TestSocket } from './socketWorld.ts';

const test = dualSuite('CAsyncSocket notification model');

/** The socket-window traffic of one handle as rows [kind, message, event]. */
function socketRows(events: readonly TraceEvent[], handle: number, kinds: readonly string[] = ['dispatched']): Row[] {
  return events
    .filter((e) => kinds.includes(e.kind) && e.wParam === handle && (e.message === WM_SOCKET_NOTIFY || e.message === WM_SOCKET_DEAD))
    .map((e) => [e.kind, messageName(e.message), e.message === WM_SOCKET_NOTIFY ? eventName(e.lParam as number) : '']);
}

function eventName(lParam: number): string {
  const names: Record<number, string> = { 1: 'FD_READ', 2: 'FD_WRITE', 4: 'FD_OOB', 8: 'FD_ACCEPT', 16: 'FD_CONNECT', 32: 'FD_CLOSE' };
  return names[W.WSAGETSELECTEVENT(lParam)] ?? `event ${W.WSAGETSELECTEVENT(lParam)}`;
}

test('AfxSocketInit() starts Winsock 1.1 once per thread, filling WSADATA on the first call only (§3.1 item 4)', () => {
  W.WSACleanup(); // the world's own start-up: now nothing is started
  const s = new CAsyncSocket();
  assert.not.ok(s.Create(), 'Create before any start-up fails');
  assert.is(CAsyncSocket.GetLastError(), W.WSANOTINITIALISED);
  assert.is(s.m_hSocket, W.INVALID_SOCKET);
  const first = new W.WSADATA();
  assert.ok(AfxSocketInit(first));
  assert.is(first.wVersion, 0x0101, 'MAKEWORD(1, 1) granted');
  const second = new W.WSADATA();
  assert.ok(AfxSocketInit(second), 'a second call on the same thread succeeds');
  assert.is(second.wVersion, 0, 'and starts nothing');
  assert.ok(s.Create());
  s.Close();
  AfxSocketTerm();
  assert.is(W.socket(W.AF_INET, W.SOCK_STREAM, 0), W.INVALID_SOCKET, 'AfxSocketTerm undid the one start-up');
  W.WSAStartup(0x0202, new W.WSADATA());
});

test('WM_SOCKET_NOTIFY and WM_SOCKET_DEAD have the values of afxpriv.h and their names in traces (§3.4 item 1)', () => {
  assert.is(WM_SOCKET_NOTIFY, 0x0373);
  assert.is(WM_SOCKET_DEAD, 0x0374);
  assert.is(messageName(0x0373), 'WM_SOCKET_NOTIFY');
  assert.is(messageName(0x0374), 'WM_SOCKET_DEAD');
});

test('CAsyncSocket.Create() selects every socket of a thread to one hidden window with WM_SOCKET_NOTIFY; closing the last socket destroys it (§3.4 items 2-3)', () => {
  const log: Row[] = [];
  const trace = startTrace();
  const { listener, client, server } = connectedPair(log);
  stopTrace();
  const posted = trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY);
  const handles = new Set(posted.map((e) => e.wParam));
  assert.ok(handles.has(listener.m_hSocket) && handles.has(client.m_hSocket) && handles.has(server.m_hSocket), 'all three sockets notified');
  const windows = new Set(posted.map((e) => e.hwnd));
  assert.is(windows.size, 1, 'one window for all of them');
  const hwnd = [...windows][0]!;
  assert.is(GetWindowThreadProcessId(hwnd), GetCurrentThreadId(), 'owned by the calling thread');
  for (const s of [client, server]) s.Close();
  assert.ok(IsWindow(hwnd), 'the window lives while one socket does');
  listener.Close();
  assert.not.ok(IsWindow(hwnd), 'Close of the last socket destroyed it');
});

// simOnly: the spec's own code runs on a second thread, which only a simulated thread allows.
test.simOnly('CAsyncSocket.Create() on another thread selects to that thread\'s own hidden window, destroyed with its last socket (§3.4 items 2-3)', (w) => {
  const probe = new CAsyncSocket();
  const trace = startTrace();
  probe.Create(0, W.SOCK_DGRAM); // a datagram socket is writable at once: FD_WRITE is posted
  stopTrace();
  const hwnd = trace.events.find((e) => e.message === WM_SOCKET_NOTIFY)?.hwnd ?? 0;
  assert.ok(hwnd !== 0, 'this thread\'s window');
  let peerWindow = 0;
  let peerThreadId = 0;
  const peer = serverThread(w.sim, 'peer', w.beta, () => {
    peerThreadId = GetCurrentThreadId();
    const peerTrace = startTrace();
    const s = new CAsyncSocket();
    s.Create(0, W.SOCK_DGRAM); // a datagram socket is writable at once: FD_WRITE is posted
    stopTrace();
    peerWindow = peerTrace.events.find((e) => e.message === WM_SOCKET_NOTIFY)?.hwnd ?? 0;
    s.Close();
  });
  assert.ok(peerWindow !== 0 && peerWindow !== hwnd, 'another thread has a window of its own');
  assert.is(GetWindowThreadProcessId(peerWindow), 0, 'destroyed with its last socket');
  assert.ok(peerThreadId !== GetCurrentThreadId());
  assert.ok(IsWindow(hwnd), 'this thread\'s window is untouched');
  probe.Close();
  pump();
  peer.end();
});

test('CAsyncSocket callbacks run only when the thread dispatches the notification, never from inside a socket call (§3.3 item 3, peers.md §2.1)', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log, {
    OnReceive: (self) => log.push(['client', 'Receive', ...receiveText(self)]),
  });
  assert.is(sendText(server, 'one'), 3);
  w.settle();
  assertSequence(log, [], 'data arrived and FD_READ is queued, but nothing was called');
  pump();
  assertSequence(log, [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 3, 'one'],
  ]);
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket.Close() drops the notifications already queued for the socket; WM_SOCKET_DEAD then releases the handle (§3.4 items 4-6)', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log);
  sendText(server, 'unread');
  server.ShutDown();
  w.settle();
  const handle = client.m_hSocket;
  const trace = startTrace();
  client.Close();
  pump();
  stopTrace();
  assertSequence(socketRows(trace.events, handle, ['posted', 'dispatched']), [
    ['posted', 'WM_SOCKET_DEAD', ''],
    ['dispatched', 'WM_SOCKET_NOTIFY', 'FD_READ'],
    ['dispatched', 'WM_SOCKET_NOTIFY', 'FD_CLOSE'],
    ['dispatched', 'WM_SOCKET_DEAD', ''],
  ], 'the closed socket\'s traffic');
  assertSequence(log, [['server', 'OnClose', W.WSAECONNABORTED]], 'no callback for the closed socket; closing with unread data reset the server');
  assert.is(CAsyncSocket.FromHandle(handle), null);
  for (const s of [server, listener]) s.Close();
});

test('CAsyncSocket.Close() of the last socket destroys the window, and the notifications queued to it go with it (§3.4 item 2)', () => {
  const log: Row[] = [];
  const s = new TestSocket('udp', log);
  assert.ok(s.Create(0, W.SOCK_DGRAM), 'a datagram socket is writable at once: FD_WRITE is queued');
  s.Close();
  assert.is(pump(), 0, 'nothing left to dispatch');
  assertSequence(log, [], 'nothing was called');
});

test('CAsyncSocket.Detach() then Attach() of the same handle value: older notifications are dropped, newer ones reach the new object (§3.2 Detach, §3.4 item 6)', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log);
  sendText(server, 'hello');
  w.settle(); // FD_READ for the client's handle is queued
  const handle = client.Detach();
  assert.is(client.m_hSocket, W.INVALID_SOCKET, 'm_hSocket is INVALID_SOCKET, not NULL');
  const again = new TestSocket('again', log, { OnReceive: (self) => log.push(['again', 'Receive', ...receiveText(self)]) });
  assert.ok(again.Attach(handle), 'the same handle value, while its WM_SOCKET_DEAD is still queued');
  assert.is(again.m_hSocket, handle);
  const trace = startTrace();
  pump();
  stopTrace();
  assertSequence(socketRows(trace.events, handle), [
    ['dispatched', 'WM_SOCKET_NOTIFY', 'FD_READ'],
    ['dispatched', 'WM_SOCKET_DEAD', ''],
    ['dispatched', 'WM_SOCKET_NOTIFY', 'FD_READ'],
    ['dispatched', 'WM_SOCKET_NOTIFY', 'FD_WRITE'],
  ], 'Attach re-selects, which posts the conditions that hold');
  assertSequence(log, [
    ['again', 'OnReceive', 0],
    ['again', 'Receive', 5, 'hello'],
    ['again', 'OnSend', 0],
  ]);
  assert.is(CAsyncSocket.FromHandle(handle), again);
  for (const s of [again, server, listener]) s.Close();
});

// simOnly: the spec's own code runs on a second thread, which only a simulated thread allows.
test.simOnly('CAsyncSocket.Detach() hands a connection to another thread, which Attach()es it and gets its callbacks (§4.1 Attach doc example)', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log);
  const handle = server.Detach();
  pump(); // WM_SOCKET_DEAD
  let workerThread = 0;
  let worker: TestSocket | undefined;
  const thread = serverThread(w.sim, 'worker', w.beta);
  thread.run(() => {
    workerThread = GetCurrentThreadId();
    worker = new TestSocket('worker', log, {
      OnReceive: (self) => {
        log.push(['worker', 'Receive', ...receiveText(self)]);
        log.push(['worker', 'on thread', GetCurrentThreadId() === workerThread]);
        sendText(self, 'pong');
      },
    });
    return worker.Attach(handle);
  });
  assert.is(CAsyncSocket.FromHandle(handle), null, 'FromHandle looks only at the calling thread');
  assert.is(thread.run(() => CAsyncSocket.FromHandle(handle)), worker);
  sendText(client, 'ping');
  pump();
  assertSequence(log, [
    ['worker', 'OnSend', 0],
    ['worker', 'OnReceive', 0],
    ['worker', 'Receive', 4, 'ping'],
    ['worker', 'on thread', true],
    ['client', 'OnReceive', 0],
  ]);
  assert.equal(receiveText(client), [4, 'pong']);
  thread.end(() => worker!.Close());
  pump();
  for (const s of [client, listener]) s.Close();
});

test.run();
