// CMapStringToString: CString keys to CString values, serialized in MFC's hash-table order.
import { StringHashMap } from './StringHashMap.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CMapStringToString` (members, order and Serialize in StringHashMap),
 * IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const m = new CMapStringToString(); m.SetAt('k', 'v');
 * const v = { value: '' }; m.Lookup('k', v); // true, v.value === 'v'
 */
export class CMapStringToString extends StringHashMap<string> {
  protected storeValue(ar: CArchive, value: string): void {
    ar.writeCString(value);
  }

  protected loadValue(ar: CArchive): string {
    return ar.readCString();
  }
}

IMPLEMENT_SERIAL(CMapStringToString, CObject, 0);
