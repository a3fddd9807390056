// CPtrList: a list of void pointers (any value here), for bookkeeping — CHATSRVR keeps its client
// sockets in one; not serializable.
import { TypedList } from './TypedList.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { serializeNothing } from './PointerCollection.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CPtrList` (members in TypedList), IMPLEMENT_DYNAMIC: `Serialize` is CObject's
 * (nothing is read or written) and `ar << &list` is refused (PointerCollection.ts).
 *
 * @example
 * // C++: CPtrList m_connectionList; m_connectionList.AddTail(pSocket);
 * const m_connectionList = new CPtrList();
 * m_connectionList.AddTail(pSocket);
 */
export class CPtrList<T = unknown> extends TypedList<T | null> {
  /** Emulates: `CPtrList(INT_PTR nBlockSize = 10)`. */
  constructor(_nBlockSize = 10) {
    super();
  }

  override Serialize(ar: CArchive): void {
    serializeNothing(ar);
  }

  protected storeElement(): void {}

  protected loadElement(): T | null {
    return null;
  }
}

IMPLEMENT_DYNAMIC(CPtrList, CObject);
