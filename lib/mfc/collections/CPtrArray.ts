// CPtrArray: an array of void pointers (any value here), for bookkeeping; not serializable.
import { TypedArray } from './TypedArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { serializeNothing } from './PointerCollection.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CPtrArray` (members in TypedArray), IMPLEMENT_DYNAMIC: `Serialize` is
 * CObject's (nothing is read or written) and `ar << &array` is refused (PointerCollection.ts).
 *
 * @example
 * const clients = new CPtrArray(); clients.Add(pSocket);
 */
export class CPtrArray<T = unknown> extends TypedArray<T | null> {
  override Serialize(ar: CArchive): void {
    serializeNothing(ar);
  }

  protected emptyElement(): T | null {
    return null;
  }

  protected storeElement(): void {}

  protected loadElement(): T | null {
    return null;
  }
}

IMPLEMENT_DYNAMIC(CPtrArray, CObject);
