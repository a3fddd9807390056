// The whole test suite: type-check, then every spec in a child process (so that a spec that blocks
// the thread cannot outlive the watchdog), then the package as a user installs it
// (scripts/packageCheck.ts), ending with the one line `N passed, N failed`. The type-check is not
// a test: it is reported on its own line, and a failing one counts as one failure.
// Arguments select spec files by path substring (as run-specs.ts) and skip the package checks.
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_CONDITION, sourceEnv } from './sourceCondition.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const watchdogMs = Number(process.env.SPEC_TIMEOUT_MS ?? 20 * 60_000);

let passed = 0;
let failed = 0;

process.stdout.write('Type-checking (tsc --noEmit)…\n');
const tsc = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '--noEmit', '-p', root], {
  stdio: 'inherit',
});
if (tsc.status === 0) process.stdout.write('Type-check: no errors\n');
else {
  process.stdout.write('Type-check: FAILED (see above)\n');
  failed++;
}

const child = spawn(process.execPath, [SOURCE_CONDITION, '--import', 'tsx', `${root}scripts/run-specs.ts`, ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...sourceEnv(), FORCE_COLOR: '0', NODE_DISABLE_COLORS: '1' },
});
let out = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  out += chunk.toString();
  if (out.length > 1 << 20) out = out.slice(-(1 << 16)); // only the summary at the end matters
});
const timer = setTimeout(() => {
  process.stdout.write(`\nSpecs still running after ${watchdogMs} ms: killed by the watchdog\n`);
  child.kill('SIGKILL');
}, watchdogMs);
const code: number | null = await new Promise((resolve) => child.on('close', resolve));
clearTimeout(timer);

const summary = /SPECS total=(\d+) passed=(\d+) skipped=(\d+)/.exec(out);
if (summary) {
  const total = Number(summary[1]);
  const ok = Number(summary[2]);
  passed += ok;
  failed += total - ok - Number(summary[3]);
  if (code !== 0 && total === ok) failed++; // crashed after the summary
} else {
  process.stdout.write(`Spec runner ended without a summary (exit code ${code})\n`);
  failed++;
}
if (process.argv.length <= 2) {
  const check = spawnSync(process.execPath, ['--import', 'tsx', `${root}scripts/packageCheck.ts`], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(check.stdout ?? '');
  const counts = /^package checks: (\d+) passed, (\d+) failed$/m.exec(check.stdout ?? '');
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  } else {
    process.stdout.write(`Package checks ended without a summary (exit code ${check.status})\n`);
    failed++;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
