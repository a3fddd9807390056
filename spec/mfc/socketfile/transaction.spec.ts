// CArchive read transactions on a CSocketFile, from OnReceive (beyond MFC; the partial-message
// trap): the handler tries to load a whole message; while it is incomplete the transaction rolls
// back and the handler returns, to try again on the next FD_READ. It never waits: inside a
// transaction the archive asks CSocketFile.readableBytesNow() (ioctlsocket FIONREAD, or Infinity
// once the peer closed) and reads no more than that. Messages arrive in pieces forced by the
// sender, and in pieces the simulated network's seeded segmentation makes; the handler runs on a
// CSocket and on a plain CAsyncSocket; a close in the middle of a message rolls back, and OnClose
// then sees the archive's endOfFile.
// The CSocket receiver gets the forced pieces one at a time: the spec sends the next piece once the
// client's OnReceive has handled the last (a handshake), so the count of OnReceive calls does not
// depend on how a real network coalesces what arrives. The peer's code is fixtures/transactionPeer.ts.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer), except the seeded segmentation, which only the simulation has.
// Source: issue 6 ("Beyond MFC: an opt-in read transaction"), peers.md §2.1 (IsBufferEmpty row) and
// §2.3; mfc-semantics §7.4 (loading in OnReceive), §5.3 items 4-5; CFile.readableBytesNow's JSDoc.
import * as assert from 'uvu/assert';
import { CSocketFile } from 'afxsock';
import { CArchive, CArchiveException } from 'afxsock';
import { CSocket } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { SEED } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { pump, TestCSocket } from '../socket/socketWorld.ts';
import {
  NeverWaitingSocketFile, peerExtension, readMessage, sample, sampleBytes, sampleMessages, transactionalReceiver, type Call, type Message,
} from './fixtures/transactionPeer.ts';
import { connect, connectTo, pieces, pumpUntil } from '../socket/peerConnection.ts';
import { simNetWorld, type NetWorld, startPeer } from 'afxsock/testing';

const test = dualSuite('CSocketFile read transactions in OnReceive');
const segmented = dualSuite('CSocketFile read transactions over seeded segmentation', { segmentBytesMax: 8, jitterMs: 6 });

/**
 * Runs the CSocket client receiver (its file's Read throws rather than wait) while the peer sends
 * what `send` says; returns what OnReceive saw.
 */
function receiveOnClient(w: NetWorld, port: number, send: (c: ReturnType<typeof connect<TestCSocket>>, calls: Call[]) => void, settleMs: number) {
  const got: Message[] = [];
  const calls: Call[] = [];
  const client = new TestCSocket('client', []);
  let arIn: CArchive | undefined;
  client.handlers.OnReceive = transactionalReceiver(() => (arIn ??= new CArchive(new NeverWaitingSocketFile(client), CArchive.load)), got, calls);
  const c = connect(w, port, client);
  send(c, calls);
  pump(settleMs);
  assert.ok(arIn?.IsBufferEmpty(), 'nothing half-loaded is left over');
  assert.not.ok(arIn?.isInTransaction());
  arIn?.Abort();
  c.end();
  return { got, calls };
}

/** No OnReceive let virtual time pass (real time always passes: there the file's Read, which throws rather than wait, is the check). */
function noneWaited(w: NetWorld, calls: Call[]): void {
  if (w.kind === 'sim') assert.ok(calls.every(([, ms]) => ms === 0), `no OnReceive let virtual time pass: ${JSON.stringify(calls)}`);
}

test('CArchive.tryTransaction() in a CSocket\'s OnReceive yields each message once all its pieces arrived, rolling back in between and never waiting (forced 3-byte pieces)', (w) => {
  const bytes = sampleBytes();
  const { got, calls } = receiveOnClient(w, 7601, (c, calls) => {
    for (const piece of pieces(bytes, 3)) {
      const before = calls.length;
      c.peer.sends(piece);
      pumpUntil(() => calls.length > before, 'the OnReceive of a piece');
    }
  }, 20);
  assert.equal(got, sample);
  noneWaited(w, calls);
  const incomplete = calls.filter(([n]) => n === 0).length;
  assert.ok(incomplete > sample.length, `most pieces completed no message (${incomplete} of ${calls.length} OnReceive calls)`);
});

// Simulated only: the simulated network's seeded segmentation (segmentBytesMax, jitterMs) is what cuts the messages.
segmented.simOnly(`CArchive.tryTransaction() in a CSocket's OnReceive loads every message, each sent whole, that the network cut into segments of ≤ 8 bytes with jitter (seed ${SEED})`, (sw) => {
  const w = simNetWorld(sw);
  const { got, calls } = receiveOnClient(w, 7602, (c) => c.peer.sendsPieces(sampleMessages(), 10), 500);
  assert.equal(got, sample);
  noneWaited(w, calls);
  assert.ok(calls.some(([n]) => n === 0), `at least one OnReceive found an incomplete message: ${JSON.stringify(calls)}`);
});

test('CArchive.tryTransaction() works in a plain CAsyncSocket\'s OnReceive too, and a storing archive on the same CSocketFile answers each message', (w) => {
  // The plain CAsyncSocket is the peer's (fixtures/transactionPeer.ts), on its own thread.
  const peer = startPeer(w, 'transaction peer', { url: new URL('./fixtures/transactionPeer.ts', import.meta.url), peerExtension });
  const c = connectTo(w, peer, peer.call<number>('listen', w.kind === 'real' ? 0 : 7603), new CSocket());
  const bytes = sampleBytes();
  for (const piece of pieces(bytes, 7)) {
    c.client.Send(piece, piece.length);
    pump(3);
  }
  const arAck = new CArchive(new CSocketFile(c.client), CArchive.load);
  assert.equal(sample.map(() => arAck.readCString()), sample.map(([id]) => `ack ${id}`));
  const { got, calls } = peer.call<{ got: Message[]; calls: Call[] }>('result');
  assert.equal(got, sample);
  noneWaited(w, calls);
  assert.ok(calls.some(([n]) => n === 0), 'some pieces completed no message');
  arAck.Close();
  peer.call('finish');
  c.end();
});

test('CArchive.tryTransaction() rolls back a message the peer abandoned by closing; OnClose then sees endOfFile from a plain load (§5.3 item 4)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  let arIn: CArchive | undefined;
  const archive = () => (arIn ??= new CArchive(new CSocketFile(client), CArchive.load));
  client.handlers.OnReceive = () => log.push(['OnReceive', archive().tryTransaction(() => readMessage(archive())) ?? 'incomplete']);
  client.handlers.OnClose = () => {
    try {
      readMessage(archive());
      log.push(['OnClose', 'loaded']);
    } catch (e) {
      log.push(['OnClose', e instanceof CArchiveException && e.m_cause === CArchiveException.endOfFile ? 'endOfFile' : String(e)]);
    }
  };
  const c = connect(w, 7604, client);
  const bytes = sampleBytes();
  c.peer.sends(bytes.slice(0, 10));
  pump(20);
  c.peer.shutsDown();
  pump();
  assertSequence(log, [['OnReceive', 'incomplete'], ['OnClose', 'endOfFile']]);
  arIn?.Abort();
  c.end();
});

test.run();
segmented.run();
