// Faults of the real network, with real sockets on 127.0.0.1: a peer that resets in the middle of
// a transfer (either direction), a refused connection (also on another loopback address: all of
// 127.0.0.0/8 is this machine, so nothing there is ever unreachable or silent — a black-holed
// address cannot be made on loopback without changing the machine's firewall, so it is not
// tested), a peer that stops reading (the send buffer fills: WSAEWOULDBLOCK, then FD_WRITE once
// it reads again), and the network thread dying (every socket fails with WSAENETDOWN, a blocked
// call returns, its kernel objects stop counting as open at once, and the next socket starts a new
// network thread). Urgent data fails as documented.
// Source: issue 7 "Faults"; mfc-semantics §2.4 items 15 and 19, §8; lib/net/os/index.ts.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import { osNetwork } from 'afxsock';
import { CSocket } from 'afxsock';
import * as W from 'afxsock';
import { assertSequence } from 'afxsock/testing';
import { dualSuite } from '../../support/dualSuite.ts';
import { check, loopback, recvText, sendText, tcpSocketPair } from '../../support/simWorld.ts';
import { withRawPeer } from './osSpecSupport.ts';
import type { RawPeer, Script } from './rawPeerClient.ts';
import { type NetWorld, waitFor } from 'afxsock/testing';

const test = dualSuite('OS network faults');
const MB = 1 << 20;
const RESET_WHILE_FULL =
  'a reset that arrives while the receive buffer is full is seen only once the application reads: the network thread has stopped reading from that socket (back-pressure), and Node cannot watch a socket for errors without reading it';

/** A blocking TCP socket connected to 127.0.0.1:port. */
function connectTo(port: number): number {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.connect(s, loopback(port), 16), 'connect');
  return s;
}

/** Non-blocking sends of `chunk` until one fails; the bytes taken. Bounded by `limit` bytes. */
function fill(s: number, chunk: Uint8Array, limit: number): number {
  let n = 0;
  while (n < limit) {
    const r = W.send(s, chunk, chunk.length, 0);
    if (r === W.SOCKET_ERROR) return n;
    n += r;
  }
  throw new Error(`send never failed in ${limit} bytes`);
}

test.realOnly('send() on a blocking socket fails with WSAECONNRESET when the peer resets in the middle of the transfer', () =>
  withRawPeer(async (peer) => {
    const port = await peer.listen({ resetAfterBytes: 100_000 });
    const s = connectTo(port);
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    let r = 0;
    // More than every buffer between the two ends can hold, so the reset must stop it.
    for (let i = 0; i < 1024 && r !== W.SOCKET_ERROR; i++) {
      r = W.send(s, chunk, chunk.length, 0);
      if (r > 0) sent += r;
    }
    assert.is(r, W.SOCKET_ERROR, `a send failed (after ${sent} bytes)`);
    assert.is(W.WSAGetLastError(), W.WSAECONNRESET);
    assert.equal(recvText(s, 10), [W.SOCKET_ERROR, '', W.WSAECONNRESET]);
    W.closesocket(s);
  }),
);

/** A listening socket on 127.0.0.1 and a node:net peer connecting to it with `script`; returns the accepted socket. */
async function acceptFrom(peer: RawPeer, script: Script): Promise<{ s: number; listener: number }> {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = loopback(0);
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, 1), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  const connected = peer.ask('connect', { port: W.ntohs(addr.sin_port), script });
  const s = W.accept(listener, null, null);
  await connected;
  return { s, listener };
}

test.realOnly('recv() fails with WSAECONNRESET and FD_CLOSE carries WSAECONNABORTED when the peer resets in the middle of a conversation', (w) =>
  withRawPeer(async (peer) => {
    const { s, listener } = await acceptFrom(peer, { sendPattern: { bytes: MB, seed: 3, keepOpen: true }, hashOnly: true });
    const buf = new Uint8Array(64 * 1024);
    let got = 0;
    while (got < MB) got += check(W.recv(s, buf, buf.length, 0), 'recv');
    assert.is(sendText(s, 'more?'), 5);
    await peer.ask('waitBytes', { bytes: 5 });
    check(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_CLOSE), 'select FD_CLOSE');
    await peer.ask('reset');
    w.expect(s, [['FD_CLOSE', W.WSAECONNABORTED]], 'the reset');
    assert.equal(recvText(s, 10), [W.SOCKET_ERROR, '', W.WSAECONNRESET]);
    assert.equal([sendText(s, 'x'), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNRESET]);
    W.closesocket(s);
    W.closesocket(listener);
  }),
);

