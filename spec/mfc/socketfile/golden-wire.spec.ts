// The bytes on the wire: a CArchive storing on a CSocketFile puts exactly MFC's bytes on the socket
// — the golden vectors of the archive specs (spec/mfc/archive/vectors.json) — and only when its
// buffer is flushed ("flushing the buffer of an archive attached to a socket is equivalent to
// sending a message"); a CArchive loading from a CSocketFile reads the same vectors back when the
// peer sends them one byte at a time. Vectors: the §7.3 packet (Unicode and ANSI builds) and the
// §5.7 CAge object graph with a back-reference.
// Source: mfc-semantics §7.3 (wire image of one packet), §5.7 (CAge worked example), §5.3 item 1,
// §5.5-5.6; spec/mfc/archive/vectors.json.
// Each test runs on the simulated network and on real 127.0.0.1 loopback sockets, the peer on its
// own thread (afxsock/testing startPeer): the bytes a real socket carries are the interoperability point.
import * as assert from 'uvu/assert';
import { CSocketFile } from 'afxsock';
import { CArchive, RUNTIME_CLASS } from 'afxsock';
import { CSocket } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { CAge, hex } from '../archive/archiveSupport.ts';
import { pump } from '../socket/socketWorld.ts';
import { goldenVector } from './socketFileWorld.ts';
import { connect, pieces } from '../socket/peerConnection.ts';

const test = dualSuite('CSocketFile: the bytes on the wire');

type Item = [string, number | string];

function writeItem(ar: CArchive, [type, value]: Item): void {
  if (type === 'BYTE') ar.writeBYTE(value as number);
  else if (type === 'WORD') ar.writeWORD(value as number);
  else if (type === 'CStringW') ar.writeCStringW(value as string);
  else if (type === 'CStringA') ar.writeCStringA(value as string);
  else throw new Error(`no writer for ${type} in this spec`);
}

function readItem(ar: CArchive, [type]: Item): number | string {
  if (type === 'BYTE') return ar.readBYTE();
  if (type === 'WORD') return ar.readWORD();
  if (type === 'CStringW') return ar.readCStringW();
  if (type === 'CStringA') return ar.readCStringA();
  throw new Error(`no reader for ${type} in this spec`);
}

const packets = [
  goldenVector('sequences', '§7.3 wire image of one packet (Unicode build)'),
  goldenVector('sequences', '§7.3 wire image of one packet (ANSI build)'),
] as (ReturnType<typeof goldenVector> & { items: Item[] })[];

for (const [i, v] of packets.entries()) {
  test(`CArchive on a CSocketFile sends the packet as ${v.hex} when flushed, and nothing before (${v.source}; §5.3 item 1)`, (w) => {
    const c = connect(w, 7701 + i, new CSocket());
    const arData = new CArchive(new CSocketFile(c.client), CArchive.store);
    for (const item of v.items) writeItem(arData, item);
    pump(50);
    assert.equal([...c.peerReceived()], [], 'the archive buffer holds the packet until Flush');
    arData.Flush();
    pump(50);
    assert.is(hex(c.peerReceived(v.bytes.length)), v.hex);
    arData.Close();
    c.end();
  });

  test(`CArchive on a CSocketFile loads ${v.hex} sent one byte at a time as the packet's values (${v.source})`, (w) => {
    const c = connect(w, 7711 + i, new CSocket());
    c.peer.sendsPieces(pieces(v.bytes, 1), 10);
    const arData = new CArchive(new CSocketFile(c.client), CArchive.load);
    assert.equal(v.items.map((item) => readItem(arData, item)), v.items.map(([, value]) => value));
    assert.ok(arData.IsBufferEmpty());
    arData.Close();
    c.end();
  });
}

const cage = goldenVector('objects', 'worked example (CAge)');

test(`CArchive.writeCObject() on a CSocketFile sends the CAge graph (21, 30, the first again, NULL) as ${cage.hex} (${cage.source})`, (w) => {
  const c = connect(w, 7721, new CSocket());
  const arOut = new CArchive(new CSocketFile(c.client), CArchive.store);
  const a21 = CAge.of(21);
  arOut.writeCObject(a21).writeCObject(CAge.of(30)).writeCObject(a21).writeCObject(null);
  arOut.Close();
  pump(50);
  assert.is(hex(c.peerReceived(cage.bytes.length)), cage.hex);
  c.end();
});

test(`CArchive.readCObject() on a CSocketFile rebuilds the CAge graph, back-reference included, from ${cage.hex} sent in 3-byte pieces (${cage.source})`, (w) => {
  const c = connect(w, 7722, new CSocket());
  c.peer.sendsPieces(pieces(cage.bytes, 3), 10);
  const arIn = new CArchive(new CSocketFile(c.client), CArchive.load);
  const rc = RUNTIME_CLASS(CAge);
  const [a, b, again, nothing] = [arIn.readCObject(rc), arIn.readCObject(rc), arIn.readCObject(rc), arIn.readCObject(rc)];
  assert.equal([a?.m_years, b?.m_years, again === a, nothing], [21, 30, true, null]);
  assert.ok(arIn.IsBufferEmpty());
  arIn.Close();
  c.end();
});

test.run();
