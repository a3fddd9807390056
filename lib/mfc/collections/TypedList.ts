// TypedList: the shared body of MFC's doubly linked lists (CObList, CStringList). A POSITION is a
// node; GetNext / GetPrev take it as a caller-owned `{ value }` and move it, as MFC's
// `POSITION&` parameter does.
import { CObject } from '../object/CObject.ts';
import type { POSITION } from './POSITION.ts';
import type { CArchive } from '../archive/CArchive.ts';
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';

interface CNode<T> {
  pNext: CNode<T> | null;
  pPrev: CNode<T> | null;
  data: T;
  /** The list the node is linked into; null once it is removed, so a stale POSITION is refused. */
  list: TypedList<T> | null;
}

const POSITION_OF_THIS_LIST = 'a POSITION of this list';

/**
 * The member functions of MFC's list classes (CObList's page documents them for all).
 *
 * Emulates: `GetHead`, `GetTail`, `RemoveHead`, `RemoveTail`, `AddHead`, `AddTail`,
 * `RemoveAll`, `GetHeadPosition`, `GetTailPosition`, `GetNext`, `GetPrev`, `GetAt`, `SetAt`,
 * `RemoveAt`, `InsertBefore`, `InsertAfter`, `Find`, `FindIndex`, `GetCount`, `GetSize`, `IsEmpty`.
 * GetHead/GetTail/RemoveHead/RemoveTail of an empty list are CInvalidArgException, as MFC 9's
 * ENSURE makes them (CList in afxtempl.h; CObList::RemoveHead in list_o.cpp). A POSITION argument
 * that is null where MFC 9 throws (RemoveAt), or that is not a node of this list (MFC faults on
 * it), is CInvalidArgException; InsertBefore / InsertAfter / Find take null as MFC does.
 * Differs: MFC 9's CObList::RemoveTail only asserts (list_o.cpp); here it throws as RemoveHead
 * does. AddHead/AddTail take one element (use a loop for MFC's list-argument overloads).
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
    return this.nonEmpty(this.head, 'GetHead').data;
  }

  GetTail(): T {
    return this.nonEmpty(this.tail, 'GetTail').data;
  }

  AddHead(newElement: T): POSITION {
    return this.link({ pNext: this.head, pPrev: null, data: this.normalize(newElement), list: this });
  }

  AddTail(newElement: T): POSITION {
    return this.link({ pNext: null, pPrev: this.tail, data: this.normalize(newElement), list: this });
  }

  RemoveHead(): T {
    const node = this.nonEmpty(this.head, 'RemoveHead');
    this.unlink(node);
    return node.data;
  }

  RemoveTail(): T {
    const node = this.nonEmpty(this.tail, 'RemoveTail');
    this.unlink(node);
    return node.data;
  }

  RemoveAll(): void {
    // The nodes stop being positions of this list (MFC's CList walks them too, to destroy them).
    for (let n = this.head; n; n = n.pNext) n.list = null;
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
    const node = this.nodeAt(this.positionRef(rPosition, 'GetNext').value, 'GetNext');
    rPosition.value = node.pNext;
    return node.data;
  }

  /** Emulates: `GetPrev(POSITION& rPosition)`. */
  GetPrev(rPosition: { value: POSITION }): T {
    const node = this.nodeAt(this.positionRef(rPosition, 'GetPrev').value, 'GetPrev');
    rPosition.value = node.pPrev;
    return node.data;
  }

  GetAt(position: POSITION): T {
    return this.nodeAt(position, 'GetAt').data;
  }

  SetAt(pos: POSITION, newElement: T): void {
    this.nodeAt(pos, 'SetAt').data = this.normalize(newElement);
  }

  RemoveAt(position: POSITION): void {
    this.unlink(this.nodeAt(position, 'RemoveAt'));
  }

  InsertBefore(position: POSITION, newElement: T): POSITION {
    if (position === null) return this.AddHead(newElement);
    const at = this.nodeAt(position, 'InsertBefore');
    return this.link({ pNext: at, pPrev: at.pPrev, data: this.normalize(newElement), list: this });
  }

  InsertAfter(position: POSITION, newElement: T): POSITION {
    if (position === null) return this.AddTail(newElement);
    const at = this.nodeAt(position, 'InsertAfter');
    return this.link({ pNext: at.pNext, pPrev: at, data: this.normalize(newElement), list: this });
  }

  /** Emulates: `Find(ARG_TYPE searchValue, POSITION startAfter = NULL)`: compares as `CompareElements` (===, or by value for CList's structures). */
  Find(searchValue: T, startAfter: POSITION = null): POSITION {
    for (let n = startAfter === null ? this.head : this.nodeAt(startAfter, 'Find').pNext; n; n = n.pNext) if (this.sameElement(n.data, searchValue)) return n;
    return null;
  }

  /** Emulates: `FindIndex(INT_PTR nIndex)`: null out of range; an nIndex that is no finite number is CInvalidArgException. */
  FindIndex(nIndex: number): POSITION {
    if (!Number.isFinite(nIndex)) wrongArgument(this.member('FindIndex'), 'a finite nIndex', nIndex);
    nIndex = Math.trunc(nIndex);
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
    node.list = null;
    if (node.pPrev) node.pPrev.pNext = node.pNext;
    else this.head = node.pNext;
    if (node.pNext) node.pNext.pPrev = node.pPrev;
    else this.tail = node.pPrev;
    this.count--;
  }

  /** MFC 9's `ENSURE(m_pNodeHead != NULL)`: CInvalidArgException on an empty list. */
  private nonEmpty(node: CNode<T> | null, name: string): CNode<T> {
    if (!node) AfxThrowInvalidArgException(`${this.member(name)}: the list is empty`);
    return node;
  }

  /** The node a POSITION names, or CInvalidArgException when it is not one of this list's nodes. */
  private nodeAt(position: POSITION, name: string): CNode<T> {
    if (position === null || (position as Partial<CNode<T>>).list !== this) wrongArgument(this.member(name), POSITION_OF_THIS_LIST, position);
    return position as CNode<T>;
  }

  /** A `POSITION&` argument: an object whose `value` is the position. */
  private positionRef(rPosition: { value: POSITION }, name: string): { value: POSITION } {
    if (rPosition === null || typeof rPosition !== 'object') wrongArgument(this.member(name), 'an rPosition { value }', rPosition);
    return rPosition;
  }

  private member(name: string): string {
    return `${this.constructor.name}.${name}`;
  }
}
