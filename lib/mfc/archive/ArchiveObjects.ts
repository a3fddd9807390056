// ArchiveObjects: CObject pointers and run-time classes on the wire (mfc-semantics §5.7, TN002).
// One id space per archive, shared by classes and objects, starting at 1 (0 is NULL). Storing
// keeps a map object → id; loading keeps an array id → object. Ids at or above 0x7FFF travel as
// `FF 7F` + DWORD, with 0x80000000 marking a class.
import { ArchivePrimitives } from './ArchivePrimitives.ts';
import { CObject } from '../object/CObject.ts';
import { CRuntimeClass, NOT_SERIALIZABLE_SCHEMA, VERSIONABLE_SCHEMA } from '../object/CRuntimeClass.ts';
import { CArchiveException } from '../exceptions/CArchiveException.ts';
import { CNotSupportedException } from '../exceptions/CNotSupportedException.ts';
import { AfxThrowMemoryException } from '../exceptions/CMemoryException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import type { CArchive } from './CArchive.ts';

const wNullTag = 0x0000;
const wNewClassTag = 0xffff;
const wClassTag = 0x8000;
const dwBigClassTag = 0x80000000;
const wBigObjectTag = 0x7fff;
const nMaxMapCount = 0x3ffffffe;
/** GetObjectSchema's "unknown": (UINT)-1. */
const UNKNOWN_SCHEMA = 0xffffffff;
/**
 * Objects nest this deep by default (the `maxObjectDepth` option): Node's default stack holds about
 * 1,300 levels of CObArray from an empty stack, and a load may start deep inside handlers and pumps.
 */
const DEFAULT_MAX_OBJECT_DEPTH = 500;

type Loaded = CObject | CRuntimeClass | null;

interface ObjectSnapshot {
  mapCount: number;
  schema: number;
  loadedSchemas: CRuntimeClass[];
}

/** What the class members take, as a wrong-argument message says it (a constructor is a common slip). */
const A_CLASS = 'a CRuntimeClass (RUNTIME_CLASS(CMyClass))';

export class ArchiveObjects extends ArchivePrimitives {
  private m_nObjectSchema = UNKNOWN_SCHEMA;
  private m_nMapCount = 0;
  private storeMap: Map<object, number> | null = null;
  private loadArray: Loaded[] | null = null;
  /** Stored schemas of VERSIONABLE classes whose version differs from ours (MFC's m_pSchemaMap). */
  private schemaMap = new Map<CRuntimeClass, number>();
  private loadParams = { nGrowBy: 1024 };
  private storeParams = { nHashSize: 2053, nBlockSize: 128 };
  /** Objects being read or written right now, one inside the other (ReadObject / WriteObject frames). */
  private objectDepth = 0;
  private readonly maxObjectDepth: number;

