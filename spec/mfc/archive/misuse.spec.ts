// CArchive used against its direction, and classes that cannot be serialized (mfc-semantics §5.9,
// MFC 9 arcobj.cpp; issue 14.7): WriteObject on a loading archive is CArchiveException readOnly;
// WriteClass on a loading archive and ReadClass on a storing one are genericException (MFC 6
// only asserts); ReadObject on a storing archive is writeOnly; a requested class with schema
// 0xFFFF (IMPLEMENT_DYNAMIC / IMPLEMENT_DYNCREATE) is CNotSupportedException before any byte is
// read; storing an object whose class has no IMPLEMENT_SERIAL is CNotSupportedException naming it.
// Beyond MFC: a CString or CObject* argument of the wrong kind is CInvalidArgException before any
// byte is stored, and so is a wrong-typed argument of every other typed member (a number that no C
// conversion gives for an integral type, a POINT with a missing field, a null ReadString target):
// MFC 9 reports bad arguments with AfxThrowInvalidArgException (mfc-semantics §5.2, NULL pFile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArchive, CArchiveException, CFile, CInvalidArgException, CMemFile, CNotSupportedException, CObject, IMPLEMENT_DYNCREATE, RUNTIME_CLASS,
} from 'afxsock';
import { CAge, fromHex, hex, loading, messageOf, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive misuse');

/** DECLARE_DYNCREATE / IMPLEMENT_DYNCREATE only: creatable, schema 0xFFFF. */
class CDynamicOnly extends CObject {}
IMPLEMENT_DYNCREATE(CDynamicOnly, CObject);

/** No IMPLEMENT_* at all: its nearest run-time class is CObject's. */
class CUnregistered extends CObject {}

const someBytes = () => stored((ar) => ar.writeCObject(CAge.of(7)));

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

/** Runs `call` on a storing archive after a WORD; it must be CInvalidArgException naming `member`, and leave only the WORD. */
function refusedBeforeAnyByte(label: string, member: string, call: (ar: CArchive) => unknown): void {
  const bytes = stored((ar) => {
    ar.writeWORD(0x1234);
    const message = messageOf(() => call(ar));
    assert.match(message, /^CInvalidArgException: /, `${label}: ${message}`);
    assert.match(message, `CArchive.${member}: expected `, label);
  });
  assert.is(hex(bytes), '34 12', `${label} stored nothing`);
}

const integralStores = ['writeBYTE', 'writeWORD', 'writeLONG', 'writeDWORD', 'writeint', 'writeunsigned', 'writeshort', 'writechar', 'writewchar_t'] as const;

test('the integral stores (writeBYTE … writewchar_t) refuse what no C conversion gives (a string, null, NaN, Infinity, a bigint) with CInvalidArgException before any byte (audit F1)', () => {
  for (const member of integralStores) {
    for (const bad of ['7', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 7n, {}]) {
      refusedBeforeAnyByte(`${member}(${String(bad)})`, member, (ar) => ar[member](bad as never));
    }
  }
});

test('the integral stores keep converting numbers as the C cast does: a fraction is cut off, a value out of range wraps', () => {
  assert.is(hex(stored((ar) => ar.writeBYTE(0x1ff).writeWORD(-1).writeLONG(2.9).writeDWORD(-2.5).writechar(-1))), 'FF FF FF 02 00 00 00 FE FF FF FF FF');
  assert.is(hex(stored((ar) => ar.writeLONGLONG(-1.5).writeULONGLONG(2 ** 64 + 2 ** 12))), 'FF FF FF FF FF FF FF FF 00 10 00 00 00 00 00 00');
});

test('writeLONGLONG/writeULONGLONG take a bigint or a finite number; anything else is CInvalidArgException before any byte (audit F1: 1.5 was a bare RangeError)', () => {
  for (const member of ['writeLONGLONG', 'writeULONGLONG'] as const) {
    for (const bad of ['1', null, undefined, Number.NaN, Number.NEGATIVE_INFINITY, true]) {
      refusedBeforeAnyByte(`${member}(${String(bad)})`, member, (ar) => ar[member](bad as never));
    }
  }
});

test('writefloat/writedouble take any number (NaN and Infinity are IEEE values); anything else is CInvalidArgException', () => {
  for (const member of ['writefloat', 'writedouble'] as const) {
    for (const bad of ['1', null, undefined, 1n]) refusedBeforeAnyByte(`${member}(${String(bad)})`, member, (ar) => ar[member](bad as never));
  }
  assert.is(hex(stored((ar) => ar.writefloat(Number.NaN).writefloat(Number.POSITIVE_INFINITY))), '00 00 C0 7F 00 00 80 7F');
});

test('writebool takes a boolean; anything else is CInvalidArgException (a C++ bool is never 1 or "x")', () => {
  for (const bad of [1, 'true', null, undefined]) refusedBeforeAnyByte(`writebool(${String(bad)})`, 'writebool', (ar) => ar.writebool(bad as never));
});

test('writePOINT/writeSIZE/writeRECT refuse null and a structure with a field that is no finite number, naming the field, before any byte (audit F1/F2: they wrote zeros)', () => {
  const cases = [
    ['writePOINT', [null, undefined, 5, {}, { x: 1 }, { x: 1, y: '2' }]],
    ['writeSIZE', [null, { cx: 1 }, { x: 1, y: 2 }]],
    ['writeRECT', [null, {}, { left: 0, top: 0, right: 0, bottom: Number.NaN }]],
  ] as const;
  for (const [member, bads] of cases) {
    for (const bad of bads) refusedBeforeAnyByte(`${member}(${JSON.stringify(bad)})`, member, (ar) => ar[member](bad as never));
  }
  assert.match(messageOf(() => stored((ar) => ar.writePOINT({ x: 1 } as never))), 'CArchive.writePOINT: expected a POINT of finite numbers { x, y }, got { x: 1, y: undefined }');
});

test('WriteCount refuses what is neither a number nor a bigint, and NaN or Infinity, with CInvalidArgException before any byte (audit F1: "x" was a bare RangeError)', () => {
  for (const bad of ['x', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}]) {
    refusedBeforeAnyByte(`WriteCount(${String(bad)})`, 'WriteCount', (ar) => ar.WriteCount(bad as never));
  }
});

