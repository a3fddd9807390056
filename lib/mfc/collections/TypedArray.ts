// TypedArray: the shared body of MFC's array collections (CObArray, CStringArray, CByteArray,
// CWordArray, CDWordArray), which differ only in element type and in how Serialize writes them.
import { CObject } from '../object/CObject.ts';
import type { CArchive } from '../archive/CArchive.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { AfxThrowMemoryException } from '../exceptions/CMemoryException.ts';

/**
 * The most elements an array may hold (2^26). MFC's limit is the allocation that fails; here a
 * JavaScript array that large is filled slot by slot (seconds, gigabytes) or is a bare RangeError
 * past 2^32 - 1, so a larger size is CMemoryException at once, before anything changes.
 */
const ELEMENTS_MAX = 0x4000000;

/**
 * The member functions every MFC array class has (CObArray's page documents them for all).
 *
 * Emulates: `GetSize`, `GetCount`, `GetUpperBound`, `IsEmpty`, `SetSize`, `FreeExtra`,
 * `RemoveAll`, `GetAt`, `SetAt`, `SetAtGrow`, `ElementAt` (as GetAt), `GetData`, `Add`, `Append`,
 * `Copy`, `InsertAt`, `RemoveAt`. As MFC 9 (array_o.cpp): `InsertAt` with nIndex < 0 or
 * nCount <= 0, `SetSize` below 0 and `Append` of the array itself are CInvalidArgException, and so
 * is an index, size or count that is no integer, or an `Append` / `Copy` source that is no array.
 * Differs: an index out of range for GetAt / SetAt / ElementAt / SetAtGrow / RemoveAt is a
 * RangeError (MFC asserts or throws CInvalidArgException); a size beyond 2^26 elements is
 * CMemoryException (MFC's limit is the memory it can allocate); `operator[]` is GetAt / SetAt.
 */
export abstract class TypedArray<T> extends CObject {
  protected m_pData: T[] = [];

  /** The value new slots get (NULL, an empty string, 0). */
  protected abstract emptyElement(): T;

  /** Writes one element as MFC's Serialize does (`ar << element`). */
  protected abstract storeElement(ar: CArchive, element: T): void;

  /** Reads one element (`ar >> element`). */
  protected abstract loadElement(ar: CArchive): T;