  constructor(...args: ConstructorParameters<typeof ArchivePrimitives>) {
    super(...args);
    const limit = args[4]?.maxObjectDepth ?? DEFAULT_MAX_OBJECT_DEPTH;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`CArchive: maxObjectDepth must be a positive integer, got ${limit}`);
    this.maxObjectDepth = limit;
  }

  /** `ar << pOb` (CObject*): WriteObject. */
  writeCObject(pOb: CObject | null): this {
    this.WriteObject(pOb);
    return this;
  }

  /** `ar >> pOb`: ReadObject; with a class, only that class or a derived one is accepted (else badClass). */
  readCObject<T extends CObject = CObject>(pClassRefRequested: CRuntimeClass<T> | null = null): T | null {
    return this.ReadObject(pClassRefRequested) as T | null;
  }

  /** Emulates: `CArchive::GetObjectSchema`: the stored schema of the object being loaded, once; then (UINT)-1. */
  GetObjectSchema(): number {
    const nResult = this.m_nObjectSchema;
    this.m_nObjectSchema = UNKNOWN_SCHEMA;
    return nResult;
  }

  /** Emulates: `CArchive::SetObjectSchema`. */
  SetObjectSchema(nSchema: number): void {
    this.m_nObjectSchema = nSchema >>> 0;
  }

  /** Emulates: `CArchive::SetLoadParams(UINT nGrowBy = 1024)`: before the first object only (no wire effect). */
  SetLoadParams(nGrowBy = 1024): void {
    if (this.loadArray) throw new TypeError('CArchive.SetLoadParams: objects were already loaded');
    this.loadParams = { nGrowBy };
  }

  /** Emulates: `CArchive::SetStoreParams(UINT nHashSize = 2053, UINT nBlockSize = 128)`: before the first object only. */
  SetStoreParams(nHashSize = 2053, nBlockSize = 128): void {
    if (this.storeMap) throw new TypeError('CArchive.SetStoreParams: objects were already stored');
    this.storeParams = { nHashSize, nBlockSize };
  }

  /**
   * Emulates: `CArchive::MapObject`: gives `pOb` the next id without serializing it, so later
   * references to it (on either side) are back-references. `MapObject(null)` only sets up the map.
   */
  MapObject(pOb: CObject | null): void {
    if (this.IsStoring()) {
      if (!this.storeMap) {
        this.storeMap = new Map();
        this.m_nMapCount = 1;
      }
      if (pOb) {
        this.CheckCount();
        this.storeMap.set(pOb, this.m_nMapCount++);
      }
    } else {
      if (!this.loadArray) {
        this.loadArray = [null];
        this.m_nMapCount = 1;
      }
      if (pOb) {
        this.CheckCount();
        this.loadArray[this.m_nMapCount++] = pOb;
      }
    }
  }

  /**
   * Emulates: `CArchive::WriteObject`: NULL, a back-reference, or class + new id + Serialize. On a
   * loading archive: CArchiveException readOnly, before anything else (MFC 9, mfc-semantics §5.9).
   * A class without IMPLEMENT_SERIAL is CNotSupportedException naming the object's class.
   * Something that is neither a CObject nor null is CInvalidArgException before any byte is stored.
   * Beyond MFC: an object nested deeper than `maxObjectDepth` is genericException (the loader
   * would refuse it; see ReadObject).
   */
  WriteObject(pOb: CObject | null): void {
    if (!this.IsStoring()) throw new CArchiveException(CArchiveException.readOnly, this.m_strFileName, 'WriteObject on a loading archive');
    if (pOb !== null && !(pOb instanceof CObject)) {
      wrongArgument('CArchive.WriteObject', 'a CObject or null', pOb);
    }
    this.MapObject(null);
    const map = this.storeMap!;
    if (pOb === null) {
      this.writeWORD(wNullTag);
      return;
    }
    const nObIndex = map.get(pOb);
    if (nObIndex !== undefined) {
      this.writeTag(nObIndex, 0);
      return;
    }
    const pClassRef = pOb.GetRuntimeClass();
    if (pClassRef.m_wSchema === NOT_SERIALIZABLE_SCHEMA) throw notSerializable('WriteObject', pOb.constructor.name, pClassRef);
    this.WriteClass(pClassRef);
    this.CheckCount();
    // The id is taken before Serialize, so references to pOb written inside it are back-references.
    map.set(pOb, this.m_nMapCount++);
    this.serializeNested(pOb);
  }

  /**
   * Emulates: `CArchive::WriteClass`: a class reference, or `FF FF` + the class description. On a
   * loading archive: genericException (MFC 9; MFC 6 only asserts); a class that is not
   * serializable (schema 0xFFFF): CNotSupportedException.
   */
  WriteClass(pClassRef: CRuntimeClass): void {
    if (!this.IsStoring()) throw new CArchiveException(CArchiveException.genericException, this.m_strFileName, 'WriteClass on a loading archive');
    if (!(pClassRef instanceof CRuntimeClass)) wrongArgument('CArchive.WriteClass', A_CLASS, pClassRef);
    if (pClassRef.m_wSchema === NOT_SERIALIZABLE_SCHEMA) throw notSerializable('WriteClass', pClassRef.m_lpszClassName, pClassRef);
    this.MapObject(null);
    const map = this.storeMap!;
    const nClassIndex = map.get(pClassRef);
    if (nClassIndex !== undefined) {
      this.writeTag(nClassIndex, wClassTag);
      return;
    }
    this.writeWORD(wNewClassTag);
    pClassRef.Store(this.self);
    this.CheckCount();
    map.set(pClassRef, this.m_nMapCount++);
  }

  /** Emulates: `CArchive::SerializeClass`: WriteClass when storing, ReadClass when loading. */
  SerializeClass(pClassRef: CRuntimeClass): void {
    if (this.IsStoring()) this.WriteClass(pClassRef);
    else this.ReadClass(pClassRef);
  }

  /**
   * Emulates: `CArchive::ReadClass(pClassRefRequested, UINT* pSchema, DWORD* pObTag)`. Out
   * parameters are caller-owned `{ value }` objects. Returns null for an object tag (then
   * `pObTag` is required, else badIndex). On a storing archive: genericException (MFC 9; MFC 6
   * only asserts). A requested class that is not serializable (schema 0xFFFF):
   * CNotSupportedException before any byte is read (mfc-semantics §5.9).
   */
  ReadClass(pClassRefRequested: CRuntimeClass | null = null, pSchema: { value: number } | null = null,
    pObTag: { value: number } | null = null): CRuntimeClass | null {
    if (!this.IsLoading()) throw new CArchiveException(CArchiveException.genericException, this.m_strFileName, 'ReadClass on a storing archive');
    if (pClassRefRequested !== null && !(pClassRefRequested instanceof CRuntimeClass)) wrongArgument('CArchive.ReadClass', `${A_CLASS} or null`, pClassRefRequested);
    if (pClassRefRequested && pClassRefRequested.m_wSchema === NOT_SERIALIZABLE_SCHEMA) {
      throw notSerializable('ReadClass', pClassRefRequested.m_lpszClassName, pClassRefRequested, 'requested');
    }
    this.MapObject(null);
    const loaded = this.loadArray!;
    const wTag = this.readWORD();
    const obTag = wTag === wBigObjectTag ? this.readDWORD() : (((wTag & wClassTag) << 16) | (wTag & ~wClassTag)) >>> 0;
    if (!(obTag & dwBigClassTag)) {
      if (!pObTag) throw new CArchiveException(CArchiveException.badIndex, this.m_strFileName, 'an object tag where a class was expected');
      pObTag.value = obTag;
      return null;
    }
    let pClassRef: CRuntimeClass;
    let nSchema: number;
    if (wTag === wNewClassTag) {
      const stored = { value: 0 };
      const found = CRuntimeClass.Load(this as never, stored);
      if (!found) throw new CArchiveException(CArchiveException.badClass, this.m_strFileName, 'unknown or unregistered class');
      pClassRef = found;
      nSchema = stored.value;
      if (((pClassRef.m_wSchema & ~VERSIONABLE_SCHEMA) >>> 0) !== nSchema) {
        if (!(pClassRef.m_wSchema & VERSIONABLE_SCHEMA)) {
          throw new CArchiveException(CArchiveException.badSchema, this.m_strFileName,
            `${pClassRef.m_lpszClassName} stored with schema ${nSchema}, expected ${pClassRef.m_wSchema}`);
        }
        this.schemaMap.set(pClassRef, nSchema);
      }
      this.CheckCount();
      loaded[this.m_nMapCount++] = pClassRef;
    } else {
      const nClassIndex = (obTag & ~dwBigClassTag) >>> 0;
      const entry = nClassIndex === 0 || nClassIndex >= this.m_nMapCount ? undefined : loaded[nClassIndex];
      // A class id that names an object is as invalid as one that was never defined.
      if (!(entry instanceof CRuntimeClass)) throw new CArchiveException(CArchiveException.badIndex, this.m_strFileName, `class id ${nClassIndex}`);
      pClassRef = entry;
      nSchema = this.schemaMap.get(pClassRef) ?? ((pClassRef.m_wSchema & ~VERSIONABLE_SCHEMA) >>> 0);
    }
    if (pClassRefRequested && !pClassRef.IsDerivedFrom(pClassRefRequested)) {
      throw new CArchiveException(CArchiveException.badClass, this.m_strFileName,
        `${pClassRef.m_lpszClassName} is not a ${pClassRefRequested.m_lpszClassName}`);
    }
    if (pSchema) pSchema.value = nSchema;
    else this.m_nObjectSchema = nSchema;
    if (pObTag) pObTag.value = obTag;
    return pClassRef;
  }

  /**
   * Emulates: `CArchive::ReadObject`: NULL, a previously loaded object, or a new one, Serialize'd.
   * On a storing archive: writeOnly. A requested class that is not serializable:
   * CNotSupportedException before any byte is read (mfc-semantics §5.9).
   * Beyond MFC: objects nested deeper than the `maxObjectDepth` option (500 by default) are
   * genericException, and so is nesting that exhausts JavaScript's stack first, so hostile bytes
   * (an archive of CObArrays each holding the next) end in a CArchiveException (issue 15.3).
   */
  ReadObject(pClassRefRequested: CRuntimeClass | null = null): CObject | null {
    if (!this.IsLoading()) throw new CArchiveException(CArchiveException.writeOnly, this.m_strFileName, 'ReadObject on a storing archive');
    if (pClassRefRequested !== null && !(pClassRefRequested instanceof CRuntimeClass)) wrongArgument('CArchive.ReadObject', `${A_CLASS} or null`, pClassRefRequested);
    const schema = { value: 0 };
    const obTag = { value: 0 };
    const pClassRef = this.ReadClass(pClassRefRequested, schema, obTag);
    const loaded = this.loadArray!;
    if (!pClassRef) {
      const entry = obTag.value >= this.m_nMapCount ? undefined : loaded[obTag.value];
      if (entry === undefined || entry instanceof CRuntimeClass) {
        throw new CArchiveException(CArchiveException.badIndex, this.m_strFileName, `object id ${obTag.value}`);
      }
      if (entry && pClassRefRequested && !entry.IsKindOf(pClassRefRequested)) {
        throw new CArchiveException(CArchiveException.badClass, this.m_strFileName,
          `object ${obTag.value} is not a ${pClassRefRequested.m_lpszClassName}`);
      }
      return entry;
    }
    let pOb: CObject | null;
    try {
      pOb = pClassRef.CreateObject();
    } catch (e) {
      AfxThrowMemoryException(`${pClassRef.m_lpszClassName}'s constructor failed: ${String(e)}`);
    }
    // A registered class that cannot be created (IMPLEMENT_DYNAMIC, abstract) cannot come from the wire.
    if (!pOb) throw new CArchiveException(CArchiveException.badClass, this.m_strFileName, `${pClassRef.m_lpszClassName} cannot be created`);
    this.CheckCount();
    loaded[this.m_nMapCount++] = pOb;
    const nSchemaSave = this.m_nObjectSchema;
    this.m_nObjectSchema = schema.value;
    this.serializeNested(pOb);
    this.m_nObjectSchema = nSchemaSave;
    return pOb;
  }

  /**
   * Runs one object's Serialize a level deeper (no closure: every frame per level counts against
   * the stack). The outermost level turns a stack overflow below it into a CArchiveException, for
   * a limit raised beyond what the stack holds.
   */
  private serializeNested(pOb: CObject): void {
    if (this.objectDepth >= this.maxObjectDepth) {
      throw new CArchiveException(CArchiveException.genericException, this.m_strFileName,
        `objects nest deeper than maxObjectDepth ${this.maxObjectDepth}`);
    }
    this.objectDepth++;
    try {
      pOb.Serialize(this.self);
    } catch (e) {
      if (this.objectDepth === 1 && e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new CArchiveException(CArchiveException.genericException, this.m_strFileName,
          `objects nest deeper than JavaScript's stack holds (maxObjectDepth is ${this.maxObjectDepth})`);
      }
      throw e;
    } finally {
      this.objectDepth--;
    }
  }

  protected override snapshotForTransaction(): ObjectSnapshot {
    return { mapCount: this.m_nMapCount, schema: this.m_nObjectSchema, loadedSchemas: [...this.schemaMap.keys()] };
  }

  protected override restoreTransaction(saved: unknown): void {
    const s = saved as ObjectSnapshot;
    if (this.loadArray) this.loadArray.length = Math.max(s.mapCount, 1);
    this.m_nMapCount = this.loadArray ? s.mapCount || 1 : s.mapCount;
    this.m_nObjectSchema = s.schema;
    for (const rc of [...this.schemaMap.keys()]) if (!s.loadedSchemas.includes(rc)) this.schemaMap.delete(rc);
  }

  /** This archive as the CArchive it always is (ArchiveObjects is only ever its base class). */
  private get self(): CArchive {
    return this as unknown as CArchive;
  }

  /** An id as a WORD (below 0x7FFF) or as `FF 7F` + DWORD; `classBit` is wClassTag for classes. */
  private writeTag(id: number, classBit: number): void {
    if (id < wBigObjectTag) this.writeWORD(classBit | id);
    else this.writeWORD(wBigObjectTag).writeDWORD((classBit ? dwBigClassTag | id : id) >>> 0);
  }

  private CheckCount(): void {
    if (this.m_nMapCount >= nMaxMapCount) throw new CArchiveException(CArchiveException.badIndex, this.m_strFileName, 'too many objects');
  }
}

/** CNotSupportedException for a class with schema 0xFFFF, naming the class the caller meant. */
function notSerializable(api: string, name: string, rc: CRuntimeClass, role = ''): CNotSupportedException {
  const why = name === rc.m_lpszClassName
    ? 'it is not IMPLEMENT_SERIAL (schema 0xFFFF)'
    : `it has no IMPLEMENT_SERIAL (its nearest run-time class, ${rc.m_lpszClassName}, has schema 0xFFFF)`;
  return new CNotSupportedException(`CArchive.${api}: the ${role ? `${role} ` : ''}class ${name} cannot be serialized: ${why}`);
}
