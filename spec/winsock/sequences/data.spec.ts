// WSAAsyncSelect() on one window with two sockets, recorded as one interleaved table
// (windows-facts A.10.5): data both ways, a partial read, WSAAsyncSelect() after the data
// arrived, and sends until WSAEWOULDBLOCK.
// Rules: arriving bytes post one FD_READ until a recv re-arms it (A.4.1, A.4.3); a recv that
// leaves bytes behind posts FD_READ again, the one that empties the buffer posts nothing (A.4.4,
// A.4.6); a successful send posts nothing (A.3.2); selecting after the data arrived posts FD_READ
// then FD_WRITE (A.4.7, A.4.8, C.4's bit order); after WSAEWOULDBLOCK, one FD_WRITE comes once there
// is room again (A.3.3, A.3.6). Both networks, one body (spec/support/dualSuite.ts).
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { ALL_EVENTS, expectRows, startConversation } from '../../support/conversation.ts';
import { check, recvText, sendText } from '../../support/simWorld.ts';
import { settleUntil } from 'afxsock/testing';

const test = dualSuite('WSAAsyncSelect sequences: data');
/** One send of the send-until-WSAEWOULDBLOCK loop. */
const CHUNK = 64 * 1024;
/** Most chunks sent before the loop gives up (256 × 64 KiB = 16 MiB, beyond any loopback buffer). */
const MAX_CHUNKS = 256;

test('WSAAsyncSelect() posts FD_READ to the receiver only, and a successful send posts nothing to the sender (A.4.1, A.3.2)', (w) => {
  const c = startConversation(w);
  assert.is(sendText(c.client, 'HELLO'), 5);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'the client sends 5 bytes (A.4.1; A.3.2: nothing for the sender)');
  assert.equal(recvText(c.accepted, 16), [5, 'HELLO']);
  assert.is(sendText(c.accepted, 'BYE'), 3);
  expectRows(w, c.rec, [['client', 'FD_READ', 0]], 'the accepted socket read all and answers (A.4.6: nothing for the read that empties)');
  assert.equal(recvText(c.client, 16), [3, 'BYE']);
  expectRows(w, c.rec, [], 'all read');
  c.close();
});

test('WSAAsyncSelect() posts one FD_READ for data sent twice before a recv, then FD_READ after each recv that leaves bytes, none after the one that empties the buffer (A.4.3, A.4.4, A.4.6)', (w) => {
  const c = startConversation(w);
  assert.is(sendText(c.client, 'HELLO'), 5);
  w.settle();
  assert.is(sendText(c.client, 'WORLD'), 5);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'ten bytes, no recv yet (A.4.3)');
  assert.equal(recvText(c.accepted, 4), [4, 'HELL']);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'recv(4) leaves 6 (A.4.4)');
  assert.equal(recvText(c.accepted, 4), [4, 'OWOR']);
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0]], 'recv(4) leaves 2 (A.4.4)');
  assert.equal(recvText(c.accepted, 4), [2, 'LD']);
  expectRows(w, c.rec, [], 'the recv that empties the buffer (A.4.6)');
  c.close();
});

test('WSAAsyncSelect() called after data arrived posts FD_READ then FD_WRITE for that socket and nothing for the other (A.4.7, A.4.8, C.4)', (w) => {
  const c = startConversation(w);
  check(W.WSAAsyncSelect(c.accepted, w.hwnd, WM_USER, 0), 'WSAAsyncSelect(accepted, 0)');
  assert.is(sendText(c.client, 'HELLO'), 5);
  expectRows(w, c.rec, [], 'data arrives while the accepted socket is not selected (A.4.7)');
  check(W.WSAAsyncSelect(c.accepted, w.hwnd, WM_USER, ALL_EVENTS), 'WSAAsyncSelect(accepted, all)');
  expectRows(w, c.rec, [['accepted', 'FD_READ', 0], ['accepted', 'FD_WRITE', 0]], 'reselect with the data pending (A.4.8: FD_READ before FD_WRITE)');
  assert.equal(recvText(c.accepted, 16), [5, 'HELLO']);
  expectRows(w, c.rec, [], 'all read');
  c.close();
});

test('WSAAsyncSelect() posts exactly one FD_WRITE to the sender after send() failed with WSAEWOULDBLOCK, once there is room again, and nothing to the receiver (A.3.3, A.3.6)', (w) => {
  const c = startConversation(w);
  // The receiver is selected without FD_READ, so that how the stream was segmented (how many
  // FD_READs the drain re-arms) stays out of the table; reselecting posts its FD_WRITE (A.3.1).
  check(W.WSAAsyncSelect(c.accepted, w.hwnd, WM_USER, W.FD_WRITE | W.FD_CLOSE), 'WSAAsyncSelect(accepted, FD_WRITE|FD_CLOSE)');
  expectRows(w, c.rec, [['accepted', 'FD_WRITE', 0]], 'the receiver reselected (A.3.1)');
  const chunk = new Uint8Array(CHUNK);
  let sent = 0;
  let chunks = 0;
  for (; chunks < MAX_CHUNKS; chunks++) {
    const r = W.send(c.client, chunk, CHUNK, 0);
    if (r === W.SOCKET_ERROR) {
      assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK, 'send fails with WSAEWOULDBLOCK');
      break;
    }
    sent += r;
    // Between sends the network may move bytes on to the peer: let it, so that the buffers fill.
    if (chunks % 16 === 15) w.settle(1);
  }
  assert.ok(chunks < MAX_CHUNKS, `send() never failed with WSAEWOULDBLOCK in ${MAX_CHUNKS} chunks of ${CHUNK} bytes`);
  // No table here: once the sender's buffer is full, the bytes in flight may still move into the
  // receiver's buffer, which frees room and posts the FD_WRITE before the drain below — on both
  // networks (and on Windows, whose loopback also has a receive window). Either way it is one.
  const buf = new Uint8Array(CHUNK);
  let received = 0;
  settleUntil(w, () => {
    for (;;) {
      const r = W.recv(c.accepted, buf, CHUNK, 0);
      if (r <= 0) break;
      received += r;
    }
    return received === sent;
  }, () => `the receiver read ${received} of ${sent} bytes`);
  expectRows(w, c.rec, [['client', 'FD_WRITE', 0]], 'one FD_WRITE after WSAEWOULDBLOCK, the receiver having drained everything (A.3.3, A.3.6)');
  c.close();
});

test.run();
