// CArray<TYPE, ARG_TYPE>: MFC's template array. C++ names the element type in the template
// argument; here it is named once where the array is made: `new CArray('POINT')` for
// `CArray<POINT, POINT>` (ARG_TYPE only says how arguments are passed, which TypeScript decides
// by itself). Serialize is MFC 9's: WriteCount(size), then SerializeElements over the elements
// (mfc-semantics 5.10).
import { TypedArray } from './TypedArray.ts';
import { elementCodec, refusePointers, type ElementCodec, type ElementOf, type ElementSpec } from './ElementCodec.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CArray<TYPE, ARG_TYPE>` (afxtempl.h; the members are TypedArray's, as CObArray's
 * page lists them), with `Serialize`: WriteCount(GetSize()), then each element bit-wise (the
 * integral types, float, double, POINT, SIZE, RECT: their little-endian image) or with `<<`
 * (CString).
 *
 * Differs: loading reads element by element instead of SetSize(count) first, so a hostile count
 * cannot allocate more than the bytes that arrive; a pointer element type (`'void*'`,
 * `'CObject*'`) refuses to serialize (MFC writes the pointer's bits); MFC's template has no
 * IMPLEMENT_SERIAL, so `ar << &array` is refused as for any unregistered class, as in MFC.
 *
 * @example
 * // C++: CArray<POINT, POINT> m_points;
 * const m_points = new CArray('POINT');
 * m_points.Add({ x: 1, y: 2 });
 * m_points.Serialize(ar); // 01 · 01 00 00 00 02 00 00 00
 */
export class CArray<S extends ElementSpec> extends TypedArray<ElementOf<S>> {
  /** Ours: the element type, as the template argument names it. */
  readonly element: ElementCodec<ElementOf<S>>;

  constructor(element: S) {
    super();
    this.element = elementCodec(element);
  }

  override Serialize(ar: CArchive): void {
    refusePointers(ar, this.element);
    super.Serialize(ar);
  }

  protected emptyElement(): ElementOf<S> {
    return this.element.empty();
  }

  protected override elementBytes(): number {
    return this.element.size;
  }

  protected override normalize(value: ElementOf<S>): ElementOf<S> {
    return this.element.copy(value);
  }

  protected storeElement(ar: CArchive, element: ElementOf<S>): void {
    this.element.store(ar, element);
  }

  protected loadElement(ar: CArchive): ElementOf<S> {
    return this.element.load(ar);
  }
}
