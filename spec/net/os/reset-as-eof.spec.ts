// A reset that libuv reads as the end of the stream, and a reset that comes after the peer's FIN.
// Rule (windows-facts A.6.8, A.12): after the peer's RST, recv and send fail with WSAECONNRESET
// and the unread bytes are gone. On Linux an RST right behind unread bytes, read in one wake-up,
// reads as the end of the stream (libuv takes a short read with POLLHUP for EOF); the network
// thread then asks the OS once more (one more read(2) returns the pending ECONNRESET) and reports
// the reset, as Windows would. After the peer's FIN it reads no more, so a later RST is found by
// the next send, which fails at once (issue 15.7c). The race is made certain by holding the
// receives (the network thread stops its OS reads): the bytes and the RST wait in the OS together.
// Both networks; the simulation reports the reset at once.
import * as assert from 'uvu/assert';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { deliveredTogether } from '../../support/netWorld.ts';
import { closeWithReset, recvText, sendText, tcpSocketPair } from '../../support/simWorld.ts';
import { type NetWorld } from 'afxsock/testing';

const test = dualSuite('a reset read as the end of the stream, and a reset after the FIN');

/** A connected pair whose client sends three bytes and resets at once, delivered together. */
function resetBehindBytes(w: NetWorld): number {
  const { client, server } = tcpSocketPair(w);
  deliveredTogether(w, () => {
    assert.is(sendText(client, 'abc'), 3);
    closeWithReset(client);
  });
  w.settle();
  return server;
}

const sendResult = (s: number, bytes: Uint8Array): [number, number] => [W.send(s, bytes, bytes.length, 0), W.WSAGetLastError()];
const RESET: [number, number] = [W.SOCKET_ERROR, W.WSAECONNRESET];

test('an RST right behind unread bytes is a reset, not the end of the stream: recv fails with WSAECONNRESET and the bytes are gone (A.12)', (w) => {
  const server = resetBehindBytes(w);
  assert.equal(recvText(server, 8), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'recv after the reset');
  const unread = { value: -1 };
  assert.is(W.ioctlsocket(server, W.FIONREAD, unread), 0);
  assert.is(unread.value, 0, 'FIONREAD reports no bytes after the reset');
  W.closesocket(server);
});

test('send() fails with WSAECONNRESET after an RST right behind unread bytes, the first one too (A.6.8; issue 15.7c)', (w) => {
  const server = resetBehindBytes(w);
  assert.equal(sendResult(server, new TextEncoder().encode('x')), RESET, 'the first send');
  w.settle();
  assert.equal(sendResult(server, new TextEncoder().encode('y')), RESET, 'the next send');
  assert.equal(recvText(server, 8), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'and recv reports the reset too');
  W.closesocket(server);
});

test('send() of more than the send buffer after an RST right behind unread bytes fails with WSAECONNRESET, every time (A.6.8; issue 15.7c)', (w) => {
  const server = resetBehindBytes(w);
  // 256 KiB: beyond the 64 KiB send buffer, so most of it would travel outside the send ring.
  const big = new Uint8Array(256 * 1024).fill(0x42);
  for (let i = 1; i <= 3; i++) {
    assert.equal(sendResult(server, big), RESET, `send ${i}`);
    w.settle();
  }
  W.closesocket(server);
});

test('an RST after the peer\'s FIN fails the next send at once, and recv after it (A.6.8; issue 15.7c)', (w) => {
  const { client, server } = tcpSocketPair(w);
  assert.is(W.shutdown(client, W.SD_SEND), 0);
  w.settle();
  assert.equal(recvText(server, 8), [0, ''], 'the FIN reads as the end of the stream');
  closeWithReset(client);
  w.settle();
  assert.equal(sendResult(server, new TextEncoder().encode('x')), RESET, 'the first send after the RST');
  assert.equal(recvText(server, 8), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'recv after it');
  W.closesocket(server);
});

test.run();
