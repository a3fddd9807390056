// CArchive.ReadString, both forms, as MFC 9's arccore.cpp runs them (mfc-semantics §5.2, issue
// 14.7): a line ends at '\n' or '\r'; after a '\r' the next character is read whatever it is. The
// CString form reads pieces of 128 characters with (UINT)-128, which keeps the character that
// ended the piece, and strips one trailing '\n' at the end; the LPTSTR form drops it. A NUL ends a
// line as C sees it. Differs from the documentation, which speaks of CR-LF pairs only: this is what
// MFC's code does. The bytes here are ANSI (unicode: false) unless a test says otherwise.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { ArchiveIncompleteError, CArchive, CArchiveException, CMemFile } from 'afxsock';
import { fromHex, loading, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive.ReadString');
const ansi = { unicode: false };

/** Every ReadString(rString) of `hexBytes` until it returns false, with the value left at the end. */
function cStringLines(hexBytes: string, options = ansi): { lines: string[]; last: string } {
  const ar = loading(fromHex(hexBytes), options);
  const line = { value: 'stale' };
  const lines: string[] = [];
  for (let i = 0; i < 100 && ar.ReadString(line); i++) lines.push(line.value);
  return { lines, last: line.value };
}

/** Every ReadString(nMax) of `hexBytes` until it returns null. */
function lptstrLines(hexBytes: string, nMax: number): string[] {
  const ar = loading(fromHex(hexBytes), ansi);
  const lines: string[] = [];
  for (let i = 0; i < 100; i++) {
    const s = ar.ReadString(nMax);
    if (s === null) break;
    lines.push(s);
  }
  return lines;
}

test('CArchive.ReadString(rString) after a lone CR keeps the next character: 61 62 0D 63 64 gives "abc", "d", then FALSE', () => {
  assert.equal(cStringLines('61 62 0D 63 64'), { lines: ['abc', 'd'], last: '' });
});

test('CArchive.ReadString(rString) of 61 62 0D 0D 0A 63 64 gives "ab\\r", "", then "cd"', () => {
  assert.equal(cStringLines('61 62 0D 0D 0A 63 64').lines, ['ab\r', '', 'cd']);
});

test('CArchive.ReadString(rString) of 61 62 0D 0A gives "ab"; LF alone and the end of the data also end a line', () => {
  assert.equal(cStringLines('61 62 0D 0A').lines, ['ab']);
  assert.equal(cStringLines('6F 6E 65 0A 74 77 6F').lines, ['one', 'two']);
});

test('CArchive.ReadString(rString) of a CR as the last byte returns the line before it, and FALSE for a lone CR', () => {
  assert.equal(cStringLines('61 62 0D').lines, ['ab']);
  assert.equal(cStringLines('0D'), { lines: [], last: '' });
});

test('CArchive.ReadString(rString) reads lines longer than its 128-character pieces whole', () => {
  const long = 'x'.repeat(300);
  const bytes = Buffer.from(`${long}\r\nend`, 'latin1').toString('hex');
  assert.equal(cStringLines(bytes).lines, [long, 'end']);
});

test('CArchive.ReadString(rString) returns FALSE for a last line of exactly 128 characters, with the line in rString, as MFC does', () => {
  const exact = 'y'.repeat(128);
  assert.equal(cStringLines(Buffer.from(exact, 'latin1').toString('hex')), { lines: [], last: exact });
  assert.equal(cStringLines(Buffer.from(`${exact}\n`, 'latin1').toString('hex')).lines, [exact]);
});

test('CArchive.ReadString(rString) ends a line at a NUL, as the C string it builds does', () => {
  assert.equal(cStringLines('61 00 62 0A 63').lines, ['a', 'c']);
});

test('CArchive.ReadString(rString) of a Unicode archive reads UTF-16 TCHARs by the same rule', () => {
  assert.equal(cStringLines('61 00 62 00 0D 00 63 00 64 00', {} as typeof ansi).lines, ['abc', 'd']);
});

test('CArchive.ReadString(nMax) drops the character after a CR: 61 62 0D 63 64 gives "ab", "d", then NULL', () => {
  assert.equal(lptstrLines('61 62 0D 63 64', 100), ['ab', 'd']);
  assert.equal(lptstrLines('61 62 0D 0D 0A 63 64', 100), ['ab', '', 'cd']);
});

test('CArchive.ReadString(nMax) with nMax negative as an int keeps the character that ended the line, as MFC\'s CString form uses it', () => {
  assert.equal(lptstrLines('61 62 0D 63 64', -128), ['abc', 'd']);
  assert.equal(lptstrLines('61 62 0D 0A', -128), ['ab\n']);
  assert.equal(lptstrLines('61 62 0D 0A', 0xffffff80), ['ab\n'], '(UINT)-128 is the same call');
});

test('CArchive.ReadString(nMax) returns at most nMax characters, and "" without reading for nMax 0', () => {
  const ar = loading(fromHex('61 62 63 64 0A'), ansi);
  assert.is(ar.ReadString(0), '');
  assert.is(ar.ReadString(3), 'abc');
  assert.is(ar.ReadString(3), 'd');
  assert.is(ar.ReadString(3), null);
  assert.is(ar.ReadString(0), '', 'nMax 0 reads nothing, so it is not the end either');
});

test('CArchive.ReadString() refuses a line longer than maxStringLength with genericException, both forms', () => {
  const bytes = fromHex('61'.repeat(40));
  throwsCause(() => loading(bytes, { ...ansi, maxStringLength: 32 }).ReadString({ value: '' }), CArchiveException, CArchiveException.genericException);
  throwsCause(() => loading(bytes, { ...ansi, maxStringLength: 32 }).ReadString(1000), CArchiveException, CArchiveException.genericException);
  assert.is(loading(bytes, { ...ansi, maxStringLength: 40 }).ReadString(1000), 'a'.repeat(40));
});

test('CArchive.ReadString() inside a read transaction: an unfinished line is ArchiveIncompleteError, and the line comes whole once its end arrives', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 4096, null, ansi);
  const read = () => { const line = { value: '' }; ar.ReadString(line); return line.value; };
  file.appendBytes(fromHex('61 62'));
  assert.is(ar.tryTransaction(read), undefined);
  ar.startTransaction();
  assert.throws(() => ar.ReadString({ value: '' }), (e: unknown) => e instanceof ArchiveIncompleteError);
  ar.rollbackTransaction();
  file.appendBytes(fromHex('0D 0A'));
  assert.is(ar.tryTransaction(read), 'ab');
});

test.run();
