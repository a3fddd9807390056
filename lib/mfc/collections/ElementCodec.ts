// ElementCodec: what the template collections (CArray, CList, CMap) know of their element type,
// which C++ gets from the template argument and sizeof: how SerializeElements stores and loads
// one element, its value-initialised form, and HashKey for map keys (mfc-semantics 5.10).
// MFC 9's SerializeElements<TYPE> writes the elements bit-wise (`ar.Write(p, n * sizeof(TYPE))`),
// which for the integral types, float, double, POINT, SIZE and RECT is their little-endian image;
// CString is specialised to `ar << element` one by one. A pointer element would be written as the
// pointer's bits, which no other process can read, so a pointer codec refuses to serialize.
import type { CArchive } from '../archive/CArchive.ts';
import type { POINT, RECT, SIZE } from '../archive/windef.ts';
import type { CObject } from '../object/CObject.ts';
import { HashKeyIdentity, HashKeyString } from './HashKey.ts';

/**
 * Ours: one element type of a template collection — a `SerializeElements<TYPE>` and a
 * `HashKey<ARG_KEY>` in one object. The built-in ones are named by their MFC type (`'int'`,
 * `'POINT'`, `'CString'`, …, see ElementTypes); pass your own for a structure of your own, as a C++
 * program specialises SerializeElements for it.
 *
 * @example
 * const CHATLINE: ElementCodec<{ id: number; text: string }> = {
 *   name: 'CHATLINE', size: 0, serializable: true,
 *   empty: () => ({ id: 0, text: '' }), copy: (v) => ({ ...v }), equals: (a, b) => a.id === b.id && a.text === b.text,
 *   store: (ar, v) => { ar.writeint(v.id); ar.writeCString(v.text); },
 *   load: (ar) => ({ id: ar.readint(), text: ar.readCString() }),
 * };
 * const lines = new CArray(CHATLINE);
 */
export interface ElementCodec<T> {
  /** The C++ type, for messages. */
  readonly name: string;
  /**
   * sizeof(TYPE) for an element written bit-wise; 0 for one written with `<<`. When not 0 it must
   * be exactly the bytes `store` writes: a read transaction waits for count × size bytes before it
   * parses the elements (CArchive.expectBytes).
   */
  readonly size: number;
  /** False for pointers: MFC would write the pointer's bits. */
  readonly serializable: boolean;
  /** A value-initialised element (what SetSize's new slots hold: zero bytes, an empty string). */
  empty(): T;
  /** The element a C++ assignment stores (a copy of a structure). */
  copy(value: T): T;
  /** `CompareElements`: `*pElement1 == *pElement2`. */
  equals(a: T, b: T): boolean;
  /** `SerializeElements<TYPE>(ar, &element, 1)` while storing. */
  store(ar: CArchive, value: T): void;
  /** `SerializeElements<TYPE>(ar, &element, 1)` while loading. */
  load(ar: CArchive): T;
  /** `HashKey<ARG_KEY>(key)` for a CMap key; absent where MFC's default HashKey would not compile. */
  hashKey?(key: T): number;
  /** What identifies a key in the map's lookup index (equal keys, one identity). */
  keyId?(key: T): unknown;
  /** Whether `value` is of this type; a CMap refuses a key it rejects with CInvalidArgException (absent: any). */
  accepts?(value: unknown): boolean;
}

/** The element types named by their MFC spelling, and the TypeScript value each holds. */
export interface ElementTypes {
  BYTE: number;
  char: number;
  bool: boolean;
  WORD: number;
  short: number;
  wchar_t: number;
  int: number;
  UINT: number;
  LONG: number;
  DWORD: number;
  BOOL: number;
  float: number;
  double: number;
  LONGLONG: bigint;
  ULONGLONG: bigint;
  POINT: POINT;
  SIZE: SIZE;
  RECT: RECT;
  CString: string;
  CStringA: string;
  CStringW: string;
  'void*': unknown;
  'CObject*': CObject | null;
}

