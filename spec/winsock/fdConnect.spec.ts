// WSAAsyncSelect() FD_CONNECT: an edge posted once when a non-blocking connect completes —
// FD_CONNECT before FD_WRITE — never re-posted by re-selecting; a refused connect posts FD_CONNECT
// with WSAECONNREFUSED; a second connect meanwhile fails with WSAEALREADY; UDP connect posts
// another FD_WRITE. Source: windows-facts A.2 (Wine sock.c test_connect_events), C.4, A.8.3.
// Each test runs on the simulated network and on real loopback sockets (a refused connect: a
// loopback port nobody listens on).
import { WM_USER } from '../../pump/index.ts';
import * as W from '../../lib/winsock/index.ts';
import { dualSuite } from '../support/dualSuite.ts';
import { check, getIntOption, listeningSocket, loopback, tcpSocketPair } from '../support/simWorld.ts';

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
  w.expect(client, [['FD_CONNECT', W.WSAECONNREFUSED]]);
  if (getIntOption(client, W.SOL_SOCKET, W.SO_ERROR) !== W.WSAECONNREFUSED) throw new Error('SO_ERROR is not WSAECONNREFUSED');
  if (getIntOption(client, W.SOL_SOCKET, W.SO_ERROR) !== W.WSAECONNREFUSED) throw new Error('reading SO_ERROR cleared it');
  W.closesocket(client);
});

test('connect() on a blocking socket fails with WSAECONNREFUSED when nobody listens (A.2.7)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const r = W.connect(client, loopback(w.unusedPort()), 16);
  const rows = [[r, W.WSAGetLastError()]];
  W.closesocket(client);
  if (rows[0]![0] !== W.SOCKET_ERROR || rows[0]![1] !== W.WSAECONNREFUSED) throw new Error(`got ${JSON.stringify(rows)}`);
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
  if (JSON.stringify(errors) !== JSON.stringify(expected)) throw new Error(`got ${JSON.stringify(errors)}`);
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
