// CSocket's blocking members, synchronous as in MFC (Receive returns a number): Create, Connect,
// Accept, Receive, ReceiveFrom, Send (everything), SendTo; they never fail with WSAEWOULDBLOCK;
// Connect returns only once the connection is made or refused and OnConnect is never called;
// Receive returns 0 once the peer has closed. The client blocks on the main thread while a
// CAsyncSocket server (or client) runs on the peer's own thread (afxsock/testing startPeer).
// Source: mfc-semantics §4.1, §4.2 items 1-2, §4.3 items 1-4, §7.1 ("Sequence of Operations").
// Each test runs on the simulated network (the peer on a simulated thread, host "beta") and on
// real 127.0.0.1 loopback sockets (the peer on a real worker thread, ports chosen by the OS).
import * as assert from 'uvu/assert';
import { currentClock, startTrace, stopTrace } from 'afxsock/pump';
import { CAsyncSocket, CSocket, WM_SOCKET_NOTIFY } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { eventually } from './peerConnection.ts';
import { peerExtension as slowReader } from './fixtures/slowReaderPeer.ts';
import { bytes, portOf, pump, TestCSocket } from './socketWorld.ts';
import { startPeer } from 'afxsock/testing';

const test = dualSuite('CSocket blocking calls');

function text(buf: Uint8Array, n: number): string {
  return new TextDecoder().decode(buf.subarray(0, n));
}

test('CSocket() starts unblocked with m_nTimeOut 2000 ms; Create() always selects all six events (§4.1)', () => {
  const s = new CSocket();
  assert.is(s.m_nTimeOut, 2000);
  assert.not.ok(s.IsBlocking());
  assert.is(s.m_hSocket, W.INVALID_SOCKET);
  assert.ok(s.Create(0, W.SOCK_DGRAM, '127.0.0.1'));
  assert.equal(nameOf(s), '127.0.0.1', 'the third argument is the address');
  assert.match(W.describeSockets().join('\n'), /msg 0x373, events 0x3f/);
  const t = new CSocket();
  assert.ok(t.Create(0, W.SOCK_DGRAM, W.FD_READ, '127.0.0.1'), 'CAsyncSocket::Create\'s lEvent form, called explicitly');
  assert.match(W.describeSockets().join('\n'), /msg 0x373, events 0x1,/);
  for (const x of [s, t]) x.Close();
  pump();
});

function nameOf(s: CAsyncSocket): string {
  const address = { value: '' };
  s.GetSockName(address, { value: 0 });
  return address.value;
}

test('CSocket client of the "Sequence of Operations": Create, Connect by name, Send, Receive returning the reply, Close — against a CAsyncSocket server on another thread (§7.1, DESIGN.md "Simulated peers")', (w) => {
  const peer = startPeer(w, 'echo server');
  const port = peer.listen(7007, { reply: { prefix: 'echo: ' } });
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  const t0 = currentClock().nowMs();
  // By name: the peer's host "beta" simulated, "localhost" real.
  assert.ok(sockClient.Connect(w.kind === 'real' ? 'localhost' : peer.host, port), 'returns once connected');
  const request = bytes('hello');
  assert.is(sockClient.Send(request, request.length), 5);
  const reply = new Uint8Array(64);
  const n = sockClient.Receive(reply, 64);
  assert.is(n, 11, 'a number, returned synchronously');
  assert.is(text(reply, n), 'echo: hello');
  // Only virtual time is sure to move during a round trip: real loopback can take under a clock tick.
  if (w.kind === 'sim') assert.ok(currentClock().nowMs() > t0, 'virtual time passed while the client waited');
  sockClient.Close();
  pump();
  peer.end();
});

test('CSocket.Connect() returns TRUE only once connected; OnConnect is never called and the FD_WRITE that follows reaches OnSend afterwards (§4.2 item 2, §4.3 item 9d)', (w) => {
  const peer = startPeer(w, 'echo server');
  const port = peer.listen(7008, { reply: 'same' });
  const log: Row[] = [];
  const s = new TestCSocket('client', log);
  s.Create();
  assert.ok(s.Connect(peer.dotted, port));
  assert.equal(log, [], 'nothing called during the call');
  pump();
  assertSequence(log, [['client', 'OnSend', 0]], 'FD_CONNECT was consumed by the pump');
  s.Close();
  pump();
  peer.end();
});

test('CSocket.Connect() to a port nobody listens on returns FALSE with WSAECONNREFUSED, without OnConnect (§4.2 item 2, §4.3 item 4)', (w) => {
  const log: Row[] = [];
  const s = new TestCSocket('client', log);
  s.Create();
  assert.not.ok(s.Connect('127.0.0.1', w.unusedPort()));
  assert.is(CAsyncSocket.GetLastError(), W.WSAECONNREFUSED);
  pump();
  assert.equal(log, []);
  s.Close();
});

