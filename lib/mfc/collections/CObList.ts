// CObList: a doubly linked list of CObject pointers; Serialize writes WriteCount, then the
// elements head to tail as `ar << pOb`.
import { TypedList } from './TypedList.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CObList` (members and Serialize in TypedList), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const list = new CObList(); list.AddTail(a); list.AddHead(b); list.Serialize(ar);
 */
export class CObList extends TypedList<CObject | null> {
  protected storeElement(ar: CArchive, element: CObject | null): void {
    ar.writeCObject(element);
  }

  protected loadElement(ar: CArchive): CObject | null {
    return ar.readCObject();
  }
}

IMPLEMENT_SERIAL(CObList, CObject, 0);
