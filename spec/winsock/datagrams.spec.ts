// UDP through Winsock: sendto/recvfrom with the sender's address, the 65,507-byte limit
// (WSAEMSGSIZE, nothing sent), truncation on a short buffer (buffer filled, rest discarded,
// WSAEMSGSIZE — mfc-semantics §2.5.21), FIONREAD = size of the first datagram, broadcast only with
// SO_BROADCAST (WSAEACCES otherwise), FD_READ per datagram under WSAAsyncSelect. Each test runs on
// the simulated network and on real loopback sockets (broadcast: see loopbackReceivers).
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, intOption } from '../support/simWorld.ts';
import { type SimWorld } from 'afxsock/testing';

const test = dualSuite('Winsock datagrams');

function udpOn(port: number, address = '127.0.0.1'): { s: number; addr: W.SOCKADDR_IN } {
  const s = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr(address)));
  check(W.bind(s, addr, 16), 'bind');
  check(W.getsockname(s, addr, { value: 16 }), 'getsockname');
  return { s, addr };
}

test('sendto() and recvfrom() carry one datagram with its sender; FIONREAD gives its size', (w) => {
  const a = udpOn(0);
  const b = udpOn(0);
  assert.is(W.sendto(a.s, new Uint8Array([1, 2, 3]), 3, 0, b.addr, 16), 3);
  w.settle();
  const n = { value: 0 };
  check(W.ioctlsocket(b.s, W.FIONREAD, n), 'FIONREAD');
  assert.is(n.value, 3);
  const buf = new Uint8Array(10);
  const from = new W.SOCKADDR_IN();
  const len = { value: 16 };
  assert.is(W.recvfrom(b.s, buf, 10, 0, from, len), 3);
  assert.equal([...buf.subarray(0, 3)], [1, 2, 3]);
  assert.is(W.ntohs(from.sin_port), W.ntohs(a.addr.sin_port));
  assert.is(W.inet_ntoa(from.sin_addr), '127.0.0.1');
  W.closesocket(a.s);
  W.closesocket(b.s);
});

test('sendto() of more than 65,507 bytes fails with WSAEMSGSIZE and sends nothing', (w) => {
  const a = udpOn(0);
  const b = udpOn(0);
  const big = new Uint8Array(65508);
  assert.is(W.sendto(a.s, big, big.length, 0, b.addr, 16), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAEMSGSIZE);
  assert.is(W.sendto(a.s, big, 65507, 0, b.addr, 16), 65507);
  w.settle();
  const n = { value: 0 };
  check(W.ioctlsocket(b.s, W.FIONREAD, n), 'FIONREAD');
  assert.is(n.value, 65507, 'only the 65,507-byte datagram arrived');
  const buf = new Uint8Array(65507);
  assert.is(W.recv(b.s, buf, buf.length, 0), 65507);
  W.closesocket(a.s);
  W.closesocket(b.s);
});

test('recvfrom() into a short buffer fills it, discards the rest and fails with WSAEMSGSIZE', (w) => {
  const a = udpOn(0);
  const b = udpOn(0);
  W.sendto(a.s, new Uint8Array([1, 2, 3, 4, 5]), 5, 0, b.addr, 16);
  W.sendto(a.s, new Uint8Array([9]), 1, 0, b.addr, 16);
  w.settle();
  const buf = new Uint8Array(2);
  const from = new W.SOCKADDR_IN();
  assert.is(W.recvfrom(b.s, buf, 2, 0, from, { value: 16 }), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAEMSGSIZE);
  assert.equal([...buf], [1, 2]);
  assert.is(W.ntohs(from.sin_port), W.ntohs(a.addr.sin_port), 'the sender is reported for a truncated datagram');
  assert.is(W.recv(b.s, buf, 2, 0), 1, 'the rest of the first datagram is gone');
  assert.is(buf[0], 9);
  W.closesocket(a.s);
  W.closesocket(b.s);
});

