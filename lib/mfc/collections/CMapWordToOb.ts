// CMapWordToOb: WORD keys to CObject pointers, serialized in MFC's hash-table order (map_wo.cpp):
// WriteCount(count), then `ar << key` (a WORD) and `ar << value` per association.
import { HashTableMap } from './HashTableMap.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';
import { HashKeyIdentity, WORD_KEY } from './HashKey.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CMapWordToOb` (members and order in HashTableMap), IMPLEMENT_SERIAL schema 0;
 * `HashKey(WORD key)` is `key >> 4`.
 *
 * @example
 * const m = new CMapWordToOb(); m.SetAt(7, new CAge()); m.Serialize(ar); // 01 · 07 00 · the object
 */
export class CMapWordToOb extends HashTableMap<number, CObject | null> {
  /** Emulates: `CMapWordToOb::HashKey`: `key >> 4` (HashKey.ts). */
  HashKey(key: number): number {
    return HashKeyIdentity(key & 0xffff);
  }

  protected override acceptsKey(key: number): boolean {
    return Number.isFinite(key);
  }

  protected override get keyKind(): string {
    return WORD_KEY;
  }

  protected override keyId(key: number): unknown {
    return key & 0xffff;
  }

  protected storeKey(ar: CArchive, key: number): void {
    ar.writeWORD(key);
  }

  protected loadKey(ar: CArchive): number {
    return ar.readWORD();
  }

  protected storeValue(ar: CArchive, value: CObject | null): void {
    ar.writeCObject(value);
  }

  protected loadValue(ar: CArchive): CObject | null {
    return ar.readCObject();
  }
}

IMPLEMENT_SERIAL(CMapWordToOb, CObject, 0);
