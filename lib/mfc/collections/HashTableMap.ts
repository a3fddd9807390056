// HashTableMap: the hash table behind every MFC map (CMapStringToString, CMapStringToOb,
// CMapWordToOb, the pointer maps and the CMap template), kept exactly as MFC keeps it, because
// Serialize writes the pairs in table order: bucket 0 to the last, each bucket's chain newest
// first. MFC's facts (map_ss.cpp, map_wo.cpp, afxtempl.h's CMap; mfc-semantics 5.10): bucket =
// HashKey(key) % table size (17 unless InitHashTable says otherwise), a new association is pushed
// on the front of its bucket's chain, and removing the last element frees the table (its size is
// kept). Each map names its HashKey. A JavaScript Map beside the table makes Lookup O(1); it never
// decides order.
import { CObject } from '../object/CObject.ts';
import { BEFORE_START_POSITION, type POSITION } from './POSITION.ts';
import type { CArchive } from '../archive/CArchive.ts';
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';

interface CAssoc<K, V> {
  pNext: CAssoc<K, V> | null;
  nHashValue: number;
  key: K;
  value: V;
  /** The map the association is in; null once it is removed, so a stale POSITION is refused. */
  map: HashTableMap<K, V> | null;
}

/**
 * The member functions of MFC's maps.
 *
 * Emulates: `GetCount`, `GetSize`, `IsEmpty`, `Lookup`, `LookupKey`, `SetAt`, `RemoveKey`,
 * `RemoveAll`, `GetStartPosition`, `GetNextAssoc`, `GetHashTableSize`, `InitHashTable`, `HashKey`,
 * with MFC's iteration (and so serialization) order. A key the map's HashKey cannot take (NULL
 * for a string map: map_ss.cpp's HashKey throws) is CInvalidArgException in SetAt, Lookup,
 * LookupKey and RemoveKey (RemoveKey of an empty map returns false first, as MFC 9's does).
 * GetNextAssoc with a null position returns doing nothing (MFC 9); BEFORE_START_POSITION on an
 * empty map is CInvalidArgException (MFC 9's ENSURE), and so is a position that is not one of
 * this map's associations (MFC faults on it) or an out-parameter that is no `{ value }` object.
 * Differs: `operator[]` is SetAt / Lookup.
 *
 * @example
 * const pos = { value: map.GetStartPosition() }, key = { value: '' }, val = { value: '' };
 * while (pos.value) { map.GetNextAssoc(pos, key, val); visit(key.value, val.value); }
 */
export abstract class HashTableMap<K, V> extends CObject {
  private m_pHashTable: (CAssoc<K, V> | null)[] | null = null;
  private m_nHashTableSize = 17;
  private m_nCount = 0;
  private readonly byKey = new Map<unknown, CAssoc<K, V>>();

  /** Emulates: the `nBlockSize` constructor argument (allocation granularity; no effect here). */
  constructor(_nBlockSize = 10) {
    super();
  }

  /** Emulates: the map's `HashKey` (a UINT). */
  abstract HashKey(key: K): number;

  /** Whether HashKey can take `key` (a map whose keys are strings or numbers says so); any key by default. */
  protected acceptsKey(_key: K): boolean {
    return true;
  }

  /** What acceptsKey accepts, for messages. */
  protected get keyKind(): string {
    return 'a key';
  }

  /** What identifies a key in the lookup index: the key itself unless equal keys can be distinct values. */
  protected keyId(key: K): unknown {
    return key;
  }

  /** Writes one key (`ar << pAssoc->key`, or SerializeElements for CMap). */
  protected abstract storeKey(ar: CArchive, key: K): void;

  /** Reads one key. */
  protected abstract loadKey(ar: CArchive): K;

  /** Writes one value (`ar << pAssoc->value`). */
  protected abstract storeValue(ar: CArchive, value: V): void;

  /** Reads one value (`ar >> newValue`). */
  protected abstract loadValue(ar: CArchive): V;

