// CAsyncSocket given bad input fails the Windows way — FALSE or SOCKET_ERROR (or INVALID_SOCKET)
// plus GetLastError() — and never throws: members of a socket that was never created or is closed
// (WSAENOTSOCK), Accept into a socket that already has a handle, Listen on a datagram socket, a
// second Create, Attach of a bad handle, a buffer length past the buffer. Exceptions thrown by
// callbacks: MFC's window procedure wrapper catches MFC exceptions (CException), so they never leave
// DispatchMessage; anything else is a bug in the caller's code and propagates.
// Source: mfc-semantics §3.1 item 1, §3.2 (Close: "further use → WSAENOTSOCK"; Accept: the
// connected socket "must be constructed but not Created"; Listen: stream only, WSAEOPNOTSUPP).
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, with no deviation.
import * as assert from 'uvu/assert';
import { DispatchMessage, MSG, PeekMessage, PM_REMOVE } from 'afxsock/pump';
import { CArchiveException } from 'afxsock';
import { CAsyncSocket, setSocketExceptionHandler } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { bytes, connectedPair, portOf, pump, receiveText, sendText, TestSocket } from './socketWorld.ts';

const test = dualSuite('CAsyncSocket bad input');

/** Every member of a socket without a handle: [member, result, last error]. */
function callEverything(s: CAsyncSocket): Row[] {
  const buf = new Uint8Array(8);
  const sa = new W.SOCKADDR_IN(W.AF_INET, W.htons(1), new W.in_addr(W.inet_addr('127.0.0.1')));
  const calls: [string, () => unknown][] = [
    ['Bind', () => s.Bind(0)],
    ['Listen', () => s.Listen()],
    ['Accept', () => s.Accept(new CAsyncSocket())],
    ['AsyncSelect', () => s.AsyncSelect()],
    ['Connect', () => s.Connect('127.0.0.1', 1)],
    ['Connect(SOCKADDR)', () => s.Connect(sa, 16)],
    ['Receive', () => s.Receive(buf, 8)],
    ['ReceiveFrom', () => s.ReceiveFrom(buf, 8, { value: '' }, { value: 0 })],
    ['Send', () => s.Send(buf, 8)],
    ['SendTo', () => s.SendTo(buf, 8, 1, '127.0.0.1')],
    ['ShutDown', () => s.ShutDown()],
    ['GetPeerName', () => s.GetPeerName({ value: '' }, { value: 0 })],
    ['GetSockName', () => s.GetSockName({ value: '' }, { value: 0 })],
    ['GetSockOpt', () => s.GetSockOpt(W.SO_TYPE, buf, { value: 4 })],
    ['SetSockOpt', () => s.SetSockOpt(W.SO_DEBUG, buf, 4)],
    ['IOCtl', () => s.IOCtl(W.FIONREAD, { value: 0 })],
    ['Detach', () => s.Detach()],
  ];
  return calls.map(([name, call]) => {
    W.WSASetLastError(0);
    return [name, call(), CAsyncSocket.GetLastError()];
  });
}

const EVERYTHING_FAILS: Row[] = [
  ['Bind', false, W.WSAENOTSOCK],
  ['Listen', false, W.WSAENOTSOCK],
  ['Accept', false, W.WSAENOTSOCK],
  ['AsyncSelect', false, W.WSAENOTSOCK],
  ['Connect', false, W.WSAENOTSOCK],
  ['Connect(SOCKADDR)', false, W.WSAENOTSOCK],
  ['Receive', W.SOCKET_ERROR, W.WSAENOTSOCK],
  ['ReceiveFrom', W.SOCKET_ERROR, W.WSAENOTSOCK],
  ['Send', W.SOCKET_ERROR, W.WSAENOTSOCK],
  ['SendTo', W.SOCKET_ERROR, W.WSAENOTSOCK],
  ['ShutDown', false, W.WSAENOTSOCK],
  ['GetPeerName', false, W.WSAENOTSOCK],
  ['GetSockName', false, W.WSAENOTSOCK],
  ['GetSockOpt', false, W.WSAENOTSOCK],
  ['SetSockOpt', false, W.WSAENOTSOCK],
  ['IOCtl', false, W.WSAENOTSOCK],
  ['Detach', W.INVALID_SOCKET, W.WSAENOTSOCK],
];

test('CAsyncSocket members of a socket that was never created fail with WSAENOTSOCK; Close() does nothing (§3.1 item 1, §3.2)', () => {
  const s = new CAsyncSocket();
  assertSequence(callEverything(s), EVERYTHING_FAILS);
  s.Close();
  assert.is(s.m_hSocket, W.INVALID_SOCKET);
  assert.is(CAsyncSocket.FromHandle(W.INVALID_SOCKET), null, 'no placeholder was left behind');
});

test('CAsyncSocket members of a closed socket fail with WSAENOTSOCK; a second Close() does nothing (§3.2 Close)', () => {
  const { listener, client, server } = connectedPair([]);
  client.Close();
  assert.is(client.m_hSocket, W.INVALID_SOCKET);
  assertSequence(callEverything(client), EVERYTHING_FAILS);
  client.Close();
  pump();
  for (const s of [server, listener]) s.Close();
});

