// CAsyncSocket and CSocket take their C arguments by the facade's one rule (README "Arguments: C's
// conversions", lib/winsock/argumentRules.ts), so both classes answer alike: an int length is
// converted as C converts it (2.5 is 2), one that is no number is WSAEFAULT, a buffer is any
// ArrayBufferView read as its bytes, and a string or a detached buffer is WSAEFAULT, as a bad
// pointer is. CSocket.Send's loop (mfc-semantics §4: "sends all nBufLen bytes") checks the rule
// once and sends at least one byte per round, so it always ends; a negative nBufLen returns 0, as
// MFC's loop never runs. CSocketFile's Write and Read, which consume a length through Send and
// Receive, end too. A port (UINT nHostPort) is converted as C converts a UINT and cut to u_short
// by htons((u_short)nPort); one that is no number fails with WSAEINVAL. Success clears the last
// error where the Winsock call does (windows-facts A.11).
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer).
import * as assert from 'uvu/assert';
import { CSocketFile } from 'afxsock';
import { CAsyncSocket, CSocket } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { connect, eventually, inSocket } from './peerConnection.ts';
import { bytes, portOf, pump } from './socketWorld.ts';

const test = dualSuite('CAsyncSocket and CSocket C arguments');

const as = <T>(value: unknown): T => value as T;
const text = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

