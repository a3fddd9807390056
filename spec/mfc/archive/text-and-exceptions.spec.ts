// CArchive.ReadString / WriteString text lines (mfc-semantics §5.2: no terminator written; reading
// stops at '\n' or '\r', a '\r' consumes the next character, the CString form returns FALSE at the
// end) and the exception classes' cause values (mfc-semantics §5.4).
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchiveException, CException, CFileException, CNotSupportedException } from 'afxsock';
import { hex, loading, stored } from './archiveSupport.ts';

const test = suite('CArchive text and MFC exceptions');

test('CArchive.WriteString() writes the characters only, as TCHARs of the archive\'s build', () => {
  assert.is(hex(stored((ar) => ar.WriteString('Hi\r\n'), { unicode: false })), '48 69 0D 0A');
  assert.is(hex(stored((ar) => ar.WriteString('Hi'))), '48 00 69 00');
});

test('CArchive.ReadString(rString) reads lines ending in CR-LF, LF or the end, and returns false after the last', () => {
  const ar = loading(stored((w) => w.WriteString('one\r\ntwo\nthree'), { unicode: false }), { unicode: false });
  const line = { value: '' };
  const got: string[] = [];
  while (ar.ReadString(line)) got.push(line.value);
  assert.equal(got, ['one', 'two', 'three']);
  assert.is(line.value, '');
});

test('CArchive.ReadString(nMax) returns at most nMax characters and null at the end; a \'\\r\' swallows the next character', () => {
  const ar = loading(stored((w) => w.WriteString('abcdef\rXgh')));
  assert.is(ar.ReadString(4), 'abcd');
  assert.is(ar.ReadString(100), 'ef');
  assert.is(ar.ReadString(100), 'gh');
  assert.is(ar.ReadString(100), null);
});

test('CArchiveException causes keep MFC\'s enum values, including the deprecated alias generic', () => {
  assert.equal(
    [CArchiveException.none, CArchiveException.genericException, CArchiveException.readOnly, CArchiveException.endOfFile,
      CArchiveException.writeOnly, CArchiveException.badIndex, CArchiveException.badClass, CArchiveException.badSchema,
      CArchiveException.bufferFull, CArchiveException.generic],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 1],
  );
  const e = new CArchiveException(CArchiveException.badClass, 'doc.dat');
  assert.equal([e.m_cause, e.m_strFileName], [6, 'doc.dat']);
  assert.instance(e, CException);
  assert.match(e.GetErrorMessage(), /badClass in doc.dat/);
});

test('CFileException causes keep MFC\'s values, m_lOsError defaults to -1, and OsErrorToException maps Win32 errors', () => {
  assert.equal(
    [CFileException.none, CFileException.genericException, CFileException.fileNotFound, CFileException.badPath,
      CFileException.tooManyOpenFiles, CFileException.accessDenied, CFileException.invalidFile, CFileException.removeCurrentDir,
      CFileException.directoryFull, CFileException.badSeek, CFileException.hardIO, CFileException.sharingViolation,
      CFileException.lockViolation, CFileException.diskFull, CFileException.endOfFile],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  );
  assert.is(new CFileException().m_lOsError, -1);
  assert.equal([2, 3, 5, 32, 112].map(CFileException.OsErrorToException), [2, 3, 5, 11, 13]);
});

test('CNotSupportedException is a CException', () => {
  assert.instance(new CNotSupportedException(), CException);
});

test.run();
