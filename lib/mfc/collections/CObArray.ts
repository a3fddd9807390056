// CObArray: an array of CObject pointers; Serialize writes WriteCount, then each element as
// `ar << pOb` (peers.md §3.3 A1/A2).
import { TypedArray } from './TypedArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CObArray` (members and Serialize in TypedArray), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const a = new CObArray(); a.Add(p); a.Add(p);
 * a.Serialize(ar); // 02 00 · new class + object · 02 00 (a back-reference)
 */
export class CObArray extends TypedArray<CObject | null> {
  protected emptyElement(): CObject | null {
    return null;
  }

  protected storeElement(ar: CArchive, element: CObject | null): void {
    ar.writeCObject(element);
  }

  protected loadElement(ar: CArchive): CObject | null {
    return ar.readCObject();
  }
}

IMPLEMENT_SERIAL(CObArray, CObject, 0);