/** Two sockets bound to one port on every host: 255.255.255.255 on the simulated network (alpha, and beta through a simulated thread). */
function simulatedReceivers(w: SimWorld): { receivers: number[]; all: W.SOCKADDR_IN } {
  const port = 5000;
  const onAlpha = udpOn(port, '0.0.0.0');
  let onBeta = 0;
  w.sim.createThread('beta', () => {
    W.useNetworkHost(w.beta);
    onBeta = udpOn(port, '0.0.0.0').s;
  });
  return { receivers: [onAlpha.s, onBeta], all: new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.INADDR_BROADCAST)) };
}

/**
 * On real sockets only loopback is used: 127.255.255.255, the loopback network's broadcast
 * address, reaching two sockets bound to it with SO_REUSEADDR (one machine, so one port twice).
 */
function loopbackReceivers(): { receivers: number[]; all: W.SOCKADDR_IN } {
  const receivers: number[] = [];
  let port = 0;
  for (let i = 0; i < 2; i++) {
    const s = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
    check(W.setsockopt(s, W.SOL_SOCKET, W.SO_REUSEADDR, intOption(1), 4), 'SO_REUSEADDR');
    const addr = new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.255.255.255')));
    check(W.bind(s, addr, 16), 'bind');
    check(W.getsockname(s, addr, { value: 16 }), 'getsockname');
    port = W.ntohs(addr.sin_port);
    receivers.push(s);
  }
  return { receivers, all: new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.255.255.255'))) };
}

test('sendto() to a broadcast address needs SO_BROADCAST (else WSAEACCES) and reaches every socket bound to the port', (w) => {
  const { receivers, all } = w.simWorld ? simulatedReceivers(w.simWorld) : loopbackReceivers();
  const sender = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  assert.is(W.sendto(sender, new Uint8Array([7]), 1, 0, all, 16), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAEACCES);
  check(W.setsockopt(sender, W.SOL_SOCKET, W.SO_BROADCAST, intOption(1), 4), 'SO_BROADCAST');
  assert.is(W.sendto(sender, new Uint8Array([7]), 1, 0, all, 16), 1);
  w.settle();
  const buf = new Uint8Array(4);
  for (const r of receivers) assert.is(W.recv(r, buf, 4, 0), 1);
  for (const s of [...receivers, sender]) W.closesocket(s);
});

test('WSAAsyncSelect() on a bound UDP socket posts FD_WRITE, then FD_READ per datagram read (A.2.6, A.4)', (w) => {
  const a = udpOn(0);
  const b = udpOn(0);
  check(W.WSAAsyncSelect(b.s, w.hwnd, WM_USER, W.FD_READ | W.FD_WRITE), 'select');
  w.expect(b.s, [['FD_WRITE', 0]], 'select');
  W.sendto(a.s, new Uint8Array(1), 1, 0, b.addr, 16);
  W.sendto(a.s, new Uint8Array(2), 2, 0, b.addr, 16);
  w.expect(b.s, [['FD_READ', 0]], 'two datagrams arrive');
  assert.is(W.recv(b.s, new Uint8Array(8), 8, 0), 1);
  w.expect(b.s, [['FD_READ', 0]], 'one datagram left');
  assert.is(W.recv(b.s, new Uint8Array(8), 8, 0), 2);
  w.expect(b.s, [], 'none left');
  W.closesocket(a.s);
  W.closesocket(b.s);
});

test('send() on an unconnected UDP socket fails with WSAENOTCONN; after connect() it reaches the peer', (w) => {
  const a = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const b = udpOn(0);
  assert.is(W.send(a, new Uint8Array(1), 1, 0), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAENOTCONN);
  check(W.connect(a, b.addr, 16), 'connect');
  assert.is(W.send(a, new Uint8Array(3), 3, 0), 3);
  w.settle();
  assert.is(W.recv(b.s, new Uint8Array(8), 8, 0), 3);
  W.closesocket(a);
  W.closesocket(b.s);
});

test.run();
