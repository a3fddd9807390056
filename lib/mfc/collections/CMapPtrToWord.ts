// CMapPtrToWord: void pointers (any value here) to WORDs, for bookkeeping; not serializable (PointerCollection.ts).
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { HashKeyPointer, PointerMap } from './PointerCollection.ts';

/**
 * Emulates: MFC `CMapPtrToWord` (members and order in HashTableMap), IMPLEMENT_DYNAMIC: `Serialize` is
 * CObject's (nothing is read or written).
 *
 * @example
 * const m = new CMapPtrToWord(); m.SetAt(pSocket, 7);
 */
export class CMapPtrToWord extends PointerMap<unknown, number> {
  /** Emulates: `CMapPtrToWord::HashKey` (HashKeyPointer). */
  HashKey(key: unknown): number {
    return HashKeyPointer(key);
  }
}

IMPLEMENT_DYNAMIC(CMapPtrToWord, CObject);
