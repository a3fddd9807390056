// CMapPtrToPtr: void pointers (any value here) to void pointers, for bookkeeping; not serializable (PointerCollection.ts).
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { HashKeyPointer, PointerMap } from './PointerCollection.ts';

/**
 * Emulates: MFC `CMapPtrToPtr` (members and order in HashTableMap), IMPLEMENT_DYNAMIC: `Serialize` is
 * CObject's (nothing is read or written).
 *
 * @example
 * const m = new CMapPtrToPtr(); m.SetAt(pSocket, pUser);
 */
export class CMapPtrToPtr extends PointerMap<unknown, unknown> {
  /** Emulates: `CMapPtrToPtr::HashKey` (HashKeyPointer). */
  HashKey(key: unknown): number {
    return HashKeyPointer(key);
  }
}

IMPLEMENT_DYNAMIC(CMapPtrToPtr, CObject);
