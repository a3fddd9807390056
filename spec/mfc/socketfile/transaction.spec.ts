// CArchive read transactions on a CSocketFile, from OnReceive (beyond MFC; the partial-message
// trap): the handler tries to load a whole message; while it is incomplete the transaction rolls
// back and the handler returns, to try again on the next FD_READ. It never waits: inside a
// transaction the archive asks CSocketFile.readableBytesNow() (ioctlsocket FIONREAD, or Infinity
// once the peer closed) and reads no more than that. Messages arrive in pieces forced by the
// sender, and in pieces the simulated network's seeded segmentation makes; the handler runs on a
// CSocket and on a plain CAsyncSocket; a close in the middle of a message rolls back, and OnClose
// then sees the archive's endOfFile.
// Source: issue 6 ("Beyond MFC: an opt-in read transaction"), peers.md §2.1 (IsBufferEmpty row) and
// §2.3; mfc-semantics §7.4 (loading in OnReceive), §5.3 items 4-5; CFile.readableBytesNow's JSDoc.
import * as assert from 'uvu/assert';
import { currentClock } from '../../../pump/index.ts';
import { CSocketFile } from '../../../lib/mfc/socket/CSocketFile.ts';
import { CArchive, CArchiveException, CMemFile, RUNTIME_CLASS } from '../../../lib/index.ts';
import { CSocket } from '../../../lib/mfc/socket/index.ts';
import { SEED, simSuite, type SimWorld } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { CAge } from '../archive/archiveSupport.ts';
import { pump, TestCSocket } from '../socket/socketWorld.ts';
import { connect, pieces } from './socketFileWorld.ts';

const test = simSuite('CSocketFile read transactions in OnReceive');
const segmented = simSuite('CSocketFile read transactions over seeded segmentation', { segmentBytesMax: 8, jitterMs: 6 });

type Message = [number, string, number];

/** One message of the spec protocol: a WORD id, a CString, a CAge pointer (shared ones become back-references). */
function writeMessage(ar: CArchive, [id, text, years]: Message, ages: Map<number, CAge>): void {
  if (!ages.has(years)) ages.set(years, CAge.of(years));
  ar.writeWORD(id).writeCString(text).writeCObject(ages.get(years)!);
}
function readMessage(ar: CArchive): Message {
  return [ar.readWORD(), ar.readCString(), ar.readCObject(RUNTIME_CLASS(CAge))!.m_years];
}

const sample: Message[] = Array.from({ length: 12 }, (_, i) => [i + 1, `message number ${i + 1} ${'.'.repeat(i * 3)}`, 20 + (i % 3)]);

/** The sample messages as one archive stores them, cut at the end of each message. */
function sampleMessages(): Uint8Array[] {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.store);
  const ages = new Map<number, CAge>();
  const ends = sample.map((m) => (writeMessage(ar, m, ages), ar.Flush(), file.GetLength()));
  ar.Close();
  const bytes = file.Detach();
  return ends.map((end, i) => bytes.slice(i === 0 ? 0 : ends[i - 1], end));
}
const sampleBytes = () => Buffer.concat(sampleMessages());

/**
 * OnReceive of the pattern: load whole messages in transactions until one is incomplete. Records
 * each OnReceive as [messages loaded, virtual ms it took] into `calls` and the messages into `got`.
 */
function transactionalReceiver(arIn: () => CArchive, got: Message[], calls: Row[]): () => void {
  return () => {
    const ar = arIn();
    const t0 = currentClock().nowMs();
    let loaded = 0;
    for (let m = ar.tryTransaction(() => readMessage(ar)); m !== undefined; m = ar.tryTransaction(() => readMessage(ar))) {
      got.push(m);
      loaded++;
    }
    calls.push([loaded, currentClock().nowMs() - t0]);
  };
}