/** An MFC element type by name (`'POINT'`, `'CString'`, …). */
export type ElementName = keyof ElementTypes;
/** What a template collection is declared with: an MFC element type by name, or a codec of your own. */
export type ElementSpec = ElementName | ElementCodec<any>;
/** The TypeScript value an element of `S` holds. */
export type ElementOf<S> = S extends ElementName ? ElementTypes[S] : S extends ElementCodec<infer T> ? T : never;

const same = <T>(a: T, b: T) => a === b;
const itself = <T>(v: T) => v;
const finiteNumber = (v: unknown) => Number.isFinite(v);
const aNumber = (v: unknown) => typeof v === 'number';

function integral(name: string, size: number, store: (ar: CArchive, v: number) => unknown, load: (ar: CArchive) => number, wrap: (v: number) => number): ElementCodec<number> {
  return {
    name, size, serializable: true, empty: () => 0, copy: wrap, equals: same,
    store: (ar, v) => void store(ar, v), load, hashKey: (k) => HashKeyIdentity(wrap(k)), keyId: wrap, accepts: finiteNumber,
  };
}

function floating(name: string, size: number, store: (ar: CArchive, v: number) => unknown, load: (ar: CArchive) => number): ElementCodec<number> {
  // HashKey's (DWORD_PTR) cast of a floating-point key converts its value to an integer.
  return {
    name, size, serializable: true, empty: () => 0, copy: itself, equals: same,
    store: (ar, v) => void store(ar, v), load, hashKey: (k) => HashKeyIdentity(Math.trunc(k) | 0), keyId: itself, accepts: aNumber,
  };
}

function wide(name: string, store: (ar: CArchive, v: bigint) => unknown, load: (ar: CArchive) => bigint): ElementCodec<bigint> {
  // (DWORD_PTR) of a 64-bit key keeps its low 32 bits in an x86 build.
  return {
    name, size: 8, serializable: true, empty: () => 0n, copy: itself, equals: same,
    store: (ar, v) => void store(ar, v), load, hashKey: (k) => HashKeyIdentity(Number(BigInt.asUintN(32, k))), keyId: itself,
    accepts: (v) => typeof v === 'bigint',
  };
}

function structure<T extends object>(name: string, fields: readonly (keyof T & string)[]): ElementCodec<T> {
  const empty = () => Object.fromEntries(fields.map((f) => [f, 0])) as T;
  return {
    name, size: fields.length * 4, serializable: true, empty,
    copy: (v) => ({ ...v }),
    equals: (a, b) => fields.every((f) => a[f] === b[f]),
    store: (ar, v) => { for (const f of fields) ar.writeLONG(v[f] as number); },
    load: (ar) => {
      const v = empty() as Record<string, number>;
      for (const f of fields) v[f] = ar.readLONG();
      return v as T;
    },
  };
}

function text(name: string, store: (ar: CArchive, v: string) => unknown, load: (ar: CArchive) => string): ElementCodec<string> {
  return {
    name, size: 0, serializable: true, empty: () => '', copy: itself, equals: same,
    store: (ar, v) => void store(ar, v), load, hashKey: HashKeyString, keyId: itself, accepts: (v) => typeof v === 'string',
  };
}

function pointer<T>(name: string, empty: T): ElementCodec<T> {
  const refuse = (): never => {
    throw new TypeError(`SerializeElements<${name}>: MFC would write the pointer's bits, which no other process can read; keep the objects in a CObArray, CObList or CTypedPtr* collection over one, or serialize them yourself`);
  };
  return { name, size: 4, serializable: false, empty: () => empty, copy: itself, equals: same, store: refuse, load: refuse };
}

