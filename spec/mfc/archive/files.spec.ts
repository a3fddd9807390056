// CFile on disk and CMemFile (mfc-semantics §5.4 CFileException causes; MFC's CFile / CMemFile
// members), and an archive stored to disk and loaded back, as MFC document files are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchive, CFile, CFileException, CMemFile, CMemoryException, RUNTIME_CLASS } from 'afxsock';
import { CAge, hex, throwsCause } from './archiveSupport.ts';

const test = suite('CFile and CMemFile');
const dir = mkdtempSync(join(tmpdir(), 'afxsock-cfile-'));

test('CFile open flags keep MFC\'s values', () => {
  assert.equal(
    [CFile.modeRead, CFile.modeWrite, CFile.modeReadWrite, CFile.shareExclusive, CFile.shareDenyNone, CFile.modeCreate, CFile.modeNoTruncate, CFile.typeBinary],
    [0, 1, 2, 0x10, 0x40, 0x1000, 0x2000, 0x8000],
  );
  assert.equal([CFile.begin, CFile.current, CFile.end], [0, 1, 2]);
});

test('CFile writes, seeks, reads, reports length and position, and truncates with SetLength', () => {
  const path = join(dir, 'a.bin');
  const f = new CFile(path, CFile.modeCreate | CFile.modeReadWrite);
  f.Write(Uint8Array.from([1, 2, 3, 4, 5]), 5);
  assert.is(f.GetPosition(), 5);
  assert.is(f.GetLength(), 5);
  assert.is(f.Seek(-2, CFile.end), 3);
  const out = new Uint8Array(10);
  assert.is(f.Read(out, 10), 2);
  assert.equal([...out.subarray(0, 2)], [4, 5]);
  assert.is(f.Read(out, 10), 0);
  f.SetLength(2);
  assert.is(f.GetLength(), 2);
  assert.is(f.GetFileName(), 'a.bin');
  throwsCause(() => f.Seek(-1, CFile.begin), CFileException, CFileException.badSeek);
  f.Close();
});

test('CFile.Open() returns false and fills the CFileException for a missing file; the constructor throws it', () => {
  const e = new CFileException();
  assert.not.ok(new CFile().Open(join(dir, 'missing.bin'), CFile.modeRead, e));
  assert.equal([e.m_cause, e.m_lOsError], [CFileException.fileNotFound, 2]);
  throwsCause(() => new CFile(join(dir, 'missing.bin'), CFile.modeRead), CFileException, CFileException.fileNotFound);
  throwsCause(() => new CFile(join(dir, 'no', 'such', 'dir.bin'), CFile.modeCreate | CFile.modeWrite), CFileException);
});

test('CArchive stores a document to a CFile on disk and loads it back', () => {
  const path = join(dir, 'doc.dat');
  const out = new CFile(path, CFile.modeCreate | CFile.modeWrite);
  const ar = new CArchive(out, CArchive.store);
  ar.writeCObject(CAge.of(21)).writeCString('done');
  ar.Close();
  out.Close();
  const inp = new CFile(path, CFile.modeRead);
  const back = new CArchive(inp, CArchive.load);
  assert.is(back.readCObject(RUNTIME_CLASS(CAge))!.m_years, 21);
  assert.is(back.readCString(), 'done');
  back.Close();
  inp.Close();
});

test('CMemFile grows as it is written; Attach with nGrowBytes 0 makes the buffer the file and refuses to grow (CMemoryException)', () => {
  const f = new CMemFile(16);
  f.Write(new Uint8Array(40).fill(7), 40);
  assert.is(f.GetLength(), 40);
  f.SeekToBegin();
  const out = new Uint8Array(50);
  assert.is(f.Read(out, 50), 40);
  const fixed = new CMemFile();
  fixed.Attach(Uint8Array.from([9, 8, 7]), 3);
  assert.is(fixed.GetLength(), 3);
  fixed.SeekToEnd();
  throwsCause(() => fixed.Write(Uint8Array.from([1]), 1), CMemoryException);
  assert.is(hex(fixed.Detach()), '09 08 07');
  assert.is(fixed.GetLength(), 0);
});

test('CMemFile.SetLength() zero-fills when it extends and pulls the position back when it shrinks', () => {
  const f = new CMemFile();
  f.Write(Uint8Array.from([1, 2, 3]), 3);
  f.SetLength(5);
  assert.is(hex(f.contents()), '01 02 03 00 00');
  f.SetLength(1);
  assert.is(f.GetPosition(), 1);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
