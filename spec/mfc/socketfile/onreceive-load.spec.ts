// The documentation's "How Sockets with Archives Work" snippet: a CSocket's OnReceive makes a
// CSocketFile and a loading CArchive on itself and reads a CString. When the string arrives in
// pieces, the load waits inside OnReceive — CSocket's nested pump — and the FD_READs of the later
// pieces end that wait instead of re-entering OnReceive (a CSocket is either blocking or
// notifying, never both).
// Source: mfc-semantics §7.4, §4.3 (PumpMessages consumes the socket's own FD_READ), §5.1 item 3.
// Runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its own thread
// (afxsock/testing startPeer).
import * as assert from 'uvu/assert';
import { currentClock } from 'afxsock/pump';
import { CSocketFile } from 'afxsock';
import { CArchive } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { stored } from '../archive/archiveSupport.ts';
import { pump, TestCSocket } from '../socket/socketWorld.ts';
import { connect, pieces } from '../socket/peerConnection.ts';

const test = dualSuite('CSocketFile in OnReceive (How Sockets with Archives Work)');

test('CArchive.readCString() in a CSocket\'s OnReceive waits there for the rest of a string sent in pieces, without a nested OnReceive (§7.4)', (w) => {
  const log: Row[] = [];
  let depth = 0;
  const client = new TestCSocket('client', []);
  client.handlers.OnReceive = (self, nErrorCode) => {
    if (nErrorCode !== 0) return;
    depth++;
    const t0 = currentClock().nowMs();
    // CSocketFile file(this); CArchive ar(&file, CArchive::load); ar >> str;
    const file = new CSocketFile(self);
    const ar = new CArchive(file, CArchive.load);
    const str = ar.readCString();
    log.push(['OnReceive', str, depth, currentClock().nowMs() - t0 >= 40]);
    ar.dispose();
    depth--;
  };
  const c = connect(w, 7801, client);
  const message = stored((ar) => ar.writeCString('sent in five pieces'));
  // 50 ms apart: the last piece comes 200 ms after the first, so the wait inside OnReceive lasts
  // 40 ms or more on real time too, unless the first OnReceive is dispatched 160 ms late.
  c.peer.sendsPieces(pieces(message, Math.ceil(message.length / 5)), 50);
  pump(400);
  assertSequence(log, [['OnReceive', 'sent in five pieces', 1, true]], 'one OnReceive, at depth 1, that waited for the last piece');
  c.end();
});

test.run();
