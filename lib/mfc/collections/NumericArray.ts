// NumericArray: CByteArray, CWordArray and CDWordArray. MFC serializes them as WriteCount and then
// one raw little-endian block; element-by-element little-endian writes produce the same bytes.
import { TypedArray, wrongElement } from './TypedArray.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * The array of 1-, 2- or 4-byte unsigned integers.
 *
 * Differs: a short block on load is CArchiveException endOfFile; MFC sizes the array first and
 * ignores a short raw Read (which would let a hostile count allocate gigabytes).
 */
export abstract class NumericArray extends TypedArray<number> {
  /** 1, 2 or 4. */
  protected abstract readonly elementSize: 1 | 2 | 4;

  protected override elementBytes(): number {
    return this.elementSize;
  }

  protected emptyElement(): number {
    return 0;
  }

  protected override normalize(value: number): number {
    if (!Number.isFinite(value)) wrongElement(this, value);
    return this.elementSize === 4 ? value >>> 0 : value & (this.elementSize === 1 ? 0xff : 0xffff);
  }

  protected storeElement(ar: CArchive, element: number): void {
    if (this.elementSize === 1) ar.writeBYTE(element);
    else if (this.elementSize === 2) ar.writeWORD(element);
    else ar.writeDWORD(element);
  }

  protected loadElement(ar: CArchive): number {
    return this.elementSize === 1 ? ar.readBYTE() : this.elementSize === 2 ? ar.readWORD() : ar.readDWORD();
  }
}
