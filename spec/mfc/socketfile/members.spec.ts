// CSocketFile's members, as MFC's code has them: the constructor keeps the socket and the mode;
// Read in archive-compatible mode is one blocking CSocket Receive (≥ 1 byte, or 0 once the peer
// closed), otherwise a loop until nCount bytes (or the close); a SOCKET_ERROR is a CFileException
// (generic) carrying the Winsock error; Write is one CSocket Send; Open, Duplicate, GetPosition,
// GetLength, SetLength, LockRange, UnlockRange and Abort throw CNotSupportedException, while Seek
// returns 0 (the documentation says it throws — MFC's code and this library do not), Flush does
// nothing and Close only drops the socket pointer; GetBufferPtr(bufferCheck) says bufferBlocking.
// Source: mfc-semantics §5.1 items 1-4 and 6, §5.3 item 9, §9 items 2 and 5; peers.md §0.4.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer).
import * as assert from 'uvu/assert';
import { currentClock } from 'afxsock/pump';
import { CSocketFile } from 'afxsock';
import { CAsyncSocket, CSocket } from 'afxsock';
import { CFile, CFileException, CNotSupportedException, RUNTIME_CLASS } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { hex } from '../archive/archiveSupport.ts';
import { bytes, pump } from '../socket/socketWorld.ts';
import { connect, pieces } from '../socket/peerConnection.ts';

const test = dualSuite('CSocketFile members');

/** The CFileException `fn` throws (fails the spec when it throws nothing or something else). */
function fileExceptionOf(fn: () => unknown): CFileException {
  try {
    fn();
  } catch (e) {
    if (e instanceof CFileException) return e;
    throw e;
  }
  assert.unreachable('expected a CFileException; nothing was thrown');
  throw new Error('unreachable');
}

test('CSocketFile() keeps the socket in m_pSocket and is archive-compatible by default; it is a CFile at run time (§5.1 item 1)', (w) => {
  const c = connect(w, 7101, new CSocket());
  const file = new CSocketFile(c.client);
  assert.is(file.m_pSocket, c.client);
  assert.is(file.m_bArchiveCompatible, true);
  assert.is(new CSocketFile(c.client, false).m_bArchiveCompatible, false);
  assert.ok(file.IsKindOf(RUNTIME_CLASS(CFile)));
  assert.is(file.GetRuntimeClass().m_lpszClassName, 'CSocketFile');
  c.end();
});

test('CSocketFile() refuses what MFC\'s debug build ASSERTs: no socket, a socket without a handle, a datagram socket (§5.1 item 1)', () => {
  assert.throws(() => new CSocketFile(null as unknown as CSocket), /must be a CSocket/);
  assert.throws(() => new CSocketFile(new CSocket()), /has no handle/);
  const udp = new CSocket();
  assert.ok(udp.Create(0, W.SOCK_DGRAM));
  W.WSASetLastError(0);
  assert.throws(() => new CSocketFile(udp), /not a SOCK_STREAM socket/);
  assert.is(W.WSAGetLastError(), 0, 'the SO_TYPE check leaves the last error alone');
  udp.Close();
  pump();
});

test('CSocketFile.Read() returns as soon as one byte has arrived in archive-compatible mode (§5.1 item 3)', (w) => {
  const c = connect(w, 7102, new CSocket());
  const file = new CSocketFile(c.client);
  c.peer.sendsPieces([bytes('a'), bytes('bc')], 50);
  const buf = new Uint8Array(100);
  const t0 = currentClock().nowMs();
  assert.is(file.Read(buf, 100), 1, 'one Receive: the first byte, not the 100 asked for');
  assert.is(String.fromCharCode(buf[0]!), 'a');
  const waitedMs = currentClock().nowMs() - t0;
  if (w.kind === 'sim') assert.is(waitedMs, 1, 'on virtual time: the first piece\'s arrival (1 ms latency), not the second\'s 50 ms later');
  else assert.ok(waitedMs < 50, `it did not wait for the second piece, 50 ms later (waited ${waitedMs} ms)`);
  assert.is(file.Read(buf, 100), 2, 'the next Read waits for the next piece');
  c.end();
});

