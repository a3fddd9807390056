// Runs every bench/*.bench.ts in its own process, collects their `RESULT {json}` lines and prints
// one table: each row's median figure, its baseline's, the median of the interleaved per-pair
// ratios with their spread (smallest–largest, and the number of pairs), and its goal; then how long
// each file took. `npm run bench -- --json out.json` also writes the rows as JSON (with the
// quartiles and every pair's ratio); `npm run bench -- pump` runs only the benchmarks whose file
// name contains "pump".
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../bench/harness.ts';
import { fmt, ratioText } from '../bench/harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const words = args.filter((a, i) => a !== '--json' && (jsonAt < 0 || i !== jsonAt + 1));
const files = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.bench.ts') && (words.length === 0 || words.some((w) => f.includes(w))))
  .sort();

const all: (BenchRow & { bench: string })[] = [];
const seconds: Record<string, number> = {};
let failures = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${root}bench/${file}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  seconds[file] = Math.round(Number(process.hrtime.bigint() - t0) / 1e9);
  process.stdout.write(run.stdout.split('\n').filter((l) => !l.startsWith('RESULT ')).join('\n'));
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) {
    failures++;
    process.stdout.write(`!! ${file} failed (exit ${run.status})\n`);
    continue;
  }
  const result = JSON.parse(line.slice(7)) as { bench: string; rows: BenchRow[] };
  for (const row of result.rows) all.push({ bench: result.bench, ...row });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
process.stdout.write(
  `\nMachine: ${machine}\n\n| workload | figure (median) | baseline, interleaved (median) | ratio: median of pairs (min–max, pairs) | goal |\n|---|---|---|---|---|\n`,
);
for (const r of all) {
  const base = r.baselineFigure === null ? '—' : `${r.baseline}: ${fmt(r.baselineFigure)} ${r.unit}`;
  process.stdout.write(`| ${r.bench}: ${r.workload} | ${fmt(r.figure)} ${r.unit} | ${base} | ${ratioText(r)} | ${r.goal ?? ''} |\n`);
}
const total = Object.values(seconds).reduce((a, b) => a + b, 0);
process.stdout.write(`\nTime: ${Object.entries(seconds).map(([f, t]) => `${f} ${t} s`).join(', ')}; ${total} s in all\n`);
if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ machine, seconds, rows: all }, null, 2));
process.exitCode = failures ? 1 : 0;
