// CTypedPtrArray<BASE_CLASS, TYPE>: a CObArray or CPtrArray whose members take and return TYPE;
// like CTypedPtrList, the object is its base class (mfc-semantics 5.10).
import type { TypedArray } from './TypedArray.ts';
import { CObArray } from './CObArray.ts';
import { CPtrArray } from './CPtrArray.ts';
import { describe } from './CTypedPtrList.ts';

type TypedMembers = 'GetAt' | 'SetAt' | 'ElementAt' | 'GetData' | 'SetAtGrow' | 'Add' | 'InsertAt';

/** A CObArray or CPtrArray whose members take and return TYPE. */
export type CTypedPtrArray<BASE extends CObArray | CPtrArray, TYPE> = Pick<TypedArray<TYPE>, TypedMembers> & BASE;

/**
 * Emulates: MFC `CTypedPtrArray<BASE_CLASS, TYPE>` over CObArray or CPtrArray: the base's
 * members, typed; Serialize is the base's (CObArray's bytes; nothing for CPtrArray).
 *
 * @example
 * // C++: CTypedPtrArray<CObArray, CAge*> m_ages;
 * const m_ages = new CTypedPtrArray<CObArray, CAge>(CObArray);
 * m_ages.Add(new CAge());
 */
export const CTypedPtrArray = function CTypedPtrArray(BASE_CLASS: unknown): CObArray | CPtrArray {
  if (BASE_CLASS !== CObArray && BASE_CLASS !== CPtrArray) {
    throw new TypeError(`CTypedPtrArray: the base class is CObArray or CPtrArray, not ${describe(BASE_CLASS)}`);
  }
  return new (BASE_CLASS as new () => CObArray | CPtrArray)();
} as unknown as new <BASE extends CObArray | CPtrArray, TYPE>(BASE_CLASS: new () => BASE) => CTypedPtrArray<BASE, TYPE>;
