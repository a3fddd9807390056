// CStringArray: an array of CStrings; Serialize writes WriteCount, then each string.
import { TypedArray } from './TypedArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CStringArray` (members and Serialize in TypedArray), IMPLEMENT_SERIAL schema 0.
 * Strings go out as the archive's CString (CStringW or CStringA, by its `unicode` option).
 *
 * @example
 * const a = new CStringArray(); a.Add('x'); a.Serialize(ar); // 01 00 FF FE FF 01 78 00
 */
export class CStringArray extends TypedArray<string> {
  protected emptyElement(): string {
    return '';
  }

  protected storeElement(ar: CArchive, element: string): void {
    ar.writeCString(element);
  }

  protected loadElement(ar: CArchive): string {
    return ar.readCString();
  }
}

IMPLEMENT_SERIAL(CStringArray, CObject, 0);
