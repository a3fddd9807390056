// WSAAsyncSelect() FD_WRITE and FD_READ.
// FD_WRITE: posted when the socket becomes writable or is selected while writable; a successful
// send neither consumes nor re-arms it; a send that would block re-arms it, and it is posted once
// the buffer drains (windows-facts A.3, C.3).
// FD_READ: level-triggered, posted once until any recv (partial, peeking or failed) re-arms it;
// posted again at once while data remains; FD_READ before FD_WRITE in one change
// (windows-facts A.4, C.3, C.4).
// Each test runs on the simulated network and on real loopback sockets.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, recvText, sendText, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('WSAAsyncSelect FD_WRITE and FD_READ');
const ALL = W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE | W.FD_CLOSE;
const NO_WRITE = W.FD_ACCEPT | W.FD_CLOSE | W.FD_CONNECT | W.FD_OOB | W.FD_READ;

test('WSAAsyncSelect() posts FD_WRITE for a connected socket, again on every reselect (A.3.1)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'select');
  w.expect(server, [['FD_WRITE', 0]], 'select');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'reselect');
  w.expect(server, [['FD_WRITE', 0]], 'reselect');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, 0), 'select 0');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'reselect');
  w.expect(server, [['FD_WRITE', 0]], 'select 0 + reselect');
  W.closesocket(client);
  W.closesocket(server);
});

test('send() that succeeds neither consumes nor re-arms FD_WRITE (A.3.2, A.3.5)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'select');
  assert.is(sendText(server, 'hello'), 5);
  w.expect(server, [['FD_WRITE', 0]], 'the FD_WRITE posted by the select is still delivered after a send');
  assert.equal(recvText(client, 5), [5, 'hello']);
  w.expect(server, [], 'the peer reads the data');
  W.closesocket(client);
  W.closesocket(server);
});

test('send() that fails with WSAEWOULDBLOCK re-arms FD_WRITE, posted once the peer drains the data (A.3.3, A.3.6)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'select');
  w.expect(server, [['FD_WRITE', 0]], 'select');
  const chunk = new Uint8Array(1 << 20);
  let whole = true;
  /** Sends 1 MiB chunks until one fails; returns the bytes taken. */
  const fill = (): number => {
    let n = 0;
    for (;;) {
      const r = W.send(server, chunk, chunk.length, 0);
      if (r === W.SOCKET_ERROR) return n;
      whole &&= r === chunk.length;
      n += r;
    }
  };
  let sent = fill();
  assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK);
  assert.ok(sent > 0);
  // Real sockets: the OS goes on taking bytes from the send buffer into its own until those are
  // full too, and each time that frees space after a WSAEWOULDBLOCK it rightly posts FD_WRITE.
  // Fill again until a send still fails once the network settled; those FD_WRITEs are not this
  // test's subject. (On the simulated network the first fill already fills everything.)
  for (let round = 0; round < 200; round++) {
    w.settle();
    const more = fill();
    if (more === 0) break;
    sent += more;
  }
  if (w.kind === 'real') w.take(server);
  assert.ok(whole, 'every successful send took the whole 1 MiB chunk');
  w.expect(server, [], 'nothing while the buffer is full');
  const buf = new Uint8Array(1 << 16);
  let got = 0;
  while (got < sent) {
    const r = W.recv(client, buf, buf.length, 0);
    assert.ok(r > 0, `recv returned ${r}`);
    got += r;
  }
  w.expect(server, [['FD_WRITE', 0]], 'the peer drained everything');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, ALL), 'reselect');
  w.expect(server, [['FD_WRITE', 0]], 'reselect');
  W.closesocket(client);
  W.closesocket(server);
});

test('WSAAsyncSelect() without FD_WRITE posts nothing for a writable socket; adding FD_WRITE posts it (A.3.4)', (w) => {
  const { client, server } = tcpSocketPair(w);
  sendText(client, 'x');
  assert.equal(recvText(server, 1), [1, 'x']);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, NO_WRITE), 'select without FD_WRITE');
  w.expect(client, []);
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL), 'reselect with FD_WRITE');
  w.expect(client, [['FD_WRITE', 0]]);
  W.closesocket(client);
  W.closesocket(server);
});

