// CArchive loader under hostile input (STYLE §10; issues 6 and 15): the structure-aware fuzzer of
// archiveFuzzer.ts — random bytes, truncated and mutated archives, nesting past the limit,
// class-name attacks, huge counts and lengths, text lines — loaded directly and through read
// transactions fed in pieces. Every case ends in a value, an incomplete message,
// CArchiveException, CNotSupportedException or CMemoryException; nothing that is not
// IMPLEMENT_SERIAL is constructed; ArrayBuffer memory stays bounded. A fixed seed and a few
// thousand cases here; FUZZ_SEED=… FUZZ_CASES=… change them, and `npm run fuzz -- --cases 100000`
// runs the long version.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchive, CMemFile } from 'afxsock';
import { runArchiveFuzz } from './archiveFuzzer.ts';
import { loadValid, shapeNames, validArchive } from './archiveFuzzShapes.ts';
import { SeededRandom } from './seededRandom.ts';

const test = suite('CArchive fuzz');
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const cases = Number(process.env.FUZZ_CASES ?? 3000);

test(`CArchive loads ${cases} hostile archives of every shape and each ends in a value or an MFC exception (seed ${seed})`, () => {
  const r = runArchiveFuzz({ seed, cases });
  assert.is(r.cases, cases);
  for (const shape of shapeNames) assert.ok(r.shapes[shape] > 0, `no ${shape} case ran`);
  assert.ok(r.inPieces > cases / 5, `${r.inPieces} cases fed in pieces`);
  assert.is(r.secretsConstructed, 0, 'a class that is not IMPLEMENT_SERIAL was constructed from the wire');
  // The corpus reaches every ending it is meant to test, so a loader that threw early everywhere would show.
  for (const ending of ['value', 'incomplete', 'CArchiveException endOfFile', 'CArchiveException genericException',
    'CArchiveException badClass', 'CArchiveException badIndex', 'CArchiveException bufferFull', 'CNotSupportedException']) {
    assert.ok((r.endings[ending] ?? 0) > 0, `no case ended in ${ending}: ${JSON.stringify(r.endings)}`);
  }
});

test('CArchive fuzz cases replay alone: case i of a seed ends the same way run by itself', () => {
  const all = runArchiveFuzz({ seed, cases: 40 });
  let sum = 0;
  for (let i = 0; i < 40; i++) {
    const one = runArchiveFuzz({ seed, cases: 0, only: i });
    assert.is(one.cases, 1);
    sum += Object.values(one.endings).reduce((a, b) => a + b, 0);
    const [ending] = Object.keys(one.endings);
    assert.ok((all.endings[ending!] ?? 0) > 0, `case ${i} alone ended in ${ending}, which the full run never saw`);
  }
  assert.is(sum, 40);
});

test('CArchive loads every untouched generated archive completely, so the fuzz corpus is made of real archives', () => {
  const rnd = new SeededRandom(seed + 1);
  for (let i = 0; i < 50; i++) {
    const valid = validArchive(rnd);
    const ar = new CArchive(new CMemFile(valid, valid.length, 0), CArchive.load, 128);
    loadValid(ar);
    assert.ok(ar.IsBufferEmpty());
  }
});

test.run();
