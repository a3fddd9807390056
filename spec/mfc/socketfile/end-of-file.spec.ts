// A peer that closes while an object is half sent: the loading archive's FillBuffer gets 0 from
// CSocketFile.Read (Receive reports the graceful close), has fewer bytes than the value needs and
// throws CArchiveException endOfFile — for a fixed-size value, a CString whose characters stop
// short, and a CObject; in either Read mode; and for the next value when the peer closed between
// two. A reset instead of a close is the file's CFileException (generic, WSAECONNRESET), passed
// through the archive unchanged.
// Source: mfc-semantics §5.3 items 4 and 7, §5.4, §5.1 item 3; issue 6 ("a peer that closes mid-object").
import * as assert from 'uvu/assert';
import { CSocketFile } from '../../../lib/mfc/socket/CSocketFile.ts';
import { CArchive, CArchiveException, CFileException, RUNTIME_CLASS } from '../../../lib/index.ts';
import { CSocket } from '../../../lib/mfc/socket/index.ts';
import * as W from '../../../lib/winsock/index.ts';
import { simSuite, type SimWorld } from '../../support/simWorld.ts';
import { CAge, stored, throwsCause } from '../archive/archiveSupport.ts';
import { connect } from './socketFileWorld.ts';

const test = simSuite('CSocketFile: the peer closes mid-object');

/** The client's loading archive after the peer sent `sent` and then closed (FIN). */
function afterClose(w: SimWorld, port: number, sent: Uint8Array, bArchiveCompatible = true) {
  const c = connect(w, port, new CSocket());
  c.peerSends(sent);
  c.peer.run(() => c.child().ShutDown());
  const arIn = new CArchive(new CSocketFile(c.client, bArchiveCompatible), CArchive.load);
  return { c, arIn };
}

const half = (bytes: Uint8Array) => bytes.slice(0, bytes.length >> 1);

test('CArchive.readDWORD() on a CSocketFile throws CArchiveException endOfFile when the peer closes after two of its four bytes (§5.3 item 4)', (w) => {
  for (const [port, compatible] of [[7501, true], [7502, false]] as const) {
    const { c, arIn } = afterClose(w, port, stored((ar) => ar.writeDWORD(0x01020304)).slice(0, 2), compatible);
    throwsCause(() => arIn.readDWORD(), CArchiveException, CArchiveException.endOfFile);
    arIn.Abort();
    c.end();
  }
});

test('CArchive.readCString() on a CSocketFile throws endOfFile when the peer closes before the characters its length announced (§5.3 item 7)', (w) => {
  const { c, arIn } = afterClose(w, 7503, half(stored((ar) => ar.writeCString('a longer receipt string'))));
  throwsCause(() => arIn.readCString(), CArchiveException, CArchiveException.endOfFile);
  arIn.Abort();
  c.end();
});

test('CArchive.readCObject() on a CSocketFile throws endOfFile when the peer closes in the middle of the object (§5.3 item 4)', (w) => {
  const both = stored((ar) => ar.writeCObject(CAge.of(21)).writeCObject(CAge.of(30)));
  // The second object is a class reference (01 80) and an int: cut it after three of its six bytes.
  const { c, arIn } = afterClose(w, 7504, both.slice(0, both.length - 3));
  assert.is(arIn.readCObject(RUNTIME_CLASS(CAge))?.m_years, 21, 'the whole first object loads');
  throwsCause(() => arIn.readCObject(RUNTIME_CLASS(CAge)), CArchiveException, CArchiveException.endOfFile);
  arIn.Abort();
  c.end();
});

test('CArchive on a CSocketFile loads every value sent before the close, then throws endOfFile for the next (§5.3 item 4)', (w) => {
  const { c, arIn } = afterClose(w, 7505, stored((ar) => ar.writeWORD(7).writeCString('last words')));
  assert.equal([arIn.readWORD(), arIn.readCString()], [7, 'last words']);
  throwsCause(() => arIn.readBYTE(), CArchiveException, CArchiveException.endOfFile);
  arIn.Abort();
  c.end();
});

test('CArchive on a CSocketFile passes the file\'s CFileException through when the peer resets mid-object (generic, WSAECONNRESET) (§5.4, §5.1 item 3)', (w) => {
  const c = connect(w, 7506, new CSocket());
  c.peerSends(stored((ar) => ar.writeDWORD(1)).slice(0, 3));
  c.peer.run(() => {
    c.child().SetSockOpt(W.SO_LINGER, new W.LINGER(1, 0).toBytes(), 4);
    c.child().Close();
  });
  const arIn = new CArchive(new CSocketFile(c.client), CArchive.load);
  let caught: unknown;
  try {
    arIn.readDWORD();
  } catch (e) {
    caught = e;
  }
  assert.instance(caught, CFileException);
  assert.equal([(caught as CFileException).m_cause, (caught as CFileException).m_lOsError], [CFileException.generic, W.WSAECONNRESET]);
  arIn.Abort();
  c.end();
});

test.run();
