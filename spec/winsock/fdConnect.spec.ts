// WSAAsyncSelect() FD_CONNECT: an edge posted once when a non-blocking connect completes —
// FD_CONNECT before FD_WRITE — never re-posted by re-selecting; a refused connect posts FD_CONNECT
// with WSAECONNREFUSED; a second connect meanwhile fails with WSAEALREADY; UDP connect posts
// another FD_WRITE. Source: windows-facts A.2 (Wine sock.c test_connect_events), C.4, A.8.3.
// Each test runs on the simulated network and on real loopback sockets (a refused connect: a
// loopback port nobody listens on), except the timing of a refused connect's SYNs, which needs
// virtual time. Windows sends the SYN twice more before it reports the refusal (about 2 s, A.2.7);
// Linux, under the real network, reports it at once.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { assertSequence } from 'afxsock/testing';
import { dualSuite } from '../support/dualSuite.ts';
import { check, getIntOption, listeningSocket, loopback, tcpSocketPair } from '../support/simWorld.ts';
import { settleUntil, unusedLoopbackPort } from 'afxsock/testing';

const test = dualSuite('WSAAsyncSelect FD_CONNECT');
const ALL = W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE | W.FD_CLOSE;

test('WSAAsyncSelect() posts FD_CONNECT then FD_WRITE when a selected socket connects, and only FD_WRITE on reselect (A.2.1, A.2.2)', (w) => {
  const { listener, addr } = listeningSocket();
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  w.expect(client, [], 'selected before connect');
  const r = W.connect(client, addr, 16);
  if (r !== W.SOCKET_ERROR || W.WSAGetLastError() !== W.WSAEWOULDBLOCK) throw new Error(`connect returned ${r}/${W.WSAGetLastError()}`);
  w.expect(client, [['FD_CONNECT', 0], ['FD_WRITE', 0]], 'connect completes (before the server accepts)');
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, 0), 'select 0');
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'reselect');
  w.expect(client, [['FD_WRITE', 0]], 'select 0 + reselect');
  const server = W.accept(listener, null, null);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE), 'select server');
  w.expect(server, [['FD_WRITE', 0]], 'the accepted peer (A.2.3)');
  for (const s of [client, server, listener]) W.closesocket(s);
});

test('WSAAsyncSelect() after a blocking connect posts FD_WRITE only, never FD_CONNECT (A.2.4)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.send(client, new Uint8Array(5), 5, 0), 'send');
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  w.expect(client, [['FD_WRITE', 0]]);
  for (const s of [client, server]) W.closesocket(s);
});

test('WSAAsyncSelect() without FD_CONNECT posts FD_WRITE on connect, and adding FD_CONNECT later posts FD_WRITE only (A.2.5)', (w) => {
  const { listener, addr } = listeningSocket();
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const without = W.FD_ACCEPT | W.FD_CLOSE | W.FD_OOB | W.FD_READ | W.FD_WRITE;
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, without), 'WSAAsyncSelect');
  W.connect(client, addr, 16);
  const server = W.accept(listener, null, null);
  w.expect(client, [['FD_WRITE', 0]], 'connect without FD_CONNECT selected');
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, without | W.FD_CONNECT), 'reselect with FD_CONNECT');
  w.expect(client, [['FD_WRITE', 0]], 'reselect with FD_CONNECT');
  for (const s of [client, server, listener]) W.closesocket(s);
});

test('WSAAsyncSelect() on an unbound UDP socket posts FD_WRITE, and connect() posts another FD_WRITE (A.2.6)', (w) => {
  const udp = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  check(W.WSAAsyncSelect(udp, w.hwnd, WM_USER, W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE), 'WSAAsyncSelect');
  w.expect(udp, [['FD_WRITE', 0]], 'selected');
  check(W.connect(udp, loopback(9), 16), 'connect');
  w.expect(udp, [['FD_WRITE', 0]], 'connected');
  W.closesocket(udp);
});

test('WSAAsyncSelect() posts FD_CONNECT with WSAECONNREFUSED when nobody listens; SO_ERROR keeps the error (A.2.7)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  W.connect(client, loopback(w.unusedPort()), 16);
  // Windows sends the SYN twice more before it gives up (about 2 s); Linux refuses at once.
  settleUntil(w, () => getIntOption(client, W.SOL_SOCKET, W.SO_ERROR) !== 0, () => 'the connect was never refused', 50);
  w.expect(client, [['FD_CONNECT', W.WSAECONNREFUSED]]);
  if (getIntOption(client, W.SOL_SOCKET, W.SO_ERROR) !== W.WSAECONNREFUSED) throw new Error('SO_ERROR is not WSAECONNREFUSED');
  if (getIntOption(client, W.SOL_SOCKET, W.SO_ERROR) !== W.WSAECONNREFUSED) throw new Error('reading SO_ERROR cleared it');
  W.closesocket(client);
});

