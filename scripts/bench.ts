// Runs every bench/*.bench.ts in its own process, collects their `RESULT {json}` lines and prints
// one table. `npm run bench -- --json out.json` also writes the rows as JSON; `npm run bench -- pump`
// runs only the benchmarks whose file name contains "pump".
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../bench/harness.ts';
import { fmt } from '../bench/harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const words = args.filter((a, i) => a !== '--json' && (jsonAt < 0 || i !== jsonAt + 1));
const files = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.bench.ts') && (words.length === 0 || words.some((w) => f.includes(w))))
  .sort();

const all: (BenchRow & { bench: string })[] = [];
let failures = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${root}bench/${file}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
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
process.stdout.write(`\nMachine: ${machine}\n\n| workload | figure | baseline | ratio |\n|---|---|---|---|\n`);
for (const r of all) {
  const base = r.baselineFigure === null ? '—' : `${r.baseline}: ${fmt(r.baselineFigure)} ${r.unit}`;
  const ratio = r.ratio === null ? '—' : r.ratio.toFixed(2);
  process.stdout.write(`| ${r.bench}: ${r.workload} | ${fmt(r.figure)} ${r.unit} | ${base} | ${ratio} |\n`);
}
if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ machine, rows: all }, null, 2));
process.exitCode = failures ? 1 : 0;