test.realOnly('recv() ends, and FD_CLOSE comes once, when a peer resets while this side is behind in reading (seen once the reader makes room)', (w) =>
  withRawPeer(async (peer) => {
    const { s, listener } = await acceptFrom(peer, { sendPattern: { bytes: 256 * MB, seed: 7 } });
    const buf = new Uint8Array(64 * 1024);
    let got = 0;
    while (got < MB) got += check(W.recv(s, buf, buf.length, 0), 'recv');
    check(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_CLOSE), 'select FD_CLOSE');
    // The receive buffer fills up again (64 KiB, SO_RCVBUF); the peer still has megabytes to send,
    // so the network thread holds the next piece back and stops reading. Then the peer resets.
    const unread = { value: 0 };
    waitFor(() => (W.ioctlsocket(s, W.FIONREAD, unread), unread.value === 65536), 10_000, 'the receive buffer to fill');
    w.settle();
    await peer.ask('reset');
    w.settle();
    w.differs('real', RESET_WHILE_FULL, () => assertSequence(w.take(s), [['FD_CLOSE', W.WSAECONNABORTED]], 'FD_CLOSE at once'), /FD_CLOSE at once/);
    // Reading makes room: the network thread reads again and meets the reset. A reset behind
    // unread bytes reaches Node either as ECONNRESET after the queued bytes or, when libuv sees
    // POLLHUP after a short read, as the end of the stream (README, real-network deviations), so
    // the stream must end either way — never hang — and FD_CLOSE must come once.
    let end = 0;
    for (let i = 0; i < 8192 && end === 0; i++) {
      const r = W.recv(s, buf, buf.length, 0);
      if (r > 0) got += r;
      else if (r === W.SOCKET_ERROR && W.WSAGetLastError() === W.WSAEWOULDBLOCK) w.settle();
      else end = r === 0 ? -1 : W.WSAGetLastError();
    }
    assert.ok(end === W.WSAECONNRESET || end === -1, `the stream ended (recv gave ${end})`);
    assert.ok(got < 256 * MB, 'the reset cut the transfer short');
    w.expect(s, [['FD_CLOSE', end === W.WSAECONNRESET ? W.WSAECONNABORTED : 0]], 'FD_CLOSE, once');
    W.closesocket(s);
    W.closesocket(listener);
  }),
);

test('connect() to a loopback port nobody listens on fails with WSAECONNREFUSED, also on CSocket', (w) => {
  const port = w.unusedPort();
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  assert.equal([W.connect(s, loopback(port), 16), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNREFUSED]);
  W.closesocket(s);
  const c = new CSocket();
  assert.ok(c.Create());
  assert.equal([c.Connect('127.0.0.1', port), W.WSAGetLastError()], [false, W.WSAECONNREFUSED]);
  c.Close();
});

test.realOnly('connect() to another loopback address (127.0.0.2) with no listener is refused at once, never silent', (w: NetWorld) => {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_CONNECT), 'select');
  const to = new W.SOCKADDR_IN(W.AF_INET, W.htons(w.unusedPort()), new W.in_addr(W.inet_addr('127.0.0.2')));
  assert.equal([W.connect(s, to, 16), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAEWOULDBLOCK]);
  w.expect(s, [['FD_CONNECT', W.WSAECONNREFUSED]]);
  W.closesocket(s);
});

test.realOnly('send() fails with WSAEWOULDBLOCK once a peer that stops reading lets every buffer fill, and FD_WRITE comes when it reads again', (w) =>
  withRawPeer(async (peer) => {
    const port = await peer.listen({ stall: true, hashOnly: true });
    const s = connectTo(port);
    check(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_WRITE), 'select');
    w.expect(s, [['FD_WRITE', 0]], 'connected and writable');
    const chunk = new Uint8Array(MB);
    let sent = fill(s, chunk, 1024 * MB);
    assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK);
    // The OS takes bytes from the send buffer until its own buffers are full too (each time it
    // makes room after a WSAEWOULDBLOCK, FD_WRITE is posted, rightly): fill until that stops.
    for (let round = 0; round < 200; round++) {
      w.settle();
      const more = fill(s, chunk, 1024 * MB);
      if (more === 0) break;
      sent += more;
    }
    w.take(s);
    w.expect(s, [], 'nothing while the peer does not read');
    await peer.ask('resume');
    await peer.ask('waitBytes', { bytes: sent, limitMs: 30_000 });
    w.expect(s, [['FD_WRITE', 0]], 'the peer read everything: one FD_WRITE');
    assert.ok(fill(s, chunk, 1024 * MB) > 0, 'send works again');
    W.closesocket(s);
  }),
);

