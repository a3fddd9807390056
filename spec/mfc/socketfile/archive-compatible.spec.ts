// Why CSocketFile has an archive-compatible mode: on a disk file a short read means the end, on a
// socket it means "not yet". A CArchive over a CSocketFile (archive-compatible, reporting
// bufferBlocking) loads a value that arrives in pieces by reading again, asks only for the bytes
// the value still lacks, and so never waits for data the peer has not sent. An archive that asks
// for a whole buffer from a file that loops until it has it (bArchiveCompatible FALSE under MFC
// 6's archive) waits for bytes that will never come: the deadlock the mode exists to avoid — on
// virtual time a DeadlockError naming the blocked socket instead of a hang.
// Source: mfc-semantics §5.1 items 3 and 5, §5.3 items 3, 4 and 9; peers.md §0.4.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer), except the deadlock, which only the simulation can detect.
import * as assert from 'uvu/assert';
import { currentClock, DeadlockError } from 'afxsock/pump';
import { CSocketFile } from 'afxsock';
import { CArchive } from 'afxsock';
import { CSocket } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { stored } from '../archive/archiveSupport.ts';
import { bytes } from '../socket/socketWorld.ts';
import { Mfc6SocketFile } from './socketFileWorld.ts';
import { connect, inSocket, pieces, settleUntilInSocket } from '../socket/peerConnection.ts';
import { simNetWorld, type NetWorld } from 'afxsock/testing';

const test = dualSuite('CSocketFile archive-compatible mode');

test('CArchive on a CSocketFile treats a short Read as "not yet": a DWORD and a CString sent one byte at a time load whole (§5.1 items 3 and 5, §5.3 item 3)', (w) => {
  const c = connect(w, 7401, new CSocket());
  const message = stored((ar) => ar.writeDWORD(0xdeadbeef).writeCString('piecewise'));
  // Measured from before the first piece is sent: the last one cannot come sooner on either clock.
  const t0 = currentClock().nowMs();
  c.peer.sendsPieces(pieces(message, 1), 10);
  const arIn = new CArchive(new CSocketFile(c.client), CArchive.load);
  assert.is(arIn.readDWORD(), 0xdeadbeef);
  assert.is(arIn.readCString(), 'piecewise');
  const waitedMs = currentClock().nowMs() - t0;
  const lastPieceMs = 10 * (message.length - 1);
  if (w.kind === 'sim') assert.is(waitedMs, lastPieceMs + 1, `on virtual time: the last piece's arrival, sent ${lastPieceMs} ms after the first, + 1 ms latency`);
  else assert.ok(waitedMs >= lastPieceMs, `the loads waited for every piece: the last is sent ${lastPieceMs} ms after the first (waited ${waitedMs} ms)`);
  assert.ok(arIn.IsBufferEmpty());
  arIn.Close();
  c.end();
});

test('CArchive on a CSocketFile asks only for the bytes the value lacks: after one DWORD of two, the second is still in the socket (§5.3 item 9)', (w) => {
  const c = connect(w, 7402, new CSocket());
  c.peer.sends(stored((ar) => ar.writeDWORD(1).writeDWORD(2)));
  settleUntilInSocket(w, c.client, 8, 20);
  const arIn = new CArchive(new CSocketFile(c.client), CArchive.load);
  assert.is(arIn.readDWORD(), 1);
  assert.ok(arIn.IsBufferEmpty());
  assert.is(inSocket(c.client), 4);
  arIn.Close();
  c.end();
});

/** A request/reply exchange: the client sends "ping", the peer replies with one CString and waits for the next request. */
function replyOnce(w: NetWorld, port: number) {
  const reply = stored((ar) => ar.writeCString('pong'));
  const c = connect(w, port, new CSocket(), { reply: { bytes: [...reply] } });
  c.client.Send(bytes('ping'), 4);
  return c;
}

// Simulated only: DeadlockError is the simulation's; on real sockets the Receive would wait for ever.
test.simOnly('CSocketFile with bArchiveCompatible FALSE under an archive that asks for a whole buffer waits for bytes the peer will never send — the deadlock archive-compatible mode avoids (§5.1 item 5)', (sw) => {
  const w = simNetWorld(sw);
  const c = replyOnce(w, 7403);
  const arIn = new CArchive(new Mfc6SocketFile(c.client, false), CArchive.load);
  assert.throws(() => arIn.readCString(), (e: unknown) => e instanceof DeadlockError && /blocked in Receive\(\): waiting for FD_READ/.test(e.message));
  assert.not.ok(c.client.IsBlocking(), 'the failed call left the socket usable');
  arIn.Abort();
  c.end();
});

test('CSocketFile in archive-compatible mode gets the same reply under the same whole-buffer archive: one Receive, a short read, done (§5.1 item 5)', (w) => {
  const c = replyOnce(w, 7404);
  const arIn = new CArchive(new Mfc6SocketFile(c.client), CArchive.load);
  assert.is(arIn.readCString(), 'pong');
  arIn.Abort();
  c.end();
});

test('CSocketFile with bArchiveCompatible FALSE is safe under this library\'s archive, which asks a bufferBlocking file only for what it needs (§5.3 item 9)', (w) => {
  const c = replyOnce(w, 7405);
  const arIn = new CArchive(new CSocketFile(c.client, false), CArchive.load);
  assert.is(arIn.readCString(), 'pong');
  arIn.Close();
  c.end();
});

test.run();
