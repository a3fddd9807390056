// The fault chain: an ordered list of rules (pass, delay, drop, reset) that a spec installs and
// removes; the first matching rule decides each packet. TCP retransmits dropped segments (the
// stream stays intact), gives up after maxRetransmits (ETIMEDOUT); 'reset' resets both ends.
// Also: a full listen backlog refuses, and an address nobody owns times out.
// Source: DESIGN.md "The simulated network"; issue 3.
// Fault rules, virtual time and unowned addresses exist only in the simulation (simOnly); the
// backlog test also runs on real loopback sockets, where it is a known deviation. The real
// network's own faults are in spec/net/os/faults.spec.ts.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { assertSequence } from 'afxsock/testing';
import { dualSuite } from '../support/dualSuite.ts';
import { check, listeningSocket, loopback, recvText, sendText, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('SimNetwork fault rules');
// Tests whose counts and instants depend on the seed (segmentation, UDP faults) assert exactly
// what DEFAULT_SEED gives, so they run at that seed whatever SEED says; a change of the Prng or of
// the order in which the network draws from it changes those numbers.
const seeded = dualSuite('SimNetwork fault rules at DEFAULT_SEED', { seed: W.DEFAULT_SEED });

seeded.simOnly('a drop rule loses TCP segments that are then retransmitted, so recv() still gets the bytes, later', (w) => {
  const { client, server } = tcpSocketPair(w);
  const remove = w.net.faults.add({ name: 'drop each segment twice', match: (p) => p.kind === 'data' && p.attempt < 2, action: 'drop' });
  const start = w.sim.clock.nowMs();
  sendText(client, 'hello');
  let text = '';
  while (text.length < 5) text += recvText(server, 5 - text.length)[1];
  assert.is(text, 'hello');
  // 803 ms at DEFAULT_SEED: at least two retransmission timeouts (2 × 200 ms) for each segment the
  // seeded segmentation cut 'hello' into, plus latency.
  assert.is(w.sim.clock.nowMs() - start, 803, 'the retransmissions took 803 ms of virtual time');
  remove();
  W.closesocket(client);
  W.closesocket(server);
});

test.simOnly('a delay rule holds a segment back and everything behind it waits (TCP order is kept)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.ioctlsocket(server, W.FIONBIO, { value: 1 }), 'FIONBIO');
  const remove = w.net.faults.add({ name: 'delay first', match: (p) => p.kind === 'data', action: { delayMs: 50 }, times: 1 });
  sendText(client, 'a');
  sendText(client, 'b');
  w.settle(20);
  assert.equal(recvText(server, 2), [W.SOCKET_ERROR, '', W.WSAEWOULDBLOCK]);
  w.settle(50);
  assert.equal(recvText(server, 2), [2, 'ab']);
  remove();
  W.closesocket(client);
  W.closesocket(server);
});

test.simOnly('a reset rule resets both ends: FD_CLOSE with WSAECONNABORTED on each', (w) => {
  const { client, server } = tcpSocketPair(w);
  for (const s of [client, server]) check(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_CLOSE), 'select');
  const remove = w.net.faults.add({ name: 'reset', match: (p) => p.kind === 'data', action: 'reset' });
  sendText(client, 'x');
  w.settle();
  const rows = w.take(client);
  assertSequence(rows, [['FD_CLOSE', W.WSAECONNABORTED], ['FD_CLOSE', W.WSAECONNABORTED, `wParam 0x${server.toString(16)}`]], 'both ends reset');
  remove();
  W.closesocket(client);
  W.closesocket(server);
});

test.simOnly('a rule that drops every segment makes the sender give up with a reset after maxRetransmits', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, W.FD_CLOSE), 'select');
  const remove = w.net.faults.add({ name: 'outage', action: 'drop' });
  sendText(client, 'x');
  w.settle((w.net.options.maxRetransmits + 2) * w.net.options.retransmitTimeoutMs);
  w.expect(client, [['FD_CLOSE', W.WSAECONNABORTED]]);
  assert.equal(recvText(client, 1), [W.SOCKET_ERROR, '', W.WSAETIMEDOUT]);
  remove();
  W.closesocket(client);
  W.closesocket(server);
});

test.todo(
  'real',
  'the OS completes the handshake before Node sees a connection, so one beyond the backlog is reset — after or just before its connect completes (WSAECONNRESET) — instead of refused (lib/net/os/kernelListener.ts)',
  'connect() is refused when the listen backlog is full',
  () => {
    const { listener, addr } = listeningSocket(1);
    const first = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
    check(W.connect(first, addr, 16), 'first connect');
    const second = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
    const r = W.connect(second, addr, 16);
    assert.equal([r, r === W.SOCKET_ERROR ? W.WSAGetLastError() : 0], [W.SOCKET_ERROR, W.WSAECONNREFUSED], 'the connect beyond the backlog is refused');
    for (const s of [first, second, listener]) W.closesocket(s);
  },
  /connect beyond the backlog is refused/,
);

test.simOnly('connect() to an address no host owns times out with WSAETIMEDOUT', (w) => {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const nowhere = new W.SOCKADDR_IN(W.AF_INET, W.htons(80), new W.in_addr(W.inet_addr('10.0.0.99')));
  const start = w.sim.clock.nowMs();
  assert.is(W.connect(s, nowhere, 16), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAETIMEDOUT);
  const { retransmitTimeoutMs, maxRetransmits } = w.net.options;
  // The SYN and its retransmissions go unanswered: 200 ms × (5 + 1) = 1200 ms with the defaults.
  assert.is(w.sim.clock.nowMs() - start, retransmitTimeoutMs * (maxRetransmits + 1), 'it gave up after the last SYN retransmission timed out');
  W.closesocket(s);
});

seeded.simOnly('UDP loss, duplication and reordering follow the seeded ratios', (w) => {
  Object.assign(w.net.options, { lossRatio: 0.2, duplicateRatio: 0.2, reorderRatio: 0.3 });
  const a = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const b = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const addr = loopback(0);
  check(W.bind(b, addr, 16), 'bind');
  check(W.getsockname(b, addr, { value: 16 }), 'getsockname');
  for (let i = 0; i < 200; i++) W.sendto(a, new Uint8Array([i]), 1, 0, addr, 16);
  w.settle();
  check(W.ioctlsocket(b, W.FIONBIO, { value: 1 }), 'FIONBIO');
  const got: number[] = [];
  const buf = new Uint8Array(1);
  while (W.recv(b, buf, 1, 0) === 1) got.push(buf[0]!);
  const distinct = new Set(got).size;
  const outOfOrder = got.filter((v, i) => i > 0 && v < got[i - 1]!).length;
  // What DEFAULT_SEED gives for 200 datagrams at 0.2 loss, 0.2 duplication, 0.3 reordering.
  assert.is(distinct, 138, 'datagrams that arrived at least once (62 lost)');
  assert.is(got.length, 170, 'datagrams received, duplicates included (32 duplicates)');
  assert.is(outOfOrder, 7, 'datagrams received after a later one');
  W.closesocket(a);
  W.closesocket(b);
});

test.run();
seeded.run();