/** A view of a buffer that structuredClone has transferred away (detached). */
function detached(): Uint8Array {
  const view = new Uint8Array(8);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

/** [label, result, GetLastError()] for each call, the error set to 1234 before each. */
function outcomes(calls: [string, () => unknown][]): Row[] {
  return calls.map(([label, call]) => {
    W.WSASetLastError(1234);
    return [label, call(), CAsyncSocket.GetLastError()];
  });
}

test('CSocket.Send() with nBufLen 2.5 sends 2 bytes and returns 2; 2^32 + 3 sends 3; a negative nBufLen returns 0 and sends nothing, as MFC\'s loop does', (w) => {
  const c = connect(w, 7901, new CSocket());
  const data = bytes('hello');
  assertSequence(
    outcomes([
      ['Send 2.5', () => c.client.Send(data, 2.5)],
      ['Send 2^32 + 3', () => c.client.Send(data.subarray(2), 2 ** 32 + 3)],
      ['Send -1', () => c.client.Send(data, -1)],
    ]),
    [
      ['Send 2.5', 2, 0],
      ['Send 2^32 + 3', 3, 0],
      ['Send -1', 0, 1234],
    ],
  );
  assert.is(text(c.peerReceived(5)), 'hello');
  c.end();
});

test('CSocket.Send() and CAsyncSocket.Send() answer alike: NaN, a string, an array, null and a detached buffer fail with WSAEFAULT', (w) => {
  const c = connect(w, 7902, new CSocket());
  const args: [string, unknown, unknown][] = [
    ['NaN', bytes('abcd'), NaN],
    ['"hello"', 'hello', 5],
    ['[1, 2]', [1, 2], 2],
    ['null', null, 0],
    ['detached', detached(), 8],
  ];
  const calls: [string, () => unknown][] = [];
  for (const [what, buf, len] of args) {
    calls.push([`CSocket.Send ${what}`, () => c.client.Send(as(buf), as(len))]);
    // CAsyncSocket's own Send on the same socket: the one send() of the facade.
    calls.push([`CAsyncSocket.Send ${what}`, () => CAsyncSocket.prototype.Send.call(c.client, as(buf), as(len))]);
  }
  assertSequence(
    outcomes(calls),
    args.flatMap(([what]) => [
      [`CSocket.Send ${what}`, W.SOCKET_ERROR, W.WSAEFAULT],
      [`CAsyncSocket.Send ${what}`, W.SOCKET_ERROR, W.WSAEFAULT],
    ]),
  );
  assert.ok(c.client.Send(bytes('!'), 1) === 1 && text(c.peerReceived(1)) === '!', 'the connection still works, and nothing else reached the peer');
  c.end();
});

test('CSocket.Send() and Receive() take a Uint16Array or a DataView as the bytes they span', (w) => {
  const c = connect(w, 7903, new CSocket());
  const wide = new Uint16Array([0x6968, 0x0021]); // "hi!\0" in memory, little-endian
  assert.is(c.client.Send(wide, 4), 4);
  assert.is(c.client.Send(new DataView(bytes('xyz').buffer), 3), 3);
  assert.equal([...c.peerReceived(7)], [0x68, 0x69, 0x21, 0x00, 0x78, 0x79, 0x7a]);
  c.peer.sends(bytes('ok'));
  eventually(() => inSocket(c.client), (n) => n >= 2, "the peer's 2 bytes");
  const into = new Uint16Array(1);
  assert.is(c.client.Receive(into, 2), 2);
  assert.is(text(new Uint8Array(into.buffer)), 'ok');
  c.end();
});

test('CSocketFile.Write() and Read() with nCount 2.5 return: 2 bytes go, 2 bytes come', (w) => {
  const c = connect(w, 7904, new CSocket());
  const file = new CSocketFile(c.client, false);
  file.Write(bytes('abc'), 2.5);
  assert.is(text(c.peerReceived(2)), 'ab');
  c.peer.sends(bytes('xyz'));
  eventually(() => file.readableBytesNow(), (n) => n >= 3, 'the peer\'s 3 bytes');
  const into = new Uint8Array(3);
  // The loop asks for 2 (2.5 as an int), then for 0 (the 0.5 left), which returns 0 and ends it.
  assert.is(file.Read(into, 2.5), 2);
  assert.is(text(into.subarray(0, 2)), 'xy');
  assert.is(file.Read(into, 1), 1, 'the third byte is still there');
  file.Close();
  c.end();
});

test('CAsyncSocket.Bind(), Connect() and SendTo() take a port as C takes a UINT: p + 65536 is p; a port that is no number fails with WSAEINVAL, and an out-parameter that is no object with WSAEFAULT', () => {
  const receiver = new CAsyncSocket();
  assert.ok(receiver.Create(0, W.SOCK_DGRAM, 0, '127.0.0.1'));
  const port = portOf(receiver);
  const sender = new CAsyncSocket();
  assert.ok(sender.Create(0, W.SOCK_DGRAM, 0));
  const unbound = new CAsyncSocket();
  assert.ok(unbound.Socket(W.SOCK_DGRAM, 0));
  assertSequence(
    outcomes([
      ['SendTo port + 65536', () => sender.SendTo(bytes('dgram'), 5, port + 65536, '127.0.0.1')],
      ['SendTo port NaN', () => sender.SendTo(bytes('dgram'), 5, NaN, '127.0.0.1')],
      ['Bind NaN', () => unbound.Bind(NaN)],
      ['Connect port NaN', () => sender.Connect('127.0.0.1', NaN)],
      ['GetSockName rSocketPort null', () => receiver.GetSockName({ value: '' }, as(null))],
      ['ReceiveFrom rSocketPort null', () => receiver.ReceiveFrom(new Uint8Array(8), 8, { value: '' }, as(null))],
    ]),
    [
      ['SendTo port + 65536', 5, 0],
      ['SendTo port NaN', W.SOCKET_ERROR, W.WSAEINVAL],
      ['Bind NaN', false, W.WSAEINVAL],
      ['Connect port NaN', false, W.WSAEINVAL],
      ['GetSockName rSocketPort null', false, W.WSAEFAULT],
      ['ReceiveFrom rSocketPort null', W.SOCKET_ERROR, W.WSAEFAULT],
    ],
  );
  const into = new Uint8Array(8);
  const got = eventually(() => receiver.Receive(into, 8), (n) => n !== W.SOCKET_ERROR, 'the datagram');
  assert.is(text(into.subarray(0, got)), 'dgram', 'the datagram went to port, not port + 65536');
  for (const s of [receiver, sender, unbound]) s.Close();
  pump();
});

test.run();
