// CAsyncSocket's notification callbacks: which FD_ event calls which OnXxx with which nErrorCode,
// the empty base versions, overriding as C++ does, later MFC's FD_READ rule (OnReceive only when
// select() finds the socket readable — data or end of stream — or an error is set; stale FD_READs
// are swallowed), and Close from inside a callback.
// Source: mfc-semantics §3.3 (table, items 1-3), §3.4 item 5 [I/IL], §9 item 1; peers.md §0.2, §2.1.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets. Deviation of the
// real network (executable todo): urgent data — Node cannot send or receive it (lib/net/os/index.ts).
import * as assert from 'uvu/assert';
import { CObject, RUNTIME_CLASS } from 'afxsock';
import { CAsyncSocket } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { listeningSocket, recvText, sendText as sendRaw } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connectedPair, portOf, pump, receiveText, sendText, TestSocket } from './socketWorld.ts';
import { pumpUntil } from './peerConnection.ts';

const test = dualSuite('CAsyncSocket callbacks');
const OOB_DEVIATION = 'Node cannot send or receive TCP urgent data: Send(MSG_OOB) fails with WSAEOPNOTSUPP and OnOutOfBandData never comes (lib/net/os/index.ts)';

test('CAsyncSocket.OnConnect(0) then OnSend(0) report a completed Connect; the listener gets OnAccept(0) first, the accepted socket OnSend(0) last (§3.3 table, windows-facts A.10.2)', () => {
  const log: Row[] = [];
  const accepted = new TestSocket('server', log);
  const listener = new TestSocket('listener', log, { OnAccept: (self) => log.push(['listener', 'Accept', self.Accept(accepted)]) });
  listener.Create(0, W.SOCK_STREAM, undefined, '127.0.0.1');
  listener.Listen();
  const client = new TestSocket('client', log);
  client.Create();
  assert.not.ok(client.Connect('127.0.0.1', portOf(listener)), 'a non-blocking connect is pending');
  assert.is(CAsyncSocket.GetLastError(), W.WSAEWOULDBLOCK);
  pump();
  // One interleaved table across the three sockets (windows-facts A.10.2, A.10.5): the client's
  // connect completes with the handshake, before accept() posts the accepted socket's FD_WRITE.
  assertSequence(log, [
    ['listener', 'OnAccept', 0],
    ['listener', 'Accept', true],
    ['client', 'OnConnect', 0],
    ['client', 'OnSend', 0],
    ['server', 'OnSend', 0],
  ]);
  for (const s of [client, accepted, listener]) s.Close();
});

test('CAsyncSocket.OnConnect() carries WSAECONNREFUSED when nobody listens (§3.3 table)', (w) => {
  const log: Row[] = [];
  const client = new TestSocket('client', log);
  client.Create();
  client.Connect('127.0.0.1', w.unusedPort());
  // Windows sends the SYN twice more before it gives up (about 2 s, windows-facts A.2.7).
  pumpUntil(() => log.length > 0, 'OnConnect');
  pump();
  assertSequence(log, [['client', 'OnConnect', W.WSAECONNREFUSED]]);
  client.Close();
});

test('CAsyncSocket.OnClose() carries 0 after a graceful close and WSAECONNABORTED after a reset (§3.3 table; modern Windows, windows-facts A.6.8)', () => {
  const log: Row[] = [];
  const first = connectedPair(log);
  const second = connectedPair(log); // empties the log again
  first.server.ShutDown();
  pump();
  const linger = new W.LINGER(1, 0).toBytes();
  assert.ok(second.server.SetSockOpt(W.SO_LINGER, linger, 4));
  second.server.Close();
  pump();
  assertSequence(log, [
    ['client', 'OnClose', 0],
    ['client', 'OnClose', W.WSAECONNABORTED],
  ]);
  for (const s of [first.client, first.server, first.listener, second.client, second.listener]) s.Close();
});