  /**
   * Emulates: the arrays' `Serialize`: WriteCount(size), then every element in index order.
   * Differs: loading appends element by element instead of SetSize(count) first, so a hostile
   * count cannot allocate more than the bytes that arrive; a short block is endOfFile.
   */
  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) {
      ar.WriteCount(this.m_pData.length);
      for (const element of this.m_pData) this.storeElement(ar, element);
    } else {
      const n = ar.ReadCount();
      ar.expectBytes(n * this.elementBytes());
      this.m_pData = [];
      for (let i = 0; i < n; i++) this.m_pData.push(this.normalize(this.loadElement(ar)));
    }
  }

  /** The bytes every element takes on the wire when that is fixed (bit-wise elements), else 0. */
  protected elementBytes(): number {
    return 0;
  }

  /** The value as the element type stores it (BYTE arrays keep the low 8 bits, …). */
  protected normalize(value: T): T {
    return value;
  }

  GetSize(): number {
    return this.m_pData.length;
  }

  GetCount(): number {
    return this.m_pData.length;
  }

  GetUpperBound(): number {
    return this.m_pData.length - 1;
  }

  IsEmpty(): boolean {
    return this.m_pData.length === 0;
  }

  /** Emulates: `SetSize(INT_PTR nNewSize, INT_PTR nGrowBy = -1)`: new slots are empty elements. */
  SetSize(nNewSize: number, _nGrowBy = -1): void {
    if (!Number.isInteger(nNewSize) || nNewSize < 0) wrongArgument(this.member('SetSize'), 'an nNewSize that is an integer of 0 or more', nNewSize);
    this.mayHold(nNewSize, 'SetSize');
    const old = this.m_pData.length;
    this.m_pData.length = nNewSize;
    for (let i = old; i < nNewSize; i++) this.m_pData[i] = this.emptyElement();
  }

  FreeExtra(): void {}

  RemoveAll(): void {
    this.m_pData = [];
  }

  GetAt(nIndex: number): T {
    this.check(nIndex);
    return this.m_pData[nIndex]!;
  }

  SetAt(nIndex: number, newElement: T): void {
    this.check(nIndex);
    this.m_pData[nIndex] = this.normalize(newElement);
  }

  ElementAt(nIndex: number): T {
    return this.GetAt(nIndex);
  }

  /** Emulates: `GetData`: the elements themselves (a live array). */
  GetData(): T[] {
    return this.m_pData;
  }

  SetAtGrow(nIndex: number, newElement: T): void {
    if (nIndex >= this.m_pData.length && Number.isInteger(nIndex)) this.SetSize(nIndex + 1);
    this.SetAt(nIndex, newElement);
  }

  /** Emulates: `Add`: the index of the new element. */
  Add(newElement: T): number {
    this.m_pData.push(this.normalize(newElement));
    return this.m_pData.length - 1;
  }

  /** Emulates: `Append`: the index of the first appended element; the array itself is CInvalidArgException (MFC 9). */
  Append(src: TypedArray<T>): number {
    this.checkSource(src, 'Append');
    if (src === this) AfxThrowInvalidArgException(`${this.member('Append')}: an array cannot be appended to itself`);
    this.mayHold(this.m_pData.length + src.m_pData.length, 'Append');
    const at = this.m_pData.length;
    // Element by element: spreading a large array into push() overflows the stack.
    for (const element of src.m_pData) this.m_pData.push(element);
    return at;
  }

  /** Emulates: `Copy`; of the array itself it does nothing, as in MFC. */
  Copy(src: TypedArray<T>): void {
    this.checkSource(src, 'Copy');
    this.m_pData = src.m_pData.slice();
  }

  /**
   * Emulates: `InsertAt(INT_PTR nIndex, ARG_TYPE newElement, INT_PTR nCount = 1)`; past the end grows
   * the array. nIndex < 0 or nCount <= 0 is CInvalidArgException before anything changes (MFC 9).
   */
  InsertAt(nIndex: number, newElement: T, nCount = 1): void {
    if (!Number.isInteger(nIndex) || nIndex < 0) wrongArgument(this.member('InsertAt'), 'an nIndex that is an integer of 0 or more', nIndex);
    if (!Number.isInteger(nCount) || nCount <= 0) wrongArgument(this.member('InsertAt'), 'an nCount above 0', nCount);
    this.mayHold(Math.max(nIndex, this.m_pData.length) + nCount, 'InsertAt');
    const first = this.normalize(newElement); // a wrong-typed element fails before anything moves
    if (nIndex > this.m_pData.length) this.SetSize(nIndex);
    // The tail moves up in place (a spread of nCount arguments into splice() overflows the stack),
    // then each slot gets its own copy, as each C++ slot is assigned the argument.
    const data = this.m_pData;
    const old = data.length;
    data.length = old + nCount;
    data.copyWithin(nIndex + nCount, nIndex, old);
    data[nIndex] = first;
    for (let i = nIndex + 1; i < nIndex + nCount; i++) data[i] = this.normalize(newElement);
  }

  RemoveAt(nIndex: number, nCount = 1): void {
    this.check(nIndex);
    if (nIndex + nCount > this.m_pData.length) throw new RangeError(`RemoveAt: ${nIndex} + ${nCount} is past the end (${this.m_pData.length})`);
    this.m_pData.splice(nIndex, nCount);
  }

  /** `CObArray.InsertAt`, … for messages. */
  private member(name: string): string {
    return `${this.constructor.name}.${name}`;
  }

  /** CMemoryException before anything changes when the array would hold more than ELEMENTS_MAX. */
  private mayHold(nSize: number, name: string): void {
    if (nSize > ELEMENTS_MAX) AfxThrowMemoryException(`${this.member(name)}: ${nSize} elements are more than an array holds here (${ELEMENTS_MAX})`);
  }

  private checkSource(src: unknown, name: string): void {
    if (!(src instanceof TypedArray)) wrongArgument(this.member(name), 'an array collection', src);
  }

  private check(nIndex: number): void {
    if (!Number.isInteger(nIndex) || nIndex < 0 || nIndex >= this.m_pData.length) {
      throw new RangeError(`Index ${nIndex} is out of range: the array holds ${this.m_pData.length} elements`);
    }
  }
}

/**
 * Ours: CInvalidArgException for an element C could not have passed to a BYTE, WORD, DWORD or UINT
 * array (a string, NaN); a finite number is converted as C converts it.
 */
export function wrongElement(array: TypedArray<number>, value: unknown): never {
  wrongArgument(`${array.constructor.name} element`, 'a finite number', value);
}
