// WSAAsyncSelect() on one window with two sockets, recorded as one interleaved table
// (windows-facts A.10.5): graceful close, close with data pending, shutdown(SD_SEND) and the
// abortive close (SO_LINGER {1, 0}).
// Rules: the peer's FIN posts FD_CLOSE with error 0 at once, unread data or not (A.6.1, A.6.2,
// A.6.4); a recv that leaves bytes posts FD_READ, none after the last byte (A.4.4, A.4.6); the
// local closesocket posts nothing (A.6.9); after SD_SEND the peer can still send (A.9.2, A.9.3);
// a reset posts FD_CLOSE with WSAECONNABORTED — not WSAECONNRESET — and nothing else, and the
// unread bytes are gone (A.6.8, A.12). Both networks, one body (spec/support/dualSuite.ts).
import * as assert from 'uvu/assert';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { expectRows, startConversation } from '../../support/conversation.ts';
import { check, closeWithReset, recvText, sendText } from '../../support/simWorld.ts';

const test = dualSuite('WSAAsyncSelect sequences: close');

test('WSAAsyncSelect() posts FD_CLOSE with error 0 to the peer of a graceful closesocket, and nothing to either when the peer then closes (A.6.1, A.6.9)', (w) => {
  const c = startConversation(w);
  check(W.closesocket(c.client), 'closesocket(client)');
  expectRows(w, c.rec, [['accepted', 'FD_CLOSE', 0]], 'the client closes (A.6.1; A.6.9: nothing for the closed socket)');
  assert.equal(recvText(c.accepted, 16), [0, '']);
  check(W.closesocket(c.accepted), 'closesocket(accepted)');
  expectRows(w, c.rec, [], 'recv returns 0, then the accepted socket closes (A.6.1, A.6.9)');
  c.close(c.client, c.accepted);
});

test('WSAAsyncSelect() posts FD_READ then FD_CLOSE at once when the peer sends and closes, then FD_READ after a partial recv and nothing after the last byte (A.6.4, A.4.4)', (w) => {
  const c = startConversation(w);
  assert.is(sendText(c.client, 'HELLO'), 5);
  check(W.closesocket(c.client), 'closesocket(client)');
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0], ['accepted', 'FD_CLOSE', 0]], 'data and FIN, nothing read (A.6.4: FD_CLOSE at once)');
  assert.equal(recvText(c.accepted, 3), [3, 'HEL']);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'recv(3) leaves 2 (A.4.4)');
  assert.equal(recvText(c.accepted, 5), [2, 'LO']);
  expectRows(w, c.rec, [], 'the last bytes read: no second FD_CLOSE (A.6.4)');
  assert.equal(recvText(c.accepted, 5), [0, '']);
  c.close(c.client);
});

test('WSAAsyncSelect() posts FD_CLOSE to the peer of shutdown(SD_SEND), which can still send to it, and nothing when it closes afterwards (A.6.2, A.9.2, A.9.3)', (w) => {
  const c = startConversation(w);
  check(W.shutdown(c.client, W.SD_SEND), 'shutdown(client, SD_SEND)');
  expectRows(w, c.rec, [['accepted', 'FD_CLOSE', 0]], 'the client shuts down sending (A.6.2)');
  assert.equal(recvText(c.accepted, 16), [0, '']);
  assert.is(sendText(c.client, 'X'), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAESHUTDOWN, 'send after SD_SEND (A.9.2)');
  assert.is(sendText(c.accepted, 'BACK'), 4);
  expectRows(w, c.rec, [['client', 'FD_READ', 0]], 'the accepted socket still sends to the half-closed client (A.9.3)');
  assert.equal(recvText(c.client, 16), [4, 'BACK']);
  check(W.closesocket(c.client), 'closesocket(client)');
  expectRows(w, c.rec, [], 'the client closes after its shutdown: nothing more (A.6.2)');
  c.close(c.client);
});

test('WSAAsyncSelect() posts FD_CLOSE with WSAECONNABORTED and nothing else to the peer of an abortive close, and recv then fails with WSAECONNRESET (A.6.8)', (w) => {
  const c = startConversation(w);
  closeWithReset(c.client);
  expectRows(w, c.rec, [['accepted', 'FD_CLOSE', W.WSAECONNABORTED]], 'the client closes with SO_LINGER {1, 0} (A.6.8)');
  assert.equal(recvText(c.accepted, 16), [W.SOCKET_ERROR, '', W.WSAECONNRESET]);
  expectRows(w, c.rec, [], 'nothing after the failed recv (A.12.1)');
  c.close(c.client);
});

test('WSAAsyncSelect() posts FD_READ, then on a reset only FD_CLOSE with WSAECONNABORTED, and the unread bytes are gone (A.12.1, A.12.2, A.6.8)', (w) => {
  const c = startConversation(w);
  assert.is(sendText(c.client, 'HELLO'), 5);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'five bytes arrive, unread (A.4.1)');
  closeWithReset(c.client);
  expectRows(w, c.rec, [['accepted', 'FD_CLOSE', W.WSAECONNABORTED]], 'the client resets (A.6.8, A.12.1: nothing else)');
  assert.equal(recvText(c.accepted, 16), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'recv after the reset (A.12.1)');
  expectRows(w, c.rec, [], 'no FD_READ for the discarded bytes (A.12.1)');
  c.close(c.client);
});

test.run();