test('CSocketFile.Read() returns 0 once the peer has closed gracefully, in both modes (§5.1 item 3)', (w) => {
  const c = connect(w, 7103, new CSocket());
  c.peer.shutsDown();
  const buf = new Uint8Array(8);
  assert.is(new CSocketFile(c.client).Read(buf, 8), 0);
  assert.is(new CSocketFile(c.client, false).Read(buf, 8), 0);
  c.end();
});

test('CSocketFile.Read() in non-archive-compatible mode receives until nCount bytes have arrived (§5.1 item 3)', (w) => {
  const c = connect(w, 7104, new CSocket());
  const file = new CSocketFile(c.client, false);
  const message = bytes('0123456789');
  // Measured from before the first piece is sent: the fourth cannot come sooner on either clock.
  const t0 = currentClock().nowMs();
  c.peer.sendsPieces(pieces(message, 3), 20);
  const buf = new Uint8Array(10);
  assert.is(file.Read(buf, 10), 10);
  assert.is(new TextDecoder().decode(buf), '0123456789');
  const waitedMs = currentClock().nowMs() - t0;
  if (w.kind === 'sim') assert.is(waitedMs, 61, 'on virtual time: the fourth piece\'s arrival, sent 60 ms after the first, + 1 ms latency');
  else assert.ok(waitedMs >= 60, `it waited for the fourth piece, sent 60 ms after the first (waited ${waitedMs} ms)`);
  c.end();
});

test('CSocketFile.Read() in non-archive-compatible mode returns the count so far when the peer closes first (§5.1 item 3)', (w) => {
  const c = connect(w, 7105, new CSocket());
  c.peer.sends(bytes('abc'));
  c.peer.shutsDown();
  const buf = new Uint8Array(10);
  assert.is(new CSocketFile(c.client, false).Read(buf, 10), 3);
  assert.is(new TextDecoder().decode(buf.subarray(0, 3)), 'abc');
  c.end();
});

test('CSocketFile.Read() turns a failed Receive into CFileException generic with m_lOsError = the Winsock error (§5.1 item 3, §5.4)', (w) => {
  const c = connect(w, 7106, new CSocket());
  c.peer.aborts(); // SO_LINGER {1,0}, then Close
  for (const compatible of [true, false]) {
    const e = fileExceptionOf(() => new CSocketFile(c.client, compatible).Read(new Uint8Array(8), 8));
    assert.equal([e.m_cause, e.m_lOsError], [CFileException.generic, W.WSAECONNRESET], `bArchiveCompatible ${compatible}`);
  }
  c.end();
});

test('CSocketFile.Write() sends every byte with one CSocket Send, even more than the send buffer holds (§5.1 item 4)', (w) => {
  const c = connect(w, 7107, new CSocket());
  const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
  new CSocketFile(c.client).Write(big, big.length);
  c.client.ShutDown();
  const received = c.peerReceived(big.length);
  assert.is(received.length, big.length);
  assert.ok(received.every((b, i) => b === (i & 0xff)));
  c.end();
});

test('CSocketFile.Write() turns a failed Send into CFileException generic with m_lOsError = the Winsock error (§5.1 item 4)', (w) => {
  const c = connect(w, 7108, new CSocket());
  assert.ok(c.client.ShutDown(CAsyncSocket.sends));
  const e = fileExceptionOf(() => new CSocketFile(c.client).Write(bytes('x'), 1));
  assert.equal([e.m_cause, e.m_lOsError], [CFileException.generic, W.WSAESHUTDOWN]);
  c.end();
});

