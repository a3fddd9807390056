// The MFC collections given arguments that cannot be right, as MFC 9 answers them (mfc-semantics
// §5.9 names the public copies of its sources; §5.10 the template collections):
// - array_o.cpp: InsertAt with nIndex < 0 or nCount <= 0, SetSize below 0 and Append of the array
//   to itself are AfxThrowInvalidArgException; an allocation that fails is CMemoryException.
//   An index out of range for GetAt / SetAt / RemoveAt stays a RangeError (a documented Differs).
// - list_o.cpp and afxtempl.h's CList: RemoveAt(NULL) is AfxThrowInvalidArgException, and
//   RemoveHead / RemoveTail / GetHead / GetTail of an empty list ENSURE, which throws
//   CInvalidArgException; InsertBefore / InsertAfter of NULL are AddHead / AddTail.
// - map_ss.cpp: HashKey(NULL) is AfxThrowInvalidArgException, so SetAt / Lookup / RemoveKey of a
//   NULL key throw (RemoveKey only once the table exists, as there); GetNextAssoc of a NULL
//   position returns doing nothing.
// Beyond MFC (where a garbage POSITION faults): a POSITION that is not one of this collection's
// is CInvalidArgException too, never a bare TypeError.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  CArray, CByteArray, CDWordArray, CInvalidArgException, CList, CMap, CMapStringToOb, CMapStringToString, CMapWordToOb, CMemoryException,
  CObArray, CObList, CPtrList, CStringArray, CStringList, CUIntArray, CWordArray, type POSITION,
} from 'afxsock';
import { CAge, messageOf, throwsCause } from './archiveSupport.ts';

const test = suite('MFC collections misuse');

test('CObArray.InsertAt() with nIndex < 0 or nCount <= 0 is CInvalidArgException and changes nothing (array_o.cpp; audit F3)', () => {
  for (const make of [() => new CObArray(), () => new CStringArray(), () => new CByteArray(), () => new CArray('int')]) {
    const a = make() as CObArray;
    a.SetSize(1);
    throwsCause(() => a.InsertAt(-1, null), CInvalidArgException);
    throwsCause(() => a.InsertAt(0, null, 0), CInvalidArgException);
    throwsCause(() => a.InsertAt(0, null, -2), CInvalidArgException);
    throwsCause(() => a.InsertAt(Number.NaN, null), CInvalidArgException);
    throwsCause(() => a.InsertAt('1' as never, null), CInvalidArgException);
    assert.is(a.GetSize(), 1, a.GetRuntimeClass().m_lpszClassName);
  }
  assert.match(messageOf(() => new CObArray().InsertAt(0, null, 0)), 'CObArray.InsertAt: expected an nCount above 0, got 0');
});

test('CObArray.Append() of the array itself is CInvalidArgException (array_o.cpp), and of something that is no array of its kind too', () => {
  const a = new CObArray();
  a.Add(CAge.of(1));
  throwsCause(() => a.Append(a), CInvalidArgException);
  throwsCause(() => a.Append(null as never), CInvalidArgException);
  throwsCause(() => a.Append([CAge.of(2)] as never), CInvalidArgException);
  throwsCause(() => a.Copy({} as never), CInvalidArgException);
  assert.is(a.GetSize(), 1);
  a.Copy(a);
  assert.is(a.GetSize(), 1, 'Copy of itself does nothing, as in MFC');
});

test('CObArray.SetSize() below 0 or of a non-integer is CInvalidArgException (array_o.cpp)', () => {
  throwsCause(() => new CObArray().SetSize(-1), CInvalidArgException);
  throwsCause(() => new CArray('int').SetSize(1.5), CInvalidArgException);
  throwsCause(() => new CArray('int').SetSize('3' as never), CInvalidArgException);
});