test('connect() to a port nobody listens on posts no FD_CONNECT a while after the first reset, as Windows sends the SYN again (A.2.7)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  W.connect(client, loopback(w.unusedPort()), 16);
  w.settle(50);
  const early = w.take(client);
  W.closesocket(client);
  w.differs('real', 'Linux reports the refusal at once, where Windows sends the SYN twice more and takes about 2 s (README, real network)', () => {
    assert.equal(early, [], 'no FD_CONNECT yet: the connect is still in progress');
  }, /still in progress/);
});

test('connect() again on a socket whose connect was refused refuses again, and closesocket() then leaves nothing behind (A.2.7)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  const port = w.unusedPort();
  const rows: unknown[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    rows.push([W.connect(client, loopback(port), 16), W.WSAGetLastError()]);
    const got: unknown[] = [];
    settleUntil(w, () => (got.push(...w.take(client)), got.length > 0), () => `no FD_CONNECT after connect ${attempt + 1}`, 50);
    rows.push(got);
  }
  W.closesocket(client);
  assert.equal(rows, [
    [W.SOCKET_ERROR, W.WSAEWOULDBLOCK], [['FD_CONNECT', W.WSAECONNREFUSED]],
    [W.SOCKET_ERROR, W.WSAEWOULDBLOCK], [['FD_CONNECT', W.WSAECONNREFUSED]],
  ]);
  // The world's end check fails if the second connect left a kernel object or a count behind.
});

test.simOnly('connect() refused by a reset sends its SYN twice more, a second apart, and posts FD_CONNECT with WSAECONNREFUSED after the third reset (A.2.7; virtual time)', (w) => {
  const { latencyMs, refusedConnectRetries, refusedConnectRetryMs } = w.net.options;
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  const start = w.sim.clock.nowMs();
  W.connect(client, loopback(unusedLoopbackPort()), 16);
  const roundTrip = 2 * latencyMs;
  const refusedAt = (refusedConnectRetries + 1) * roundTrip + refusedConnectRetries * refusedConnectRetryMs;
  w.settle(refusedAt - 1);
  const before = [w.take(client), W.connect(client, loopback(9), 16), W.WSAGetLastError()];
  w.settle(1);
  const rows = [[refusedConnectRetries, refusedConnectRetryMs], before, w.take(client), w.sim.clock.nowMs() - start];
  W.closesocket(client);
  assert.equal(rows, [[2, 1000], [[], W.SOCKET_ERROR, W.WSAEALREADY], [['FD_CONNECT', W.WSAECONNREFUSED]], refusedAt],
    'still connecting (WSAEALREADY) until the third reset arrives, over 2 s after connect()');
});

test.simOnly('connect() refused at first gets the connection when a listener appears before its SYN is sent again (A.2.7; virtual time)', (w) => {
  const port = unusedLoopbackPort();
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  W.connect(client, loopback(port), 16);
  w.settle(500);
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.bind(listener, loopback(port), 16), 'bind');
  check(W.listen(listener, 1), 'listen');
  w.expect(client, [], 'the first SYN was refused, the next one is not sent yet');
  w.settle(w.net.options.refusedConnectRetryMs);
  w.expect(client, [['FD_CONNECT', 0], ['FD_WRITE', 0]], 'the SYN sent again reaches the listener');
  const server = W.accept(listener, null, null);
  for (const s of [client, server, listener]) W.closesocket(s);
});

test('connect() on a blocking socket fails with WSAECONNREFUSED when nobody listens (A.2.7)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const r = W.connect(client, loopback(w.unusedPort()), 16);
  const rows = [[r, W.WSAGetLastError()]];
  W.closesocket(client);
  assertSequence(rows, [[W.SOCKET_ERROR, W.WSAECONNREFUSED]], 'connect() result and WSAGetLastError()');
});

test('connect() while a non-blocking connect is in progress fails with WSAEALREADY, and recv()/send() with WSAENOTCONN (A.2.8)', (w) => {
  const { listener, addr } = listeningSocket();
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.ioctlsocket(client, W.FIONBIO, { value: 1 }), 'FIONBIO');
  W.connect(client, addr, 16);
  const errors = [
    ['connect', W.connect(client, addr, 16), W.WSAGetLastError()],
    ['recv', W.recv(client, new Uint8Array(1), 1, 0), W.WSAGetLastError()],
    ['send', W.send(client, new Uint8Array(1), 1, 0), W.WSAGetLastError()],
  ];
  const expected = [
    ['connect', W.SOCKET_ERROR, W.WSAEALREADY],
    ['recv', W.SOCKET_ERROR, W.WSAENOTCONN],
    ['send', W.SOCKET_ERROR, W.WSAENOTCONN],
  ];
  assertSequence(errors, expected, 'each call and its last error');
  w.settle();
  const server = W.accept(listener, null, null);
  for (const s of [client, server, listener]) W.closesocket(s);
});

test('connect() with no address on a selected socket fails with WSAEFAULT (A.8.3)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect');
  const r = W.connect(client, null, 0);
  const err = W.WSAGetLastError();
  W.closesocket(client);
  if (r !== W.SOCKET_ERROR || err !== W.WSAEFAULT) throw new Error(`got ${r}/${err}`);
});

test.run();
