// CWordArray: an array of 16-bit words; Serialize writes WriteCount and the raw little-endian block.
import { NumericArray } from './NumericArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';

/**
 * Emulates: MFC `CWordArray` (elements are WORDs; see TypedArray for the members), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const a = new CWordArray(); a.Add(1); a.Serialize(ar); // 01 00 + the element
 */
export class CWordArray extends NumericArray {
  protected readonly elementSize = 2;
}

IMPLEMENT_SERIAL(CWordArray, CObject, 0);
