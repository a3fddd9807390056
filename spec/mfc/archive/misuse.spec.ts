// CArchive used against its direction, and classes that cannot be serialized (mfc-semantics §5.9,
// MFC 9 arcobj.cpp; issue 14.7): WriteObject on a loading archive is CArchiveException readOnly;
// WriteClass on a loading archive and ReadClass on a storing one are genericException (MFC 6
// only asserts); ReadObject on a storing archive is writeOnly; a requested class with schema
// 0xFFFF (IMPLEMENT_DYNAMIC / IMPLEMENT_DYNCREATE) is CNotSupportedException before any byte is
// read; storing an object whose class has no IMPLEMENT_SERIAL is CNotSupportedException naming it.
// Beyond MFC: a CString or CObject* argument of the wrong kind is CInvalidArgException before any
// byte is stored.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArchive, CArchiveException, CInvalidArgException, CMemFile, CNotSupportedException, CObject, IMPLEMENT_DYNCREATE, RUNTIME_CLASS,
} from 'afxsock';
import { CAge, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive misuse');

/** DECLARE_DYNCREATE / IMPLEMENT_DYNCREATE only: creatable, schema 0xFFFF. */
class CDynamicOnly extends CObject {}
IMPLEMENT_DYNCREATE(CDynamicOnly, CObject);

/** No IMPLEMENT_* at all: its nearest run-time class is CObject's. */
class CUnregistered extends CObject {}

const someBytes = () => stored((ar) => ar.writeCObject(CAge.of(7)));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception; nothing was thrown');
}

test('CArchive.WriteObject() on a loading archive is CArchiveException readOnly, for an object and for NULL', () => {
  throwsCause(() => loading(someBytes()).WriteObject(CAge.of(1)), CArchiveException, CArchiveException.readOnly);
  throwsCause(() => loading(someBytes()).writeCObject(null), CArchiveException, CArchiveException.readOnly);
});

test('CArchive.WriteObject() on a loading archive leaves the archive loadable (nothing was mapped or consumed)', () => {
  const ar = loading(someBytes());
  throwsCause(() => ar.WriteObject(CAge.of(1)), CArchiveException, CArchiveException.readOnly);
  assert.is(ar.readCObject(RUNTIME_CLASS(CAge))!.m_years, 7);
});

test('CArchive.WriteClass() on a loading archive is CArchiveException genericException (MFC 9)', () => {
  throwsCause(() => loading(someBytes()).WriteClass(RUNTIME_CLASS(CAge)), CArchiveException, CArchiveException.genericException);
});

test('CArchive.ReadClass() on a storing archive is CArchiveException genericException (MFC 9)', () => {
  const ar = new CArchive(new CMemFile(), CArchive.store);
  throwsCause(() => ar.ReadClass(RUNTIME_CLASS(CAge)), CArchiveException, CArchiveException.genericException);
  throwsCause(() => ar.SerializeClass(RUNTIME_CLASS(CDynamicOnly)), CNotSupportedException);
  ar.Abort();
});

test('CArchive.ReadObject() on a storing archive is CArchiveException writeOnly', () => {
  const ar = new CArchive(new CMemFile(), CArchive.store);
  throwsCause(() => ar.readCObject(), CArchiveException, CArchiveException.writeOnly);
  ar.Abort();
});

test('CArchive.ReadObject() with a requested class that is not serializable is CNotSupportedException before any byte is read', () => {
  const ar = loading(someBytes());
  throwsCause(() => ar.readCObject(RUNTIME_CLASS(CDynamicOnly)), CNotSupportedException);
  throwsCause(() => ar.ReadClass(RUNTIME_CLASS(CObject)), CNotSupportedException);
  assert.is(ar.readCObject(RUNTIME_CLASS(CAge))!.m_years, 7, 'the first tag is still there');
});

test('CArchive.WriteObject() of an object whose class has no IMPLEMENT_SERIAL is CNotSupportedException naming that class', () => {
  const message = messageOf(() => stored((ar) => ar.writeCObject(new CUnregistered())));
  assert.match(message, /CNotSupportedException/);
  assert.match(message, /CUnregistered/);
  assert.match(message, /nearest run-time class, CObject/);
  assert.match(messageOf(() => stored((ar) => ar.writeCObject(new CDynamicOnly()))), /class CDynamicOnly cannot be serialized/);
});

test('CArchive.WriteObject() of a class that is not serializable stores nothing for it', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.store);
  ar.writeWORD(0x1234);
  throwsCause(() => ar.writeCObject(new CDynamicOnly()), CNotSupportedException);
  ar.Close();
  assert.is(hex(file.Detach()), '34 12');
});

test('CArchive() without a CFile is CInvalidArgException, as MFC 9 throws it for a NULL pFile', () => {
  throwsCause(() => new CArchive(null as never, CArchive.load), CInvalidArgException);
});

test('writeCString/A/W of something that is no string is CInvalidArgException, and the stream keeps only what came before', () => {
  for (const member of ['writeCString', 'writeCStringA', 'writeCStringW'] as const) {
    for (const bad of [5, undefined, null, { length: 3 }]) {
      const bytes = stored((ar) => {
        ar.writeWORD(0x1234);
        throwsCause(() => ar[member](bad as never), CInvalidArgException);
        assert.match(messageOf(() => ar[member](bad as never)), `CArchive.${member === 'writeCString' ? 'writeCStringW' : member}: expected a string`);
      });
      assert.is(hex(bytes), '34 12', `${member}(${String(bad)})`);
    }
  }
});

test('writeCObject of something that is neither a CObject nor null is CInvalidArgException, and nothing is stored', () => {
  for (const bad of [{}, undefined, 5, 'x']) {
    const bytes = stored((ar) => {
      ar.writeWORD(0x1234);
      throwsCause(() => ar.writeCObject(bad as never), CInvalidArgException);
      assert.match(messageOf(() => ar.writeCObject(bad as never)), 'CArchive.WriteObject: expected a CObject or null');
    });
    assert.is(hex(bytes), '34 12', `writeCObject(${String(bad)})`);
  }
});

test.run();
