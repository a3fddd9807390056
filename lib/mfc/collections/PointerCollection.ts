// What the non-serializable pointer collections share (CPtrArray, CPtrList, CUIntArray and the
// pointer maps; mfc-semantics 5.10): MFC declares them with IMPLEMENT_DYNAMIC and gives them no
// Serialize of their own, so `coll.Serialize(ar)` is CObject's, which reads and writes nothing,
// and `ar << &coll` is refused as for any class that is not serializable. Programs use them for
// bookkeeping, such as CHATSRVR's list of client sockets.
import type { CArchive } from '../archive/CArchive.ts';
import { HashTableMap } from './HashTableMap.ts';
import { HashKeyIdentity } from './HashKey.ts';

/** Emulates: CObject::Serialize, which a pointer collection inherits: nothing read or written. */
export function serializeNothing(_ar: CArchive): void {}

const ids = new WeakMap<object, number>();
let nextId = 1;

/**
 * Emulates: `HashKey(void* key)` of the pointer maps, `(UINT)(DWORD_PTR)key >> 4`.
 *
 * Differs: JavaScript has no addresses, so an object key hashes by a number it is given the first
 * time it is used as a key, counting up in that order: pointer maps iterate in a repeatable order,
 * where MFC's order follows the heap addresses. A number key hashes as MFC's would.
 */
export function HashKeyPointer(key: unknown): number {
  if (typeof key === 'number') return HashKeyIdentity(key);
  if ((typeof key === 'object' && key !== null) || typeof key === 'function') {
    let id = ids.get(key);
    if (id === undefined) {
      id = nextId++;
      ids.set(key, id);
    }
    // The id stands for the address shifted right by four bits.
    return id >>> 0;
  }
  return 0; // NULL and other primitives: bucket 0, as a NULL pointer would be
}

/**
 * The pointer maps' shared body (CMapPtrToPtr, CMapPtrToWord, CMapWordToPtr): a HashTableMap with
 * CObject's Serialize (nothing read or written). Each map names its HashKey.
 */
export abstract class PointerMap<K, V> extends HashTableMap<K, V> {
  override Serialize(ar: CArchive): void {
    serializeNothing(ar);
  }

  protected storeKey(): void {}

  protected loadKey(): K {
    throw new TypeError(`${this.constructor.name} is not serializable`);
  }

  protected storeValue(): void {}

  protected loadValue(): V {
    throw new TypeError(`${this.constructor.name} is not serializable`);
  }
}
