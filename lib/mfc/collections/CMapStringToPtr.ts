// CMapStringToPtr: CString keys to void pointers (any value here), for bookkeeping; not
// serializable (PointerCollection.ts).
import { StringHashMap } from './StringHashMap.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { serializeNothing } from './PointerCollection.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CMapStringToPtr` (members, order and HashKey in StringHashMap),
 * IMPLEMENT_DYNAMIC: `Serialize` is CObject's (nothing is read or written).
 *
 * @example
 * const byName = new CMapStringToPtr(); byName.SetAt('ann', pSocket);
 */
export class CMapStringToPtr extends StringHashMap<unknown> {
  override Serialize(ar: CArchive): void {
    serializeNothing(ar);
  }

  protected storeValue(): void {}

  protected loadValue(): unknown {
    return null;
  }
}

IMPLEMENT_DYNAMIC(CMapStringToPtr, CObject);
