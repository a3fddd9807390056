// WSAGetLastError() after a call that succeeds (windows-facts A.11). Windows sets the thread's
// last error to 0 when some socket calls succeed, so a ported program that reads it after a
// success (wrongly, but commonly) sees 0, not an old error. Wine's conformance tests, which pass on
// Windows, set the error to 0xdeadbeef and find 0 after a successful send and recv (test_WSARecv),
// sendto and recvfrom (test_ip_pktinfo, test_WSASendMsg, test_WSASendTo), setsockopt and
// getsockopt (test_set_getsockopt), getsockname (test_getsockname, Windows 7 and later),
// ioctlsocket's FIONBIO, FIONREAD and SIOCATMARK (test_fionbio, test_fionread_siocatmark through
// WSAIoctl; a trace of ioctlsocket(FIONBIO) after a failure, A.11 item 1), and a recv that returns
// 0 on a shut-down connection (A.11 item 1). For the other calls no test shows Windows clearing
// it, so afxsock leaves the error as the call found it.
// Each test runs on the simulated network and on real loopback sockets.
import * as assert from 'uvu/assert';
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { assertSequence, type Row } from '../support/sequence.ts';
import { check, intOption, listeningSocket, loopback, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('WSAGetLastError after success');
/** The marker Wine's tests set before the call. */
const STALE = 0xdeadbeef;

/** [label, result, WSAGetLastError()] for each call, the error set to 0xdeadbeef before each. */
function afterSuccess(calls: [string, () => number][]): Row[] {
  return calls.map(([label, call]) => {
    W.WSASetLastError(STALE);
    return [label, call(), W.WSAGetLastError()];
  });
}

test('ioctlsocket(FIONBIO) that succeeds after a failed recv() leaves 0 in WSAGetLastError(), not the old WSAEWOULDBLOCK (A.11 item 1)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.ioctlsocket(server, W.FIONBIO, { value: 1 }), 'FIONBIO');
  assert.is(W.recv(server, new Uint8Array(4), 4, 0), W.SOCKET_ERROR);
  assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK);
  assert.is(W.ioctlsocket(server, W.FIONBIO, { value: 1 }), 0);
  assert.is(W.WSAGetLastError(), 0);
  W.closesocket(client);
  W.closesocket(server);
});

test('send(), recv(), sendto(), recvfrom(), setsockopt(), getsockopt(), getsockname() and ioctlsocket() set the last error to 0 when they succeed (A.11)', (w) => {
  const { client, server } = tcpSocketPair(w);
  const receiver = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const sender = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
  const to = loopback(0);
  check(W.bind(receiver, to, 16), 'bind');
  check(W.getsockname(receiver, to, { value: 16 }), 'getsockname');
  const four = new Uint8Array(4);
  const from = new W.SOCKADDR_IN();
  assertSequence(
    afterSuccess([
      ['send', () => W.send(client, new TextEncoder().encode('ping'), 4, 0)],
      ['recv', () => W.recv(server, four, 1, 0)],
      ['sendto', () => W.sendto(sender, four, 4, 0, to, 16)],
      ['recvfrom', () => W.recvfrom(receiver, four, 4, 0, from, { value: 16 })],
      ['setsockopt', () => W.setsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, intOption(1), 4)],
      ['getsockopt', () => W.getsockopt(client, W.SOL_SOCKET, W.SO_KEEPALIVE, new Uint8Array(4), { value: 4 })],
      ['getsockname', () => W.getsockname(client, new W.SOCKADDR_IN(), { value: 16 })],
      ['ioctlsocket(FIONREAD)', () => W.ioctlsocket(receiver, W.FIONREAD, { value: 0 })],
      ['ioctlsocket(SIOCATMARK)', () => W.ioctlsocket(client, W.SIOCATMARK, { value: 0 })],
      ['ioctlsocket(FIONBIO)', () => W.ioctlsocket(client, W.FIONBIO, { value: 0 })],
    ]),
    [
      ['send', 4, 0],
      ['recv', 1, 0],
      ['sendto', 4, 0],
      ['recvfrom', 4, 0],
      ['setsockopt', 0, 0],
      ['getsockopt', 0, 0],
      ['getsockname', 0, 0],
      ['ioctlsocket(FIONREAD)', 0, 0],
      ['ioctlsocket(SIOCATMARK)', 0, 0],
      ['ioctlsocket(FIONBIO)', 0, 0],
    ],
  );
  const rest = new Uint8Array(3);
  let got = 0;
  while (got < 3) got += check(W.recv(server, rest.subarray(got), 3 - got, 0), 'recv');
  for (const s of [client, server, receiver, sender]) W.closesocket(s);
});

test('recv() that returns 0 on a connection the peer shut down sets the last error to 0 (A.11 item 1)', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.shutdown(client, W.SD_SEND), 'shutdown');
  assert.equal(afterSuccess([['recv at the end of the stream', () => W.recv(server, new Uint8Array(4), 4, 0)]]), [['recv at the end of the stream', 0, 0]]);
  W.closesocket(client);
  W.closesocket(server);
});

test('bind(), listen(), connect(), accept(), shutdown(), getpeername(), WSAAsyncSelect() and closesocket() leave the last error as they found it when they succeed (no test shows Windows clearing it)', (w) => {
  const { listener, addr } = listeningSocket();
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const l2 = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  let accepted = W.INVALID_SOCKET;
  assertSequence(
    afterSuccess([
      ['bind', () => W.bind(l2, loopback(0), 16)],
      ['listen', () => W.listen(l2, 1)],
      ['connect', () => W.connect(s, addr, 16)],
      ['accept', () => ((accepted = W.accept(listener, null, null)) === W.INVALID_SOCKET ? W.SOCKET_ERROR : 0)],
      ['getpeername', () => W.getpeername(s, new W.SOCKADDR_IN(), { value: 16 })],
      ['WSAAsyncSelect', () => W.WSAAsyncSelect(accepted, w.hwnd, WM_USER, 0)],
      ['shutdown', () => W.shutdown(s, W.SD_BOTH)],
      ['closesocket', () => W.closesocket(l2)],
    ]),
    [
      ['bind', 0, STALE],
      ['listen', 0, STALE],
      ['connect', 0, STALE],
      ['accept', 0, STALE],
      ['getpeername', 0, STALE],
      ['WSAAsyncSelect', 0, STALE],
      ['shutdown', 0, STALE],
      ['closesocket', 0, STALE],
    ],
  );
  for (const h of [s, accepted, listener]) W.closesocket(h);
});

test.run();
