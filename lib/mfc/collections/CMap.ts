// CMap<KEY, ARG_KEY, VALUE, ARG_VALUE>: MFC's template map, its key and value types named once
// where it is made: `new CMap('CString', 'int')` for `CMap<CString, LPCTSTR, int, int>`. The hash
// table is MFC 9's (HashTableMap, HashKey.ts), so Serialize writes the pairs in the order MFC 9
// would: WriteCount(count), then key and value by SerializeElements, bucket by bucket, newest
// first in a bucket; loading SetAt's them (mfc-semantics 5.10).
import { HashTableMap } from './HashTableMap.ts';
import { elementCodec, refusePointers, type ElementCodec, type ElementOf, type ElementSpec } from './ElementCodec.ts';
import type { CArchive } from '../archive/CArchive.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';

/**
 * Emulates: MFC `CMap<KEY, ARG_KEY, VALUE, ARG_VALUE>` (afxtempl.h, MFC 9): `GetCount`,
 * `GetSize`, `IsEmpty`, `Lookup`, `SetAt`, `RemoveKey`, `RemoveAll`, `GetStartPosition`,
 * `GetNextAssoc`, `GetHashTableSize`, `InitHashTable`, `HashKey`, `Serialize`.
 *
 * Differs: a key type MFC's default HashKey cannot hash (a structure) needs a codec with
 * `hashKey`, as a C++ program needs a HashKey specialisation; a pointer key or value type refuses
 * to serialize. `operator[]` is SetAt / Lookup.
 *
 * @example
 * // C++: CMap<CString, LPCTSTR, int, int> m_scores;
 * const m_scores = new CMap('CString', 'int');
 * m_scores.SetAt('ann', 3);
 * m_scores.Serialize(ar); // 01 · FF FE FF 03 'a' 00 'n' 00 'n' 00 · 03 00 00 00
 */
export class CMap<KS extends ElementSpec, VS extends ElementSpec> extends HashTableMap<ElementOf<KS>, ElementOf<VS>> {
  /** Ours: the key type (KEY and the HashKey of ARG_KEY). */
  readonly key: ElementCodec<ElementOf<KS>>;
  /** Ours: the value type. */
  readonly value: ElementCodec<ElementOf<VS>>;

  /** Emulates: `CMap(INT_PTR nBlockSize = 10)`, the key and value types first. */
  constructor(key: KS, value: VS, nBlockSize = 10) {
    super(nBlockSize);
    this.key = elementCodec(key);
    this.value = elementCodec(value);
    if (!this.key.hashKey) {
      throw new TypeError(`CMap<${this.key.name}, …>: MFC's default HashKey cannot hash a ${this.key.name}; pass a key codec with hashKey (a HashKey specialisation)`);
    }
  }

  /** Emulates: `HashKey<ARG_KEY>(key)` of MFC 9 (HashKey.ts); a key of another type is CInvalidArgException. */
  HashKey(key: ElementOf<KS>): number {
    if (!this.acceptsKey(key)) wrongArgument('CMap.HashKey', this.keyKind, key);
    return this.key.hashKey!(key);
  }

  override Serialize(ar: CArchive): void {
    refusePointers(ar, this.key, this.value);
    super.Serialize(ar);
  }

  protected override acceptsKey(key: ElementOf<KS>): boolean {
    return this.key.accepts ? this.key.accepts(key) : true;
  }

  protected override get keyKind(): string {
    return `a ${this.key.name} key`;
  }

  protected override keyId(key: ElementOf<KS>): unknown {
    return this.key.keyId ? this.key.keyId(key) : key;
  }

  protected storeKey(ar: CArchive, key: ElementOf<KS>): void {
    this.key.store(ar, key);
  }

  protected loadKey(ar: CArchive): ElementOf<KS> {
    return this.key.load(ar);
  }

  protected storeValue(ar: CArchive, value: ElementOf<VS>): void {
    this.value.store(ar, value);
  }

  protected loadValue(ar: CArchive): ElementOf<VS> {
    return this.value.load(ar);
  }
}
