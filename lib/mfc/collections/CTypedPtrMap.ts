// CTypedPtrMap<BASE_CLASS, KEY, VALUE>: a pointer or object map whose members take and return
// KEY and VALUE; like CTypedPtrList, the object is its base class (mfc-semantics 5.10).
import type { HashTableMap } from './HashTableMap.ts';
import { CMapPtrToPtr } from './CMapPtrToPtr.ts';
import { CMapPtrToWord } from './CMapPtrToWord.ts';
import { CMapStringToOb } from './CMapStringToOb.ts';
import { CMapStringToPtr } from './CMapStringToPtr.ts';
import { CMapWordToOb } from './CMapWordToOb.ts';
import { CMapWordToPtr } from './CMapWordToPtr.ts';
import { describe } from './CTypedPtrList.ts';

type MapBase = CMapPtrToPtr | CMapPtrToWord | CMapStringToOb | CMapStringToPtr | CMapWordToOb | CMapWordToPtr;
const bases: readonly unknown[] = [CMapPtrToPtr, CMapPtrToWord, CMapStringToOb, CMapStringToPtr, CMapWordToOb, CMapWordToPtr];

type TypedMembers = 'Lookup' | 'SetAt' | 'RemoveKey' | 'GetNextAssoc';

/** A map whose members take and return KEY and VALUE. */
export type CTypedPtrMap<BASE extends MapBase, KEY, VALUE> = Pick<HashTableMap<KEY, VALUE>, TypedMembers> & BASE;

/**
 * Emulates: MFC `CTypedPtrMap<BASE_CLASS, KEY, VALUE>` over CMapPtrToPtr, CMapPtrToWord,
 * CMapStringToOb, CMapStringToPtr, CMapWordToOb or CMapWordToPtr: the base's members, typed;
 * Serialize is the base's.
 *
 * @example
 * // C++: CTypedPtrMap<CMapStringToOb, CString, CAge*> m_byName;
 * const m_byName = new CTypedPtrMap<CMapStringToOb, string, CAge>(CMapStringToOb);
 * m_byName.SetAt('ann', new CAge());
 */
export const CTypedPtrMap = function CTypedPtrMap(BASE_CLASS: unknown): MapBase {
  if (!bases.includes(BASE_CLASS)) {
    throw new TypeError(`CTypedPtrMap: the base class is one of the pointer or object maps, not ${describe(BASE_CLASS)}`);
  }
  return new (BASE_CLASS as new () => MapBase)();
} as unknown as new <BASE extends MapBase, KEY, VALUE>(BASE_CLASS: new () => BASE) => CTypedPtrMap<BASE, KEY, VALUE>;
