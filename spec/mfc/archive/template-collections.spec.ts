// The template and pointer collections (mfc-semantics 5.10), byte for byte against MFC 9's
// sources (Visual Studio 2008 afxtempl.h; the CString specialisations beside it; map_wo.cpp):
// - CArray<TYPE, ARG_TYPE>::Serialize: WriteCount(m_nSize) (ReadCount + SetSize when loading), then
//   SerializeElements<TYPE>(ar, m_pData, m_nSize);
// - CList<TYPE, ARG_TYPE>::Serialize: WriteCount(m_nCount), then SerializeElements<TYPE>(ar, &data, 1)
//   per node head to tail; loading AddTails;
// - CMap<…>::Serialize: WriteCount(m_nCount), then for nHash = 0 … m_nHashTableSize - 1, each
//   association of the bucket's chain (operator[] pushes a new one on the front), key then value
//   by SerializeElements; loading SetAt's each pair;
// - SerializeElements<TYPE> default: "bit-wise read/write" (ar.Write(pData, n * sizeof(TYPE)));
//   SerializeElements<CStringW/A>: SerializeElementsInsertExtract, `ar << *pElements` each;
// - HashKey<ARG_KEY> default: `(DWORD)(((DWORD_PTR)key) >> 4)`; HashKey<LPCWSTR>:
//   `nHash = (nHash << 5) + nHash + *key++`; CMap's default table size 17;
// - CMapWordToOb::Serialize (map_wo.cpp): `ar << pAssoc->key; ar << pAssoc->value` in table order.
// Every expected byte string below was worked out by hand from those rules, not by running afxsock.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArchive, CArchiveException, CArray, CList, CMemFile, CMap, CMapPtrToPtr, CMapStringToPtr, CMapWordToOb, CMapWordToPtr, CObArray, CObject,
  CObList, CPtrArray, CPtrList, CTypedPtrArray, CTypedPtrList, CTypedPtrMap, CMapStringToOb, CUIntArray,
  IMPLEMENT_DYNAMIC, IMPLEMENT_DYNCREATE, IMPLEMENT_SERIAL, RUNTIME_CLASS, type ElementCodec, type POSITION,
} from 'afxsock';
import { CFoo, fromHex, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('MFC template and pointer collections');

test('CArray<int, int>.Serialize() writes WriteCount then the raw little-endian ints (SerializeElements bit-wise)', () => {
  const a = new CArray('int');
  a.Add(1); a.Add(-2); a.Add(0x01020304);
  const bytes = stored((ar) => a.Serialize(ar));
  assert.is(hex(bytes), '03 00 01 00 00 00 FE FF FF FF 04 03 02 01');
  const b = new CArray('int');
  b.Serialize(loading(bytes));
  assert.equal(b.GetData(), [1, -2, 0x01020304]);
});

test('CArray<POINT, POINT>.Serialize() writes each POINT as its 8-byte image (two LONGs)', () => {
  const m_points = new CArray('POINT');
  m_points.Add({ x: 1, y: 2 });
  m_points.Add({ x: -1, y: 300 });
  const bytes = stored((ar) => m_points.Serialize(ar));
  assert.is(hex(bytes), '02 00 01 00 00 00 02 00 00 00 FF FF FF FF 2C 01 00 00');
  const back = new CArray('POINT');
  back.Serialize(loading(bytes));
  assert.equal(back.GetData(), [{ x: 1, y: 2 }, { x: -1, y: 300 }]);
});

test('CArray stores copies of structures, as C++ assignment does', () => {
  const pt = { x: 5, y: 6 };
  const a = new CArray('POINT');
  a.Add(pt);
  a.InsertAt(0, pt, 2);
  pt.x = 99;
  assert.equal(a.GetData(), [{ x: 5, y: 6 }, { x: 5, y: 6 }, { x: 5, y: 6 }]);
  a.GetAt(0).y = 7; // GetAt returns the element itself, as TYPE& does
  assert.equal([a.GetAt(0), a.GetAt(1)], [{ x: 5, y: 7 }, { x: 5, y: 6 }]);
});

test('CArray of double, RECT, LONGLONG, WORD and BYTE write their images; SetSize fills zeros', () => {
  const d = new CArray('double'); d.Add(1.5);
  const r = new CArray('RECT'); r.SetSize(1); r.SetAt(0, { left: 1, top: 2, right: 3, bottom: 4 });
  const q = new CArray('LONGLONG'); q.Add(-1n);
  const w = new CArray('WORD'); w.Add(0x12345);
  const b = new CArray('BYTE'); b.SetSize(2);
  const bytes = stored((ar) => { d.Serialize(ar); r.Serialize(ar); q.Serialize(ar); w.Serialize(ar); b.Serialize(ar); });
  assert.is(hex(bytes), [
    '01 00 00 00 00 00 00 00 F8 3F',
    '01 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00',
    '01 00 FF FF FF FF FF FF FF FF',
    '01 00 45 23',
    '02 00 00 00',
  ].join(' '));
});

test('CArray<CString, LPCTSTR> and CList<CString, CString&> write each CString with << (SerializeElements<CString>)', () => {
  const a = new CArray('CString'); a.Add('ab'); a.Add('');
  const l = new CList('CString'); l.AddTail('x'); l.AddHead('yz');
  assert.is(hex(stored((ar) => { a.Serialize(ar); l.Serialize(ar); })),
    '02 00 FF FE FF 02 61 00 62 00 FF FE FF 00 02 00 FF FE FF 02 79 00 7A 00 FF FE FF 01 78 00');
  assert.is(hex(stored((ar) => a.Serialize(ar), { unicode: false })), '02 00 02 61 62 00');
  const back = new CList('CString');
  back.Serialize(loading(fromHex('02 00 FF FE FF 02 79 00 7A 00 FF FE FF 01 78 00')));
  assert.equal([back.GetHead(), back.GetTail()], ['yz', 'x']);
});

test('CList.Find() compares as CompareElements: structures by value', () => {
  const l = new CList('POINT');
  l.AddTail({ x: 1, y: 1 });
  const pos = l.AddTail({ x: 2, y: 3 });
  assert.is(l.Find({ x: 2, y: 3 }), pos);
  assert.is(l.Find({ x: 9, y: 9 }), null);
});

test('CMap<CString, LPCTSTR, int, int>.Serialize() writes the pairs in MFC 9 hash-table order', () => {
  // HashKey<LPCWSTR>: "a" 97 → bucket 12, "b" 98 → 13, "ab" 97·33 + 98 = 3299 → 1, "r" 114 → 12.
  // Inserted a, b, ab, r: bucket 1 holds ab; bucket 12 holds r then a (newest first); 13 holds b.
  const m_scores = new CMap('CString', 'int');
  m_scores.SetAt('a', 1); m_scores.SetAt('b', 2); m_scores.SetAt('ab', 3); m_scores.SetAt('r', 4);
  const bytes = stored((ar) => m_scores.Serialize(ar));
  assert.is(hex(bytes), [
    '04 00',
    'FF FE FF 02 61 00 62 00', '03 00 00 00',
    'FF FE FF 01 72 00', '04 00 00 00',
    'FF FE FF 01 61 00', '01 00 00 00',
    'FF FE FF 01 62 00', '02 00 00 00',
  ].join(' '));
  const back = new CMap('CString', 'int');
  back.Serialize(loading(bytes));
  const v = { value: 0 };
  assert.ok(back.Lookup('r', v)); assert.is(v.value, 4);
  // Loading SetAt's the pairs in the stored order, so the loaded map iterates as MFC's would.
  assert.is(hex(stored((ar) => back.Serialize(ar))), '04 00 FF FE FF 02 61 00 62 00 03 00 00 00 FF FE FF 01 61 00 01 00 00 00 FF FE FF 01 72 00 04 00 00 00 FF FE FF 01 62 00 02 00 00 00');
});

test('CMap<int, int, WORD, WORD> hashes integral keys with the identity hash key >> 4 (x86 DWORD_PTR)', () => {
  // 16 → 1 → bucket 1; 0 → 0; 272 → 17 → bucket 0; -1 → 0x0FFFFFFF → 268435455 % 17 = 15.
  const m = new CMap('int', 'WORD');
  m.SetAt(16, 1); m.SetAt(0, 2); m.SetAt(272, 3); m.SetAt(-1, 4);
  assert.is(hex(stored((ar) => m.Serialize(ar))), '04 00 10 01 00 00 03 00 00 00 00 00 02 00 10 00 00 00 01 00 FF FF FF FF 04 00');
  assert.is(m.HashKey(-1), 0x0fffffff);
});

test('CMap.InitHashTable() changes the bucket count and so the store order; RemoveKey of the last pair frees the table', () => {
  const m = new CMap('int', 'int');
  m.InitHashTable(2);
  m.SetAt(0x10, 1); m.SetAt(0x20, 2); m.SetAt(0x30, 3); // hashes 1, 2, 3 → buckets 1, 0, 1
  assert.is(hex(stored((ar) => m.Serialize(ar))), '03 00 20 00 00 00 02 00 00 00 30 00 00 00 03 00 00 00 10 00 00 00 01 00 00 00');
  for (const k of [0x10, 0x20, 0x30]) assert.ok(m.RemoveKey(k));
  assert.is(m.GetCount(), 0);
  assert.is(m.GetHashTableSize(), 2, 'the size is kept, as MFC keeps m_nHashTableSize');
  assert.is(m.GetStartPosition(), null);
});

test('CMap with a structure key needs a HashKey, as in C++; a codec with hashKey provides it', () => {
  assert.throws(() => new CMap('POINT', 'int'), (e: Error) => e instanceof TypeError && /HashKey cannot hash a POINT/.test(e.message));
  const point: ElementCodec<{ x: number; y: number }> = {
    name: 'CPoint', size: 8, serializable: true, empty: () => ({ x: 0, y: 0 }), copy: (p) => ({ ...p }),
    equals: (a, b) => a.x === b.x && a.y === b.y, store: (ar, p) => void ar.writeLONG(p.x).writeLONG(p.y),
    load: (ar) => ({ x: ar.readLONG(), y: ar.readLONG() }), hashKey: (p) => (p.x << 16) ^ p.y, keyId: (p) => `${p.x},${p.y}`,
  };
  const m = new CMap(point, 'CString');
  m.SetAt({ x: 1, y: 2 }, 'one-two');
  const v = { value: '' };
  assert.ok(m.Lookup({ x: 1, y: 2 }, v));
  assert.is(v.value, 'one-two');
});

test('A pointer element type refuses to serialize before a byte is written (MFC would write the pointer bits)', () => {
  const a = new CArray('CObject*');
  a.Add(new CFoo());
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.store);
  assert.throws(() => a.Serialize(ar), (e: Error) => e instanceof TypeError && /SerializeElements<CObject\*>: MFC would write the pointer's bits/.test(e.message));
  assert.throws(() => new CMap('int', 'void*').Serialize(ar), /SerializeElements<void\*>/);
  ar.Close();
  assert.is(file.GetLength(), 0, 'nothing was written');
});

test('CArray.Serialize() of a hostile count ends in endOfFile without allocating the count', () => {
  // WriteCount's escape: FF FF, then a DWORD count of 0x100000 elements, and four bytes of them.
  throwsCause(() => new CArray('int').Serialize(loading(fromHex('FF FF 00 00 10 00 01 00 00 00'))), CArchiveException, CArchiveException.endOfFile);
  // A count beyond the archive's maxCount is refused before any element is read.
  throwsCause(() => new CArray('int').Serialize(loading(fromHex('FF FF FF FF FF 7F'))), CArchiveException, CArchiveException.genericException);
  throwsCause(() => new CList('POINT').Serialize(loading(fromHex('05 00 01 00 00 00'))), CArchiveException, CArchiveException.endOfFile);
});

test('CMapWordToOb.Serialize() writes WORD keys and objects in table order (key >> 4 buckets; map_wo.cpp)', () => {
  // 7 → 0 → bucket 0; 0x20 → 2 → bucket 2. The second CFoo refers to its class by index 1 (0x8001).
  const m = new CMapWordToOb();
  m.SetAt(0x20, CFoo.of(6));
  m.SetAt(7, CFoo.of(5));
  const bytes = stored((ar) => m.Serialize(ar));
  assert.is(hex(bytes), '02 00 07 00 FF FF 01 00 04 00 43 46 6F 6F 05 00 20 00 01 80 06 00');
  const back = new CMapWordToOb();
  back.Serialize(loading(bytes));
  const v: { value: CObject | null } = { value: null };
  assert.ok(back.Lookup(0x20, v));
  assert.is((v.value as CFoo).m_w, 6);
  assert.is(RUNTIME_CLASS(CMapWordToOb).m_lpszClassName, 'CMapWordToOb');
});

test('CTypedPtrList, CTypedPtrArray and CTypedPtrMap are their base class: the same bytes, the base\'s run-time class', () => {
  const list = new CTypedPtrList<CObList, CFoo>(CObList);
  list.AddTail(CFoo.of(1));
  const first: CFoo = list.GetHead();
  assert.is(first.m_w, 1);
  const plain = new CObList();
  plain.AddTail(CFoo.of(1));
  assert.is(hex(stored((ar) => list.Serialize(ar))), hex(stored((ar) => plain.Serialize(ar))));
  assert.is(list.GetRuntimeClass(), RUNTIME_CLASS(CObList));
  assert.ok(hex(stored((ar) => ar.writeCObject(list))).startsWith('FF FF 00 00 07 00 43 4F 62 4C 69 73 74'), 'ar << &list names CObList');
  const arr = new CTypedPtrArray<CObArray, CFoo>(CObArray);
  arr.Add(CFoo.of(2));
  assert.ok(arr instanceof CObArray);
  const map = new CTypedPtrMap<CMapStringToOb, string, CFoo>(CMapStringToOb);
  map.SetAt('k', CFoo.of(3));
  const v: { value: CFoo } = { value: CFoo.of(0) };
  assert.ok(map.Lookup('k', v));
  assert.is(v.value.m_w, 3);
  assert.throws(() => new CTypedPtrList<CObList, CFoo>(CObArray as unknown as typeof CObList), /base class is CObList or CPtrList, not CObArray/);
});

test('CPtrList, CPtrArray, CUIntArray and the pointer maps keep any values and serialize nothing (CObject::Serialize)', () => {
  class CClientSocket { constructor(readonly name: string) {} }
  const m_connectionList = new CTypedPtrList<CPtrList, CClientSocket>(CPtrList);
  const a = new CClientSocket('a');
  const b = new CClientSocket('b');
  m_connectionList.AddTail(a);
  m_connectionList.AddTail(b);
  const pos: { value: POSITION } = { value: m_connectionList.GetHeadPosition() };
  const names: string[] = [];
  while (pos.value) names.push(m_connectionList.GetNext(pos).name);
  assert.equal(names, ['a', 'b']);
  m_connectionList.RemoveAt(m_connectionList.Find(a));
  assert.is(m_connectionList.GetCount(), 1);
  const ptrs = new CPtrArray(); ptrs.Add(a);
  const uints = new CUIntArray(); uints.Add(-1);
  assert.is(uints.GetAt(0), 0xffffffff);
  const byName = new CMapStringToPtr(); byName.SetAt('a', a);
  const byPtr = new CMapPtrToPtr(); byPtr.SetAt(a, b); byPtr.SetAt(b, a);
  const byWord = new CMapWordToPtr(); byWord.SetAt(0x10007, a);
  const found = { value: null as unknown };
  assert.ok(byPtr.Lookup(b, found)); assert.is(found.value, a);
  assert.ok(byWord.Lookup(7, found)); assert.is(found.value, a);
  const bytes = stored((ar) => { m_connectionList.Serialize(ar); ptrs.Serialize(ar); uints.Serialize(ar); byName.Serialize(ar); byPtr.Serialize(ar); byWord.Serialize(ar); });
  assert.is(bytes.length, 0);
  assert.is(new CPtrList().IsSerializable(), false);
});

test('IMPLEMENT_DYNAMIC registers a class whose constructor takes arguments; IMPLEMENT_SERIAL and IMPLEMENT_DYNCREATE say it needs none', () => {
  class CListeningSocket extends CObject {
    constructor(readonly pDoc: object) { super(); }
  }
  const rc = IMPLEMENT_DYNAMIC(CListeningSocket, CObject);
  assert.ok(new CListeningSocket({}).IsKindOf(rc));
  class CChatSocket extends CObject {
    constructor(readonly pDoc: object) { super(); }
  }
  for (const register of [IMPLEMENT_SERIAL, IMPLEMENT_DYNCREATE] as const) {
    assert.throws(() => (register as (c: unknown, b: unknown, s: number) => unknown)(CChatSocket, CObject, 1),
      /creates objects with no arguments, but the constructor of CChatSocket takes 1/);
  }
});

test.run();
