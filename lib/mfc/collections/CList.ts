// CList<TYPE, ARG_TYPE>: MFC's template list, its element type named once where the list is made:
// `new CList('CString')` for `CList<CString, CString&>`. Serialize is MFC 9's: WriteCount(count),
// then SerializeElements for each element head to tail; loading AddTails them (mfc-semantics 5.10).
import { TypedList } from './TypedList.ts';
import { elementCodec, refusePointers, type ElementCodec, type ElementOf, type ElementSpec } from './ElementCodec.ts';
import type { CArchive } from '../archive/CArchive.ts';

/**
 * Emulates: MFC `CList<TYPE, ARG_TYPE>` (afxtempl.h; the members are TypedList's), with
 * `Serialize` as above and `Find` comparing as `CompareElements` (by value for structures).
 *
 * Differs: a pointer element type refuses to serialize (MFC writes the pointer's bits).
 *
 * @example
 * // C++: CList<CString, CString&> m_lines;
 * const m_lines = new CList('CString');
 * m_lines.AddTail('hello');
 */
export class CList<S extends ElementSpec> extends TypedList<ElementOf<S>> {
  /** Ours: the element type, as the template argument names it. */
  readonly element: ElementCodec<ElementOf<S>>;

  /** Emulates: `CList(INT_PTR nBlockSize = 10)`, the element type first. */
  constructor(element: S, _nBlockSize = 10) {
    super();
    this.element = elementCodec(element);
  }

  override Serialize(ar: CArchive): void {
    refusePointers(ar, this.element);
    super.Serialize(ar);
  }

  protected override sameElement(a: ElementOf<S>, b: ElementOf<S>): boolean {
    return this.element.equals(a, b);
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
