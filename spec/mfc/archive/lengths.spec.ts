// Byte counts on CArchive, CFile and CMemFile (issue 15.4, 15.5): every count is a UINT, converted
// as C converts the argument (-2 is 0xFFFFFFFE, 2.9 is 2), so no count moves a cursor backwards; a
// converted count larger than the buffer it names is CInvalidArgException before anything moves
// (MFC would copy past the end of the buffer: mfc-semantics §5.2 "Read … Write", MFC 9 arccore.cpp
// asserts AfxIsValidAddress(lpBuf, nMax) only in debug builds); a count that no C conversion gives
// (NaN, Infinity) is a CInvalidArgException that names it. WriteCount's DWORD_PTR is converted as on Win64.
// lpBuf is a `void*`: any typed array or DataView is the memory it covers, as for the socket calls.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CArchive, CFile, CInvalidArgException, CMemFile, CMemoryException } from 'afxsock';
import { fromHex, hex, loading, messageOf, ScriptedFile, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive, CFile and CMemFile byte counts');

test('CArchive.Read(buf, -2) is CInvalidArgException (0xFFFFFFFE bytes do not fit buf) and the cursor stays where it was', () => {
  const ar = loading(fromHex('01 02 03 04 05'));
  assert.is(ar.readBYTE(), 1);
  const buf = new Uint8Array(16);
  throwsCause(() => ar.Read(buf, -2), CInvalidArgException);
  assert.match(messageOf(() => ar.Read(buf, -2)), /CArchive\.Read: nMax -2 \(4294967294 as UINT\) is more than lpBuf's 16 bytes/);
  assert.is(ar.readBYTE(), 2, 'nothing was read and nothing was put back');
  assert.is(hex(buf), hex(new Uint8Array(16)));
});

test('CArchive.Write(bytes, -3) is CInvalidArgException and what was stored before stays stored', () => {
  const bytes = stored((ar) => {
    ar.writeWORD(0xbeef);
    throwsCause(() => ar.Write(fromHex('AA BB CC'), -3), CInvalidArgException);
    ar.writeBYTE(0x01);
  });
  assert.is(hex(bytes), 'EF BE 01');
});

test('CArchive.Read() into a buffer shorter than nMax is CInvalidArgException saying both sizes, not a RangeError', () => {
  const ar = loading(fromHex('01 02 03 04 05 06 07 08'));
  const message = messageOf(() => ar.Read(new Uint8Array(4), 8));
  assert.match(message, /^CInvalidArgException: CInvalidArgException: CArchive\.Read: nMax 8 is more than lpBuf's 4 bytes/);
  assert.is(ar.Read(new Uint8Array(4), 4), 4, 'the archive is unharmed');
});

test('CArchive.Read() and Write() convert counts as C does: a fraction is cut off, 0 moves nothing, NaN is a CInvalidArgException naming it', () => {
  const ar = loading(fromHex('01 02 03'));
  const buf = new Uint8Array(3);
  assert.is(ar.Read(buf, 2.9), 2);
  assert.is(ar.Read(buf, 0), 0);
  assert.throws(() => ar.Read(buf, Number.NaN), /CInvalidArgException: CArchive\.Read: expected a finite number for nMax, got NaN/);
  assert.is(hex(stored((w) => w.Write(fromHex('0A 0B 0C'), 2.5))), '0A 0B');
});

test('CArchive.Read() stops when the file\'s Read returns 0, so a count larger than the data ends (the short count is the end)', () => {
  const file = new ScriptedFile(true).feed(1, 2, 3);
  file.closed = true;
  const ar = new CArchive(file, CArchive.load, 128);
  const buf = new Uint8Array(1000);
  assert.is(ar.Read(buf, 1000), 3);
});

test('CArchive.WriteCount() converts its DWORD_PTR as on Win64: -1 is 0xFFFFFFFFFFFFFFFF, and 2^32 takes the 8-byte form', () => {
  assert.is(hex(stored((ar) => ar.WriteCount(-1))), 'FF FF FF FF FF FF FF FF FF FF FF FF FF FF');
  assert.is(hex(stored((ar) => ar.WriteCount(2 ** 32))), 'FF FF FF FF FF FF 00 00 00 00 01 00 00 00');
  assert.is(hex(stored((ar) => ar.WriteCount(0xfffe))), 'FE FF');
  assert.throws(() => stored((ar) => ar.WriteCount(Number.POSITIVE_INFINITY)), /CInvalidArgException: CArchive\.WriteCount: expected a bigint or a finite number, got Infinity/);
});

test('CMemFile.Read() and Write() follow the same rule: -1 is CInvalidArgException, the position does not move', () => {
  const f = new CMemFile(fromHex('01 02 03 04'), 4, 0);
  throwsCause(() => f.Read(new Uint8Array(4), -1), CInvalidArgException);
  assert.is(f.GetPosition(), 0);
  throwsCause(() => f.Write(new Uint8Array(2), 3), CInvalidArgException);
  assert.is(f.GetLength(), 4);
  assert.is(f.Read(new Uint8Array(4), 4), 4);
});

test('CMemFile.SetLength(-1) is the huge ULONGLONG C makes of it: CMemoryException, and the file is unchanged', () => {
  const f = new CMemFile();
  f.Write(fromHex('01 02'), 2);
  throwsCause(() => f.SetLength(-1), CMemoryException);
  throwsCause(() => f.SetLength(2 ** 40), CMemoryException);
  assert.is(f.GetLength(), 2);
});

test('CArchive() takes nBufSize as MFC\'s int: negative is below the 128-byte minimum; a user buffer shorter than nBufSize is CInvalidArgException', () => {
  const ar = new CArchive(new CMemFile(fromHex('01 02'), 2, 0), CArchive.load, -5);
  assert.is(ar.readWORD(), 0x0201);
  throwsCause(() => new CArchive(new CMemFile(), CArchive.store, 4096, new Uint8Array(100)), CInvalidArgException);
  assert.throws(() => new CArchive(new CMemFile(), CArchive.store, Number.NaN), /CInvalidArgException: CArchive: expected a finite number for nBufSize, got NaN/);
});

test('CMemFile.readableBytesNow() is what lies after the position, and a read transaction takes just that', () => {
  const f = new CMemFile();
  f.appendBytes(fromHex('FF FF FF 00 00 00 02')); // a CStringA of 32 MiB announced, nothing of it sent
  assert.is(f.readableBytesNow(), 7);
  const ar = new CArchive(f, CArchive.load, 128, null, { unicode: false });
  assert.is(ar.tryTransaction(() => ar.readCString()), undefined);
  assert.is(f.readableBytesNow(), 0);
});

test('CFile.Read() and Write() on disk follow the same rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'afxsock-lengths-'));
  try {
    const f = new CFile(join(dir, 'f.bin'), CFile.modeCreate | CFile.modeReadWrite);
    f.Write(fromHex('01 02 03'), 3);
    throwsCause(() => f.Write(fromHex('01 02 03'), -2), CInvalidArgException);
    f.SeekToBegin();
    throwsCause(() => f.Read(new Uint8Array(2), 3), CInvalidArgException);
    assert.is(f.GetPosition(), 0);
    assert.is(f.Read(new Uint8Array(8), 8), 3);
    f.Close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lpBuf is any typed array or DataView, moved as the bytes it covers (a void* in MFC); anything else is CInvalidArgException naming the call', () => {
  const f = new CMemFile();
  const ar = new CArchive(f, CArchive.store);
  ar.Write(new Uint16Array([0x0201, 0x0403]), 4);
  const backing = new Uint8Array([0xee, 5, 6, 0xee]);
  ar.Write(new DataView(backing.buffer, 1, 2), 2);
  ar.Close();
  f.Write(new Int32Array([0x0a090807]), 3);
  assert.is(hex(f.Detach()), hex(fromHex('01 02 03 04 05 06 07 08 09')));

  const back = loading(fromHex('01 02 03 04 05 06 07 08'));
  const words = new Uint32Array(2);
  assert.is(back.Read(words, 8), 8);
  assert.equal([...words], [0x04030201, 0x08070605]);
  const window = new Uint8Array(6);
  const into = loading(fromHex('aa bb'));
  assert.is(into.Read(new DataView(window.buffer, 2, 2), 2), 2);
  assert.is(hex(window), hex(fromHex('00 00 aa bb 00 00')), 'only the view\'s window is written');
  throwsCause(() => loading(fromHex('01 02 03')).Read(new Uint16Array(1), 3), CInvalidArgException);

  for (const bad of ['text', [1, 2], null, 7]) {
    assert.match(messageOf(() => new CArchive(new CMemFile(), CArchive.store).Write(bad as never, 1)), /CInvalidArgException: CArchive\.Write: expected an lpBuf that is a typed array or a DataView/);
    assert.match(messageOf(() => new CMemFile().Read(bad as never, 1)), /CInvalidArgException: CMemFile\.Read: expected an lpBuf that is a typed array or a DataView/);
  }
  const gone = new ArrayBuffer(8);
  const viewOfGone = new DataView(gone);
  const bytesOfGone = new Uint8Array(gone);
  structuredClone(gone, { transfer: [gone] });
  assert.match(messageOf(() => new CMemFile().Write(viewOfGone, 0)), /CInvalidArgException: CMemFile\.Write: lpBuf's buffer is detached/);
  assert.match(messageOf(() => new CArchive(new CMemFile(), CArchive.store).Write(bytesOfGone, 0)), /CInvalidArgException: CArchive\.Write: lpBuf's buffer is detached/);
  assert.is(new CMemFile().Read(new Uint8Array(0), 0), 0, 'an empty view of live memory moves nothing');
});

test.run();
