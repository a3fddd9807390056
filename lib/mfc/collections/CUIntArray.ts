// CUIntArray: an array of UINTs; MFC's documentation: "Unsigned integer arrays cannot be serialized."
import { TypedArray, wrongElement } from './TypedArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { serializeNothing } from './PointerCollection.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CUIntArray` (members in TypedArray; elements kept as UINT, modulo 2^32),
 * IMPLEMENT_DYNAMIC: `Serialize` is CObject's (nothing is read or written).
 *
 * @example
 * const ids = new CUIntArray(); ids.Add(7);
 */
export class CUIntArray extends TypedArray<number> {
  override Serialize(ar: CArchive): void {
    serializeNothing(ar);
  }

  protected emptyElement(): number {
    return 0;
  }

  protected override normalize(value: number): number {
    if (!Number.isFinite(value)) wrongElement(this, value);
    return value >>> 0;
  }

  protected storeElement(): void {}

  protected loadElement(): number {
    return 0;
  }
}

IMPLEMENT_DYNAMIC(CUIntArray, CObject);
