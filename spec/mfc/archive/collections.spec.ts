// The MFC collections' Serialize: WriteCount then the elements (arrays in index order, lists head to
// tail, maps in hash-table order: bucket 0 upwards, each chain newest first, HashKey h*33+ch, 17
// buckets by default — MFC's map_ss.cpp facts, see lib/mfc/collections/StringHashMap.ts).
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArchiveException, CByteArray, CDWordArray, CMapStringToOb, CMapStringToString, CObList, CStringArray, CStringList,
  CWordArray, RUNTIME_CLASS, type CObject, type POSITION,
} from 'afxsock';
import { CAge, hex, loading, stored, throwsCause } from './archiveSupport.ts';

const test = suite('MFC collections Serialize');

test('CByteArray, CWordArray and CDWordArray.Serialize() write WriteCount then the little-endian elements', () => {
  const b = new CByteArray(); b.Add(1); b.Add(0x1ff);
  const w = new CWordArray(); w.Add(0x1234);
  const d = new CDWordArray(); d.Add(0xdeadbeef); d.Add(1);
  const bytes = stored((ar) => { b.Serialize(ar); w.Serialize(ar); d.Serialize(ar); });
  assert.is(hex(bytes), '02 00 01 FF 01 00 34 12 02 00 EF BE AD DE 01 00 00 00');
  const ar = loading(bytes);
  const [b2, w2, d2] = [new CByteArray(), new CWordArray(), new CDWordArray()];
  b2.Serialize(ar); w2.Serialize(ar); d2.Serialize(ar);
  assert.equal([b2.GetData(), w2.GetData(), d2.GetData()], [[1, 0xff], [0x1234], [0xdeadbeef, 1]]);
});

test('CStringArray.Serialize() writes each element as the archive\'s CString', () => {
  const a = new CStringArray(); a.Add('x'); a.Add('');
  assert.is(hex(stored((ar) => a.Serialize(ar))), '02 00 FF FE FF 01 78 00 FF FE FF 00');
  assert.is(hex(stored((ar) => a.Serialize(ar), { unicode: false })), '02 00 01 78 00');
});

test('CObList and CStringList.Serialize() write head to tail and load with AddTail', () => {
  const l = new CStringList(); l.AddTail('b'); l.AddHead('a'); l.AddTail('c');
  const ol = new CObList(); const age = CAge.of(3); ol.AddTail(age); ol.AddTail(null); ol.AddTail(age);
  const bytes = stored((ar) => { l.Serialize(ar); ol.Serialize(ar); }, { unicode: false });
  assert.is(hex(bytes.subarray(0, 8)), '03 00 01 61 01 62 01 63');
  const ar = loading(bytes, { unicode: false });
  const [l2, ol2] = [new CStringList(), new CObList()];
  l2.Serialize(ar); ol2.Serialize(ar);
  assert.equal(l2.toArray(), ['a', 'b', 'c']);
  const items = ol2.toArray();
  assert.equal([(items[0] as CAge).m_years, items[1], items[0] === items[2]], [3, null, true]);
});

test('CObList.GetNext() walks from GetHeadPosition() to null, as MFC\'s POSITION loop', () => {
  const l = new CStringList(); ['x', 'y', 'z'].forEach((s) => l.AddTail(s));
  const pos: { value: POSITION } = { value: l.GetHeadPosition() };
  const seen: string[] = [];
  while (pos.value) seen.push(l.GetNext(pos));
  assert.equal(seen, ['x', 'y', 'z']);
  l.RemoveAt(l.Find('y'));
  assert.equal(l.toArray(), ['x', 'z']);
});