/** Runs the CSocket client receiver while the peer sends `send`; returns what OnReceive saw. */
function receiveOnClient(w: SimWorld, port: number, send: (c: ReturnType<typeof connect<TestCSocket>>) => void, settleMs: number) {
  const got: Message[] = [];
  const calls: Row[] = [];
  const client = new TestCSocket('client', []);
  let arIn: CArchive | undefined;
  client.handlers.OnReceive = transactionalReceiver(() => (arIn ??= new CArchive(new CSocketFile(client), CArchive.load)), got, calls);
  const c = connect(w, port, client);
  send(c);
  pump(settleMs);
  assert.ok(arIn?.IsBufferEmpty(), 'nothing half-loaded is left over');
  assert.not.ok(arIn?.isInTransaction());
  arIn?.Abort();
  c.end();
  return { got, calls };
}

test('CArchive.tryTransaction() in a CSocket\'s OnReceive yields each message once all its pieces arrived, rolling back in between and never waiting (forced 3-byte pieces)', (w) => {
  const bytes = sampleBytes();
  const { got, calls } = receiveOnClient(w, 7601, (c) => c.peerSendsPieces(pieces(bytes, 3), 10), 10 * bytes.length);
  assert.equal(got, sample);
  assert.ok(calls.every(([, ms]) => ms === 0), `no OnReceive let virtual time pass: ${JSON.stringify(calls)}`);
  const incomplete = calls.filter(([n]) => n === 0).length;
  assert.ok(incomplete > sample.length, `most pieces completed no message (${incomplete} of ${calls.length} OnReceive calls)`);
});

segmented(`CArchive.tryTransaction() in a CSocket's OnReceive loads every message, each sent whole, that the network cut into segments of ≤ 8 bytes with jitter (seed ${SEED})`, (w) => {
  const { got, calls } = receiveOnClient(w, 7602, (c) => c.peerSendsPieces(sampleMessages(), 10), 500);
  assert.equal(got, sample);
  assert.ok(calls.every(([, ms]) => ms === 0), `no OnReceive let virtual time pass: ${JSON.stringify(calls)}`);
  assert.ok(calls.some(([n]) => n === 0), `at least one OnReceive found an incomplete message: ${JSON.stringify(calls)}`);
});

test('CArchive.tryTransaction() works in a plain CAsyncSocket\'s OnReceive too, and a storing archive on the same CSocketFile answers each message', (w) => {
  const got: Message[] = [];
  const calls: Row[] = [];
  let peerFile: CSocketFile | undefined;
  let arIn: CArchive | undefined;
  let arOut: CArchive | undefined;
  const receive = transactionalReceiver(() => arIn!, got, calls);
  const c = connect(w, 7603, new CSocket(), {
    OnReceive: (me) => {
      peerFile ??= new CSocketFile(me);
      arIn ??= new CArchive(peerFile, CArchive.load);
      arOut ??= new CArchive(peerFile, CArchive.store);
      const before = got.length;
      receive();
      for (const [id] of got.slice(before)) arOut.writeCString(`ack ${id}`);
      arOut.Flush();
    },
  });
  const bytes = sampleBytes();
  for (const piece of pieces(bytes, 7)) {
    c.client.Send(piece, piece.length);
    pump(3);
  }
  const arAck = new CArchive(new CSocketFile(c.client), CArchive.load);
  assert.equal(sample.map(() => arAck.readCString()), sample.map(([id]) => `ack ${id}`));
  assert.equal(got, sample);
  assert.ok(calls.every(([, ms]) => ms === 0));
  assert.ok(calls.some(([n]) => n === 0), 'some pieces completed no message');
  arAck.Close();
  arIn?.Abort();
  arOut?.Abort();
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
  c.peerSends(bytes.slice(0, 10));
  pump(20);
  c.peer.run(() => c.child().ShutDown());
  pump();
  assertSequence(log, [['OnReceive', 'incomplete'], ['OnClose', 'endOfFile']]);
  arIn?.Abort();
  c.end();
});

test.run();
segmented.run();