test('CSocket.Receive() waits for data and returns 0 once the peer has closed gracefully; the FD_CLOSE that ended the wait never reaches OnClose (§4.3 item 9c, §9 item 4)', (w) => {
  const log: Row[] = [];
  const peer = startPeer(w, 'closing server');
  const port = peer.listen(7009, { oneConnection: true, afterReceive: 'shutDown' });
  const s = new TestCSocket('client', log);
  s.Create();
  assert.ok(s.Connect(peer.host, port));
  s.Send(bytes('bye'), 3);
  const buf = new Uint8Array(8);
  assert.is(s.Receive(buf, 8), 0, 'the peer sent FIN and nothing else');
  pump();
  assertSequence(log, [['client', 'OnSend', 0]], 'no OnClose');
  s.Close();
  pump();
  peer.end();
});

test('CSocket.Receive() after the peer reset the connection fails with WSAECONNRESET (§4.3 item 9c)', (w) => {
  const peer = startPeer(w, 'resetting server');
  const port = peer.listen(7010, { oneConnection: true, onAccept: 'abort' }); // SO_LINGER {1,0}, then Close
  const s = new CSocket();
  s.Create();
  assert.ok(s.Connect(peer.host, port));
  assert.is(s.Receive(new Uint8Array(8), 8), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAECONNRESET);
  s.Close();
  peer.end();
});

test('CSocket.Send() sends every byte even when the send buffer fills, and returns nBufLen (§4.3 item 3, §4.2 item 1)', (w) => {
  const peer = startPeer(w, 'slow reader', { url: new URL('./fixtures/slowReaderPeer.ts', import.meta.url), peerExtension: slowReader });
  const port = peer.call<number>('listen', w.kind === 'real' ? 0 : 7011, 1000); // a slow consumer: 1000 bytes per notification
  const s = new CSocket();
  s.Create();
  s.Connect(peer.host, port);
  // Real loopback: Linux's own buffers (the send buffer grows up to tcp_wmem's maximum, 4 MiB by
  // default) hold 300 KB at once, so each Send is made larger than all of them together.
  const size = w.kind === 'sim' ? 300_000 : 8 << 20;
  const big = new Uint8Array(size).fill(0x5a);
  assert.is(s.Send(big, big.length), size, 'Winsock takes a whole buffer while the send buffer is not full');
  const trace = startTrace();
  assert.is(s.Send(big, big.length), size, 'now it is full: Send waits until it is taken');
  stopTrace();
  const waits = trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY && e.wParam === s.m_hSocket && e.lParam === W.FD_WRITE);
  assert.ok(waits.length >= 1, 'the second Send waited for FD_WRITE');
  s.ShutDown();
  // Simulated: 5 s of virtual time; real: until the network is quiet, then until every byte is read.
  pump(w.kind === 'sim' ? 5000 : undefined);
  assert.is(eventually(() => peer.call<number>('received'), (n) => n >= 2 * size, 'the peer to read every byte'), 2 * size);
  s.Close();
  pump();
  peer.end();
});

test('CSocket.Accept() waits for a connection; the accepted CSocket is blocking too (§4.1, §4.3 item 2)', (w) => {
  const listener = new CSocket();
  listener.Create();
  listener.Listen();
  const peer = startPeer(w, 'late client');
  // The spec's own host as the peer sees it: "alpha" simulated, loopback real.
  peer.connect(w.kind === 'sim' ? 'alpha' : '127.0.0.1', portOf(listener), { greet: [...bytes('ping')] });
  const accepted = new CSocket();
  assert.ok(listener.Accept(accepted));
  const buf = new Uint8Array(8);
  assert.is(accepted.Receive(buf, 8), 4);
  assert.is(text(buf, 4), 'ping');
  for (const s of [accepted, listener]) s.Close();
  pump();
  peer.end();
});

test('CSocket.SendTo() and ReceiveFrom() on datagram sockets: ReceiveFrom waits and reports the sender (§4.1, §4.3 item 2)', (w) => {
  const peer = startPeer(w, 'udp echo');
  const port = peer.udpBind(27, { reply: 'same' }); // port 27 simulated, an ephemeral one real
  const s = new CSocket();
  assert.ok(s.Create(0, W.SOCK_DGRAM));
  assert.is(s.SendTo(bytes('dgram'), 5, port, peer.host), 5);
  const buf = new Uint8Array(64);
  const from = { value: '' };
  const fromPort = { value: 0 };
  assert.is(s.ReceiveFrom(buf, 64, from, fromPort), 5);
  assert.equal([text(buf, 5), from.value, fromPort.value], ['dgram', peer.dotted, port]);
  s.Close();
  peer.end();
});

test('CSocket.FromHandle() finds only CSocket objects; Attach() selects all six events (§4.1)', () => {
  const plain = new CAsyncSocket();
  plain.Create();
  assert.is(CSocket.FromHandle(plain.m_hSocket), null, 'a CAsyncSocket is no CSocket');
  const handle = plain.Detach();
  pump();
  const s = new CSocket();
  assert.ok(s.Attach(handle));
  assert.is(CSocket.FromHandle(handle), s);
  assert.is(CAsyncSocket.FromHandle(handle), s);
  s.Close();
});

test.run();