test('WSAAsyncSelect() posts FD_READ once for arriving data, again on reselect, not for more data, and after each partial recv() (A.4.1-A.4.4)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'select');
  sendText(client, 'abcde');
  w.expect(server, [['FD_READ', 0]], 'data arrives');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'reselect');
  w.expect(server, [['FD_READ', 0]], 'reselect');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, 0), 'select 0');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'reselect');
  w.expect(server, [['FD_READ', 0]], 'select 0 + reselect');
  sendText(client, 'fghij');
  w.expect(server, [], 'more data while FD_READ is outstanding');
  assert.equal(recvText(server, 2), [2, 'ab']);
  w.expect(server, [['FD_READ', 0]], 'a partial recv');
  W.closesocket(client);
  W.closesocket(server);
});

test('recv() that fails (WSAEFAULT) still re-arms FD_READ (A.4.5)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'select');
  sendText(client, 'abcde');
  w.expect(server, [['FD_READ', 0]], 'data arrives');
  assert.is(W.recv(server, new Uint8Array(5), -1, 0), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAEFAULT);
  w.expect(server, [['FD_READ', 0]], 'the failed recv');
  W.closesocket(client);
  W.closesocket(server);
});

test('recv() of one byte at a time posts FD_READ while data remains and nothing after the last byte (A.4.6)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'select');
  sendText(client, '12345678');
  w.expect(server, [['FD_READ', 0]], 'data arrives');
  const rows: unknown[][] = [];
  for (let i = 0; i < 8; i++) {
    recvText(server, 1);
    w.settle();
    rows.push([i, ...w.take(server).map((r) => r[0])]);
  }
  assert.equal(rows, [[0, 'FD_READ'], [1, 'FD_READ'], [2, 'FD_READ'], [3, 'FD_READ'], [4, 'FD_READ'], [5, 'FD_READ'], [6, 'FD_READ'], [7]]);
  W.closesocket(client);
  W.closesocket(server);
});

test('WSAAsyncSelect() posts FD_READ for data that arrived while not selected, unless it was read meanwhile (A.4.7)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, 0), 'select 0');
  sendText(client, 'abcde');
  w.settle();
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'reselect');
  w.expect(server, [['FD_READ', 0]], 'data waiting');
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, 0), 'select 0');
  assert.equal(recvText(server, 5), [5, 'abcde']);
  sendText(client, 'fghij');
  w.settle();
  assert.equal(recvText(server, 5), [5, 'fghij']);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'reselect');
  w.expect(server, [], 'data already read');
  W.closesocket(client);
  W.closesocket(server);
});

test('WSAAsyncSelect() with data waiting posts FD_READ before FD_WRITE (A.4.8)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, 0), 'select 0');
  sendText(client, 'a');
  w.settle();
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE | W.FD_WRITE), 'reselect');
  w.expect(server, [['FD_READ', 0], ['FD_WRITE', 0]]);
  W.closesocket(client);
  W.closesocket(server);
});

test('recv() with MSG_PEEK re-arms FD_READ like any recv (A.4.10)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, NO_WRITE), 'select');
  sendText(client, new Uint8Array(100));
  w.expect(server, [['FD_READ', 0]], '100 bytes arrive');
  assert.is(recvText(server, 1, W.MSG_PEEK)[0], 1);
  w.expect(server, [['FD_READ', 0]], 'recv(1, MSG_PEEK)');
  assert.is(recvText(server, 50)[0], 50);
  w.expect(server, [['FD_READ', 0]], 'recv(50)');
  assert.is(recvText(server, 50)[0], 50);
  w.expect(server, [], 'recv(50) empties the buffer');
  W.closesocket(client);
  W.closesocket(server);
});

test('accept() of a connection whose data already arrived posts FD_READ then FD_WRITE for the new socket (C.5)', (w) => {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('127.0.0.1')));
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, 1), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, ALL), 'select');
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.connect(client, addr, 16), 'connect');
  sendText(client, 'early');
  w.expect(listener, [['FD_ACCEPT', 0]]);
  const server = W.accept(listener, null, null);
  w.expect(server, [['FD_READ', 0], ['FD_WRITE', 0]]);
  for (const s of [client, server, listener]) W.closesocket(s);
});

test.run();