test.todo('real', OOB_DEVIATION, 'CAsyncSocket.OnOutOfBandData() reports an urgent byte, read with MSG_OOB (§3.3 table)', () => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log, {
    OnOutOfBandData: (self) => log.push(['client', 'Receive(MSG_OOB)', ...receiveText(self, 16, W.MSG_OOB)]),
    OnReceive: (self) => log.push(['client', 'Receive', ...receiveText(self)]),
  });
  assert.is(sendText(server, 'ab!', W.MSG_OOB), 3, 'Send(MSG_OOB) of two bytes and an urgent one');
  pump();
  assertSequence(log, [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 2, 'ab'],
    ['client', 'OnOutOfBandData', 0],
    ['client', 'Receive(MSG_OOB)', 1, '!'],
  ], 'the in-line bytes arrive first, then the urgent one');
  for (const s of [client, server, listener]) s.Close();
}, /Send\(MSG_OOB\) of two bytes and an urgent one/);

test('CAsyncSocket\'s own callbacks do nothing: a plain CAsyncSocket lets notifications pass (§3.3 item 2)', () => {
  const listener = new CAsyncSocket();
  listener.Create(0, W.SOCK_STREAM, undefined, '127.0.0.1');
  listener.Listen();
  const client = new CAsyncSocket();
  client.Create();
  client.Connect('127.0.0.1', portOf(listener));
  assert.ok(pump() >= 3, 'FD_ACCEPT, FD_CONNECT and FD_WRITE were dispatched');
  const server = new CAsyncSocket();
  assert.ok(listener.Accept(server));
  sendText(client, 'ignored');
  pump();
  assert.equal(receiveText(server), [7, 'ignored'], 'the data is still there');
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket callbacks are overridden as in C++: a subclass of a subclass, calling the base version (§3.3 item 2)', () => {
  const log: Row[] = [];
  class CEcho extends TestSocket {
    protected override OnReceive(nErrorCode: number): void {
      super.OnReceive(nErrorCode);
      const [n, text] = receiveText(this);
      if (n > 0) sendText(this, text.toUpperCase());
    }
  }
  const { listener, client, server } = connectedPair(log, { OnReceive: (self) => log.push(['client', 'Receive', ...receiveText(self)]) });
  const handle = server.Detach();
  const echo = new CEcho('echo', log);
  echo.Attach(handle);
  pump();
  log.length = 0;
  sendText(client, 'shout');
  pump();
  assertSequence(log, [
    ['echo', 'OnReceive', 0],
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 5, 'SHOUT'],
  ]);
  assert.ok(echo.IsKindOf(RUNTIME_CLASS(CAsyncSocket)) && echo.IsKindOf(RUNTIME_CLASS(CObject)), 'a CObject with run-time class information');
  assert.is(echo.GetRuntimeClass().m_lpszClassName, 'CAsyncSocket', 'the nearest registered class');
  for (const s of [client, echo, listener]) s.Close();
});

test('CAsyncSocket FD_READ whose data was already read elsewhere is swallowed: no OnReceive (§3.4 item 5e [IL])', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log);
  sendText(server, 'early');
  w.settle(); // FD_READ is queued
  assert.equal(receiveText(client), [5, 'early'], 'read before the notification is dispatched');
  pump();
  assert.equal(log, [], 'the stale FD_READ called nothing');
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket FD_READ at end of stream is readable: the documentation\'s OnReceive reads 0 and closes, and the queued FD_CLOSE is dropped (§3.3 item 4, §3.4 item 5e [IL])', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log, { OnReceive: docOnReceive(log) });
  sendText(server, 'data');
  w.settle();
  assert.equal(receiveText(client), [4, 'data'], 'the data is read elsewhere; FD_READ stays queued');
  server.ShutDown();
  w.settle(); // FIN: FD_CLOSE queued after the FD_READ
  pump();
  assertSequence(log, [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', 0],
    ['client', 'Close'],
    ['server', 'OnClose', 0],
  ], 'the client\'s OnClose is not called: it closed first');
  assert.is(client.m_hSocket, W.INVALID_SOCKET);
  for (const s of [server, listener]) s.Close();
});

