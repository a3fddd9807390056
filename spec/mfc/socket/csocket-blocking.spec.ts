// CSocket's blocking members, synchronous as in MFC (Receive returns a number): Create, Connect,
// Accept, Receive, ReceiveFrom, Send (everything), SendTo; they never fail with WSAEWOULDBLOCK;
// Connect returns only once the connection is made or refused and OnConnect is never called;
// Receive returns 0 once the peer has closed. The client blocks on the main thread while a
// CAsyncSocket server runs on a second simulated thread with its own host.
// Source: mfc-semantics §4.1, §4.2 items 1-2, §4.3 items 1-4, §7.1 ("Sequence of Operations").
import * as assert from 'uvu/assert';
import { currentClock, startTrace, stopTrace } from '../../../pump/index.ts';
import { CAsyncSocket, CSocket, WM_SOCKET_NOTIFY } from '../../../lib/mfc/socket/index.ts';
import * as W from '../../../lib/winsock/index.ts';
import { simSuite } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { bytes, echoServer, oneConnectionServer, pump, serverThread, TestSocket } from './socketWorld.ts';

const test = simSuite('CSocket blocking calls');

/** A CSocket that records its callbacks, as TestSocket does for CAsyncSocket. */
class RecordingSocket extends CSocket {
  constructor(readonly name: string, readonly log: Row[]) {
    super();
  }
  protected override OnReceive(nErrorCode: number): void {
    this.log.push([this.name, 'OnReceive', nErrorCode]);
  }
  protected override OnSend(nErrorCode: number): void {
    this.log.push([this.name, 'OnSend', nErrorCode]);
  }
  protected override OnConnect(nErrorCode: number): void {
    this.log.push([this.name, 'OnConnect', nErrorCode]);
  }
  protected override OnClose(nErrorCode: number): void {
    this.log.push([this.name, 'OnClose', nErrorCode]);
  }
}

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
  const server = echoServer(w.sim, w.beta, 7007, [], (t) => `echo: ${t}`);
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  assert.ok(sockClient.Connect('beta', 7007), 'returns once connected');
  const request = bytes('hello');
  assert.is(sockClient.Send(request, request.length), 5);
  const reply = new Uint8Array(64);
  const n = sockClient.Receive(reply, 64);
  assert.is(n, 11, 'a number, returned synchronously');
  assert.is(text(reply, n), 'echo: hello');
  assert.ok(currentClock().nowMs() > 0, 'virtual time passed while the client waited');
  sockClient.Close();
  pump();
  server.end();
});

test('CSocket.Connect() returns TRUE only once connected; OnConnect is never called and the FD_WRITE that follows reaches OnSend afterwards (§4.2 item 2, §4.3 item 9d)', (w) => {
  const server = echoServer(w.sim, w.beta, 7008);
  const log: Row[] = [];
  const s = new RecordingSocket('client', log);
  s.Create();
  assert.ok(s.Connect('10.0.0.2', 7008));
  assert.equal(log, [], 'nothing called during the call');
  pump();
  assertSequence(log, [['client', 'OnSend', 0]], 'FD_CONNECT was consumed by the pump');
  s.Close();
  pump();
  server.end();
});

test('CSocket.Connect() to a port nobody listens on returns FALSE with WSAECONNREFUSED, without OnConnect (§4.2 item 2, §4.3 item 4)', () => {
  const log: Row[] = [];
  const s = new RecordingSocket('client', log);
  s.Create();
  assert.not.ok(s.Connect('beta', 9));
  assert.is(CAsyncSocket.GetLastError(), W.WSAECONNREFUSED);
  pump();
  assert.equal(log, []);
  s.Close();
});

test('CSocket.Receive() waits for data and returns 0 once the peer has closed gracefully; the FD_CLOSE that ended the wait never reaches OnClose (§4.3 item 9c, §9 item 4)', (w) => {
  const log: Row[] = [];
  const peer = oneConnectionServer(w.sim, 'closing server', w.beta, 7009, { OnReceive: (me) => (me.Receive(new Uint8Array(8), 8), me.ShutDown()) });
  const s = new RecordingSocket('client', log);
  s.Create();
  assert.ok(s.Connect('beta', 7009));
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
  const peer = oneConnectionServer(w.sim, 'resetting server', w.beta, 7010, {}, (child) => {
    child.SetSockOpt(W.SO_LINGER, new W.LINGER(1, 0).toBytes(), 4);
    child.Close();
  });
  const s = new CSocket();
  s.Create();
  assert.ok(s.Connect('beta', 7010));
  assert.is(s.Receive(new Uint8Array(8), 8), W.SOCKET_ERROR);
  assert.is(CAsyncSocket.GetLastError(), W.WSAECONNRESET);
  s.Close();
  peer.end();
});

