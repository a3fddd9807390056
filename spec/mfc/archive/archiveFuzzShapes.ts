// The shapes of hostile archive the fuzzer makes (issue 15): each is a function of a seeded PRNG
// that returns the bytes, the archive options and the loader a ported program would run on them.
// Shapes: random bytes; valid archives truncated or mutated; nesting (collections and pointer
// chains, deeper or shallower than a random maxObjectDepth); class-name attacks (unknown,
// unregistered, non-serializable, too long, NUL-bearing names, wrong schemas, class ids that name
// objects); huge counts and lengths (every length and count form up to 64 bits, big object tags);
// text lines for ReadString. Any of them may be truncated, and the runner feeds some of them to
// read transactions in pieces.
import {
  CArchive, CByteArray, CMapStringToOb, CMapStringToString, CObArray, CObject, CStringArray, CStringList,
  CWordArray, IMPLEMENT_DYNCREATE, RUNTIME_CLASS, type CArchiveOptions,
} from 'afxsock';
import { CAge, CFoo, CNode, nestedBytes, stored, type Holder } from './archiveSupport.ts';
import type { SeededRandom } from './seededRandom.ts';

/** One generated case: bytes, options, and what the program does with a loading archive. */
export interface FuzzCase {
  shape: ShapeName;
  bytes: Uint8Array;
  options: CArchiveOptions;
  load: (ar: CArchive) => unknown;
}

export const shapeNames = ['random', 'truncated', 'mutated', 'nesting', 'className', 'hugeLength', 'text'] as const;
export type ShapeName = (typeof shapeNames)[number];

let secretsConstructed = 0;
/** Creatable but not serializable: the loader must never construct it, even when its name is on the wire. */
class CSecret extends CObject {
  constructor() {
    super();
    secretsConstructed++;
  }
}
IMPLEMENT_DYNCREATE(CSecret, CObject);

/** How many CSecret objects anything constructed (must stay 0). */
export function secretsMade(): number {
  return secretsConstructed;
}

const classNames = ['CNode', 'CAge', 'CFoo', 'CObArray', 'CObList', 'CMapStringToOb', 'CStringList', 'CWordArray', 'CByteArray',
  'CSecret', 'CObject', 'CFile', 'CMemFile', 'CSocketFile', 'CNoSuchClass', 'CAge\0', '', 'x'.repeat(63), 'y'.repeat(64)];

/** The loads a ported program runs, one picked per case. */
const loaders: ((ar: CArchive) => unknown)[] = [
  (ar) => { ar.readCObject(); ar.readCString(); new CMapStringToString().Serialize(ar); ar.readCObject(); ar.ReadCount(); ar.readRECT(); return ar.ReadString({ value: '' }); },
  (ar) => ar.readCObject(RUNTIME_CLASS(CNode)),
  (ar) => ar.readCObject(RUNTIME_CLASS(CObArray)),
  (ar) => { const l = new CStringList(); l.Serialize(ar); return l.GetCount(); },
  (ar) => { const a = new CWordArray(); a.Serialize(ar); return a.GetSize(); },
  (ar) => { const a = new CByteArray(); a.Serialize(ar); return a.GetSize(); },
  (ar) => { const a = new CStringArray(); a.Serialize(ar); return a.GetSize(); },
  (ar) => { const m = new CMapStringToOb(); m.Serialize(ar); return m.GetCount(); },
  (ar) => { const n = ar.ReadCount(); let sum = 0; for (let i = 0; i < n; i++) sum += ar.readBYTE(); return sum; },
  (ar) => [ar.readCStringA(), ar.readCStringW()],
  (ar) => ar.ReadClass(null, { value: 0 }, { value: 0 }),
  (ar) => ar.readCObject(RUNTIME_CLASS(CObject)), // a requested class that is not serializable
];

function pickLoader(rnd: SeededRandom): (ar: CArchive) => unknown {
  return rnd.pick(loaders);
}

