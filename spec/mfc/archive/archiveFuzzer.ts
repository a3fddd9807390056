// The structure-aware archive fuzzer (issue 15): makes cases of every shape in
// archiveFuzzShapes.ts from one seed, loads each directly or through read transactions fed in
// pieces, and classifies how it ended. The only endings allowed are a value, an incomplete message
// (in pieces), CArchiveException, CNotSupportedException or CMemoryException; anything else (a
// TypeError, a RangeError, a stack overflow) fails the run with the case's seed and shape. Case i
// of seed s is made from its own PRNG, so `--seed s --case i` replays it alone. Used by
// spec/mfc/archive/fuzz.spec.ts (a fixed seed, a few thousand cases) and scripts/fuzz-archive.ts
// (`npm run fuzz -- --cases 100000`).
import { CArchive, CArchiveException, CMemFile, CMemoryException, CNotSupportedException } from 'afxsock';
import { makeCase, secretsMade, shapeNames, type FuzzCase, type ShapeName } from './archiveFuzzShapes.ts';
import { SeededRandom } from './seededRandom.ts';

/** ArrayBuffer memory a run may hold at a sample point: far above any limit a case can reach. */
const MEMORY_CEILING_BYTES = 1024 * 1024 * 1024;
/** Cases between two memory samples. */
const MEMORY_SAMPLE_EVERY = 256;

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Run only this case (a replay). */
  only?: number;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  /** shape → how many cases of it. */
  shapes: Record<ShapeName, number>;
  /** ending ("value", "incomplete", "CArchiveException endOfFile", …) → how many. */
  endings: Record<string, number>;
  /** Cases fed to read transactions in pieces. */
  inPieces: number;
  /** CSecret objects constructed from the wire (must be 0). */
  secretsConstructed: number;
  /** The most ArrayBuffer memory seen at a sample point. */
  peakArrayBufferBytes: number;
}

/** The seed of case `i`: one PRNG per case, so any case replays alone. */
export function caseSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

/** Runs the cases; throws on the first case that ends in a way that is not allowed. */
export function runArchiveFuzz(o: FuzzOptions): FuzzReport {
  const report: FuzzReport = {
    seed: o.seed, cases: 0, shapes: Object.fromEntries(shapeNames.map((s) => [s, 0])) as Record<ShapeName, number>,
    endings: {}, inPieces: 0, secretsConstructed: 0, peakArrayBufferBytes: 0,
  };
  const first = o.only ?? 0;
  const last = o.only !== undefined ? o.only + 1 : o.cases;
  for (let i = first; i < last; i++) {
    const rnd = new SeededRandom(caseSeed(o.seed, i));
    const shape = shapeNames[i % shapeNames.length]!;
    const pieces = rnd.below(3) === 0;
    const c = makeCase(rnd, shape, pieces);
    const what = `case ${i} (seed ${o.seed}, shape ${shape}${pieces ? ', in pieces' : ''}; replay: npm run fuzz -- --seed ${o.seed} --case ${i})`;
    const ending = pieces ? loadInPieces(rnd, c, what) : loadDirect(c, what);
    report.cases++;
    report.shapes[shape]++;
    if (pieces) report.inPieces++;
    report.endings[ending] = (report.endings[ending] ?? 0) + 1;
    if (i % MEMORY_SAMPLE_EVERY === 0) sampleMemory(report, what);
  }
  report.secretsConstructed = secretsMade();
  if (report.secretsConstructed !== 0) throw new Error(`seed ${o.seed}: a class that is not IMPLEMENT_SERIAL was constructed from the wire`);
  return report;
}

function loadDirect(c: FuzzCase, what: string): string {
  const ar = new CArchive(new CMemFile(c.bytes.slice(), c.bytes.length, 0), CArchive.load, 128, null, c.options);
  try {
    c.load(ar);
    return 'value';
  } catch (e) {
    return ending(e, what, c);
  }
}

/** One tryTransaction per piece, as an OnReceive handler does, until one message loads. */
function loadInPieces(rnd: SeededRandom, c: FuzzCase, what: string): string {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128, null, c.options);
  const most = rnd.pick([8, 64, 4096]);
  try {
    for (let fed = 0; fed < c.bytes.length;) {
      const n = 1 + rnd.below(most);
      file.appendBytes(c.bytes.subarray(fed, fed + n));
      fed += n;
      if (ar.tryTransaction(() => c.load(ar)) !== undefined) return 'value';
    }
    return 'incomplete';
  } catch (e) {
    return ending(e, what, c);
  }
}

/** The name of an allowed ending; anything else fails the run. */
function ending(e: unknown, what: string, c: FuzzCase): string {
  if (e instanceof CArchiveException) return `CArchiveException ${e.message.split(/[ :]/)[1]}`;
  if (e instanceof CNotSupportedException) return 'CNotSupportedException';
  if (e instanceof CMemoryException) return 'CMemoryException';
  const head = Buffer.from(c.bytes.subarray(0, 48)).toString('hex');
  throw new Error(`${what}: ended in ${e instanceof Error ? e.stack : String(e)}\n  options ${JSON.stringify(c.options)}, ${c.bytes.length} bytes, first: ${head}`);
}

function sampleMemory(report: FuzzReport, what: string): void {
  const bytes = process.memoryUsage().arrayBuffers;
  report.peakArrayBufferBytes = Math.max(report.peakArrayBufferBytes, bytes);
  if (bytes > MEMORY_CEILING_BYTES) throw new Error(`${what}: ${bytes} bytes of ArrayBuffers are live, more than ${MEMORY_CEILING_BYTES}`);
}
