// CStringList: a doubly linked list of CStrings; Serialize writes WriteCount, then the strings
// head to tail.
import { TypedList } from './TypedList.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CStringList` (members and Serialize in TypedList), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const list = new CStringList(); list.AddTail('a'); list.Serialize(ar);
 */
export class CStringList extends TypedList<string> {
  protected storeElement(ar: CArchive, element: string): void {
    ar.writeCString(element);
  }

  protected loadElement(ar: CArchive): string {
    return ar.readCString();
  }
}

IMPLEMENT_SERIAL(CStringList, CObject, 0);
