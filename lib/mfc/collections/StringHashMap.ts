// StringHashMap: the CString-keyed classic maps (CMapStringToString, CMapStringToOb,
// CMapStringToPtr): a HashTableMap whose keys are hashed with MFC's string HashKey and stored as
// `ar << key` (a CString).
import { HashTableMap } from './HashTableMap.ts';
import { HashKeyString } from './HashKey.ts';
import type { CArchive } from '../archive/CArchive.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';

/** The members of MFC's CString-keyed maps (see HashTableMap), with `HashKey(LPCTSTR)`. */
export abstract class StringHashMap<V> extends HashTableMap<string, V> {
  /** Emulates: `HashKey(LPCTSTR key)` (HashKey.ts); a NULL key (anything but a string) is CInvalidArgException, as in map_ss.cpp. */
  HashKey(key: string): number {
    if (typeof key !== 'string') wrongArgument(`${this.constructor.name}.HashKey`, this.keyKind, key);
    return HashKeyString(key);
  }

  protected override acceptsKey(key: string): boolean {
    return typeof key === 'string';
  }

  protected override get keyKind(): string {
    return 'a string key';
  }

  protected storeKey(ar: CArchive, key: string): void {
    ar.writeCString(key);
  }

  protected loadKey(ar: CArchive): string {
    return ar.readCString();
  }
}
