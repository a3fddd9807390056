// TypedList: the shared body of MFC's doubly linked lists (CObList, CStringList). A POSITION is a
// node; GetNext / GetPrev take it as a caller-owned `{ value }` and move it, as MFC's
// `POSITION&` parameter does.
import { CObject } from '../object/CObject.ts';
import type { POSITION } from './POSITION.ts';
import type { CArchive } from '../archive/CArchive.ts';

interface CNode<T> {
  pNext: CNode<T> | null;
  pPrev: CNode<T> | null;
  data: T;
}

/**
 * The member functions of MFC's list classes (CObList's page documents them for all).
 *
 * Emulates: `GetHead`, `GetTail`, `RemoveHead`, `RemoveTail`, `AddHead`, `AddTail`,
 * `RemoveAll`, `GetHeadPosition`, `GetTailPosition`, `GetNext`, `GetPrev`, `GetAt`, `SetAt`,
 * `RemoveAt`, `InsertBefore`, `InsertAfter`, `Find`, `FindIndex`, `GetCount`, `GetSize`, `IsEmpty`.
 * Differs: GetHead/GetTail/RemoveHead/RemoveTail of an empty list throw RangeError (MFC asserts);
 * AddHead/AddTail take one element (use a loop for MFC's list-argument overloads).
 *
 * @example
 * const pos = { value: list.GetHeadPosition() };
 * while (pos.value) visit(list.GetNext(pos));
 */
export abstract class TypedList<T> extends CObject {
  private head: CNode<T> | null = null;
  private tail: CNode<T> | null = null;
  private count = 0;

  /** Writes one element as MFC's Serialize does (`ar << element`). */
  protected abstract storeElement(ar: CArchive, element: T): void;

  /** Reads one element (`ar >> element`). */
  protected abstract loadElement(ar: CArchive): T;

  /** Whether two elements are equal for Find (`CompareElements`); identity unless a list says otherwise. */
  protected sameElement(a: T, b: T): boolean {
    return a === b;
  }

  /** The bytes every element takes on the wire when that is fixed (bit-wise elements), else 0. */
  protected elementBytes(): number {
    return 0;
  }

  /** The element as the list stores it (a copy, where C++ copies by value). */
  protected normalize(value: T): T {
    return value;
  }

  /** Emulates: the lists' `Serialize`: WriteCount(count), then the elements head to tail; loading AddTails them. */
  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) {
      ar.WriteCount(this.count);
      for (let n = this.head; n; n = n.pNext) this.storeElement(ar, n.data);
    } else {
      const n = ar.ReadCount();
      ar.expectBytes(n * this.elementBytes());
      for (let left = n; left > 0; left--) this.AddTail(this.loadElement(ar));
    }
  }

  GetCount(): number {
    return this.count;
  }

  GetSize(): number {
    return this.count;
  }

  IsEmpty(): boolean {
    return this.count === 0;
  }

  GetHead(): T {
    return this.nonEmpty(this.head).data;
  }

  GetTail(): T {
    return this.nonEmpty(this.tail).data;
  }

  AddHead(newElement: T): POSITION {
    return this.link({ pNext: this.head, pPrev: null, data: this.normalize(newElement) });
  }

  AddTail(newElement: T): POSITION {
    return this.link({ pNext: null, pPrev: this.tail, data: this.normalize(newElement) });
  }

  RemoveHead(): T {
    const node = this.nonEmpty(this.head);
    this.unlink(node);
    return node.data;
  }

  RemoveTail(): T {
    const node = this.nonEmpty(this.tail);
    this.unlink(node);
    return node.data;
  }

  RemoveAll(): void {
    this.head = this.tail = null;
    this.count = 0;
  }

  GetHeadPosition(): POSITION {
    return this.head;
  }

  GetTailPosition(): POSITION {
    return this.tail;
  }

  /** Emulates: `GetNext(POSITION& rPosition)`: the element at the position; the position moves on. */
  GetNext(rPosition: { value: POSITION }): T {
    const node = rPosition.value as CNode<T>;
    rPosition.value = node.pNext;
    return node.data;
  }

  /** Emulates: `GetPrev(POSITION& rPosition)`. */
  GetPrev(rPosition: { value: POSITION }): T {
    const node = rPosition.value as CNode<T>;
    rPosition.value = node.pPrev;
    return node.data;
  }

  GetAt(position: POSITION): T {
    return (position as CNode<T>).data;
  }

  SetAt(pos: POSITION, newElement: T): void {
    (pos as CNode<T>).data = this.normalize(newElement);
  }

  RemoveAt(position: POSITION): void {
    this.unlink(position as CNode<T>);
  }

  InsertBefore(position: POSITION, newElement: T): POSITION {
    if (!position) return this.AddHead(newElement);
    const at = position as CNode<T>;
    return this.link({ pNext: at, pPrev: at.pPrev, data: this.normalize(newElement) });
  }

  InsertAfter(position: POSITION, newElement: T): POSITION {
    if (!position) return this.AddTail(newElement);
    const at = position as CNode<T>;
    return this.link({ pNext: at.pNext, pPrev: at, data: this.normalize(newElement) });
  }

  /** Emulates: `Find(ARG_TYPE searchValue, POSITION startAfter = NULL)`: compares as `CompareElements` (===, or by value for CList's structures). */
  Find(searchValue: T, startAfter: POSITION = null): POSITION {
    for (let n = startAfter ? (startAfter as CNode<T>).pNext : this.head; n; n = n.pNext) if (this.sameElement(n.data, searchValue)) return n;
    return null;
  }

  FindIndex(nIndex: number): POSITION {
    if (nIndex < 0 || nIndex >= this.count) return null;
    let n = this.head;
    for (let i = 0; i < nIndex; i++) n = n!.pNext;
    return n;
  }

  /** Ours: the elements from head to tail. */
  toArray(): T[] {
    const out: T[] = [];
    for (let n = this.head; n; n = n.pNext) out.push(n.data);
    return out;
  }

  private link(node: CNode<T>): CNode<T> {
    if (node.pPrev) node.pPrev.pNext = node;
    else this.head = node;
    if (node.pNext) node.pNext.pPrev = node;
    else this.tail = node;
    this.count++;
    return node;
  }

  private unlink(node: CNode<T>): void {
    if (node.pPrev) node.pPrev.pNext = node.pNext;
    else this.head = node.pNext;
    if (node.pNext) node.pNext.pPrev = node.pPrev;
    else this.tail = node.pPrev;
    this.count--;
  }

  private nonEmpty(node: CNode<T> | null): CNode<T> {
    if (!node) throw new RangeError(`${this.GetRuntimeClass().m_lpszClassName}: the list is empty`);
    return node;
  }
}