test('CAsyncSocket.Accept() into a socket that already has a handle fails with WSAEINVAL and leaves the connection pending (§3.2 Accept)', () => {
  const log: Row[] = [];
  const listener = new TestSocket('listener', log);
  listener.Create(0, W.SOCK_STREAM, undefined, '127.0.0.1');
  listener.Listen();
  const client = new CAsyncSocket();
  client.Create();
  client.Connect('127.0.0.1', portOf(listener));
  pump();
  assertSequence(log, [['listener', 'OnAccept', 0]]);
  const created = new CAsyncSocket();
  created.Create();
  const handle = created.m_hSocket;
  assert.not.ok(listener.Accept(created));
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINVAL);
  assert.is(created.m_hSocket, handle, 'its own handle is untouched');
  assert.is(CAsyncSocket.FromHandle(handle), created);
  const fresh = new CAsyncSocket();
  assert.ok(listener.Accept(fresh), 'the connection was still pending');
  for (const s of [client, created, fresh, listener]) s.Close();
});

test('CAsyncSocket.Listen() on a datagram socket fails with WSAEOPNOTSUPP; on an unbound socket with WSAEINVAL (§3.2 Listen)', () => {
  const udp = new CAsyncSocket();
  udp.Create(0, W.SOCK_DGRAM);
  assert.not.ok(udp.Listen());
  assert.is(CAsyncSocket.GetLastError(), W.WSAEOPNOTSUPP);
  const unbound = new CAsyncSocket();
  unbound.Socket();
  assert.not.ok(unbound.Listen());
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINVAL);
  for (const s of [udp, unbound]) s.Close();
});

test('CAsyncSocket.Create() on an object that already has a socket fails with WSAEINVAL and keeps the first socket (Differs: MFC ASSERTs)', () => {
  const s = new CAsyncSocket();
  assert.ok(s.Create());
  const handle = s.m_hSocket;
  assert.not.ok(s.Create());
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINVAL);
  assert.not.ok(s.Socket());
  assert.is(s.m_hSocket, handle);
  s.Close();
});

test('CAsyncSocket.Attach() of INVALID_SOCKET fails leaving the error alone; of a handle another object holds, WSAEINVAL; of no socket at all, WSAENOTSOCK (§3.2 Attach)', () => {
  const owner = new CAsyncSocket();
  owner.Create();
  const other = new CAsyncSocket();
  W.WSASetLastError(1234);
  assert.not.ok(other.Attach(W.INVALID_SOCKET));
  assert.is(CAsyncSocket.GetLastError(), 1234);
  assert.not.ok(other.Attach(owner.m_hSocket));
  assert.is(CAsyncSocket.GetLastError(), W.WSAEINVAL);
  assert.is(CAsyncSocket.FromHandle(owner.m_hSocket), owner);
  assert.not.ok(other.Attach(0x7ff0), 'a value that is no socket');
  assert.is(CAsyncSocket.GetLastError(), W.WSAENOTSOCK);
  assert.is(other.m_hSocket, 0x7ff0, 'as in MFC the object keeps the value until Close');
  other.Close();
  assert.is(other.m_hSocket, W.INVALID_SOCKET);
  owner.Close();
  pump();
});

test('CAsyncSocket.Receive() and Send() with a length past the buffer fail with WSAEFAULT (§3.2 Receive, Send)', () => {
  const { listener, client, server } = connectedPair([]);
  assert.is(client.Receive(new Uint8Array(4), 8), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAEFAULT);
  assert.is(client.Send(bytes('ab'), 3), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAEFAULT);
  pump();
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket callbacks that throw a CException do not escape the message loop; later notifications are still delivered', () => {
  const log: Row[] = [];
  const caught: Row[] = [];
  const restore = setSocketExceptionHandler((e, message, wParam) => caught.push([e.name, message, wParam === client.m_hSocket]));
  const { listener, client, server } = connectedPair(log, {
    OnReceive: (self) => {
      receiveText(self);
      throw new CArchiveException(CArchiveException.endOfFile);
    },
  });
  sendText(server, 'one');
  pump();
  server.ShutDown();
  pump();
  restore();
  assertSequence(log, [['client', 'OnReceive', 0], ['client', 'OnClose', 0]]);
  assertSequence(caught, [['CArchiveException', 0x0373, true]]);
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket callbacks that throw anything else propagate out of DispatchMessage, as C++ exceptions MFC does not catch would', (w) => {
  const { listener, client, server } = connectedPair([], { OnReceive: () => void (null as unknown as { x: number }).x });
  sendText(server, 'one');
  w.settle(); // FD_READ is queued, not dispatched
  const msg = new MSG();
  let thrown: unknown;
  while (thrown === undefined && PeekMessage(msg, 0, 0, 0, PM_REMOVE)) {
    try {
      DispatchMessage(msg);
    } catch (e) {
      thrown = e;
    }
  }
  assert.instance(thrown, TypeError);
  receiveText(client);
  pump();
  for (const s of [client, server, listener]) s.Close();
});

test.run();
