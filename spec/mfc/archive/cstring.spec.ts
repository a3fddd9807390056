// CArchive CString rules beyond the golden vectors: mfc-semantics §5.6 (reader escalation, a Unicode
// writer and an ANSI reader interoperating, the 0xFFFE edge third-party writers get wrong — peers.md
// §3.3 "Deviations"), ANSI text in a Windows code page, and the load limit (STYLE §10).
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchiveException } from 'afxsock';
import { fromHex, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive CString');

test('CArchive.readCString() of a Unicode archive reads an ANSI string written by an ANSI build (mfc-semantics §5.6)', () => {
  const bytes = stored((ar) => ar.writeCString('café'), { unicode: false });
  assert.is(hex(bytes), '04 63 61 66 E9');
  assert.is(loading(bytes).readCString(), 'café');
});

test('CArchive.readCString() of an ANSI archive converts a wide string to its code page, unmappable characters becoming "?" (mfc-semantics §5.6)', () => {
  const bytes = stored((ar) => ar.writeCString('café 漢'));
  assert.is(hex(bytes.subarray(0, 4)), 'FF FE FF 06');
  assert.is(loading(bytes, { unicode: false }).readCString(), 'café ?');
  assert.is(loading(bytes).readCString(), 'café 漢');
});

test('CArchive.writeCStringA() encodes through the configured code page (1250 here) and reads back through it', () => {
  const bytes = stored((ar) => ar.writeCStringA('Łódź'), { codePage: 1250 });
  assert.is(hex(bytes), '04 A3 F3 64 9F');
  assert.is(loading(bytes, { codePage: 1250 }).readCStringA(), 'Łódź');
  assert.is(loading(bytes).readCStringA(), '£ódŸ'); // the same bytes read as 1252
});

test('CArchive.writeCStringA() of a DBCS code page (932) counts bytes, not characters', () => {
  const bytes = stored((ar) => ar.writeCStringA('日本'), { codePage: 932 });
  assert.is(bytes[0], 4);
  assert.is(loading(bytes, { codePage: 932 }).readCString(), '日本');
});

test('CArchive.readCString() reads an ANSI length 0xFFFE written as FF FE FF (openc2e, FourSer.Gen) as a wide string, as MFC would (peers.md §3.3 S6 deviation)', () => {
  // FF FE FF is the Unicode marker: MFC then reads a BYTE length (here 0x61 from the text).
  const wrong = new Uint8Array(3 + 0xfffe).fill(0x61);
  wrong.set([0xff, 0xfe, 0xff]);
  const ar = loading(wrong);
  assert.is(ar.readCString(), '\u6161'.repeat(0x61));
});

test('CArchive.readCString() reads FourSer.Gen\'s wide 256+ characters without the marker as ANSI (peers.md §3.3 deviation)', () => {
  const text = 'ab'.repeat(150);
  const wide = Buffer.from(text, 'utf16le');
  const bytes = new Uint8Array([0xff, 0xff, 0xff, ...fromHex('2C 01 00 00'), ...wide]);
  assert.is(loading(bytes).readCString().length, 300);
});

test('CArchive.readCString() accepts a WORD 0xFFFE length after the wide marker (the reader takes any WORD below 0xFFFF)', () => {
  const body = Buffer.from('x'.repeat(0xfffe), 'utf16le');
  const bytes = new Uint8Array([...fromHex('FF FE FF FF FE FF'), ...body]);
  assert.is(loading(bytes).readCString().length, 0xfffe);
});

test('CArchive.writeCStringW() keeps lone surrogates, as CStringW keeps any UTF-16 code unit', () => {
  const s = 'a\ud800b\udc00';
  assert.is(loading(stored((ar) => ar.writeCStringW(s))).readCStringW(), s);
});

test('CArchive.readCString() throws endOfFile when fewer characters arrive than the prefix announces (mfc-semantics §5.3 item 7)', () => {
  throwsCause(() => loading(fromHex('05 61 62')).readCString(), CArchiveException, CArchiveException.endOfFile);
  throwsCause(() => loading(fromHex('FF FE FF 02 61 00 62')).readCString(), CArchiveException, CArchiveException.endOfFile);
});

test('CArchive.readCString() rejects a declared length above maxStringLength before reading any character (STYLE §10)', () => {
  throwsCause(() => loading(fromHex('FF FF FF FF FF FF 7F')).readCString(), CArchiveException, CArchiveException.genericException);
  throwsCause(() => loading(fromHex('10'), { maxStringLength: 15 }).readCString(), CArchiveException, CArchiveException.genericException);
  throwsCause(() => loading(fromHex('FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF')).readCString(), CArchiveException, CArchiveException.genericException);
});

test('CArchive.readCString() with a 4 GiB declared length on a short file ends in endOfFile without allocating the declared size', () => {
  const bytes = new Uint8Array([...fromHex('FF FF FF FE FF FF FF'), 0x61, 0x62]);
  throwsCause(() => loading(bytes, { maxStringLength: Infinity }).readCString(), CArchiveException, CArchiveException.endOfFile);
});

test.run();
