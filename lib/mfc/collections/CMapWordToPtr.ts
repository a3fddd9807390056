// CMapWordToPtr: WORD keys to void pointers (any value here), for bookkeeping; not serializable (PointerCollection.ts).
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { PointerMap } from './PointerCollection.ts';
import { HashKeyIdentity, WORD_KEY } from './HashKey.ts';

/**
 * Emulates: MFC `CMapWordToPtr` (members and order in HashTableMap), IMPLEMENT_DYNAMIC: `Serialize` is
 * CObject's (nothing is read or written).
 *
 * @example
 * const m = new CMapWordToPtr(); m.SetAt(7, pSocket);
 */
export class CMapWordToPtr extends PointerMap<number, unknown> {
  /** Emulates: `CMapWordToPtr::HashKey` (HashKeyIdentity). */
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
}

IMPLEMENT_DYNAMIC(CMapWordToPtr, CObject);
