// CArchive loader under hostile input (STYLE §10; issue 6 "Hostile input"): random, truncated and
// mutated archives, loaded directly and through read transactions fed in pieces. Only
// CArchiveException, CFileException or CNotSupportedException may come out; nothing unregistered is
// constructed; every case ends (no hang). Seeded: FUZZ_SEED=… replays, FUZZ_CASES=… runs more.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CArchive, CArchiveException, CFileException, CMapStringToOb, CMapStringToString, CMemFile, CNotSupportedException,
  CObArray, CObject, CStringList, CWordArray, IMPLEMENT_DYNCREATE,
} from '../../../lib/index.ts';
import { CAge, CFoo, CNode, stored } from './archiveSupport.ts';
import { SeededRandom } from './seededRandom.ts';

const test = suite('CArchive fuzz');
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const cases = Number(process.env.FUZZ_CASES ?? 5000);

let secretsConstructed = 0;
/** Creatable but not serializable: the loader must never construct it, even when its name is on the wire. */
class CSecret extends CObject {
  constructor() {
    super();
    secretsConstructed++;
  }
}
IMPLEMENT_DYNCREATE(CSecret, CObject);

const names = ['CNode', 'CAge', 'CFoo', 'CObArray', 'CMapStringToOb', 'CStringList', 'CSecret', 'CObject', 'CWordArray'];

/** A random valid archive: an object graph with shared references, strings of both widths, counts. */
function validArchive(rnd: SeededRandom): Uint8Array {
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

/** What a ported loader of that archive would do. */
function load(ar: CArchive): void {
  ar.readCObject();
  ar.readCString();
  new CMapStringToString().Serialize(ar);
  ar.readCObject();
  ar.ReadCount();
  ar.readRECT();
  ar.ReadString({ value: '' });
}

function mutate(rnd: SeededRandom, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  for (let edits = 1 + rnd.below(4); edits > 0; edits--) {
    const at = rnd.below(out.length + 1);
    switch (rnd.below(5)) {
      case 0: out[at] = rnd.below(256); break;
      case 1: out.splice(at, 0, ...rnd.pick([[0xff, 0xff], [0xff, 0x7f], [0xff, 0xfe, 0xff], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]])); break;
      case 2: out.splice(at, 1 + rnd.below(8)); break;
      case 3: { const name = rnd.pick(names); out.splice(at, 0, 0xff, 0xff, rnd.below(3), 0, name.length, 0, ...Buffer.from(name, 'latin1')); break; }
      default: out.splice(at, 0, ...rnd.bytes(1 + rnd.below(6)));
    }
  }
  return Uint8Array.from(out);
}

function allowed(e: unknown, what: string): void {
  if (e instanceof CArchiveException || e instanceof CFileException || e instanceof CNotSupportedException) return;
  throw new Error(`${what}: unexpected ${e instanceof Error ? e.stack : String(e)}`);
}

function loadDirect(bytes: Uint8Array, what: string): void {
  try {
    load(new CArchive(new CMemFile(bytes, bytes.length, 0), CArchive.load, 128));
  } catch (e) {
    allowed(e, what);
  }
}

function loadInPieces(rnd: SeededRandom, bytes: Uint8Array, what: string): void {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128);
  let fed = 0;
  try {
    while (fed < bytes.length) {
      const n = 1 + rnd.below(64);
      file.appendBytes(bytes.subarray(fed, fed + n));
      fed += n;
      if (ar.tryTransaction(() => load(ar)) !== undefined) return;
    }
  } catch (e) {
    allowed(e, what);
  }
}

test(`CArchive loads ${cases} random, truncated and mutated archives and only ever throws MFC's archive, file or not-supported exceptions (seed ${seed})`, () => {
  const rnd = new SeededRandom(seed);
  let checked = 0;
  for (let i = 0; i < cases; i++) {
    const kind = i % 4;
    const what = `case ${i} (seed ${seed})`;
    if (kind === 0) loadDirect(rnd.bytes(rnd.below(96)), `${what} random`);
    else {
      const valid = validArchive(rnd);
      if (kind === 1) loadDirect(valid.subarray(0, rnd.below(valid.length)), `${what} truncated`);
      else if (kind === 2) loadDirect(mutate(rnd, valid), `${what} mutated`);
      else loadInPieces(rnd, rnd.below(2) ? mutate(rnd, valid) : valid, `${what} mutated in pieces`);
    }
    checked++;
  }
  assert.is(checked, cases);
  assert.is(secretsConstructed, 0, 'a class that is not IMPLEMENT_SERIAL was constructed from the wire');
});

test('CArchive loads every untouched generated archive completely, so the fuzz corpus is made of real archives', () => {
  const rnd = new SeededRandom(seed + 1);
  for (let i = 0; i < 50; i++) {
    const valid = validArchive(rnd);
    const ar = new CArchive(new CMemFile(valid, valid.length, 0), CArchive.load, 128);
    ar.readCObject();
    ar.readCString();
    new CMapStringToString().Serialize(ar);
    ar.readCObject();
    ar.ReadCount();
    assert.equal(ar.readRECT(), { left: 1, top: 2, right: 3, bottom: 4 });
    assert.ok(ar.IsBufferEmpty());
  }
});

test.run();
