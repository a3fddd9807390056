// getsockopt()/setsockopt() round trips for every option of mfc-semantics §3.2: defaults read
// back when never set (SO_DONTLINGER TRUE, SO_LINGER {0,0}, buffers 64 KiB, SO_TYPE), set values
// read back, SO_ACCEPTCONN follows listen(). SO_RCVBUF is honoured: a receiver with a small
// buffer holds back the sender (flow control), and the stream arrives intact.
// Each test runs on the simulated network and on real loopback sockets unless it says otherwise.
import * as assert from 'uvu/assert';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, getIntOption, intOption, loopback, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('Winsock socket options');
const BOOLS = [W.SO_BROADCAST, W.SO_DEBUG, W.SO_DONTROUTE, W.SO_KEEPALIVE, W.SO_OOBINLINE, W.SO_REUSEADDR];

test('getsockopt() reads defaults for never-set options and back what setsockopt() set', () => {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const defaults = [...BOOLS, W.SO_DONTLINGER, W.SO_RCVBUF, W.SO_SNDBUF, W.SO_TYPE, W.SO_ACCEPTCONN, W.SO_ERROR].map((o) => getIntOption(s, W.SOL_SOCKET, o));
  assert.equal(defaults, [0, 0, 0, 0, 0, 0, 1, 65536, 65536, W.SOCK_STREAM, 0, 0]);
  for (const o of BOOLS) check(W.setsockopt(s, W.SOL_SOCKET, o, intOption(1), 4), 'setsockopt');
  check(W.setsockopt(s, W.SOL_SOCKET, W.SO_RCVBUF, intOption(1000), 4), 'SO_RCVBUF');
  check(W.setsockopt(s, W.IPPROTO_TCP, W.TCP_NODELAY, intOption(1), 4), 'TCP_NODELAY');
  check(W.setsockopt(s, W.SOL_SOCKET, W.SO_LINGER, new W.LINGER(1, 7).toBytes(), 4), 'SO_LINGER');
  const after = [...BOOLS.map((o) => getIntOption(s, W.SOL_SOCKET, o)), getIntOption(s, W.SOL_SOCKET, W.SO_RCVBUF), getIntOption(s, W.IPPROTO_TCP, W.TCP_NODELAY), getIntOption(s, W.SOL_SOCKET, W.SO_DONTLINGER)];
  assert.equal(after, [1, 1, 1, 1, 1, 1, 1000, 1, 0]);
  const linger = new Uint8Array(4);
  check(W.getsockopt(s, W.SOL_SOCKET, W.SO_LINGER, linger, { value: 4 }), 'SO_LINGER');
  assert.equal(W.LINGER.fromBytes(linger), new W.LINGER(1, 7));
  check(W.bind(s, loopback(0), 16), 'bind');
  check(W.listen(s, 1), 'listen');
  assert.is(getIntOption(s, W.SOL_SOCKET, W.SO_ACCEPTCONN), 1);
  W.closesocket(s);
});

test('SO_RCVBUF holds the sender back until the receiver reads, and every byte arrives in order', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.setsockopt(server, W.SOL_SOCKET, W.SO_RCVBUF, intOption(1000), 4), 'SO_RCVBUF');
  check(W.ioctlsocket(client, W.FIONBIO, { value: 1 }), 'FIONBIO');
  const data = new Uint8Array(5000).map((_, i) => i % 251);
  assert.is(W.send(client, data, data.length, 0), 5000);
  w.settle();
  const n = { value: 0 };
  check(W.ioctlsocket(server, W.FIONREAD, n), 'FIONREAD');
  assert.is(n.value, 1000, 'the receive buffer is full and no more arrives');
  const got = new Uint8Array(5000);
  let at = 0;
  while (at < 5000) {
    const r = W.recv(server, got.subarray(at), 5000 - at, 0);
    assert.ok(r > 0);
    at += r;
  }
  assert.equal(got, data);
  W.closesocket(client);
  W.closesocket(server);
});

test.run();
