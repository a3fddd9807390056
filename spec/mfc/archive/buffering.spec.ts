// CArchive buffering (mfc-semantics §5.2 Flush/Close/IsBufferEmpty/GetFile, §5.3 items 1–8): what
// reaches the file and when, how a load fills its buffer, raw Read/Write, and the mode errors of §5.4.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchive, CArchiveException, CFile, CFileException, CMemFile } from 'afxsock';
import { ScriptedFile, fromHex, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive buffering');

test('CArchive stores nothing in the file until the buffer overflows, Flush() or Close() (mfc-semantics §5.3 item 1)', () => {
  const f = new ScriptedFile();
  const ar = new CArchive(f, CArchive.store, 128);
  for (let i = 0; i < 32; i++) ar.writeDWORD(i);
  assert.equal(f.writes.length, 0, 'exactly a full buffer stays buffered');
  assert.ok(ar.IsBufferEmpty(), 'a storing archive with a full buffer reports IsBufferEmpty (cur == max)');
  ar.writeBYTE(0xaa);
  assert.is(f.writes.length, 1);
  assert.is(f.writes[0]!.length, 128 * 3 - 1);
  ar.Flush();
  assert.is(f.writes[1], 'AA');
  ar.writeWORD(1);
  ar.Close();
  assert.is(f.writes[2], '01 00');
});

test('CArchive replaces a buffer smaller than 128 bytes with a 128-byte one (mfc-semantics §5.2)', () => {
  const f = new ScriptedFile();
  const ar = new CArchive(f, CArchive.store, 16);
  for (let i = 0; i < 128; i++) ar.writeBYTE(i);
  assert.is(f.writes.length, 0);
  ar.Close();
  assert.is(f.writes.length, 1);
});

test('CArchive.Write() larger than the free space fills the buffer, flushes, writes whole buffers directly and keeps the rest (mfc-semantics §5.3 item 2)', () => {
  const f = new ScriptedFile();
  const ar = new CArchive(f, CArchive.store, 128);
  ar.writeBYTE(1);
  ar.Write(new Uint8Array(300).fill(2), 300);
  assert.equal(f.writes.map((w) => w.split(' ').length), [128, 128]);
  ar.Close();
  assert.equal(f.writes.map((w) => w.split(' ').length), [128, 128, 45]);
});

test('CArchive.Write() into an empty buffer of a block larger than the buffer writes its first buffer-full, then the whole buffers that follow, and keeps the rest (mfc-semantics §5.3 item 2)', () => {
  const f = new ScriptedFile();
  const ar = new CArchive(f, CArchive.store, 128);
  const block = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
  ar.Write(block, 300);
  assert.equal(f.writes.map((w) => w.split(' ').length), [128, 128]);
  ar.Close();
  assert.equal(f.writes.map((w) => w.split(' ').length), [128, 128, 44]);
  assert.is(f.writes.join(' '), hex(block), 'the bytes, in order');
});

test('CArchive.Write() whose flush of the full buffer throws leaves that buffer-full buffered, and Close() writes it (mfc-semantics §5.3 item 2)', () => {
  class FailingOnce extends ScriptedFile {
    failed = false;
    override Write(lpBuf: Uint8Array, nCount: number): void {
      if (!this.failed) {
        this.failed = true;
        throw new CFileException(CFileException.diskFull);
      }
      super.Write(lpBuf, nCount);
    }
  }
  const f = new FailingOnce();
  const ar = new CArchive(f, CArchive.store, 128);
  const block = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
  throwsCause(() => ar.Write(block, 300), CFileException, CFileException.diskFull);
  assert.equal(f.writes, []);
  ar.Close();
  assert.equal(f.writes, [hex(block.subarray(0, 128))]);
});

test('CArchive loads by asking a plain file for a whole buffer, and a blocking file only for what it needs (mfc-semantics §5.3 items 3 and 9)', () => {
  const plain = new ScriptedFile().feed(1, 0, 0, 0, 2, 0, 0, 0);
  plain.closed = true;
  const ar = new CArchive(plain, CArchive.load, 128);
  assert.is(ar.readDWORD(), 1);
  assert.equal(plain.readRequests, [128], 'one Read of the free space; it returned enough');
  assert.not.ok(ar.IsBufferEmpty(), 'the second DWORD was pulled in with the first');
  const sock = new ScriptedFile(true).feed(1, 0).feed(0, 0, 2, 0, 0, 0);
  const ar2 = new CArchive(sock, CArchive.load, 128);
  assert.is(ar2.readDWORD(), 1);
  assert.equal(sock.readRequests, [4, 2]);
  assert.is(ar2.readWORD(), 2);
});

test('CArchive keeps reading after a short read until it has the bytes it needs (a short read is not EOF on a socket-like file) (mfc-semantics §5.3 item 3)', () => {
  const f = new ScriptedFile().feed(0x78).feed(0x56).feed(0x34, 0x12);
  const ar = new CArchive(f, CArchive.load);
  assert.is(ar.readDWORD(), 0x12345678);
});

test('CArchive throws endOfFile when the file ends mid-object, e.g. a peer that closes mid-object (mfc-semantics §5.3 item 4)', () => {
  const f = new ScriptedFile(true).feed(0x15, 0, 0);
  f.closed = true;
  throwsCause(() => new CArchive(f, CArchive.load).readLONG(), CArchiveException, CArchiveException.endOfFile);
});

test('CArchive.IsBufferEmpty() lets a loop consume every message one fill pulled in (mfc-semantics §5.2, §7.2)', () => {
  const bytes = stored((ar) => { for (const s of ['one', 'two', 'three']) ar.writeCString(s); });
  const f = new ScriptedFile(false).feed(...bytes);
  f.closed = true;
  const ar = new CArchive(f, CArchive.load);
  const got: string[] = [];
  do got.push(ar.readCString()); while (!ar.IsBufferEmpty());
  assert.equal(got, ['one', 'two', 'three']);
  assert.is(f.readRequests.length, 1, 'one fill pulled in all three messages');
});

test('CArchive.Read() returns fewer bytes only at the end, with no exception, and reads whole buffers directly (mfc-semantics §5.3 item 6)', () => {
  const data = new Uint8Array(700).map((_, i) => i & 0xff);
  const f = new CMemFile(data, 700, 0);
  const ar = new CArchive(f, CArchive.load, 128);
  ar.readBYTE();
  const out = new Uint8Array(1000);
  assert.is(ar.Read(out, 1000), 699);
  assert.is(out[0], 1);
  assert.is(out[698], 699 & 0xff);
  assert.is(ar.Read(out, 10), 0);
});

test('CArchive.readRECT() does not report a short read and leaves the unread part of the struct as it was (mfc-semantics §5.3 item 8)', () => {
  const ar = loading(fromHex('01 00 00 00 02 00'));
  const rc = { left: -1, top: -1, right: -1, bottom: -1 };
  ar.readRECT(rc);
  assert.equal(rc, { left: 1, top: 0xffff0002 | 0, right: -1, bottom: -1 });
});

test('CArchive.Flush() of a loading archive seeks the file back over the unread bytes and empties the buffer (mfc-semantics §5.2)', () => {
  const f = new CMemFile(fromHex('01 02 03 04 05'), 5, 0);
  const ar = new CArchive(f, CArchive.load);
  assert.is(ar.readBYTE(), 1);
  assert.is(f.GetPosition(), 5);
  assert.is(ar.GetFile(), f);
  assert.is(f.GetPosition(), 1);
  assert.ok(ar.IsBufferEmpty());
  assert.is(ar.readBYTE(), 2);
});

test('CArchive write on a loading archive is readOnly and read on a storing archive is writeOnly (mfc-semantics §5.4)', () => {
  throwsCause(() => loading(fromHex('00')).writeBYTE(1), CArchiveException, CArchiveException.readOnly);
  throwsCause(() => loading(fromHex('00')).Write(new Uint8Array(1), 1), CArchiveException, CArchiveException.readOnly);
  throwsCause(() => stored((ar) => ar.readdouble()), CArchiveException, CArchiveException.writeOnly);
  throwsCause(() => stored((ar) => ar.Read(new Uint8Array(1), 1)), CArchiveException, CArchiveException.writeOnly);
});

test('CArchive.Close() flushes and disconnects; Abort() disconnects without writing; dispose() honours bNoFlushOnDelete (mfc-semantics §5.2)', () => {
  const f = new ScriptedFile();
  const ar = new CArchive(f, CArchive.store);
  ar.writeBYTE(1);
  ar.Abort();
  assert.equal(f.writes, []);
  assert.throws(() => ar.writeBYTE(2), TypeError);
  const kept = new CArchive(f, CArchive.store | CArchive.bNoFlushOnDelete);
  kept.writeBYTE(3);
  kept.dispose();
  assert.equal(f.writes, []);
  const flushed = new CArchive(f, CArchive.store);
  flushed.writeBYTE(4);
  flushed.dispose();
  assert.equal(f.writes, ['04']);
  assert.ok(loading(fromHex('')).IsLoading());
  assert.ok(new CArchive(f, CArchive.store).IsStoring());
});

test('CArchive uses a caller\'s buffer (lpBuf) when it is big enough, and writes through it', () => {
  const mine = new Uint8Array(256);
  const f = new CMemFile();
  const ar = new CArchive(f, CArchive.store, 256, mine);
  ar.writeWORD(0xbeef);
  assert.is(hex(mine.subarray(0, 2)), 'EF BE');
  ar.Close();
  assert.is(hex(f.contents()), 'EF BE');
  assert.is(CFile.bufferBlocking, 2);
});


/** A CMemFile whose Read is overridden: the archive copies out of it through Read, as from any file. */
class CopiedMemFile extends CMemFile {
  readRequests: number[] = [];
  override Read(lpBuf: Uint8Array, nCount: number): number {
    this.readRequests.push(nCount);
    return super.Read(lpBuf, nCount);
  }
}

test('CArchive loading from a CMemFile reads its memory in place yet moves the file position as FillBuffer copying it does (mfc-semantics §5.3 item 3)', () => {
  // 1400 records of 15 bytes: refills find a record cut by the buffer's end, its bytes unread.
  const bytes = stored((ar) => { for (let i = 0; i < 1400; i++) ar.writeBYTE(i).writeWORD(i).writeDWORD(i).writedouble(i / 2); });
  const trace = (f: CMemFile): unknown[] => {
    f.Write(bytes, bytes.length);
    f.SeekToBegin();
    const ar = new CArchive(f, CArchive.load);
    const seen: unknown[] = [];
    const record = () => seen.push([ar.readBYTE(), ar.readWORD(), ar.readDWORD(), ar.readdouble(), f.GetPosition(), ar.IsBufferEmpty()]);
    for (let i = 0; i < 560; i++) record();
    ar.Flush(); // seeks back over the unread bytes
    seen.push(f.GetPosition());
    for (let i = 560; i < 1350; i++) record();
    ar.startTransaction(); // a transaction across the next refill, rolled back and read again
    for (let i = 1350; i < 1400; i++) record();
    ar.rollbackTransaction();
    for (let i = 1350; i < 1390; i++) record();
    f.appendBytes(new Uint8Array(2000).fill(7)); // the file's memory grows (a new array) under the archive
    for (let i = 1390; i < 1400; i++) record();
    for (let i = 0; i < 5; i++) seen.push(ar.readBYTE());
    f.SeekToBegin(); // moved under the archive while it holds unread bytes: they are read first
    for (let i = 0; i < 3000; i++) seen.push(ar.readDWORD(), f.GetPosition());
    let rest = 0;
    throwsCause(() => { for (;;) ar.readBYTE(), rest++; }, CArchiveException, CArchiveException.endOfFile);
    seen.push(rest, f.GetPosition());
    return seen;
  };
  const copied = new CopiedMemFile(1024);
  const expected = trace(copied);
  assert.is(copied.readRequests[0], 4096, 'an empty buffer asks for its free space');
  assert.ok(copied.readRequests.some((n) => n < 4096), 'some refill kept unread bytes');
  const inPlace = new CMemFile(1024);
  assert.equal(trace(inPlace), expected);
  assert.equal((expected[0] as unknown[]).slice(0, 5), [0, 0, 0, 0, 4096]);
});

test.run();
