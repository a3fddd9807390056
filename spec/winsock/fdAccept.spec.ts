// WSAAsyncSelect() FD_ACCEPT: level-triggered on a non-empty backlog, posted once, re-enabled by
// accept() (and re-posted if connections remain), re-posted by re-selecting; an accepted socket
// inherits the listener's selection and posts FD_WRITE with its own handle.
// Source: windows-facts A.1 (Wine sock.c test_accept_events, message mode), C.5.
// Every test runs on the simulated network and on real loopback sockets (dualSuite).
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, loopback } from '../support/simWorld.ts';

const test = dualSuite('WSAAsyncSelect FD_ACCEPT');
const MASK = W.FD_CONNECT | W.FD_READ | W.FD_OOB | W.FD_ACCEPT;

/** A listener on 127.0.0.1 selected with `mask` (before bind and listen); returns it and its address. */
function selectedListener(hwnd: number, mask: number, selectFirst = true) {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  if (selectFirst) check(W.WSAAsyncSelect(listener, hwnd, WM_USER, mask), 'WSAAsyncSelect');
  const addr = loopback(0);
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, 2), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  return { listener, addr };
}

/** A non-blocking client connecting to `addr`. */
function connectClient(addr: W.SOCKADDR_IN): number {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.ioctlsocket(client, W.FIONBIO, { value: 1 }), 'ioctlsocket(FIONBIO)');
  const r = W.connect(client, addr, 16);
  if (r !== W.SOCKET_ERROR || W.WSAGetLastError() !== W.WSAEWOULDBLOCK) throw new Error(`connect: expected WSAEWOULDBLOCK, got ${r}/${W.WSAGetLastError()}`);
  return client;
}

test('WSAAsyncSelect() posts nothing when a selected socket is bound and starts listening (A.1.1)', (w) => {
  const { listener } = selectedListener(w.hwnd, MASK);
  w.expect(listener, []);
  W.closesocket(listener);
});

test('WSAAsyncSelect() posts FD_ACCEPT once per backlog, re-posts it on reselect, and accept() re-arms it while connections remain (A.1.2-A.1.5)', (w) => {
  const { listener, addr } = selectedListener(w.hwnd, MASK);
  const c1 = connectClient(addr);
  w.expect(listener, [['FD_ACCEPT', 0]], 'first connection');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, MASK), 'reselect');
  w.expect(listener, [['FD_ACCEPT', 0]], 'reselect with a pending connection');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, 0), 'select 0');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, MASK), 'reselect');
  w.expect(listener, [['FD_ACCEPT', 0]], 'select 0 + reselect');
  const c2 = connectClient(addr);
  w.expect(listener, [], 'a second connection while FD_ACCEPT is outstanding');
  const a1 = W.accept(listener, null, null);
  w.expect(listener, [['FD_ACCEPT', 0]], 'accept with one more pending');
  const a2 = W.accept(listener, null, null);
  w.expect(listener, [], 'accept of the last one');
  for (const s of [a1, a2, c1, c2, listener]) check(W.closesocket(s), 'closesocket');
});

test('WSAAsyncSelect() posts nothing to the listener when an accepted connection is closed at both ends (A.1.6)', (w) => {
  const { listener, addr } = selectedListener(w.hwnd, MASK);
  const client = connectClient(addr);
  w.expect(listener, [['FD_ACCEPT', 0]]);
  const server = W.accept(listener, null, null);
  W.closesocket(server);
  W.closesocket(client);
  w.expect(listener, [], 'after closing both ends');
  W.closesocket(listener);
});

test('WSAAsyncSelect() posts FD_ACCEPT at once for a connection queued before it was called (A.1.7)', (w) => {
  const { listener, addr } = selectedListener(w.hwnd, MASK, false);
  const client = connectClient(addr);
  w.settle();
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, MASK), 'WSAAsyncSelect');
  w.expect(listener, [['FD_ACCEPT', 0]]);
  W.closesocket(client);
  W.closesocket(listener);
});

test('WSAAsyncSelect() adding FD_ACCEPT posts it if a connection is pending, and nothing once it was accepted (A.1.8, A.1.9)', (w) => {
  const without = W.FD_CONNECT | W.FD_READ | W.FD_OOB;
  const { listener, addr } = selectedListener(w.hwnd, without);
  const c1 = connectClient(addr);
  w.expect(listener, [], 'selected without FD_ACCEPT');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, MASK), 'reselect with FD_ACCEPT');
  w.expect(listener, [['FD_ACCEPT', 0]], 'reselect with a pending connection');
  const a1 = W.accept(listener, null, null);
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, without), 'select without FD_ACCEPT');
  const c2 = connectClient(addr);
  w.settle();
  const a2 = W.accept(listener, null, null);
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, MASK), 'reselect with FD_ACCEPT');
  w.expect(listener, [], 'reselect after the connection was accepted');
  for (const s of [a1, a2, c1, c2, listener]) check(W.closesocket(s), 'closesocket');
});

test('accept() gives the new socket the listener\'s selection, which posts FD_WRITE with the new handle (A.1.10)', (w) => {
  const { listener, addr } = selectedListener(w.hwnd, MASK | W.FD_WRITE);
  const client = connectClient(addr);
  w.expect(listener, [['FD_ACCEPT', 0]], 'a listening socket never gets FD_WRITE');
  const server = W.accept(listener, null, null);
  w.expect(server, [['FD_WRITE', 0]], 'the accepted socket');
  for (const s of [server, client, listener]) check(W.closesocket(s), 'closesocket');
});

test.run();
