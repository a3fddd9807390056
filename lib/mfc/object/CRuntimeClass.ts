// CRuntimeClass: the run-time description of a class (name, schema, base, factory) and the
// registry the loader consults. Only classes registered with IMPLEMENT_SERIAL can be found by name,
// so bytes from outside can never make the loader construct anything else (STYLE §10).
import type { CObject } from './CObject.ts';
import type { CArchive } from '../archive/CArchive.ts';

/** A constructor of a CObject-derived class (the `class_name` of MFC's macros). */
// Any constructor: IMPLEMENT_DYNAMIC registers classes whose constructors take arguments (a socket
// class that takes its owner, as CHATSRVR's do); only the creating macros need a no-argument one.
export type CObjectClass<T extends CObject = CObject> = abstract new (...args: never[]) => T;

/** MFC's `VERSIONABLE_SCHEMA`: OR it into a schema so that older versions load (the class reads GetObjectSchema). */
export const VERSIONABLE_SCHEMA = 0x80000000;

/** The schema of classes that are not serializable (IMPLEMENT_DYNAMIC / IMPLEMENT_DYNCREATE). */
export const NOT_SERIALIZABLE_SCHEMA = 0xffff;

/** The longest class name CRuntimeClass::Load accepts is 63 characters (its buffer holds 64). */
const MAX_CLASS_NAME = 64;

const byConstructor = new WeakMap<Function, CRuntimeClass>();
const serialByName = new Map<string, CRuntimeClass>();

/**
 * The run-time class of a CObject-derived class.
 *
 * Emulates: MFC `CRuntimeClass` (`m_lpszClassName`, `m_wSchema`, `m_pBaseClass`, `CreateObject`,
 * `IsDerivedFrom`, `FromName`, `Store`, `Load`).
 * Differs: `m_nObjectSize` is absent (JavaScript objects have no fixed size); `m_pfnCreateObject`
 * is a function returning the object; the class list is one per process, not one per module.
 *
 * @example
 * const rc = RUNTIME_CLASS(CAge);
 * rc.m_lpszClassName === 'CAge'; rc.CreateObject() instanceof CAge;
 */
export class CRuntimeClass<T extends CObject = CObject> {
  readonly m_lpszClassName: string;
  /** The schema passed to IMPLEMENT_SERIAL, VERSIONABLE_SCHEMA bit included; 0xFFFF when not serializable. */
  readonly m_wSchema: number;
  readonly m_pBaseClass: CRuntimeClass | null;
  readonly m_pfnCreateObject: (() => T) | null;
  /** Ours: the JavaScript class this describes. */
  readonly classConstructor: CObjectClass<T>;

  constructor(lpszClassName: string, wSchema: number, pBaseClass: CRuntimeClass | null,
    pfnCreateObject: (() => T) | null, classConstructor: CObjectClass<T>) {
    this.m_lpszClassName = lpszClassName;
    this.m_wSchema = wSchema >>> 0;
    this.m_pBaseClass = pBaseClass;
    this.m_pfnCreateObject = pfnCreateObject;
    this.classConstructor = classConstructor;
  }

  /** Emulates: `CRuntimeClass::CreateObject`: a new object, or null for a class that cannot be created dynamically. */
  CreateObject(): T | null {
    return this.m_pfnCreateObject ? this.m_pfnCreateObject() : null;
  }

  /** Emulates: `CRuntimeClass::IsDerivedFrom`: true for this class and every class it derives from. */
  IsDerivedFrom(pBaseClass: CRuntimeClass | null): boolean {
    for (let c: CRuntimeClass | null = this; c !== null; c = c.m_pBaseClass) if (c === pBaseClass) return true;
    return false;
  }

  /** Emulates: `CRuntimeClass::FromName`: a class registered with IMPLEMENT_SERIAL, by name, or null. */
  static FromName(lpszClassName: string): CRuntimeClass | null {
    return serialByName.get(lpszClassName) ?? null;
  }

  /** Emulates: `CRuntimeClass::Store`: WORD schema (low 16 bits), WORD name length, the ASCII name. */
  Store(ar: CArchive): void {
    const name = this.m_lpszClassName;
    const bytes = new Uint8Array(name.length);
    for (let i = 0; i < name.length; i++) bytes[i] = name.charCodeAt(i);
    ar.writeWORD(this.m_wSchema & 0xffff);
    ar.writeWORD(bytes.length);
    ar.Write(bytes, bytes.length);
  }

  /**
   * Emulates: `CRuntimeClass::Load(CArchive&, UINT* pwSchemaNum)`: reads a class description and
   * finds the registered class; null when the name is too long, truncated or not registered.
   */
  static Load(ar: CArchive, pwSchemaNum: { value: number }): CRuntimeClass | null {
    pwSchemaNum.value = ar.readWORD();
    const nLen = ar.readWORD();
    if (nLen >= MAX_CLASS_NAME) return null;
    const name = new Uint8Array(nLen);
    if (ar.Read(name, nLen) !== nLen) return null;
    return CRuntimeClass.FromName(String.fromCharCode(...name));
  }
}

/** Ours: records a run-time class; `serial` classes also become findable by name. */
export function registerRuntimeClass(rc: CRuntimeClass, serial: boolean): void {
  const existing = byConstructor.get(rc.classConstructor);
  if (existing && existing.m_lpszClassName !== rc.m_lpszClassName) {
    throw new TypeError(`Cannot register ${rc.m_lpszClassName}: the class is already registered as ${existing.m_lpszClassName}`);
  }
  if (rc.m_lpszClassName.length >= MAX_CLASS_NAME || !/^[\x20-\x7e]+$/.test(rc.m_lpszClassName)) {
    throw new TypeError(`Cannot register class name ${JSON.stringify(rc.m_lpszClassName)}: MFC stores 1 to 63 ASCII characters`);
  }
  if (serial) {
    const other = serialByName.get(rc.m_lpszClassName);
    if (other && other.classConstructor !== rc.classConstructor) {
      throw new TypeError(`Cannot register ${rc.m_lpszClassName}: another class already uses that name`);
    }
    serialByName.set(rc.m_lpszClassName, rc);
  }
  byConstructor.set(rc.classConstructor, rc);
}

/** Ours: the run-time class registered for exactly this constructor, if any. */
export function runtimeClassOfConstructor(ctor: Function): CRuntimeClass | undefined {
  return byConstructor.get(ctor);
}