/** Small limits most of the time, so that a hostile declared size meets them within a case. */
function options(rnd: SeededRandom): CArchiveOptions {
  if (rnd.below(4) === 0) return { unicode: rnd.below(2) === 0 };
  return {
    unicode: rnd.below(2) === 0,
    maxStringLength: 1 << (8 + rnd.below(13)),
    maxCount: 1 << (4 + rnd.below(17)),
    maxTransactionBytes: 1 << (10 + rnd.below(11)),
    maxObjectDepth: 1 + rnd.below(600),
  };
}

/** A random valid archive: an object graph with shared references, strings of both widths, counts. */
export function validArchive(rnd: SeededRandom): Uint8Array {
  const pool: CObject[] = [];
  const text = () => rnd.pick(['', 'a', 'héllo', '漢字', 'x'.repeat(rnd.below(300))]);
  const make = (depth: number): CObject | null => {
    if (pool.length && rnd.below(3) === 0) return rnd.pick(pool);
    const kind = depth > 3 ? rnd.below(2) : rnd.below(7);
    let o: CObject;
    if (kind === 0) o = CAge.of(rnd.nextUint32() | 0);
    else if (kind === 1) o = CFoo.of(rnd.below(65536));
    else if (kind === 2) { const n = new CNode(); n.m_name = text(); pool.push(n); n.m_pLeft = make(depth + 1) as CNode | null; o = n; }
    else if (kind === 3) { const a = new CObArray(); for (let i = rnd.below(4); i > 0; i--) a.Add(make(depth + 1)); o = a; }
    else if (kind === 4) { const m = new CMapStringToOb(); for (let i = rnd.below(4); i > 0; i--) m.SetAt(text(), make(depth + 1)); o = m; }
    else if (kind === 5) { const l = new CStringList(); for (let i = rnd.below(4); i > 0; i--) l.AddTail(text()); o = l; }
    else { const w = new CWordArray(); for (let i = rnd.below(6); i > 0; i--) w.Add(rnd.below(65536)); o = w; }
    pool.push(o);
    return o;
  };
  return stored((ar) => {
    ar.writeCObject(make(0));
    if (rnd.below(2)) ar.writeCStringA(text()); else ar.writeCStringW(text());
    const m = new CMapStringToString();
    m.SetAt(text(), text());
    m.Serialize(ar);
    ar.writeCObject(make(0));
    ar.WriteCount(rnd.below(70000));
    ar.writeRECT({ left: 1, top: 2, right: 3, bottom: 4 });
  });
}

/** What `validArchive` stored, read back in the same order. */
export const loadValid = loaders[0]!;

const hostileRuns: number[][] = [
  [0xff, 0xff], [0xff, 0x7f], [0xff, 0xfe, 0xff], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f], [0x01, 0x80], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
];

function mutate(rnd: SeededRandom, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  for (let edits = 1 + rnd.below(4); edits > 0; edits--) {
    const at = rnd.below(out.length + 1);
    switch (rnd.below(5)) {
      case 0: out[at] = rnd.below(256); break;
      case 1: out.splice(at, 0, ...rnd.pick(hostileRuns)); break;
      case 2: out.splice(at, 1 + rnd.below(8)); break;
      case 3: out.splice(at, 0, ...classDescription(rnd)); break;
      default: out.splice(at, 0, ...rnd.bytes(1 + rnd.below(6)));
    }
  }
  return Uint8Array.from(out);
}

/** `FF FF`, a schema, a name length and a name: registered or not, too long, lying about its length. */
function classDescription(rnd: SeededRandom): number[] {
  const name = Buffer.from(rnd.pick(classNames), 'latin1');
  const schema = rnd.pick([0, 1, 2, 0xffff, rnd.below(65536)]);
  const declared = rnd.below(8) === 0 ? rnd.pick([0, 63, 64, 0xffff, name.length + 1]) : name.length;
  return [0xff, 0xff, schema & 0xff, schema >>> 8, declared & 0xff, declared >>> 8, ...name];
}

function le(value: bigint, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Number((value >> BigInt(8 * i)) & 0xffn));
  return out;
}