test('CAsyncSocket FD_READ after a reset is readable: the documentation\'s OnReceive gets WSAECONNRESET and closes (§3.3 item 4)', (w) => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log, { OnReceive: docOnReceive(log) });
  sendText(server, 'data');
  w.settle();
  receiveText(client);
  server.SetSockOpt(W.SO_LINGER, new W.LINGER(1, 0).toBytes(), 4);
  server.Close();
  w.settle();
  pump();
  assertSequence(log, [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', W.SOCKET_ERROR, W.WSAECONNRESET],
    ['client', 'Close'],
  ]);
  listener.Close();
});

test('CAsyncSocket.DoCallBack() calls OnReceive for an FD_READ that carries an error even when nothing is readable, and ignores (0, 0) (§3.4 item 5a, 5e)', () => {
  const log: Row[] = [];
  const { listener, client, server } = connectedPair(log);
  CAsyncSocket.DoCallBack(0, 0);
  CAsyncSocket.DoCallBack(client.m_hSocket, W.WSAMAKESELECTREPLY(W.FD_READ, 0));
  CAsyncSocket.DoCallBack(client.m_hSocket, W.WSAMAKESELECTREPLY(W.FD_READ, W.WSAENETDOWN));
  CAsyncSocket.DoCallBack(0x7ff0, W.WSAMAKESELECTREPLY(W.FD_READ, 0));
  assertSequence(log, [['client', 'OnReceive', W.WSAENETDOWN]], 'the kick, the empty FD_READ and the unknown handle called nothing');
  for (const s of [client, server, listener]) s.Close();
});

test('CAsyncSocket.Close() inside OnReceive of the thread\'s last socket destroys the window under the callback; nothing else is called (STYLE.md 8)', (w) => {
  const log: Row[] = [];
  // The peer is plain Winsock, outside MFC's socket map: the client is the thread's last CAsyncSocket.
  const { listener, addr } = listeningSocket();
  const client = new TestSocket('client', log, { OnReceive: (self) => (receiveText(self), self.Close()) });
  client.Create();
  client.Connect('127.0.0.1', W.ntohs(addr.sin_port));
  const child = W.accept(listener, null, null);
  W.closesocket(listener);
  assert.is(sendRaw(child, 'bye'), 3);
  assert.is(W.shutdown(child, W.SD_SEND), 0);
  w.settle(); // FD_CONNECT, FD_WRITE, FD_READ and FD_CLOSE are queued
  pump();
  assertSequence(log, [
    ['client', 'OnConnect', 0],
    ['client', 'OnSend', 0],
    ['client', 'OnReceive', 0],
  ], 'the client\'s queued FD_CLOSE went with its window');
  assert.is(client.m_hSocket, W.INVALID_SOCKET);
  assert.is(pump(), 0);
  assert.equal(recvText(child, 8), [0, ''], 'the peer sees the client\'s close');
  W.closesocket(child);
});

/** The documentation's OnReceive (§3.3 item 4): one Receive; 0 → Close; WSAEWOULDBLOCK ignored; other errors → Close. */
function docOnReceive(log: Row[]) {
  return (self: TestSocket): void => {
    const buf = new Uint8Array(4096);
    const n = self.Receive(buf, 4096);
    if (n === W.SOCKET_ERROR) {
      const error = CAsyncSocket.GetLastError();
      log.push([self.name, 'Receive', n, error]);
      if (error !== W.WSAEWOULDBLOCK) {
        self.Close();
        log.push([self.name, 'Close']);
      }
    } else if (n === 0) {
      log.push([self.name, 'Receive', 0]);
      self.Close();
      log.push([self.name, 'Close']);
    } else {
      log.push([self.name, 'Receive', n, new TextDecoder().decode(buf.subarray(0, n))]);
    }
  };
}

test.run();
