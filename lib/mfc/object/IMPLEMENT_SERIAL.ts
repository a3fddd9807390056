// The registration macros: IMPLEMENT_SERIAL, IMPLEMENT_DYNCREATE, IMPLEMENT_DYNAMIC and
// RUNTIME_CLASS, as functions called once after a class's declaration.
import { CObject } from './CObject.ts';
import {
  CRuntimeClass, NOT_SERIALIZABLE_SCHEMA, registerRuntimeClass, runtimeClassOfConstructor,
  type CObjectClass,
} from './CRuntimeClass.ts';

type Creatable<T extends CObject> = new () => T;

/**
 * The loader creates objects with no arguments (MFC's DECLARE_DYNCREATE / DECLARE_SERIAL need a
 * default constructor), so a JavaScript caller that passes a class whose constructor declares
 * parameters learns it here rather than when an archive is loaded.
 */
function creatable<T extends CObject>(macro: string, classConstructor: Creatable<T>, lpszClassName: string): () => T {
  if (typeof classConstructor !== 'function') throw new TypeError(`${macro}: ${String(classConstructor)} is not a class`);
  if (classConstructor.length > 0) {
    throw new TypeError(`${macro}(${lpszClassName}): the loader creates objects with no arguments, but the constructor of ${classConstructor.name} takes ${classConstructor.length}; give it a constructor without parameters (or with defaults), or register it with IMPLEMENT_DYNAMIC`);
  }
  return () => new classConstructor();
}

/**
 * Emulates: `RUNTIME_CLASS(class_name)`: the class's CRuntimeClass.
 *
 * @throws TypeError when the class was never registered (MFC would not compile).
 * @example
 * ar.readCObject(RUNTIME_CLASS(CAge));
 */
export function RUNTIME_CLASS<T extends CObject>(classConstructor: CObjectClass<T>): CRuntimeClass<T> {
  const rc = runtimeClassOfConstructor(classConstructor);
  if (!rc) throw new TypeError(`RUNTIME_CLASS: ${classConstructor.name} is not registered (call IMPLEMENT_SERIAL or IMPLEMENT_DYNAMIC)`);
  return rc as CRuntimeClass<T>;
}

function implement<T extends CObject>(
  classConstructor: CObjectClass<T>, baseClass: CObjectClass, wSchema: number,
  create: (() => T) | null, serial: boolean, lpszClassName: string,
): CRuntimeClass<T> {
  if (!(classConstructor.prototype instanceof baseClass)) {
    throw new TypeError(`Cannot register ${classConstructor.name}: it does not extend ${baseClass.name}`);
  }
  const rc = new CRuntimeClass<T>(lpszClassName, wSchema, RUNTIME_CLASS(baseClass), create, classConstructor);
  registerRuntimeClass(rc as unknown as CRuntimeClass, serial);
  return rc;
}

/**
 * Emulates: `IMPLEMENT_SERIAL(class_name, base_class_name, wSchema)`: the class can be created by
 * the loader, is findable by name, and stores `wSchema` (VERSIONABLE_SCHEMA may be OR-ed in).
 *
 * @param lpszClassName ours: the name on the wire when it differs from the JavaScript class name.
 * @example
 * IMPLEMENT_SERIAL(CAge, CObject, VERSIONABLE_SCHEMA | 2);
 */
export function IMPLEMENT_SERIAL<T extends CObject>(
  classConstructor: Creatable<T>, baseClass: CObjectClass, wSchema: number, lpszClassName = classConstructor.name,
): CRuntimeClass<T> {
  if ((wSchema & 0xffff) === NOT_SERIALIZABLE_SCHEMA) {
    throw new RangeError(`IMPLEMENT_SERIAL(${lpszClassName}): schema 0xFFFF means "not serializable"`);
  }
  return implement(classConstructor, baseClass, wSchema, creatable('IMPLEMENT_SERIAL', classConstructor, lpszClassName), true, lpszClassName);
}

/** Emulates: `IMPLEMENT_DYNCREATE(class_name, base_class_name)`: creatable, not serializable. */
export function IMPLEMENT_DYNCREATE<T extends CObject>(
  classConstructor: Creatable<T>, baseClass: CObjectClass, lpszClassName = classConstructor.name,
): CRuntimeClass<T> {
  return implement(classConstructor, baseClass, NOT_SERIALIZABLE_SCHEMA, creatable('IMPLEMENT_DYNCREATE', classConstructor, lpszClassName), false, lpszClassName);
}

/**
 * Emulates: `IMPLEMENT_DYNAMIC(class_name, base_class_name)`: run-time type information only
 * (GetRuntimeClass, IsKindOf); the class's constructor may take any arguments.
 */
export function IMPLEMENT_DYNAMIC<T extends CObject>(
  classConstructor: CObjectClass<T>, baseClass: CObjectClass, lpszClassName = classConstructor.name,
): CRuntimeClass<T> {
  return implement(classConstructor, baseClass, NOT_SERIALIZABLE_SCHEMA, null, false, lpszClassName);
}
