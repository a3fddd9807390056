// CObject: the root of MFC's class tree. Anything that an archive stores by pointer, and the
// classes that later issues add (CFile, CAsyncSocket), derive from it.
import type { CArchive } from '../archive/CArchive.ts';
import { CRuntimeClass, NOT_SERIALIZABLE_SCHEMA, registerRuntimeClass, runtimeClassOfConstructor } from './CRuntimeClass.ts';

/**
 * The base class of MFC objects: run-time class information and serialization.
 *
 * Emulates: MFC `CObject` (`GetRuntimeClass`, `IsKindOf`, `IsSerializable`, `Serialize`,
 * `AssertValid`). A derived class registers itself with `IMPLEMENT_SERIAL` (or `IMPLEMENT_DYNAMIC`,
 * `IMPLEMENT_DYNCREATE`) after its declaration; `DECLARE_*` has no counterpart.
 * Differs: `GetRuntimeClass()` finds the nearest registered class up the prototype chain (the
 * effect of a missing DECLARE_DYNAMIC in MFC); `Dump` is not provided.
 *
 * @example
 * class CAge extends CObject {
 *   m_years = 0;
 *   override Serialize(ar: CArchive): void {
 *     super.Serialize(ar);
 *     if (ar.IsStoring()) ar.writeint(this.m_years); else this.m_years = ar.readint();
 *   }
 * }
 * IMPLEMENT_SERIAL(CAge, CObject, VERSIONABLE_SCHEMA | 2);
 */
export class CObject {
  /** Emulates: `CObject::GetRuntimeClass`. */
  GetRuntimeClass(): CRuntimeClass {
    for (let c: Function | null = this.constructor; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const rc = runtimeClassOfConstructor(c);
      if (rc) return rc;
    }
    // CObject's own class is registered below, and every object's chain reaches it.
    throw new TypeError(`GetRuntimeClass: ${this.constructor.name} does not derive from CObject`);
  }

  /** Emulates: `CObject::IsKindOf`: true when the object's class is `pClass` or derives from it. */
  IsKindOf(pClass: CRuntimeClass): boolean {
    return this.GetRuntimeClass().IsDerivedFrom(pClass);
  }

  /** Emulates: `CObject::IsSerializable`: registered with IMPLEMENT_SERIAL (a schema other than 0xFFFF). */
  IsSerializable(): boolean {
    return this.GetRuntimeClass().m_wSchema !== NOT_SERIALIZABLE_SCHEMA;
  }

  /** Emulates: `CObject::Serialize`: the base writes and reads nothing; derived classes call it first. */
  Serialize(_ar: CArchive): void {}

  /** Emulates: `CObject::AssertValid`: derived classes check their invariants and throw when broken. */
  AssertValid(): void {}
}

registerRuntimeClass(new CRuntimeClass('CObject', NOT_SERIALIZABLE_SCHEMA, null, null, CObject), false);