  /**
   * Emulates: the maps' `Serialize`: WriteCount(count), then key and value of every association in
   * table order; loading reads pairs and SetAt's them (so a loaded map iterates as MFC's would).
   */
  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) {
      ar.WriteCount(this.m_nCount);
      for (const [key, value] of this.entries()) {
        this.storeKey(ar, key);
        this.storeValue(ar, value);
      }
    } else {
      for (let left = ar.ReadCount(); left > 0; left--) {
        const key = this.loadKey(ar);
        this.SetAt(key, this.loadValue(ar));
      }
    }
  }

  GetCount(): number {
    return this.m_nCount;
  }

  GetSize(): number {
    return this.m_nCount;
  }

  IsEmpty(): boolean {
    return this.m_nCount === 0;
  }

  GetHashTableSize(): number {
    return this.m_nHashTableSize;
  }

  /** Emulates: `InitHashTable(UINT hashSize, BOOL bAllocNow = TRUE)`: only while the map is empty. */
  InitHashTable(hashSize: number, bAllocNow = true): void {
    if (this.m_nCount !== 0) throw new TypeError('InitHashTable: the map is not empty');
    this.m_nHashTableSize = hashSize > 0 ? hashSize : 17;
    this.m_pHashTable = bAllocNow ? new Array<CAssoc<K, V> | null>(this.m_nHashTableSize).fill(null) : null;
  }

  /** Emulates: `Lookup(ARG_KEY key, VALUE& rValue)`: false when the key is absent. */
  Lookup(key: K, rValue: { value: V }): boolean {
    this.checkKey(key, 'Lookup');
    outParameter(rValue, this.member('Lookup'), 'rValue');
    const assoc = this.byKey.get(this.keyId(key));
    if (!assoc) return false;
    rValue.value = assoc.value;
    return true;
  }

  /** Emulates: `LookupKey(LPCTSTR key, LPCTSTR& rKey)` (the string maps; others find their own key). */
  LookupKey(key: K, rKey: { value: K }): boolean {
    this.checkKey(key, 'LookupKey');
    outParameter(rKey, this.member('LookupKey'), 'rKey');
    const assoc = this.byKey.get(this.keyId(key));
    if (!assoc) return false;
    rKey.value = assoc.key;
    return true;
  }

  /** Emulates: `SetAt(ARG_KEY key, ARG_VALUE newValue)`: replaces, or adds at the front of the key's bucket. */
  SetAt(key: K, newValue: V): void {
    this.checkKey(key, 'SetAt');
    const id = this.keyId(key);
    const existing = this.byKey.get(id);
    if (existing) {
      existing.value = newValue;
      return;
    }
    if (!this.m_pHashTable) this.InitHashTable(this.m_nHashTableSize);
    const nHashValue = this.HashKey(key) >>> 0;
    const bucket = nHashValue % this.m_nHashTableSize;
    const assoc: CAssoc<K, V> = { pNext: this.m_pHashTable![bucket]!, nHashValue, key, value: newValue, map: this };
    this.m_pHashTable![bucket] = assoc;
    this.byKey.set(id, assoc);
    this.m_nCount++;
  }

  /** Emulates: `RemoveKey`: true when the key was there. */
  RemoveKey(key: K): boolean {
    if (!this.m_pHashTable) return false; // before HashKey, as MFC 9's RemoveKey
    this.checkKey(key, 'RemoveKey');
    const id = this.keyId(key);
    const assoc = this.byKey.get(id);
    if (!assoc || !this.m_pHashTable) return false;
    const bucket = assoc.nHashValue % this.m_nHashTableSize;
    let prev: CAssoc<K, V> | null = null;
    for (let a = this.m_pHashTable[bucket]!; a !== assoc; a = a.pNext!) prev = a;
    if (prev) prev.pNext = assoc.pNext;
    else this.m_pHashTable[bucket] = assoc.pNext;
    this.byKey.delete(id);
    assoc.map = null;
    if (--this.m_nCount === 0) this.RemoveAll();
    return true;
  }

  RemoveAll(): void {
    for (const assoc of this.byKey.values()) assoc.map = null;
    this.m_pHashTable = null;
    this.byKey.clear();
    this.m_nCount = 0;
  }

  /** Emulates: `GetStartPosition`: BEFORE_START_POSITION, or null for an empty map. */
  GetStartPosition(): POSITION {
    return this.m_nCount === 0 ? null : BEFORE_START_POSITION;
  }

  /** Emulates: `GetNextAssoc(POSITION& rNextPosition, KEY& rKey, VALUE& rValue)`, in table order. */
  GetNextAssoc(rNextPosition: { value: POSITION }, rKey: { value: K }, rValue: { value: V }): void {
    const member = this.member('GetNextAssoc');
    outParameter(rNextPosition, member, 'rNextPosition');
    const position = rNextPosition.value;
    if (position === null) return; // MFC 9: a NULL position is left alone
    outParameter(rKey, member, 'rKey');
    outParameter(rValue, member, 'rValue');
    const table = this.m_pHashTable;
    let assoc: CAssoc<K, V>;
    if (position === BEFORE_START_POSITION) {
      const first = table ? this.firstFrom(0) : null;
      if (!first) AfxThrowInvalidArgException(`${member}: BEFORE_START_POSITION of an empty map`);
      assoc = first;
    } else if ((position as Partial<CAssoc<K, V>>).map === this) {
      assoc = position as CAssoc<K, V>;
    } else {
      wrongArgument(member, 'a POSITION of this map', position);
    }
    rNextPosition.value = assoc.pNext ?? this.firstFrom((assoc.nHashValue % table!.length) + 1);
    rKey.value = assoc.key;
    rValue.value = assoc.value;
  }

  /** Ours: [key, value] pairs in MFC's order (the order Serialize writes). */
  entries(): [K, V][] {
    const out: [K, V][] = [];
    for (const bucket of this.m_pHashTable ?? []) for (let a = bucket; a; a = a.pNext) out.push([a.key, a.value]);
    return out;
  }

  /** CInvalidArgException naming the member when HashKey cannot take `key`. */
  private checkKey(key: K, name: string): void {
    if (!this.acceptsKey(key)) wrongArgument(this.member(name), this.keyKind, key);
  }

  private member(name: string): string {
    return `${this.constructor.name}.${name}`;
  }

  private firstFrom(nBucket: number): CAssoc<K, V> | null {
    const table = this.m_pHashTable!;
    for (let b = nBucket; b < table.length; b++) if (table[b]) return table[b]!;
    return null;
  }
}

/** An out-parameter (`VALUE&`, `POSITION&`) must be an object whose `value` the call fills. */
function outParameter(ref: unknown, member: string, name: string): void {
  if (ref === null || typeof ref !== 'object') wrongArgument(member, `an ${name} { value }`, ref);
}