test('WriteString and Write refuse a wrong-typed argument with CInvalidArgException before any byte', () => {
  for (const bad of [5, null, undefined, {}]) refusedBeforeAnyByte(`WriteString(${String(bad)})`, 'WriteString', (ar) => ar.WriteString(bad as never));
  for (const bad of ['text', [1, 2], null, 7]) refusedBeforeAnyByte(`Write(${String(bad)})`, 'Write', (ar) => ar.Write(bad as never, 1));
});

test('ReadString, Read and readPOINT/SIZE/RECT refuse a wrong-typed target with CInvalidArgException and consume nothing (audit F1: ReadString(null) was a bare TypeError)', () => {
  const ar = loading(fromHex('61 0A 62'), { unicode: false });
  const refused = (label: string, member: string, call: () => unknown) => {
    const message = messageOf(call);
    assert.match(message, /^CInvalidArgException: /, `${label}: ${message}`);
    assert.match(message, `CArchive.${member}: expected `, label);
  };
  for (const bad of [null, 'x', undefined, true]) refused(`ReadString(${String(bad)})`, 'ReadString', () => ar.ReadString(bad as never));
  refused('ReadString(NaN)', 'ReadString', () => ar.ReadString(Number.NaN));
  for (const bad of ['text', null, 7]) refused(`Read(${String(bad)})`, 'Read', () => ar.Read(bad as never, 1));
  for (const member of ['readPOINT', 'readSIZE', 'readRECT'] as const) {
    for (const bad of [null, 5, 'x']) refused(`${member}(${String(bad)})`, member, () => ar[member](bad as never));
  }
  assert.is(ar.ReadString(8), 'a', 'nothing was consumed');
});

test('WriteClass, ReadClass and ReadObject refuse what is no CRuntimeClass (a constructor, an object, null for WriteClass) with CInvalidArgException naming the member, before any byte (audit leftover: bare TypeErrors)', () => {
  for (const bad of [null, {}, CAge, 'CAge']) {
    const bytes = stored((ar) => {
      assert.match(messageOf(() => ar.WriteClass(bad as never)), /^CInvalidArgException: .*CArchive.WriteClass: expected a CRuntimeClass/, String(bad));
      ar.WriteClass(RUNTIME_CLASS(CAge));
    });
    assert.is(hex(bytes), hex(stored((ar) => ar.WriteClass(RUNTIME_CLASS(CAge)))), 'nothing was stored for the refused call');
  }
  const bytes = stored((ar) => ar.WriteObject(Object.assign(new CAge(), { m_years: 7 })));
  const ar = loading(bytes);
  for (const bad of [{}, CAge, 'CAge', 3]) {
    assert.match(messageOf(() => ar.ReadObject(bad as never)), /^CInvalidArgException: .*CArchive.ReadObject: expected a CRuntimeClass .* or null/, String(bad));
    assert.match(messageOf(() => ar.ReadClass(bad as never)), /^CInvalidArgException: .*CArchive.ReadClass: expected a CRuntimeClass .* or null/, String(bad));
  }
  assert.is((ar.ReadObject(RUNTIME_CLASS(CAge)) as CAge).m_years, 7, 'nothing was consumed');
});

test('CMemFile.Seek / SetLength and CFile.SetLength refuse what is no number C could pass with CInvalidArgException and keep the file as it was (audit leftover: SetLength(NaN) was a bare TypeError, Seek(NaN) moved to NaN)', () => {
  const f = new CMemFile();
  f.Write(new Uint8Array([1, 2, 3]), 3);
  for (const bad of [Number.NaN, 'x', undefined, Infinity]) {
    throwsCause(() => f.SetLength(bad as never), CInvalidArgException);
    throwsCause(() => f.Seek(bad as never, CFile.begin), CInvalidArgException);
  }
  assert.is(f.GetLength(), 3);
  assert.is(f.GetPosition(), 3);
  const path = join(mkdtempSync(join(tmpdir(), 'afxsock-')), 'f.bin');
  const file = new CFile(path, CFile.modeCreate | CFile.modeReadWrite);
  for (const bad of [Number.NaN, -1, 1.5, 'x']) throwsCause(() => file.SetLength(bad as never), CInvalidArgException);
  throwsCause(() => file.Seek(Number.NaN, CFile.begin), CInvalidArgException);
  assert.is(file.GetLength(), 0);
  file.Close();
  rmSync(path);
});

test.run();
