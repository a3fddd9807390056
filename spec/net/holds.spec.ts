// SimNetwork.hold() / release(): holding a link as turmoil's hold does. What is sent on a held
// link is kept, not lost — no retransmission timeout, no reset, however long the hold — and
// arrives when the link is released, in the order it was sent (TCP's stream never changes; held
// datagrams keep their order). hold(a, b) holds only the link between two hosts; hold() holds
// every link, loopback included. A held link is part of the world: the empty-world check fails on
// it and the world dump lists it. On the real network NetWorld.hold() (no hosts) holds every
// receive of the network thread (osNetwork.holdReceives); a link between hosts cannot be held there.
// Source: DESIGN.md "The simulated network"; issue 17.1.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, crossHostPair, loopback, recvText, sendText, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('SimNetwork link holds');

test.simOnly('SimNetwork.hold() keeps TCP segments past every retransmission timeout; release() delivers them in order', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.ioctlsocket(server, W.FIONBIO, { value: 1 }), 'FIONBIO');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, W.FD_READ | W.FD_CLOSE), 'select');
  w.net.hold();
  for (const piece of ['one ', 'two ', 'three']) sendText(client, piece);
  const { retransmitTimeoutMs, maxRetransmits } = w.net.options;
  w.settle((maxRetransmits + 2) * retransmitTimeoutMs);
  assert.equal([w.take(server), recvText(server, 64)], [[], [W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK]], 'nothing arrives while held, and nothing is given up');
  assert.ok(w.net.describe().includes('  held link (every link)'), 'the world dump lists the hold');
  w.net.release();
  w.settle();
  assert.equal([w.take(server), recvText(server, 64)], [[['FD_READ', 0]], [13, 'one two three']], 'released: every byte, in order');
  W.closesocket(client);
  W.closesocket(server);
});

test.simOnly('SimNetwork.hold(a, b) holds only the link between hosts a and b, in both directions', (w) => {
  const across = crossHostPair(w.beta);
  const local = tcpSocketPair(w);
  for (const s of [across.client, across.server, local.server]) check(W.ioctlsocket(s, W.FIONBIO, { value: 1 }), 'FIONBIO');
  w.net.hold('alpha', 'beta');
  sendText(across.client, 'to alpha');
  sendText(across.server, 'to beta');
  sendText(local.client, 'local');
  w.settle(1000);
  const held = [recvText(across.server, 64), recvText(across.client, 64), recvText(local.server, 64)];
  w.net.release('beta', 'alpha');
  w.settle();
  const released = [recvText(across.server, 64), recvText(across.client, 64)];
  assert.equal([held, released], [
    [[W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK], [W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK], [5, 'local']],
    [[8, 'to alpha'], [7, 'to beta']],
  ], 'alpha <-> beta held both ways, loopback on alpha not; release() names the link either way round');
  for (const s of [across.client, across.server, local.client, local.server]) W.closesocket(s);
});

test.simOnly('SimNetwork.hold() keeps UDP datagrams and release() delivers them in the order they were sent', (w) => {
  const a = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const b = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const addr = loopback(0);
  check(W.bind(b, addr, 16), 'bind');
  check(W.getsockname(b, addr, { value: 16 }), 'getsockname');
  check(W.ioctlsocket(b, W.FIONBIO, { value: 1 }), 'FIONBIO');
  w.net.hold();
  for (let i = 0; i < 5; i++) W.sendto(a, new Uint8Array([i]), 1, 0, addr, 16);
  w.settle();
  const whileHeld = recvText(b, 1);
  w.net.release();
  w.settle();
  const got: number[] = [];
  const buf = new Uint8Array(1);
  while (W.recv(b, buf, 1, 0) === 1) got.push(buf[0]!);
  assert.equal([whileHeld, got], [[W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK], [0, 1, 2, 3, 4]]);
  W.closesocket(a);
  W.closesocket(b);
});

test.simOnly('SimNetwork.isEmpty() is false while a link is held, so a spec that forgets release() fails its empty-world check', (w) => {
  w.net.hold('alpha', 'beta');
  const whileHeld = w.net.isEmpty();
  w.net.release('alpha', 'beta');
  assert.equal([whileHeld, w.net.isEmpty()], [false, true]);
});

test.simOnly('SimNetwork.release() of a link that is not held throws a RangeError naming what is held', (w) => {
  w.net.hold('alpha', 'beta');
  assert.throws(() => w.net.release(), (e: Error) => e instanceof RangeError && e.message === 'Cannot release the link (every link): it is not held (held: 10.0.0.1 <-> 10.0.0.2)');
  w.net.release('alpha', 'beta');
});

test('NetWorld.hold() holds what is sent until release(), then it all arrives at once, in order', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.ioctlsocket(server, W.FIONBIO, { value: 1 }), 'FIONBIO');
  w.hold();
  sendText(client, 'held ');
  sendText(client, 'bytes');
  w.settle(50);
  const whileHeld = recvText(server, 64);
  w.release();
  w.settle();
  assert.equal([whileHeld, recvText(server, 64)], [[W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK], [10, 'held bytes']]);
  W.closesocket(client);
  W.closesocket(server);
});

test('NetWorld.hold(a, b) holds a link between simulated hosts; the real network, one host, throws a TypeError', (w) => {
  if (w.kind === 'sim') {
    w.hold('alpha', 'beta');
    w.release('alpha', 'beta');
  } else {
    assert.throws(() => w.hold('alpha', 'beta'), /Cannot hold the link alpha <-> beta on the real network/);
  }
});

test('NetWorld.addFault() adds to the simulated fault chain; the real network has none and throws a TypeError', (w) => {
  const rule = { name: 'drop one', action: 'drop' as const, times: 1 };
  if (w.kind === 'sim') {
    const remove = w.addFault(rule);
    assert.equal(w.simWorld!.net.faults.describe(), ['fault rule drop one: drop (1 left)']);
    remove();
  } else {
    assert.throws(() => w.addFault(rule), /Cannot add the fault rule drop one on the real network/);
  }
});

test.run();