test('CSocket.Send() sends every byte even when the send buffer fills, and returns nBufLen (§4.3 item 3, §4.2 item 1)', (w) => {
  let received = 0;
  const peer = oneConnectionServer(w.sim, 'slow reader', w.beta, 7011, {
    OnReceive: (me) => {
      const n = me.Receive(new Uint8Array(1000), 1000); // a slow consumer: 1000 bytes per notification
      if (n > 0) received += n;
    },
    OnClose: (me) => {
      // FD_CLOSE comes as soon as FIN arrives: read what is left first (peers.md §2.1).
      for (let n = 1; n > 0; received += Math.max(n, 0)) n = me.Receive(new Uint8Array(1000), 1000);
      me.Close();
    },
  });
  const s = new CSocket();
  s.Create();
  s.Connect('beta', 7011);
  const big = new Uint8Array(300_000).fill(0x5a);
  assert.is(s.Send(big, big.length), 300_000, 'Winsock takes a whole buffer while the send buffer is not full');
  const trace = startTrace();
  assert.is(s.Send(big, big.length), 300_000, 'now it is full: Send waits until it is taken');
  stopTrace();
  const waits = trace.events.filter((e) => e.kind === 'posted' && e.message === WM_SOCKET_NOTIFY && e.wParam === s.m_hSocket && e.lParam === W.FD_WRITE);
  assert.ok(waits.length >= 1, 'the second Send waited for FD_WRITE');
  s.ShutDown();
  pump(5000);
  assert.is(received, 600_000);
  s.Close();
  pump();
  peer.end();
});

test('CSocket.Accept() waits for a connection; the accepted CSocket is blocking too (§4.1, §4.3 item 2)', (w) => {
  const client = serverThread(w.sim, 'late client', w.beta, () => {});
  const listener = new CSocket();
  listener.Create(7012);
  listener.Listen();
  const remote: { s?: CAsyncSocket } = {};
  client.run(() => {
    const c = new TestSocket('client', [], { OnConnect: (me) => me.Send(bytes('ping'), 4) });
    c.Create();
    c.Connect('alpha', 7012);
    remote.s = c;
  });
  const accepted = new CSocket();
  assert.ok(listener.Accept(accepted));
  const buf = new Uint8Array(8);
  assert.is(accepted.Receive(buf, 8), 4);
  assert.is(text(buf, 4), 'ping');
  for (const s of [accepted, listener]) s.Close();
  client.end(() => remote.s!.Close());
});

test('CSocket.SendTo() and ReceiveFrom() on datagram sockets: ReceiveFrom waits and reports the sender (§4.1, §4.3 item 2)', (w) => {
  let udp: TestSocket | undefined;
  const peer = serverThread(w.sim, 'udp echo', w.beta, () => {
    const s = new TestSocket('udp', [], {
      OnReceive: (me) => {
        const buf = new Uint8Array(64);
        const from = { value: '' };
        const port = { value: 0 };
        const n = me.ReceiveFrom(buf, 64, from, port);
        me.SendTo(buf, n, port.value, from.value);
      },
    });
    s.Create(27, W.SOCK_DGRAM);
    udp = s;
  });
  const s = new CSocket();
  assert.ok(s.Create(0, W.SOCK_DGRAM));
  assert.is(s.SendTo(bytes('dgram'), 5, 27, 'beta'), 5);
  const buf = new Uint8Array(64);
  const from = { value: '' };
  const port = { value: 0 };
  assert.is(s.ReceiveFrom(buf, 64, from, port), 5);
  assert.equal([text(buf, 5), from.value, port.value], ['dgram', '10.0.0.2', 27]);
  s.Close();
  peer.end(() => udp!.Close());
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