test.realOnly('send() and recv() with MSG_OOB fail with WSAEOPNOTSUPP and SIOCATMARK stays TRUE: Node has no TCP urgent data', (w) => {
  const { client, server } = tcpSocketPair(w);
  assert.equal([sendText(client, 'a', W.MSG_OOB), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAEOPNOTSUPP]);
  assert.equal(recvText(server, 1, W.MSG_OOB), [W.SOCKET_ERROR, '', W.WSAEOPNOTSUPP]);
  const mark = { value: 0 };
  check(W.ioctlsocket(server, W.SIOCATMARK, mark), 'SIOCATMARK');
  assert.is(mark.value, 1);
  assert.is(sendText(client, 'in line'), 7, 'ordinary data still flows');
  assert.equal(recvText(server, 7), [7, 'in line']);
  W.closesocket(client);
  W.closesocket(server);
});

test.realOnly('the network thread dying fails every socket with WSAENETDOWN, ends a blocked recv() and posts FD_CLOSE; the next socket starts a new one', (w) => {
  const { client, server } = tcpSocketPair(w);
  const { client: selected, server: peerOfSelected } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(selected, w.hwnd, WM_USER, W.FD_READ | W.FD_CLOSE), 'select');
  const udp = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  check(W.bind(udp, loopback(0), 16), 'bind');
  osNetwork.crashNetworkThread();
  // A blocking recv with nothing to read: only the death of the network thread can end it.
  assert.equal(recvText(server, 10), [W.SOCKET_ERROR, '', W.WSAENETDOWN]);
  w.settle();
  assertSequence(w.take(selected), [['FD_CLOSE', W.WSAECONNABORTED]], 'FD_CLOSE (the arming rules give a reset WSAECONNABORTED)');
  assert.equal([sendText(client, 'x'), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAENETDOWN]);
  assert.equal([W.recvfrom(udp, new Uint8Array(4), 4, 0, null, null), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAENETDOWN]);
  const late = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  assert.equal([W.connect(late, loopback(w.unusedPort()), 16), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAECONNREFUSED], 'a new socket gets a new network thread');
  for (const s of [client, server, selected, peerOfSelected, udp, late]) W.closesocket(s);
  const fresh = tcpSocketPair(w);
  assert.is(sendText(fresh.client, 'alive'), 5);
  assert.equal(recvText(fresh.server, 5), [5, 'alive']);
  W.closesocket(fresh.client);
  W.closesocket(fresh.server);
  waitFor(() => osNetwork.openSocketCount() === 0, 5000, 'the new network thread releasing the sockets');
});

test.realOnly('the OS network\'s open-socket count drops to 0 as soon as the network thread has died, with a connection still open (issue 15.7a)', (w) => {
  const { client, server } = tcpSocketPair(w);
  assert.ok(osNetwork.openSocketCount() >= 2, 'the two kernel objects of the connection are counted');
  osNetwork.crashNetworkThread();
  // A blocking recv with nothing to read returns once the network thread is dead.
  assert.equal(recvText(server, 10), [W.SOCKET_ERROR, '', W.WSAENETDOWN]);
  waitFor(() => osNetwork.networkThreadId() === 0, 5000, 'the dead network thread to be forgotten');
  assert.is(osNetwork.openSocketCount(), 0, 'the dead thread\'s kernel objects are gone, and no new thread was started');
  assert.equal(W.describeSockets().length, 2, 'the application still holds its two handles until it closes them');
  W.closesocket(client);
  W.closesocket(server);
  assert.is(osNetwork.openSocketCount(), 0, 'closing them on a dead network counts nothing');
  assert.is(osNetwork.networkThreadId(), 0, 'closing them starts no network thread');
});

test.run();
