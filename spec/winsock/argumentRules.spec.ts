// The one rule for the C arguments of the Winsock facade (README "Arguments: C's conversions",
// lib/winsock/argumentRules.ts). An `int` or `UINT` argument is converted as C converts it:
// truncated toward zero, then wrapped to 32 bits, so a len of 2.5 is 2 and 2^32 + 3 is 3. A value
// C cannot pass (NaN, ±Infinity, not a number) fails the Windows way: a length, or the value an
// IntRef holds, with WSAEFAULT (a length no buffer satisfies); any other integer with WSAEINVAL.
// A buffer is any ArrayBufferView, read as the bytes it spans as C reads `(char*)p`; a string, a
// number, null or a detached buffer fails with WSAEFAULT, as a bad pointer does. A negative length
// is WSAEFAULT (windows-facts A.4.5), and so is one past the buffer (mfc-semantics §8: WSAEFAULT,
// "bad address / length too small").
// Each test runs on the simulated network and on real loopback sockets.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { assertSequence, type Row } from '../support/sequence.ts';
import { check, getIntOption, intOption, listeningSocket, loopback, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('Winsock C arguments');

/** Any value, passed where the signature wants another type: what a careless port does. */
const as = <T>(value: unknown): T => value as T;

/** [label, result, WSAGetLastError()] for each call, the error cleared before each. */
function outcomes(calls: [string, () => number][]): Row[] {
  return calls.map(([label, call]) => {
    W.WSASetLastError(0);
    return [label, call(), W.WSAGetLastError()];
  });
}

/** A view of a buffer that structuredClone has transferred away (detached). */
function detached(): Uint8Array {
  const view = new Uint8Array(4);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

/** A DataView of a detached buffer: unlike a typed array, it throws on any look at its length. */
function detachedDataView(): DataView {
  const buffer = new ArrayBuffer(4);
  const view = new DataView(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

const text = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);

/** Reads exactly `n` bytes from a blocking socket (several recvs if they come in pieces). */
function recvExactly(s: number, n: number): string {
  const into = new Uint8Array(n);
  let got = 0;
  while (got < n) got += check(W.recv(s, into.subarray(got), n - got, 0), 'recv');
  return text(into);
}

test('send() and recv() convert a length as C converts an int: 2.5 sends 2 bytes, 2^32 + 3 sends 3', (w) => {
  const { client, server } = tcpSocketPair(w);
  const data = new TextEncoder().encode('hello');
  assert.is(W.send(client, data, 2.5, 0), 2);
  assert.is(W.send(client, data.subarray(2), 2 ** 32 + 3, 0), 3);
  assert.is(recvExactly(server, 5), 'hello', 'the peer got the bytes the converted lengths name, in order');
  assert.is(W.send(client, data, 4.99, 0), 4);
  // recv's len is converted the same way: 4.99 - got is a length of 4 - got.
  const into = new Uint8Array(8);
  let got = 0;
  while (got < 4) got += check(W.recv(server, into.subarray(got), 4.99 - got, 0), 'recv');
  assert.is(text(into.subarray(0, got)), 'hell', 'no recv took more than its truncated length');
  W.closesocket(client);
  W.closesocket(server);
});

test('send(), recv(), sendto() and recvfrom() fail with WSAEFAULT for a length that is NaN, Infinity, a string, negative or past the buffer, and with WSAEINVAL for flags that are no number', (w) => {
  const { client, server } = tcpSocketPair(w);
  const buf = new Uint8Array(4);
  const to = new W.SOCKADDR_IN();
  const calls: [string, () => number][] = [
    ['send len NaN', () => W.send(client, buf, NaN, 0)],
    ['send len Infinity', () => W.send(client, buf, Infinity, 0)],
    ['send len "4"', () => W.send(client, buf, as('4'), 0)],
    ['send len -1', () => W.send(client, buf, -1, 0)],
    ['send len 5 of 4', () => W.send(client, buf, 5, 0)],
    ['send len 2^31 (-2^31 as an int)', () => W.send(client, buf, 2 ** 31, 0)],
    ['send flags NaN', () => W.send(client, buf, 4, NaN)],
    ['sendto len undefined', () => W.sendto(client, buf, as(undefined), 0, null, 0)],
    ['recv len NaN', () => W.recv(server, buf, NaN, 0)],
    ['recv len -1', () => W.recv(server, buf, -1, 0)],
    ['recv len 4.5 of 2', () => W.recv(server, buf.subarray(0, 2), 4.5, 0)],
    ['recv flags "0"', () => W.recv(server, buf, 4, as('0'))],
    ['recvfrom len -Infinity', () => W.recvfrom(server, buf, -Infinity, 0, to, { value: 16 })],
  ];
  assertSequence(outcomes(calls), [
    ['send len NaN', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send len Infinity', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send len "4"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send len -1', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send len 5 of 4', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send len 2^31 (-2^31 as an int)', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send flags NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['sendto len undefined', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv len NaN', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv len -1', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv len 4.5 of 2', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv flags "0"', W.SOCKET_ERROR, W.WSAEINVAL],
    ['recvfrom len -Infinity', W.SOCKET_ERROR, W.WSAEFAULT],
  ]);
  W.closesocket(client);
  W.closesocket(server);
});

test('send() and recv() take any ArrayBufferView as the bytes it spans; a string, a number, an array, null or a detached buffer fails with WSAEFAULT', (w) => {
  const { client, server } = tcpSocketPair(w);
  const wide = new Uint16Array([0x6968, 0x0021]); // "hi!\0" in memory, little-endian
  const view = new DataView(new TextEncoder().encode('xyz').buffer);
  assert.is(W.send(client, wide, 3, 0), 3, 'a Uint16Array: len counts bytes');
  assert.is(W.send(client, view, 3, 0), 3, 'a DataView');
  const into = new Uint16Array(3);
  let got = 0;
  while (got < 6) got += check(W.recv(server, new Uint8Array(into.buffer, got), 6 - got, 0), 'recv');
  assert.is(text(new Uint8Array(into.buffer)), 'hi!xyz', 'recv wrote the bytes into the Uint16Array\'s memory');
  const calls: [string, () => number][] = [
    ['send "hello"', () => W.send(client, as('hello'), 5, 0)],
    ['send 42', () => W.send(client, as(42), 1, 0)],
    ['send [1, 2, 3]', () => W.send(client, as([1, 2, 3]), 3, 0)],
    ['send null', () => W.send(client, as(null), 0, 0)],
    ['send detached', () => W.send(client, detached(), 0, 0)],
    ['send detached DataView', () => W.send(client, detachedDataView(), 0, 0)],
    ['recv "buffer"', () => W.recv(server, as('buffer'), 1, 0)],
    ['recv detached', () => W.recv(server, detached(), 0, 0)],
  ];
  assertSequence(outcomes(calls), [
    ['send "hello"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send 42', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send [1, 2, 3]', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send detached', W.SOCKET_ERROR, W.WSAEFAULT],
    ['send detached DataView', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv "buffer"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recv detached', W.SOCKET_ERROR, W.WSAEFAULT],
  ]);
  W.closesocket(client);
  W.closesocket(server);
});

test('setsockopt(), getsockopt() and ioctlsocket() convert lengths and values as C does, and fail with WSAEFAULT for what no pointer could be and WSAEINVAL for a level, option or command that is no number', (w) => {
  const { client, server } = tcpSocketPair(w);
  const optlen = { value: 4.5 };
  const calls: [string, () => number][] = [
    ['setsockopt optlen 4.9', () => W.setsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, intOption(1), 4.9)],
    ['setsockopt optlen NaN', () => W.setsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, intOption(1), NaN)],
    ['setsockopt optval "1111"', () => W.setsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, as('1111'), 4)],
    ['setsockopt level NaN', () => W.setsockopt(client, NaN, W.SO_KEEPALIVE, intOption(1), 4)],
    ['setsockopt optname undefined', () => W.setsockopt(client, W.SOL_SOCKET, as(undefined), intOption(1), 4)],
    ['getsockopt optlen { value: 4.5 }', () => W.getsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, new Uint8Array(4), optlen)],
    ['getsockopt optlen { value: NaN }', () => W.getsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, new Uint8Array(4), { value: NaN })],
    ['getsockopt optlen null', () => W.getsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, new Uint8Array(4), as(null))],
    ['getsockopt optval null', () => W.getsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, as(null), { value: 4 })],
    ['ioctlsocket FIONREAD null', () => W.ioctlsocket(server, W.FIONREAD, as(null))],
    ['ioctlsocket FIONBIO { value: NaN }', () => W.ioctlsocket(server, W.FIONBIO, { value: NaN })],
    ['ioctlsocket cmd NaN', () => W.ioctlsocket(server, NaN, { value: 1 })],
    ['ioctlsocket FIONBIO { value: 1.5 }', () => W.ioctlsocket(server, W.FIONBIO, { value: 1.5 })],
    ['recv on the now non-blocking socket', () => W.recv(server, new Uint8Array(1), 1, 0)],
    ['ioctlsocket FIONBIO { value: 0.5 }', () => W.ioctlsocket(server, W.FIONBIO, { value: 0.5 })],
  ];
  assertSequence(outcomes(calls), [
    ['setsockopt optlen 4.9', 0, 0],
    ['setsockopt optlen NaN', W.SOCKET_ERROR, W.WSAEFAULT],
    ['setsockopt optval "1111"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['setsockopt level NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['setsockopt optname undefined', W.SOCKET_ERROR, W.WSAEINVAL],
    ['getsockopt optlen { value: 4.5 }', 0, 0],
    ['getsockopt optlen { value: NaN }', W.SOCKET_ERROR, W.WSAEFAULT],
    ['getsockopt optlen null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['getsockopt optval null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['ioctlsocket FIONREAD null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['ioctlsocket FIONBIO { value: NaN }', W.SOCKET_ERROR, W.WSAEFAULT],
    ['ioctlsocket cmd NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['ioctlsocket FIONBIO { value: 1.5 }', 0, 0],
    ['recv on the now non-blocking socket', W.SOCKET_ERROR, W.WSAEWOULDBLOCK],
    ['ioctlsocket FIONBIO { value: 0.5 }', 0, 0],
  ]);
  assert.is(optlen.value, 4, 'getsockopt wrote the option size back');
  assert.is(getIntOption(client, W.SOL_SOCKET, W.SO_KEEPALIVE), 1, 'the setsockopt with optlen 4.9 took effect');
  // FIONBIO 0.5 is u_long 0: the socket blocks again, so a WSAAsyncSelect-free recv would wait;
  // WSAAsyncSelect then makes it non-blocking, and FIONBIO 0.5 (blocking) is refused (A.8.1).
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, W.FD_READ), 'WSAAsyncSelect');
  assert.equal(outcomes([['FIONBIO 0.5 while selected', () => W.ioctlsocket(server, W.FIONBIO, { value: 0.5 })]]), [['FIONBIO 0.5 while selected', W.SOCKET_ERROR, W.WSAEINVAL]]);
  W.closesocket(client);
  W.closesocket(server);
});

