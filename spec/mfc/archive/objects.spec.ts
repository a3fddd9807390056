// CArchive objects and classes: mfc-semantics §5.7 (ReadObject / ReadClass steps 4–10, schemas and
// VERSIONABLE_SCHEMA, badIndex / badClass / badSchema, MapObject), §5.2 (GetObjectSchema resets,
// SerializeClass, WriteClass of a non-serializable class), and object graphs with cycles (TN002:
// ids are assigned before Serialize).
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArchive, CArchiveException, CNotSupportedException, CObject, CRuntimeClass, IMPLEMENT_DYNAMIC, IMPLEMENT_SERIAL,
  RUNTIME_CLASS, VERSIONABLE_SCHEMA,
} from 'afxsock';
import { CAge, CFoo, CNode, fromHex, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive objects');

/** A versioned class whose Serialize records the schema it was loaded with. */
class CVersioned extends CObject {
  m_seen = -2;
  override Serialize(ar: CArchive): void {
    if (ar.IsLoading()) {
      this.m_seen = ar.GetObjectSchema();
      assert.is(ar.GetObjectSchema(), 0xffffffff, 'GetObjectSchema() resets after the first call');
    }
  }
}
IMPLEMENT_SERIAL(CVersioned, CObject, VERSIONABLE_SCHEMA | 3);

class CStrict extends CObject {}
IMPLEMENT_SERIAL(CStrict, CObject, 5);

class CAbstractish extends CObject {}
IMPLEMENT_DYNAMIC(CAbstractish, CObject);

/** A class description on the wire: FF FF, schema, name. */
function classBytes(name: string, schema: number): number[] {
  return [0xff, 0xff, schema & 0xff, schema >> 8, name.length, 0, ...Buffer.from(name, 'latin1')];
}

test('CArchive.readCObject() rebuilds a cycle: a node whose pointers lead back to itself and to its parent', () => {
  const root = new CNode();
  const child = new CNode();
  root.m_name = 'root';
  child.m_name = 'child';
  root.m_pLeft = child;
  root.m_pRight = root;
  child.m_pLeft = root;
  const bytes = stored((ar) => ar.writeCObject(root));
  const back = loading(bytes).readCObject(RUNTIME_CLASS(CNode))!;
  assert.is(back.m_name, 'root');
  assert.is(back.m_pRight, back);
  assert.is(back.m_pLeft!.m_name, 'child');
  assert.is(back.m_pLeft!.m_pLeft, back);
  assert.is(back.m_pLeft!.m_pRight, null);
});

test('CArchive.ReadObject() gives a VERSIONABLE class the stored schema through GetObjectSchema(), for every object of that class (mfc-semantics §5.7 item 6)', () => {
  const bytes = new Uint8Array([...classBytes('CVersioned', 1), 0x01, 0x80]);
  const ar = loading(bytes);
  const a = ar.readCObject(RUNTIME_CLASS(CVersioned))!;
  const b = ar.readCObject(RUNTIME_CLASS(CVersioned))!;
  assert.equal([a.m_seen, b.m_seen], [1, 1]);
  assert.is(ar.GetObjectSchema(), 0xffffffff, 'the schema is restored after ReadObject');
});

test('CArchive.ReadObject() throws badSchema for a different schema of a class without VERSIONABLE_SCHEMA (mfc-semantics §5.7 item 10)', () => {
  throwsCause(() => loading(new Uint8Array(classBytes('CStrict', 4))).readCObject(), CArchiveException, CArchiveException.badSchema);
  assert.instance(loading(new Uint8Array(classBytes('CStrict', 5))).readCObject(), CStrict);
});

test('CArchive.ReadObject() throws badClass for a class nobody registered and never constructs it (mfc-semantics §5.7 item 6)', () => {
  throwsCause(() => loading(new Uint8Array(classBytes('CEvil', 1))).readCObject(), CArchiveException, CArchiveException.badClass);
  // IMPLEMENT_DYNAMIC classes are not findable by name, like MFC's class list.
  throwsCause(() => loading(new Uint8Array(classBytes('CAbstractish', 0xffff))).readCObject(), CArchiveException, CArchiveException.badClass);
});

test('CArchive.ReadObject() throws badClass for a class name of 64 or more characters (mfc-semantics §5.7 item 6)', () => {
  throwsCause(() => loading(new Uint8Array(classBytes('C'.repeat(64), 1))).readCObject(), CArchiveException, CArchiveException.badClass);
});

test('CArchive.readCObject(RUNTIME_CLASS(CAge)) throws badClass for a CFoo, new or back-referenced (mfc-semantics §5.7 items 5 and 8)', () => {
  const bytes = stored((ar) => { const f = CFoo.of(1); ar.writeCObject(f).writeCObject(f); });
  const ar = loading(bytes);
  throwsCause(() => ar.readCObject(RUNTIME_CLASS(CAge)), CArchiveException, CArchiveException.badClass);
  const ar2 = loading(bytes);
  ar2.readCObject();
  throwsCause(() => ar2.readCObject(RUNTIME_CLASS(CAge)), CArchiveException, CArchiveException.badClass);
});

test('CArchive.ReadObject() throws badIndex for an object id or class id that was never defined (mfc-semantics §5.7 items 5 and 7)', () => {
  throwsCause(() => loading(fromHex('05 00')).readCObject(), CArchiveException, CArchiveException.badIndex);
  throwsCause(() => loading(fromHex('05 80')).readCObject(), CArchiveException, CArchiveException.badIndex);
  throwsCause(() => loading(fromHex('00 80')).readCObject(), CArchiveException, CArchiveException.badIndex);
  throwsCause(() => loading(fromHex('FF 7F 00 00 01 00')).readCObject(), CArchiveException, CArchiveException.badIndex);
  // A class id that names an object, or an object id that names a class.
  const bytes = stored((ar) => ar.writeCObject(CFoo.of(1)));
  throwsCause(() => { const ar = loading(new Uint8Array([...bytes, 0x02, 0x80])); ar.readCObject(); ar.readCObject(); }, CArchiveException, CArchiveException.badIndex);
  throwsCause(() => { const ar = loading(new Uint8Array([...bytes, 0x01, 0x00])); ar.readCObject(); ar.readCObject(); }, CArchiveException, CArchiveException.badIndex);
});

test('CArchive.ReadClass() throws badIndex on an object tag when no pObTag is given, and reports it through pObTag otherwise (mfc-semantics §5.7 item 5)', () => {
  throwsCause(() => loading(fromHex('00 00')).ReadClass(), CArchiveException, CArchiveException.badIndex);
  const tag = { value: -1 };
  assert.is(loading(fromHex('03 00')).ReadClass(null, null, tag), null);
  assert.is(tag.value, 3);
});

test('CArchive.ReadClass() fills pSchema with the stored schema and SerializeClass() round-trips a class', () => {
  const bytes = stored((ar) => { ar.SerializeClass(RUNTIME_CLASS(CAge)); ar.SerializeClass(RUNTIME_CLASS(CAge)); });
  assert.is(hex(bytes), 'FF FF 02 00 04 00 43 41 67 65 01 80');
  const ar = loading(bytes);
  const schema = { value: 0 };
  assert.is(ar.ReadClass(RUNTIME_CLASS(CAge), schema), RUNTIME_CLASS(CAge));
  assert.is(schema.value, 2);
  ar.SerializeClass(RUNTIME_CLASS(CAge));
  assert.is(ar.GetObjectSchema(), 2);
});

test('CArchive.WriteClass() throws CNotSupportedException for a class that is not serializable (mfc-semantics §5.7 step 3)', () => {
  throwsCause(() => stored((ar) => ar.WriteClass(RUNTIME_CLASS(CAbstractish))), CNotSupportedException);
  throwsCause(() => stored((ar) => ar.writeCObject(new CAbstractish())), CNotSupportedException);
});

test('CArchive.MapObject() makes later writes of the object back-references on both sides (mfc-semantics §5.2)', () => {
  const shared = CAge.of(7);
  const bytes = stored((ar) => { ar.MapObject(shared); ar.writeCObject(shared); });
  assert.is(hex(bytes), '01 00');
  const ar = loading(bytes);
  const mine = CAge.of(99);
  ar.MapObject(mine);
  assert.is(ar.readCObject(), mine);
});

test('CArchive.SetLoadParams() and SetStoreParams() are accepted before the first object and refused after it (mfc-semantics §5.2)', () => {
  stored((ar) => { ar.SetStoreParams(17, 4); ar.writeCObject(CAge.of(1)); assert.throws(() => ar.SetStoreParams(), TypeError); });
  const ar = loading(stored((w) => w.writeCObject(null)));
  ar.SetLoadParams(16);
  ar.readCObject();
  assert.throws(() => ar.SetLoadParams(), TypeError);
});

test('CObject.IsKindOf() and CRuntimeClass.IsDerivedFrom() follow the registered class chain; IsSerializable() follows the schema', () => {
  const a = CAge.of(1);
  assert.ok(a.IsKindOf(RUNTIME_CLASS(CObject)));
  assert.not.ok(a.IsKindOf(RUNTIME_CLASS(CFoo)));
  assert.ok(a.IsSerializable());
  assert.not.ok(new CAbstractish().IsSerializable());
  assert.is(CRuntimeClass.FromName('CAge'), RUNTIME_CLASS(CAge));
  assert.is(RUNTIME_CLASS(CAge).m_pBaseClass, RUNTIME_CLASS(CObject));
  assert.instance(RUNTIME_CLASS(CAge).CreateObject(), CAge);
  assert.is(RUNTIME_CLASS(CAbstractish).CreateObject(), null);
});

test('IMPLEMENT_SERIAL() refuses a second class with the same name, so the loader can never pick the wrong one', () => {
  class CAgeImpostor extends CObject {}
  assert.throws(() => IMPLEMENT_SERIAL(CAgeImpostor, CObject, 1, 'CAge'), TypeError);
});

test('CArchive.writeCObject() on a loading archive throws readOnly and readCObject() on a storing one throws writeOnly (mfc-semantics §5.4)', () => {
  throwsCause(() => loading(fromHex('00 00')).writeCObject(null), CArchiveException, CArchiveException.readOnly);
  throwsCause(() => stored((ar) => ar.readCObject()), CArchiveException, CArchiveException.writeOnly);
});

test.run();
