// CArchive.tryTransaction retries in linear time (issue 15.6; beyond MFC, as the transactions are):
// a try that runs out of bytes records how many bytes of the message it needed at least; the next
// try buffers what the file has and runs the load again only once that many are there. So a long
// value arriving in small pieces is parsed twice (the first try and the one that completes), not
// once per piece, and a declared length allocates only as its bytes arrive. peers.md §2.1
// (partial messages) is why transactions exist.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchive, CArchiveException, CArray, CDWordArray, CMemFile, CStringArray } from 'afxsock';
import { ScriptedFile, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive.tryTransaction retries');

/** Feeds `bytes` in `piece`-byte pieces, one tryTransaction per piece; counts the loads and tries. */
function feedInPieces(bytes: Uint8Array, piece: number, load: (ar: CArchive) => string) {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 4096, null, { unicode: false });
  let loads = 0;
  let tries = 0;
  const got: string[] = [];
  for (let at = 0; at < bytes.length; at += piece) {
    file.appendBytes(bytes.subarray(at, at + piece));
    for (;;) {
      tries++;
      const value = ar.tryTransaction(() => { loads++; return load(ar); });
      if (value === undefined) break;
      got.push(value);
    }
  }
  return { got, loads, tries, empty: ar.IsBufferEmpty() };
}

test('CArchive.tryTransaction() of a 256 KiB CStringA in 1 KiB pieces runs the load twice, not once per piece', () => {
  const text = 'z'.repeat(256 * 1024);
  const bytes = stored((ar) => ar.writeCStringA(text), { unicode: false });
  const r = feedInPieces(bytes, 1024, (ar) => ar.readCStringA());
  assert.equal(r.got, [text]);
  assert.is(r.tries, Math.ceil(bytes.length / 1024) + 1, 'one try per piece, and one more after the message');
  assert.is(r.loads, 3, 'the first try, the one that completes, and the one that finds nothing after it');
  assert.ok(r.empty);
});

test('CArchive.tryTransaction() forgets what the last message needed once it is committed', () => {
  const big = 'b'.repeat(5000);
  const bytes = stored((ar) => { ar.writeCStringA(big); ar.writeCStringA('small'); ar.writeCStringA(big); }, { unicode: false });
  const r = feedInPieces(bytes, 100, (ar) => ar.readCStringA());
  assert.equal(r.got, [big, 'small', big]);
  assert.ok(r.loads <= 8, `${r.loads} loads for three messages in ${Math.ceil(bytes.length / 100)} pieces`);
});

test('CArchive.tryTransaction() while the needed bytes are missing reads only what the file has and does not call the load', () => {
  const file = new ScriptedFile(true).feed(0x10, 0x00); // a WORD count of 16, then 16 DWORDs to come
  const ar = new CArchive(file, CArchive.load);
  let loads = 0;
  const load = () => { loads++; const n = ar.readWORD(); const out: number[] = []; for (let i = 0; i < n; i++) out.push(ar.readDWORD()); return out; };
  assert.is(ar.tryTransaction(load), undefined);
  assert.is(loads, 1);
  file.feed(...new Array(63).fill(7));
  assert.is(ar.tryTransaction(load), undefined);
  assert.is(loads, 2, 'the next DWORD was complete, so the load ran and stopped at the last one');
  assert.is(file.readRequests.reduce((a, b) => a + b, 0), 65, 'every byte was asked of the file once, none while nothing was there');
  file.feed(0x07);
  assert.equal(ar.tryTransaction(load), new Array(16).fill(0x07070707));
});

test('CArchive.startTransaction() after an incomplete try forgets the hint: the caller\'s own code always runs', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load);
  file.appendBytes(Uint8Array.of(1));
  assert.is(ar.tryTransaction(() => ar.readDWORD()), undefined);
  ar.startTransaction();
  assert.is(ar.readBYTE(), 1);
  ar.commitTransaction();
});

test('CArchive.tryTransaction() of a declared length beyond maxTransactionBytes is bufferFull at once, before its bytes arrive', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128, null, { unicode: false, maxTransactionBytes: 1 << 20 });
  file.appendBytes(Uint8Array.of(0xff, 0xff, 0xff, 0x00, 0x00, 0x20, 0x00)); // 2 MiB announced
  throwsCause(() => ar.tryTransaction(() => ar.readCStringA()), CArchiveException, CArchiveException.bufferFull);
});

test('CArchive holds at most 2 GiB − 1 in a read transaction, whatever a larger maxTransactionBytes says (its offsets stay 32-bit)', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128, null, { unicode: false, maxTransactionBytes: 2 ** 40, maxStringLength: 2 ** 33 });
  file.appendBytes(Uint8Array.of(0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x80)); // 2 GiB announced: one byte too many
  throwsCause(() => ar.tryTransaction(() => ar.readCStringA()), CArchiveException, CArchiveException.bufferFull);
});

test('CArchive.tryTransaction() of a CDWordArray or CArray<POINT> in 1 KiB pieces runs the load twice: the count says how many bytes come (expectBytes)', () => {
  const dwords = new CDWordArray();
  for (let i = 0; i < 20_000; i++) dwords.Add(i * 7);
  const points = new CArray('POINT');
  for (let i = 0; i < 5_000; i++) points.Add({ x: i, y: -i });
  for (const [name, source, make] of [
    ['CDWordArray', dwords, () => new CDWordArray()],
    ['CArray<POINT>', points, () => new CArray('POINT')],
  ] as const) {
    const bytes = stored((ar) => source.Serialize(ar), { unicode: false });
    const r = feedInPieces(bytes, 1024, (ar) => { const a = make(); a.Serialize(ar); return JSON.stringify(a.GetData()); });
    assert.equal(r.got, [JSON.stringify(source.GetData())], name);
    assert.is(r.loads, 3, `${name}: the first try (which reads the count), the one that completes, the one that finds nothing after it`);
  }
});

test('CArchive.tryTransaction() of an array whose elements have no fixed size still parses each try (no expectBytes): CStringArray', () => {
  const strings = new CStringArray();
  for (let i = 0; i < 2_000; i++) strings.Add(`s${i}`);
  const bytes = stored((ar) => strings.Serialize(ar), { unicode: false });
  const r = feedInPieces(bytes, 1024, (ar) => { const a = new CStringArray(); a.Serialize(ar); return String(a.GetSize()); });
  assert.equal(r.got, ['2000']);
  assert.ok(r.loads > Math.ceil(bytes.length / 1024) / 2, `${r.loads} loads: one per piece or so — the case issue 15.6 leaves open`);
});

test('CArchive.expectBytes() is bufferFull at once for a count whose bytes exceed maxTransactionBytes, and does nothing outside a transaction', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 4096, null, { maxTransactionBytes: 1 << 20 });
  file.appendBytes(Uint8Array.of(0xff, 0xff, 0x00, 0x00, 0x10, 0x00)); // WriteCount escape: 0x100000 DWORDs (4 MiB)
  ar.startTransaction();
  throwsCause(() => new CDWordArray().Serialize(ar), CArchiveException, CArchiveException.bufferFull);
  ar.abortTransaction();
  const plain = new CArchive(new CMemFile(Uint8Array.of(1, 0, 0, 0)), CArchive.load);
  plain.expectBytes(1 << 30);
  assert.is(plain.readDWORD(), 1, 'outside a transaction the load reads on');
});

test.run();