test('socket(), listen(), shutdown() and WSAAsyncSelect() convert integers as C does; a value that is no number fails with WSAEINVAL', (w) => {
  const { client, server } = tcpSocketPair(w);
  const stream = W.socket(W.AF_INET, 1.5, 0);
  assert.ok(stream !== W.INVALID_SOCKET, 'type 1.5 is SOCK_STREAM');
  assert.is(getIntOption(stream, W.SOL_SOCKET, W.SO_TYPE), W.SOCK_STREAM);
  check(W.bind(stream, loopback(0), 16), 'bind');
  const calls: [string, () => number][] = [
    ['socket af NaN', () => W.socket(NaN, W.SOCK_STREAM, 0)],
    ['socket protocol "0"', () => W.socket(W.AF_INET, W.SOCK_STREAM, as('0'))],
    ['listen backlog NaN', () => W.listen(stream, NaN)],
    ['listen backlog 1.5', () => W.listen(stream, 1.5)],
    ['shutdown how NaN', () => W.shutdown(client, NaN)],
    ['shutdown how 1.9 (SD_SEND)', () => W.shutdown(client, 1.9)],
    ['recv after the peer\'s FIN', () => W.recv(server, new Uint8Array(1), 1, 0)],
    ['WSAAsyncSelect wMsg NaN', () => W.WSAAsyncSelect(server, w.hwnd, NaN, W.FD_WRITE)],
    ['WSAAsyncSelect lEvent "2"', () => W.WSAAsyncSelect(server, w.hwnd, WM_USER, as('2'))],
    ['WSAAsyncSelect wMsg WM_USER + 0.5, lEvent FD_WRITE + 0.5', () => W.WSAAsyncSelect(server, w.hwnd, WM_USER + 0.5, W.FD_WRITE + 0.5)],
  ];
  assertSequence(outcomes(calls), [
    ['socket af NaN', W.INVALID_SOCKET, W.WSAEINVAL],
    ['socket protocol "0"', W.INVALID_SOCKET, W.WSAEINVAL],
    ['listen backlog NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['listen backlog 1.5', 0, 0],
    ['shutdown how NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['shutdown how 1.9 (SD_SEND)', 0, 0],
    ['recv after the peer\'s FIN', 0, 0],
    ['WSAAsyncSelect wMsg NaN', W.SOCKET_ERROR, W.WSAEINVAL],
    ['WSAAsyncSelect lEvent "2"', W.SOCKET_ERROR, W.WSAEINVAL],
    ['WSAAsyncSelect wMsg WM_USER + 0.5, lEvent FD_WRITE + 0.5', 0, 0],
  ]);
  w.expect(server, [['FD_WRITE', 0]], 'the converted registration posts FD_WRITE as WM_USER');
  for (const s of [client, server, stream]) W.closesocket(s);
});

test('bind(), connect(), accept(), getsockname(), getpeername(), sendto() and recvfrom() fail with WSAEFAULT for no address structure and for an address length that is no number or no IntRef', (w) => {
  const { client, server } = tcpSocketPair(w);
  const { listener, addr } = listeningSocket();
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const u = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const sa = new W.SOCKADDR_IN();
  const buf = new Uint8Array(4);
  const calls: [string, () => number][] = [
    ['bind namelen NaN', () => W.bind(s, loopback(0), NaN)],
    ['bind name null', () => W.bind(s, null, 16)],
    ['bind name "127.0.0.1"', () => W.bind(s, as('127.0.0.1'), 16)],
    ['connect namelen "16"', () => W.connect(s, addr, as('16'))],
    ['accept addrlen { value: NaN }', () => W.accept(listener, sa, { value: NaN })],
    ['accept addrlen null', () => W.accept(listener, sa, null)],
    ['getsockname namelen { value: Infinity }', () => W.getsockname(listener, sa, { value: Infinity })],
    ['getsockname name null', () => W.getsockname(listener, as(null), { value: 16 })],
    ['getpeername namelen null', () => W.getpeername(client, sa, as(null))],
    ['sendto tolen NaN', () => W.sendto(u, buf, 4, 0, addr, NaN)],
    ['recvfrom fromlen { value: "16" }', () => W.recvfrom(u, buf, 4, 0, sa, { value: as('16') })],
    ['bind namelen 16.9', () => W.bind(u, loopback(0), 16.9)],
  ];
  assertSequence(outcomes(calls), [
    ['bind namelen NaN', W.SOCKET_ERROR, W.WSAEFAULT],
    ['bind name null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['bind name "127.0.0.1"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['connect namelen "16"', W.SOCKET_ERROR, W.WSAEFAULT],
    ['accept addrlen { value: NaN }', W.INVALID_SOCKET, W.WSAEFAULT],
    ['accept addrlen null', W.INVALID_SOCKET, W.WSAEFAULT],
    ['getsockname namelen { value: Infinity }', W.SOCKET_ERROR, W.WSAEFAULT],
    ['getsockname name null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['getpeername namelen null', W.SOCKET_ERROR, W.WSAEFAULT],
    ['sendto tolen NaN', W.SOCKET_ERROR, W.WSAEFAULT],
    ['recvfrom fromlen { value: "16" }', W.SOCKET_ERROR, W.WSAEFAULT],
    ['bind namelen 16.9', 0, 0],
  ]);
  for (const h of [client, server, listener, s, u]) W.closesocket(h);
});

test.run();