test('CArray.SetSize(1e12) and growth past what an array can hold are CMemoryException at once, not a bare RangeError or a long fill (audit F3)', () => {
  const a = new CArray('int');
  a.Add(7);
  throwsCause(() => a.SetSize(1e12), CMemoryException);
  throwsCause(() => a.SetSize(2 ** 32), CMemoryException);
  throwsCause(() => a.InsertAt(0, 1, 1e12), CMemoryException);
  throwsCause(() => a.InsertAt(1e12, 1), CMemoryException);
  throwsCause(() => a.SetAtGrow(1e12, 1), CMemoryException);
  assert.equal(a.GetData(), [7], 'the array is unchanged');
});

test('an array index out of range stays the documented RangeError (GetAt, SetAt, RemoveAt)', () => {
  assert.throws(() => new CObArray().GetAt(0), RangeError);
  assert.throws(() => new CObArray().SetAt(5, null), RangeError);
  assert.throws(() => new CObArray().RemoveAt(0), RangeError);
});

test('CObList.RemoveHead/RemoveTail/GetHead/GetTail of an empty list are CInvalidArgException (MFC 9 ENSURE; audit F4)', () => {
  for (const make of [() => new CObList(), () => new CStringList(), () => new CList('int'), () => new CPtrList()]) {
    const l = make() as CObList;
    for (const member of ['RemoveHead', 'RemoveTail', 'GetHead', 'GetTail'] as const) {
      throwsCause(() => l[member](), CInvalidArgException);
    }
  }
  assert.match(messageOf(() => new CObList().RemoveHead()), 'CObList.RemoveHead: the list is empty');
});

test('CObList members that take a POSITION refuse null and garbage with CInvalidArgException, leaving the list as it was (list_o.cpp RemoveAt(NULL); audit F4)', () => {
  const l = new CObList();
  const a = CAge.of(1);
  const pos = l.AddTail(a);
  const other = new CObList();
  const foreign = other.AddTail(a);
  const garbage: POSITION[] = [{}, foreign, { data: a, pNext: null, pPrev: null }];
  for (const bad of [null, ...garbage]) {
    throwsCause(() => l.RemoveAt(bad), CInvalidArgException);
    throwsCause(() => l.GetAt(bad), CInvalidArgException);
    throwsCause(() => l.SetAt(bad, null), CInvalidArgException);
    throwsCause(() => l.GetNext({ value: bad }), CInvalidArgException);
    throwsCause(() => l.GetPrev({ value: bad }), CInvalidArgException);
  }
  for (const bad of garbage) {
    throwsCause(() => l.InsertBefore(bad, null), CInvalidArgException);
    throwsCause(() => l.InsertAfter(bad, null), CInvalidArgException);
    throwsCause(() => l.Find(a, bad), CInvalidArgException);
  }
  throwsCause(() => l.GetNext(null as never), CInvalidArgException);
  assert.match(messageOf(() => l.RemoveAt(null)), 'CObList.RemoveAt: expected a POSITION of this list, got null');
  assert.is(l.GetCount(), 1);
  assert.is(l.GetAt(pos), a);
  assert.is(other.GetCount(), 1);
});

test('CObList: a POSITION that was removed is no longer one of the list\'s; InsertBefore/After(NULL) are AddHead/AddTail', () => {
  const l = new CObList();
  const [a, b, c] = [CAge.of(1), CAge.of(2), CAge.of(3)];
  const pos = l.AddTail(a);
  l.RemoveAt(pos);
  throwsCause(() => l.RemoveAt(pos), CInvalidArgException);
  l.AddTail(a);
  l.InsertBefore(null, b);
  l.InsertAfter(null, c);
  assert.equal(l.toArray(), [b, a, c]);
  const kept = l.GetHeadPosition();
  l.RemoveAll();
  throwsCause(() => l.GetAt(kept), CInvalidArgException);
});

