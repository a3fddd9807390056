// recv(), ioctlsocket(FIONREAD) and WSAAsyncSelect() after a reset that follows unread data.
// Rule (windows-facts A.12, A.6.8): once the peer's RST has arrived, the bytes it left unread are
// gone: recv fails with WSAECONNRESET, FIONREAD reads 0, FD_CLOSE carries WSAECONNABORTED, and
// nothing else is posted — no FD_READ, however many bytes were buffered before the reset, and a
// failed recv re-arms FD_READ without posting it (the condition no longer holds).
// The bytes are made to arrive (FD_READ) before the peer resets, so that the reset is not the
// real network's documented race (a reset right behind bytes the network thread has not read yet
// can read as the end of the stream, lib/net/os/index.ts). Both networks, one body.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, closeWithReset, recvText, sendText, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('recv() after a reset behind unread data');
const MASK = W.FD_CLOSE | W.FD_READ | W.FD_WRITE;

function fionread(s: number): number {
  const argp = { value: -1 };
  check(W.ioctlsocket(s, W.FIONREAD, argp), 'ioctlsocket(FIONREAD)');
  return argp.value;
}

test('recv() after a reset fails with WSAECONNRESET, FIONREAD reads 0, and FD_CLOSE (WSAECONNABORTED) is the last notification (A.12, A.6.8)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, MASK), 'select');
  w.expect(server, [['FD_WRITE', 0]], 'the select');
  assert.is(sendText(client, 'HELLO!'), 6);
  w.expect(server, [['FD_READ', 0]], 'six bytes arrive');
  assert.is(fionread(server), 6, 'FIONREAD before the reset');
  closeWithReset(client);
  w.expect(server, [['FD_CLOSE', W.WSAECONNABORTED]], 'the peer resets with six bytes unread');
  assert.is(fionread(server), 0, 'FIONREAD after the reset: the unread bytes are gone');
  for (let i = 0; i < 3; i++) {
    assert.equal(recvText(server, 4), [W.SOCKET_ERROR, '', W.WSAECONNRESET], `recv ${i + 1} after the reset`);
    w.expect(server, [], `recv ${i + 1} re-arms FD_READ, which does not hold: nothing is posted`);
  }
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, MASK), 'reselect');
  w.expect(server, [['FD_CLOSE', W.WSAECONNABORTED]], 'a reselect posts FD_CLOSE again, and no FD_READ or FD_WRITE');
  W.closesocket(server);
});

test('recv() on a blocking socket after a reset does not wait and fails with WSAECONNRESET, not with the bytes that were unread; FIONREAD reads 0 (A.12, A.6.8)', (w) => {
  const { client, server } = tcpSocketPair(w);
  assert.is(sendText(client, 'HELLO!'), 6);
  w.settle();
  assert.is(fionread(server), 6, 'FIONREAD before the reset');
  closeWithReset(client);
  w.settle();
  assert.is(fionread(server), 0, 'FIONREAD after the reset');
  // A blocking recv does not wait: the reset is what it reports.
  assert.equal(recvText(server, 64), [W.SOCKET_ERROR, '', W.WSAECONNRESET]);
  assert.equal(recvText(server, 64), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'and again');
  W.closesocket(server);
});

test.run();
