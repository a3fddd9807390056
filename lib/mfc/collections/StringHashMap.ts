// StringHashMap: the hash table behind CMapStringToString and CMapStringToOb, kept exactly as MFC
// keeps it, because Serialize writes the pairs in table order: bucket 0 to the last, each bucket's
// chain newest first. MFC's facts (map_ss.cpp): HashKey is `h = h * 33 + ch` over the TCHARs,
// bucket = hash % table size (17 unless InitHashTable says otherwise), a new association is
// pushed on the front of its bucket's chain, and removing the last element frees the table (its
// size is kept). A JavaScript Map beside the table makes Lookup O(1); it never decides order.
import { CObject } from '../object/CObject.ts';
import { BEFORE_START_POSITION, type POSITION } from './POSITION.ts';
import type { CArchive } from '../archive/CArchive.ts';

interface CAssoc<V> {
  pNext: CAssoc<V> | null;
  nHashValue: number;
  key: string;
  value: V;
}

/**
 * The member functions of MFC's CString-keyed maps.
 *
 * Emulates: `GetCount`, `GetSize`, `IsEmpty`, `Lookup`, `LookupKey`, `SetAt`, `RemoveKey`,
 * `RemoveAll`, `GetStartPosition`, `GetNextAssoc`, `GetHashTableSize`, `InitHashTable`, `HashKey`,
 * with MFC's iteration (and so serialization) order.
 * Differs: keys hash by UTF-16 code unit, as in a `_UNICODE` build. An ANSI build hashes its
 * code-page bytes as signed chars, so keys with non-ASCII characters may iterate in another order
 * than an ANSI MFC program's map; ASCII keys agree in both builds. `operator[]` is SetAt / Lookup.
 *
 * @example
 * const pos = { value: map.GetStartPosition() }, key = { value: '' }, val = { value: '' };
 * while (pos.value) { map.GetNextAssoc(pos, key, val); visit(key.value, val.value); }
 */
export abstract class StringHashMap<V> extends CObject {
  private m_pHashTable: (CAssoc<V> | null)[] | null = null;
  private m_nHashTableSize = 17;
  private m_nCount = 0;
  private readonly byKey = new Map<string, CAssoc<V>>();

  /** Emulates: the `nBlockSize` constructor argument (allocation granularity; no effect here). */
  constructor(_nBlockSize = 10) {
    super();
  }

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
        ar.writeCString(key);
        this.storeValue(ar, value);
      }
    } else {
      for (let left = ar.ReadCount(); left > 0; left--) {
        const key = ar.readCString();
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

  /** Emulates: `HashKey(LPCTSTR key)`: h = h * 33 + ch over the characters, modulo 2^32. */
  HashKey(key: string): number {
    let nHash = 0;
    for (let i = 0; i < key.length; i++) nHash = (Math.imul(nHash, 33) + key.charCodeAt(i)) >>> 0;
    return nHash;
  }

  /** Emulates: `InitHashTable(UINT hashSize, BOOL bAllocNow = TRUE)`: only while the map is empty. */
  InitHashTable(hashSize: number, bAllocNow = true): void {
    if (this.m_nCount !== 0) throw new TypeError('InitHashTable: the map is not empty');
    this.m_nHashTableSize = hashSize > 0 ? hashSize : 17;
    this.m_pHashTable = bAllocNow ? new Array<CAssoc<V> | null>(this.m_nHashTableSize).fill(null) : null;
  }

  /** Emulates: `Lookup(LPCTSTR key, VALUE& rValue)`: false when the key is absent. */
  Lookup(key: string, rValue: { value: V }): boolean {
    const assoc = this.byKey.get(key);
    if (!assoc) return false;
    rValue.value = assoc.value;
    return true;
  }

  /** Emulates: `LookupKey(LPCTSTR key, LPCTSTR& rKey)`. */
  LookupKey(key: string, rKey: { value: string }): boolean {
    const assoc = this.byKey.get(key);
    if (!assoc) return false;
    rKey.value = assoc.key;
    return true;
  }

  /** Emulates: `SetAt(LPCTSTR key, VALUE newValue)`: replaces, or adds at the front of the key's bucket. */
  SetAt(key: string, newValue: V): void {
    const existing = this.byKey.get(key);
    if (existing) {
      existing.value = newValue;
      return;
    }
    if (!this.m_pHashTable) this.InitHashTable(this.m_nHashTableSize);
    const nHashValue = this.HashKey(key);
    const bucket = nHashValue % this.m_nHashTableSize;
    const assoc: CAssoc<V> = { pNext: this.m_pHashTable![bucket]!, nHashValue, key, value: newValue };
    this.m_pHashTable![bucket] = assoc;
    this.byKey.set(key, assoc);
    this.m_nCount++;
  }

  /** Emulates: `RemoveKey`: true when the key was there. */
  RemoveKey(key: string): boolean {
    const assoc = this.byKey.get(key);
    if (!assoc || !this.m_pHashTable) return false;
    const bucket = assoc.nHashValue % this.m_nHashTableSize;
    let prev: CAssoc<V> | null = null;
    for (let a = this.m_pHashTable[bucket]!; a !== assoc; a = a.pNext!) prev = a;
    if (prev) prev.pNext = assoc.pNext;
    else this.m_pHashTable[bucket] = assoc.pNext;
    this.byKey.delete(key);
    if (--this.m_nCount === 0) this.RemoveAll();
    return true;
  }

  RemoveAll(): void {
    this.m_pHashTable = null;
    this.byKey.clear();
    this.m_nCount = 0;
  }

  /** Emulates: `GetStartPosition`: BEFORE_START_POSITION, or null for an empty map. */
  GetStartPosition(): POSITION {
    return this.m_nCount === 0 ? null : BEFORE_START_POSITION;
  }

  /** Emulates: `GetNextAssoc(POSITION& rNextPosition, KEY& rKey, VALUE& rValue)`, in table order. */
  GetNextAssoc(rNextPosition: { value: POSITION }, rKey: { value: string }, rValue: { value: V }): void {
    const table = this.m_pHashTable!;
    let assoc = rNextPosition.value === BEFORE_START_POSITION ? this.firstFrom(0) : (rNextPosition.value as CAssoc<V>);
    assoc = assoc!;
    rNextPosition.value = assoc.pNext ?? this.firstFrom((assoc.nHashValue % table.length) + 1);
    rKey.value = assoc.key;
    rValue.value = assoc.value;
  }

  /** Ours: [key, value] pairs in MFC's order (the order Serialize writes). */
  entries(): [string, V][] {
    const out: [string, V][] = [];
    for (const bucket of this.m_pHashTable ?? []) for (let a = bucket; a; a = a.pNext) out.push([a.key, a.value]);
    return out;
  }

  private firstFrom(nBucket: number): CAssoc<V> | null {
    const table = this.m_pHashTable!;
    for (let b = nBucket; b < table.length; b++) if (table[b]) return table[b]!;
    return null;
  }
}
