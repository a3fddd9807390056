// CMapStringToOb: CString keys to CObject pointers, serialized in MFC's hash-table order.
import { StringHashMap } from './StringHashMap.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CMapStringToOb` (members, order and Serialize in StringHashMap),
 * IMPLEMENT_SERIAL schema 0. Values go out as `ar << pOb`.
 *
 * @example
 * const m = new CMapStringToOb(); m.SetAt('age', new CAge()); m.Serialize(ar);
 */
export class CMapStringToOb extends StringHashMap<CObject | null> {
  protected storeValue(ar: CArchive, value: CObject | null): void {
    ar.writeCObject(value);
  }

  protected loadValue(ar: CArchive): CObject | null {
    return ar.readCObject();
  }
}

IMPLEMENT_SERIAL(CMapStringToOb, CObject, 0);