const builtIn: { [K in ElementName]: ElementCodec<ElementTypes[K]> } = {
  BYTE: integral('BYTE', 1, (ar, v) => ar.writeBYTE(v), (ar) => ar.readBYTE(), (v) => v & 0xff),
  char: integral('char', 1, (ar, v) => ar.writechar(v), (ar) => ar.readchar(), (v) => (v << 24) >> 24),
  bool: {
    name: 'bool', size: 1, serializable: true, empty: () => false, copy: itself, equals: same,
    store: (ar, v) => void ar.writebool(v), load: (ar) => ar.readbool(), hashKey: (k) => HashKeyIdentity(k ? 1 : 0), keyId: itself,
    accepts: (v) => typeof v === 'boolean',
  },
  WORD: integral('WORD', 2, (ar, v) => ar.writeWORD(v), (ar) => ar.readWORD(), (v) => v & 0xffff),
  short: integral('short', 2, (ar, v) => ar.writeshort(v), (ar) => ar.readshort(), (v) => (v << 16) >> 16),
  wchar_t: integral('wchar_t', 2, (ar, v) => ar.writewchar_t(v), (ar) => ar.readwchar_t(), (v) => v & 0xffff),
  int: integral('int', 4, (ar, v) => ar.writeint(v), (ar) => ar.readint(), (v) => v | 0),
  UINT: integral('UINT', 4, (ar, v) => ar.writeunsigned(v), (ar) => ar.readunsigned(), (v) => v >>> 0),
  LONG: integral('LONG', 4, (ar, v) => ar.writeLONG(v), (ar) => ar.readLONG(), (v) => v | 0),
  DWORD: integral('DWORD', 4, (ar, v) => ar.writeDWORD(v), (ar) => ar.readDWORD(), (v) => v >>> 0),
  BOOL: integral('BOOL', 4, (ar, v) => ar.writeint(v), (ar) => ar.readint(), (v) => v | 0),
  float: floating('float', 4, (ar, v) => ar.writefloat(v), (ar) => ar.readfloat()),
  double: floating('double', 8, (ar, v) => ar.writedouble(v), (ar) => ar.readdouble()),
  LONGLONG: wide('LONGLONG', (ar, v) => ar.writeLONGLONG(v), (ar) => ar.readLONGLONG()),
  ULONGLONG: wide('ULONGLONG', (ar, v) => ar.writeULONGLONG(v), (ar) => ar.readULONGLONG()),
  POINT: structure<POINT>('POINT', ['x', 'y']),
  SIZE: structure<SIZE>('SIZE', ['cx', 'cy']),
  RECT: structure<RECT>('RECT', ['left', 'top', 'right', 'bottom']),
  CString: text('CString', (ar, v) => ar.writeCString(v), (ar) => ar.readCString()),
  CStringA: text('CStringA', (ar, v) => ar.writeCStringA(v), (ar) => ar.readCStringA()),
  CStringW: text('CStringW', (ar, v) => ar.writeCStringW(v), (ar) => ar.readCStringW()),
  'void*': pointer<unknown>('void*', null),
  'CObject*': pointer<CObject | null>('CObject*', null),
};

/** The codec a collection declared with `spec` uses. */
export function elementCodec<S extends ElementSpec>(spec: S): ElementCodec<ElementOf<S>> {
  if (typeof spec === 'string') {
    const codec = (builtIn as Record<string, ElementCodec<unknown>>)[spec];
    if (!codec) throw new TypeError(`Unknown element type ${JSON.stringify(spec)}: name one of ${Object.keys(builtIn).join(', ')}, or pass an ElementCodec`);
    return codec as ElementCodec<ElementOf<S>>;
  }
  if (typeof spec !== 'object' || spec === null || typeof spec.store !== 'function' || typeof spec.load !== 'function') {
    throw new TypeError(`An element type is an MFC type name or an ElementCodec, not ${String(spec)}`);
  }
  return spec as ElementCodec<ElementOf<S>>;
}

/**
 * Throws, before a byte is written, when a storing archive would get a pointer element type's
 * bits (the collection's Serialize calls it first).
 */
export function refusePointers(ar: CArchive, ...codecs: ElementCodec<unknown>[]): void {
  if (!ar.IsStoring()) return;
  for (const codec of codecs) if (!codec.serializable) codec.store(ar, codec.empty());
}