test('CMapStringToString.Serialize() writes pairs in hash-table order: bucket ascending, newest first in a bucket', () => {
  const m = new CMapStringToString();
  // HashKey: "a" = 97 → bucket 12 of 17; "b" = 98 → 13; "r" = 114 → 12 (same bucket as "a").
  assert.equal(['a', 'b', 'r'].map((k) => m.HashKey(k) % 17), [12, 13, 12]);
  m.SetAt('a', '1'); m.SetAt('b', '2'); m.SetAt('r', '3'); m.SetAt('a', '4');
  assert.equal(m.entries(), [['r', '3'], ['a', '4'], ['b', '2']]);
  const bytes = stored((ar) => m.Serialize(ar), { unicode: false });
  assert.is(hex(bytes), '03 00 01 72 01 33 01 61 01 34 01 62 01 32');
  const back = new CMapStringToString();
  back.Serialize(loading(bytes, { unicode: false }));
  // Loading SetAt's in wire order, so r then a land in the bucket newest-first: a before r.
  assert.equal(back.entries(), [['a', '4'], ['r', '3'], ['b', '2']]);
});

test('CMapStringToString.GetNextAssoc() iterates in the order Serialize writes, and RemoveKey() unlinks from the chain', () => {
  const m = new CMapStringToString();
  m.InitHashTable(7);
  for (const k of ['one', 'two', 'three', 'four', 'five']) m.SetAt(k, k.toUpperCase());
  assert.ok(m.RemoveKey('three'));
  assert.not.ok(m.RemoveKey('three'));
  const order: string[] = [];
  const pos: { value: POSITION } = { value: m.GetStartPosition() };
  const key = { value: '' }; const val = { value: '' };
  while (pos.value) { m.GetNextAssoc(pos, key, val); order.push(key.value); }
  assert.equal(order, m.entries().map(([k]) => k));
  assert.is(m.GetCount(), 4);
  assert.is(m.GetHashTableSize(), 7);
  const v = { value: '' };
  assert.ok(m.Lookup('four', v));
  assert.is(v.value, 'FOUR');
});

test('CMapStringToOb.Serialize() stores values as CObject pointers, sharing ids with the rest of the archive', () => {
  const m = new CMapStringToOb();
  const age = CAge.of(40);
  m.SetAt('x', age); m.SetAt('y', age); m.SetAt('z', null);
  const bytes = stored((ar) => { ar.writeCObject(m); ar.writeCObject(age); });
  const ar = loading(bytes);
  const back = ar.readCObject(RUNTIME_CLASS(CMapStringToOb))!;
  const [x, y, z] = [0, 1, 2].map((): { value: CObject | null } => ({ value: CAge.of(-1) }));
  assert.ok(back.Lookup('x', x!) && back.Lookup('y', y!) && back.Lookup('z', z!));
  assert.is(x!.value, y!.value);
  assert.is(z!.value, null);
  assert.is(ar.readCObject(), x!.value);
});

test('CObArray-style arrays refuse a count above maxCount, and a short element block is endOfFile, not a huge allocation', () => {
  throwsCause(() => new CByteArray().Serialize(loading(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), { maxCount: 1000 })),
    CArchiveException, CArchiveException.genericException);
  throwsCause(() => new CDWordArray().Serialize(loading(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]))),
    CArchiveException, CArchiveException.endOfFile);
});

test('CStringArray array members behave as MFC\'s: SetAtGrow, InsertAt, RemoveAt, GetUpperBound, and a RangeError out of range', () => {
  const a = new CStringArray();
  a.SetAtGrow(2, 'c');
  a.InsertAt(0, 'z', 2);
  a.RemoveAt(1);
  assert.equal(a.GetData(), ['z', '', '', 'c']);
  assert.is(a.GetUpperBound(), 3);
  assert.throws(() => a.GetAt(4), RangeError);
});

test('CDWordArray.Append() and InsertAt() of 300,000 elements work element by element (a spread of that many arguments overflowed the stack)', () => {
  const big = new CDWordArray();
  big.SetSize(300_000);
  big.SetAt(299_999, 9);
  const a = new CDWordArray();
  a.Add(1);
  assert.is(a.Append(big), 1);
  assert.equal([a.GetSize(), a.GetAt(0), a.GetAt(300_000)], [300_001, 1, 9]);
  a.InsertAt(1, 7, 300_000);
  assert.equal([a.GetSize(), a.GetAt(0), a.GetAt(1), a.GetAt(300_000), a.GetAt(300_001), a.GetAt(600_000)], [600_001, 1, 7, 7, 0, 9]);
});

test.run();
