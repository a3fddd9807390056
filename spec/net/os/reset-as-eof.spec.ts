// send() after a reset that the real network read as a graceful close.
// Rule (windows-facts A.6.8, A.12): after the peer's RST, send fails with WSAECONNRESET. The real
// network has a documented race (lib/net/os/index.ts): an RST right behind bytes the network
// thread has not read yet reads as the end of the stream (libuv takes a short read with POLLHUP
// for EOF), so recv returns the bytes and then 0, and the first send still goes out. Once the
// network thread knows of the reset (that send fails in the OS), the next send must fail with
// WSAECONNRESET, as on Windows (issue 15.7c). The race is made certain with
// osNetwork.holdReceives (fault injection): the OS has the bytes and the RST before the network
// thread reads. Both networks; the simulation reports the reset at once.
import * as assert from 'uvu/assert';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { deliveredTogether } from '../../support/netWorld.ts';
import { closeWithReset, recvText, sendText, tcpSocketPair } from '../../support/simWorld.ts';
import { type NetWorld } from 'afxsock/testing';

const test = dualSuite('send() after a reset read as a graceful close');

/** A connected pair whose client sends three bytes and resets at once; the server's recv is the race. */
function resetBehindBytes(w: NetWorld): number {
  const { client, server } = tcpSocketPair(w);
  deliveredTogether(w, () => {
    assert.is(sendText(client, 'abc'), 3);
    closeWithReset(client);
  });
  w.settle();
  w.differs('real', RACE, () => assert.equal(recvText(server, 8), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'recv after the reset'), /recv after the reset/);
  return server;
}
const RACE = 'a reset right behind unread bytes reads as the end of the stream on the real network (libuv: a short read with POLLHUP is EOF), and the first send after it still goes out';

test('send() fails with WSAECONNRESET once the network knows of the reset, also after the reset read as the end of the stream (A.6.8; issue 15.7c)', (w) => {
  const server = resetBehindBytes(w);
  w.differs('real', RACE, () => assert.equal([sendText(server, 'x'), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNRESET], 'the first send'), /the first send/);
  w.settle();
  assert.equal([sendText(server, 'y'), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNRESET], 'the next send, once the network knows of the reset');
  assert.equal(recvText(server, 8), [W.SOCKET_ERROR, '', W.WSAECONNRESET], 'and recv now reports the reset too');
  W.closesocket(server);
});

test('send() of more than the send buffer after a reset read as the end of the stream is followed by sends that fail with WSAECONNRESET (A.6.8; issue 15.7c)', (w) => {
  const server = resetBehindBytes(w);
  // 256 KiB: beyond the 64 KiB send buffer, so most of it travels outside the send ring.
  const big = new Uint8Array(256 * 1024).fill(0x42);
  w.differs('real', RACE, () => assert.equal([W.send(server, big, big.length, 0), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNRESET], 'the first send'), /the first send/);
  w.settle();
  for (let i = 1; i <= 3; i++) {
    assert.equal([W.send(server, big, big.length, 0), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNRESET], `send ${i} once the network knows of the reset`);
  }
  W.closesocket(server);
});

test.run();