test('CObList.FindIndex() of something that is no number is CInvalidArgException (it returned the head)', () => {
  const l = new CObList();
  l.AddTail(CAge.of(1));
  throwsCause(() => l.FindIndex(Number.NaN), CInvalidArgException);
  throwsCause(() => l.FindIndex('x' as never), CInvalidArgException);
  assert.is(l.FindIndex(1), null);
});

test('CMapStringToString: a NULL key is CInvalidArgException in SetAt, Lookup, LookupKey and RemoveKey (map_ss.cpp HashKey; audit F5)', () => {
  for (const make of [() => new CMapStringToString(), () => new CMapStringToOb(), () => new CMap('CString', 'int')]) {
    const m = make() as CMapStringToString;
    throwsCause(() => m.SetAt(null as never, 'x'), CInvalidArgException);
    throwsCause(() => m.Lookup(null as never, { value: '' }), CInvalidArgException);
    assert.is(m.RemoveKey(null as never), false, 'RemoveKey of an empty map returns before HashKey, as in MFC');
    m.SetAt('a', null as never);
    throwsCause(() => m.RemoveKey(null as never), CInvalidArgException);
    throwsCause(() => m.Lookup(5 as never, { value: '' }), CInvalidArgException);
    throwsCause(() => m.LookupKey(undefined as never, { value: '' }), CInvalidArgException);
    throwsCause(() => m.HashKey(null as never), CInvalidArgException);
    assert.is(m.GetCount(), 1);
  }
  assert.match(messageOf(() => new CMapStringToString().SetAt(null as never, 'x')), 'CMapStringToString.SetAt: expected a string key, got null');
});

test('CMapStringToString.GetNextAssoc() with a NULL position returns doing nothing (map_ss.cpp); a garbage position is CInvalidArgException', () => {
  const m = new CMapStringToString();
  m.SetAt('a', 'b');
  const pos = { value: null as POSITION };
  const key = { value: 'k' };
  const val = { value: 'v' };
  m.GetNextAssoc(pos, key, val);
  assert.equal([pos.value, key.value, val.value], [null, 'k', 'v']);
  throwsCause(() => m.GetNextAssoc({ value: {} }, key, val), CInvalidArgException);
  throwsCause(() => m.GetNextAssoc(null as never, key, val), CInvalidArgException);
  const other = new CMapStringToString();
  other.SetAt('x', 'y');
  const foreign = { value: other.GetStartPosition() };
  other.GetNextAssoc(foreign, key, val);
  assert.is(foreign.value, null);
  const start = { value: m.GetStartPosition() };
  m.RemoveAll();
  throwsCause(() => m.GetNextAssoc(start, key, val), CInvalidArgException);
});

test('CMapWordToOb and CMap<int, …> refuse a key that is no number with CInvalidArgException (it hashed as 0)', () => {
  throwsCause(() => new CMapWordToOb().SetAt(null as never, null), CInvalidArgException);
  throwsCause(() => new CMap('int', 'int').SetAt('7' as never, 1), CInvalidArgException);
  throwsCause(() => new CMap('int', 'int').Lookup(Number.NaN, { value: 0 }), CInvalidArgException);
});

test('CByteArray, CWordArray, CDWordArray and CUIntArray refuse an element that is no finite number with CInvalidArgException and keep what they held (audit leftover: Add("x") stored 0)', () => {
  for (const make of [() => new CByteArray(), () => new CWordArray(), () => new CDWordArray(), () => new CUIntArray()]) {
    const a = make();
    a.Add(300);
    for (const bad of ['x', null, undefined, Number.NaN, {}]) {
      throwsCause(() => a.Add(bad as never), CInvalidArgException);
      throwsCause(() => a.SetAt(0, bad as never), CInvalidArgException);
      throwsCause(() => a.InsertAt(0, bad as never), CInvalidArgException);
    }
    assert.is(a.GetSize(), 1, a.constructor.name);
    assert.is(a.GetAt(0), a instanceof CByteArray ? 44 : 300, 'a number is converted as C converts it');
  }
});

test.run();