/** A length or count in one of its wire forms, often far larger than what follows. */
function hugeLengthPrefix(rnd: SeededRandom): number[] {
  const big = rnd.pick([0xfffen, 0xffffn, 0x7fffffffn, 0xfffffffen, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0xffffffffffffffffn, BigInt(rnd.nextUint32())]);
  switch (rnd.below(5)) {
    case 0: return [0xff, 0xff, 0xff, ...le(big & 0xffffffffn, 4)]; // CString DWORD length
    case 1: return [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, ...le(big, 8)]; // CString 64-bit length
    case 2: return [0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, ...le(big & 0xffffffffn, 4)]; // wide, DWORD length
    case 3: return [0xff, 0xff, ...le(big & 0xffffffffn, 4)]; // ReadCount DWORD form
    default: return [0xff, 0x7f, ...le(big & 0xffffffffn, 4)]; // a big object or class tag
  }
}

/**
 * Collections nested up to 700 deep (3,000 now and then, past any limit a case sets). Fed in
 * pieces, at most 150: every retry re-parses the levels before the missing byte, so deep nesting
 * in small pieces costs time quadratic in the depth (the known limit of re-parsing transactions).
 */
function nesting(rnd: SeededRandom, inPieces: boolean): Uint8Array {
  const holders: Holder[][] = [['CObArray'], ['CObList'], ['CMapStringToOb'], ['CObArray', 'CObList', 'CMapStringToOb']];
  const depth = 1 + rnd.below(inPieces ? 150 : rnd.below(8) === 0 ? 3000 : 700);
  return nestedBytes(depth, rnd.pick(holders));
}

function textLines(rnd: SeededRandom): Uint8Array {
  const alphabet = [0x0d, 0x0a, 0x00, 0x61, 0x62, 0xe9, 0xff];
  const out = new Uint8Array(rnd.below(600));
  for (let i = 0; i < out.length; i++) out[i] = rnd.below(3) ? rnd.pick(alphabet) : rnd.below(256);
  return out;
}

/** Lines read with both ReadString forms and random nMax, negative as an int included. */
function readLines(rnd: SeededRandom): (ar: CArchive) => unknown {
  const nMax = rnd.pick([0, 1, 5, 128, 0x7fffffff, -1, -128, -0x80000000, 0xffffffff]);
  return (ar) => {
    const lines: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      const line = i % 2 ? ar.ReadString(nMax) : (ar.ReadString({ value: '' }) ? 'line' : null);
      if (line === null) break;
      lines.push(line);
    }
    return lines.length;
  };
}

/** One case of `shape`, to be loaded directly or (`inPieces`) through read transactions. */
export function makeCase(rnd: SeededRandom, shape: ShapeName, inPieces: boolean): FuzzCase {
  const opts = options(rnd);
  let bytes: Uint8Array;
  let load = pickLoader(rnd);
  switch (shape) {
    case 'random': bytes = rnd.bytes(rnd.below(128)); break;
    case 'truncated': { const v = validArchive(rnd); bytes = v.subarray(0, rnd.below(v.length)); load = loadValid; break; }
    case 'mutated': bytes = mutate(rnd, validArchive(rnd)); load = rnd.below(2) ? loadValid : load; break;
    case 'nesting': bytes = nesting(rnd, inPieces); load = (ar) => ar.readCObject(); break;
    case 'className': bytes = Uint8Array.from([...classDescription(rnd), ...(rnd.below(2) ? classDescription(rnd) : []), ...rnd.bytes(rnd.below(32))]); break;
    case 'hugeLength': bytes = Uint8Array.from([...hugeLengthPrefix(rnd), ...rnd.bytes(rnd.below(64))]); break;
    default: bytes = textLines(rnd); load = readLines(rnd);
  }
  if (shape !== 'truncated' && rnd.below(4) === 0) bytes = bytes.subarray(0, rnd.below(bytes.length + 1));
  return { shape, bytes, options: opts, load };
}
