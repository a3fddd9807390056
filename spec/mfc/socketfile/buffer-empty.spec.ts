// CArchive.IsBufferEmpty() and the partial-message trap on a socket archive. An archive that fills
// its whole buffer from one Receive (MFC 4.x/6.0, whose CArchive never asked the file
// GetBufferPtr) can pull several messages out of the socket in one OnReceive; no FD_READ will come
// for them, because they are no longer in the socket. A handler that loops until IsBufferEmpty()
// gets them all; one that does not leaves them "indefinitely delayed" — until the peer happens to
// send again — and a loading archive that is closed with them (the §7.4 snippet's local archive)
// drops them, because CSocketFile.Seek cannot give them back. Later MFC's archive, which this
// library emulates, reads only what the value it loads needs from a file that reports
// bufferBlocking, as CSocketFile does: the next message stays in the socket and gets its own FD_READ.
// Source: mfc-semantics §5.3 items 3, 5 and 9, §5.2 (IsBufferEmpty, Flush), §5.1 items 2 and 5,
// §7.4 ("How Sockets with Archives Work"); peers.md §0.4 and §2.1 (the IsBufferEmpty row).
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer), except the "indefinitely delayed" one, which measures ten seconds
// of virtual time exactly.
import * as assert from 'uvu/assert';
import { currentClock } from 'afxsock/pump';
import { CSocketFile } from 'afxsock';
import { CArchive } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { stored } from '../archive/archiveSupport.ts';
import { pump, TestCSocket } from '../socket/socketWorld.ts';
import { Mfc6SocketFile } from './socketFileWorld.ts';
import { connect, inSocket, settleUntilInSocket } from '../socket/peerConnection.ts';
import { simNetWorld, type NetWorld } from 'afxsock/testing';

const test = dualSuite('CArchive.IsBufferEmpty on a CSocketFile');

/** CStrings as one archive stores them back to back: several messages in one Send. */
function messages(...texts: string[]): Uint8Array {
  return stored((ar) => texts.forEach((t) => ar.writeCString(t)));
}

/** Lets the three messages of one Send arrive before the client's message loop runs again. */
function sendThreeAndSettle(c: ReturnType<typeof connect<TestCSocket>>, w: NetWorld): void {
  const bytes = messages('one', 'two', 'three');
  c.peer.sends(bytes);
  settleUntilInSocket(w, c.client, bytes.length, 20);
  assert.is(inSocket(c.client), bytes.length, 'all three messages wait in the socket');
}

test('CArchive on a CSocketFile takes one message per OnReceive and leaves the next in the socket, which brings another FD_READ (bufferBlocking, §5.3 item 9, §7.4)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  client.handlers.OnReceive = (self) => {
    // The §7.4 snippet: a socket file and a loading archive in OnReceive, one message, then scope exit.
    const file = new CSocketFile(self);
    const ar = new CArchive(file, CArchive.load);
    log.push(['OnReceive', ar.readCString(), ar.IsBufferEmpty(), inSocket(self)]);
    ar.dispose();
  };
  const c = connect(w, 7301, client);
  sendThreeAndSettle(c, w);
  pump();
  assertSequence(log, [
    ['OnReceive', 'one', true, 24],
    ['OnReceive', 'two', true, 14],
    ['OnReceive', 'three', true, 0],
  ], 'each OnReceive: its message, nothing buffered, the rest still in the socket');
  c.end();
});

test('CArchive.IsBufferEmpty() stays FALSE after one message when one Receive brought three; the handler that loops until it is TRUE gets all three in one OnReceive (§5.3 item 5, §7.2)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  const c = connect(w, 7302, client);
  const arIn = new CArchive(new Mfc6SocketFile(client), CArchive.load);
  client.handlers.OnReceive = () => {
    log.push(['OnReceive']);
    do log.push([arIn.readCString(), arIn.IsBufferEmpty()]);
    while (!arIn.IsBufferEmpty());
  };
  sendThreeAndSettle(c, w);
  pump();
  assertSequence(log, [['OnReceive'], ['one', false], ['two', false], ['three', true]]);
  assert.is(inSocket(client), 0);
  arIn.Abort();
  c.end();
});

// Simulated only: it measures virtual time exactly — ten seconds without an OnReceive, and the
// message that ends the wait dispatched 1 ms (the simulated latency) after it was sent.
test.simOnly('CArchive.IsBufferEmpty() ignored: the messages left in the archive buffer wait for the peer\'s next message, however long that takes — "indefinitely delayed" (§5.2 IsBufferEmpty, peers.md §2.1)', (sw) => {
  const w = simNetWorld(sw);
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  const c = connect(w, 7303, client);
  const arIn = new CArchive(new Mfc6SocketFile(client), CArchive.load);
  client.handlers.OnReceive = () => log.push(['OnReceive', arIn.readCString(), currentClock().nowMs()]);
  sendThreeAndSettle(c, w);
  const t0 = currentClock().nowMs();
  pump(10_000);
  assertSequence(log, [['OnReceive', 'one', t0]], 'one OnReceive in ten seconds');
  assert.not.ok(arIn.IsBufferEmpty(), '"two" and "three" sit in the archive buffer');
  assert.is(inSocket(client), 0, 'and no longer in the socket, so no FD_READ comes for them');
  const t1 = currentClock().nowMs();
  c.peer.sends(messages('four'));
  pump();
  assertSequence(log, [['OnReceive', 'one', t0], ['OnReceive', 'two', t1 + 1]], 'the next message of the peer is what brings "two" out, ten seconds late; "four" waits in turn');
  assert.not.ok(arIn.IsBufferEmpty());
  arIn.Abort();
  c.end();
});

test('CArchive.Close() of a loading archive on a CSocketFile drops what it had buffered, since CSocketFile.Seek() cannot give it back: the §7.4 snippet without the loop loses messages (§5.2 Flush, §5.1 item 2, §7.4)', (w) => {
  const log: Row[] = [];
  const client = new TestCSocket('client', []);
  client.handlers.OnReceive = (self) => {
    const file = new Mfc6SocketFile(self);
    const ar = new CArchive(file, CArchive.load);
    log.push(['OnReceive', ar.readCString()]);
    ar.dispose(); // the C++ destructor: Close, which Flushes, which seeks back over the unread bytes
  };
  const c = connect(w, 7304, client);
  sendThreeAndSettle(c, w);
  pump(1000);
  c.peer.sends(messages('four'));
  pump();
  assertSequence(log, [['OnReceive', 'one'], ['OnReceive', 'four']], '"two" and "three" are gone');
  c.end();
});

test.run();
