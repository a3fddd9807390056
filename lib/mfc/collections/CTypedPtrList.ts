// CTypedPtrList<BASE_CLASS, TYPE>: a CObList or CPtrList whose members take and return TYPE. In
// MFC the template only casts, adds no bytes and declares no run-time class of its own, so the
// object is its base class in everything but its C++ type (mfc-semantics 5.10): here
// `new CTypedPtrList(CObList)` makes a CObList, typed for TYPE.
import type { TypedList } from './TypedList.ts';
import { CObList } from './CObList.ts';
import { CPtrList } from './CPtrList.ts';

type TypedMembers = 'GetHead' | 'GetTail' | 'RemoveHead' | 'RemoveTail' | 'AddHead' | 'AddTail' | 'GetNext' | 'GetPrev' | 'GetAt' | 'SetAt' | 'InsertBefore' | 'InsertAfter' | 'Find';

/** A CObList or CPtrList whose members take and return TYPE. */
export type CTypedPtrList<BASE extends CObList | CPtrList, TYPE> = Pick<TypedList<TYPE>, TypedMembers> & BASE;

/**
 * Emulates: MFC `CTypedPtrList<BASE_CLASS, TYPE>` over CObList or CPtrList: the base's members,
 * typed; Serialize is the base's (CObList's bytes; nothing for CPtrList).
 *
 * @example
 * // C++: CTypedPtrList<CPtrList, CClientSocket*> m_connectionList;
 * const m_connectionList = new CTypedPtrList<CPtrList, CClientSocket>(CPtrList);
 * m_connectionList.AddTail(pSocket);
 * const first: CClientSocket = m_connectionList.GetHead();
 */
export const CTypedPtrList = function CTypedPtrList(BASE_CLASS: unknown): CObList | CPtrList {
  if (BASE_CLASS !== CObList && BASE_CLASS !== CPtrList) {
    throw new TypeError(`CTypedPtrList: the base class is CObList or CPtrList, not ${describe(BASE_CLASS)}`);
  }
  return new (BASE_CLASS as new () => CObList | CPtrList)();
} as unknown as new <BASE extends CObList | CPtrList, TYPE>(BASE_CLASS: new () => BASE) => CTypedPtrList<BASE, TYPE>;

/** A base-class argument, named for an error message. */
export function describe(value: unknown): string {
  return typeof value === 'function' ? value.name || 'an anonymous class' : String(value);
}

