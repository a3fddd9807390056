// CAsyncSocket.Receive() and CSocket.Receive() after a reset that follows unread data.
// Rule (windows-facts A.12, A.6.8; mfc-semantics §3.3): once the peer's RST has arrived, the
// bytes it left unread are gone. Receive fails with WSAECONNRESET, IOCtl(FIONREAD) reads 0,
// OnClose gets WSAECONNABORTED, and nothing else is called: a failed Receive re-arms FD_READ
// without posting it. A blocking CSocket.Receive does not wait: it returns SOCKET_ERROR with
// WSAECONNRESET at once, every time it is called.
// The bytes are made to arrive before the peer resets, so that the reset is not the real
// network's documented race (lib/net/os/index.ts). Both networks, one body.
import * as assert from 'uvu/assert';
import { CAsyncSocket, CSocket } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connect, inSocket, settleUntilInSocket } from './peerConnection.ts';
import { bytes, connectedPair, pump, receiveText, sendText, TestCSocket } from './socketWorld.ts';

const test = dualSuite('Receive() after a reset behind unread data');

test('CAsyncSocket.Receive() in OnReceive after a reset fails with WSAECONNRESET; OnClose(WSAECONNABORTED) follows and nothing more (A.12, A.6.8)', (w) => {
  const log: Row[] = [];
  // The documentation's OnReceive without its Close: a handler that keeps the socket open shows
  // whether FD_READ comes back after a failed Receive.
  const onReceive = (self: CAsyncSocket) => log.push(['client', 'Receive', ...receiveText(self, 4)]);
  const { listener, client, server } = connectedPair(log, { OnReceive: onReceive });
  assert.is(sendText(server, 'HELLO!'), 6);
  settleUntilInSocket(w, client, 6, 0);
  assert.ok(server.SetSockOpt(W.SO_LINGER, new W.LINGER(1, 0).toBytes(), 4), 'SO_LINGER {1, 0}');
  server.Close();
  w.settle();
  assert.is(inSocket(client), 0, 'IOCtl(FIONREAD) after the reset: the six unread bytes are gone');
  pump();
  assertSequence(log, [
    ['client', 'OnReceive', 0],
    ['client', 'Receive', W.SOCKET_ERROR, '', W.WSAECONNRESET],
    ['client', 'OnClose', W.WSAECONNABORTED],
  ], 'the FD_READ of the six bytes, then FD_CLOSE');
  log.length = 0;
  assert.equal(receiveText(client, 4), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'Receive outside a callback');
  pump();
  assertSequence(log, [], 'the failed Receive posted nothing');
  client.Close();
  listener.Close();
});

test('CSocket.Receive() after a reset returns SOCKET_ERROR with WSAECONNRESET at once, each time, and posts nothing (A.12, A.6.8)', (w) => {
  const log: Row[] = [];
  const c = connect(w, 7620, new TestCSocket('client', log));
  assert.is(c.peer.sends(bytes('HELLO!')), 6);
  settleUntilInSocket(w, c.client, 6, 0);
  c.peer.aborts(); // SO_LINGER {1, 0}, then Close
  w.settle();
  assert.is(inSocket(c.client), 0, 'IOCtl(FIONREAD) after the reset');
  const buf = new Uint8Array(4);
  for (let i = 1; i <= 3; i++) {
    assert.is(c.client.Receive(buf, 4), W.SOCKET_ERROR, `Receive ${i}`);
    assert.is(CAsyncSocket.GetLastError(), W.WSAECONNRESET, `Receive ${i}: the last error`);
  }
  log.length = 0;
  pump();
  assertSequence(log, [['client', 'OnReceive', 0], ['client', 'OnClose', W.WSAECONNABORTED]], 'what was queued before the Receive calls: the FD_READ of the bytes, then FD_CLOSE');
  log.length = 0;
  assert.is(c.client.Receive(buf, 4), W.SOCKET_ERROR, 'Receive after the notifications');
  pump();
  assertSequence(log, [], 'nothing more');
  c.end();
});

test.run();
