// npm run fuzz -- [--cases N] [--seed S] [--case I]: the structure-aware CArchive fuzzer
// (spec/mfc/archive/archiveFuzzer.ts). Deterministic from the seed; prints how the cases ended
// and exits 1 with the failing case (and the command that replays it) if one ends in an error that
// is not CArchiveException, CNotSupportedException or CMemoryException.
import { runArchiveFuzz } from '../spec/mfc/archive/archiveFuzzer.ts';

function option(name: string, fallback: number | undefined): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`fuzz-archive: --${name} needs a non-negative integer, got ${process.argv[at + 1]}`);
  return value;
}

const seed = option('seed', 0x5eed)!;
const cases = option('cases', 100_000)!;
const only = option('case', undefined);
try {
  const r = runArchiveFuzz({ seed, cases, ...(only !== undefined ? { only } : {}) });
  process.stdout.write(`fuzz-archive: ${r.cases} cases, seed ${r.seed}, ${r.inPieces} fed in pieces to read transactions\n`);
  process.stdout.write(`  shapes:  ${JSON.stringify(r.shapes)}\n`);
  const endings = Object.entries(r.endings).sort((a, b) => b[1] - a[1]);
  for (const [ending, n] of endings) process.stdout.write(`  ${String(n).padStart(7)}  ${ending}\n`);
  process.stdout.write(`  peak ArrayBuffer memory at a sample point: ${(r.peakArrayBufferBytes / 1048576).toFixed(1)} MiB; non-serializable classes constructed: ${r.secretsConstructed}\n`);
} catch (e) {
  process.stderr.write(`fuzz-archive FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
