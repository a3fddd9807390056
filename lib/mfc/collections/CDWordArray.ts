// CDWordArray: an array of 32-bit doublewords; Serialize writes WriteCount and the raw little-endian block.
import { NumericArray } from './NumericArray.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_SERIAL } from '../object/IMPLEMENT_SERIAL.ts';

/**
 * Emulates: MFC `CDWordArray` (elements are DWORDs; see TypedArray for the members), IMPLEMENT_SERIAL schema 0.
 *
 * @example
 * const a = new CDWordArray(); a.Add(1); a.Serialize(ar); // 01 00 + the element
 */
export class CDWordArray extends NumericArray {
  protected readonly elementSize = 4;
}

IMPLEMENT_SERIAL(CDWordArray, CObject, 0);