test('CSocketFile.Open(), Duplicate(), GetPosition(), GetLength(), SetLength(), LockRange(), UnlockRange() and Abort() throw CNotSupportedException (§5.1 item 2)', (w) => {
  const c = connect(w, 7109, new CSocket());
  const file = new CSocketFile(c.client);
  const unsupported: [string, () => unknown][] = [
    ['Open', () => file.Open('x', CFile.modeRead)],
    ['Duplicate', () => file.Duplicate()],
    ['GetPosition', () => file.GetPosition()],
    ['GetLength', () => file.GetLength()],
    ['SetLength', () => file.SetLength(0)],
    ['LockRange', () => file.LockRange(0, 1)],
    ['UnlockRange', () => file.UnlockRange(0, 1)],
    ['Abort', () => file.Abort()],
  ];
  for (const [name, call] of unsupported) assert.throws(call, (e: unknown) => e instanceof CNotSupportedException, name);
  assert.is(file.m_pSocket, c.client, 'Abort did not drop the socket either');
  c.end();
});

test('CSocketFile.Seek() returns 0 without throwing, whatever it is asked — MFC\'s code, not the documentation (§5.1 item 2, §9 item 2)', (w) => {
  const c = connect(w, 7110, new CSocket());
  const file = new CSocketFile(c.client);
  assert.is(file.Seek(0, CFile.current), 0);
  assert.is(file.Seek(-5, CFile.current), 0, 'what a loading CArchive\'s Flush asks');
  assert.is(file.Seek(100, CFile.begin), 0);
  assert.is(file.SeekToEnd(), 0);
  file.SeekToBegin();
  c.end();
});

test('CSocketFile.Flush() does nothing: nothing is held back to send (§5.1 item 2)', (w) => {
  const c = connect(w, 7111, new CSocket());
  const file = new CSocketFile(c.client);
  file.Flush();
  pump(50);
  assert.equal([...c.peerReceived()], [], 'a Flush with nothing written sends nothing');
  file.Write(bytes('hi'), 2);
  pump(50);
  assert.is(hex(c.peerReceived(2)), '68 69', 'Write sent at once, before any Flush');
  c.end();
});

test('CSocketFile.Close() drops the socket pointer and leaves the socket open (§5.1 items 1-2)', (w) => {
  const c = connect(w, 7112, new CSocket());
  const file = new CSocketFile(c.client);
  file.Close();
  assert.is(file.m_pSocket, null);
  assert.is.not(c.client.m_hSocket, W.INVALID_SOCKET);
  assert.is(c.client.Send(bytes('still open'), 10), 10);
  pump(50);
  assert.is(c.peerReceived(10).length, 10);
  assert.throws(() => file.Read(new Uint8Array(1), 1), /closed/);
  assert.throws(() => file.Write(bytes('x'), 1), /closed/);
  file.Close();
  c.end();
});

test('CSocketFile.GetBufferPtr(bufferCheck) reports bufferBlocking, which makes CArchive read only what it needs (§5.1 item 6, §5.3 item 9)', (w) => {
  const c = connect(w, 7113, new CSocket());
  const file = new CSocketFile(c.client);
  assert.is(file.GetBufferPtr(CFile.bufferCheck), CFile.bufferBlocking);
  assert.throws(() => file.GetBufferPtr(CFile.bufferRead, 10), (e: unknown) => e instanceof CNotSupportedException);
  c.end();
});

test('CSocketFile.readableBytesNow() is what has been received, 0 before anything came, Infinity once the peer closed and the bytes are read; it leaves the last error alone', (w) => {
  const c = connect(w, 7114, new CSocket());
  const file = new CSocketFile(c.client);
  W.WSASetLastError(W.WSAEWOULDBLOCK);
  assert.is(file.readableBytesNow(), 0);
  c.peer.sends(bytes('12345'));
  pump(20);
  assert.is(file.readableBytesNow(), 5);
  c.peer.shutsDown();
  pump(20);
  assert.is(file.readableBytesNow(), 5, 'the bytes before the FIN come first');
  assert.is(file.Read(new Uint8Array(5), 5), 5);
  assert.is(W.WSAGetLastError(), 0, "the Read's successful recv cleared the error (windows-facts A.11)");
  W.WSASetLastError(W.WSAEWOULDBLOCK);
  assert.is(file.readableBytesNow(), Infinity, 'a Read now returns 0 at once');
  assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK);
  file.Close();
  assert.is(file.readableBytesNow(), Infinity, 'after Close a Read fails at once');
  c.end();
});

test.run();
