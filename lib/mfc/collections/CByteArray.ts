// CByteArray: an array of 8-bit bytes; Serialize writes WriteCount and the raw little-endian block.
import { NumericArray } from './NumericArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';

/**
 * Emulates: MFC `CByteArray` (elements are BYTEs; see TypedArray for the members), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const a = new CByteArray(); a.Add(1); a.Serialize(ar); // 01 00 + the element
 */
export class CByteArray extends NumericArray {
  protected readonly elementSize = 1;
}

IMPLEMENT_SERIAL(CByteArray, CObject, 0);
