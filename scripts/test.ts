// The whole test suite: the type-check (scripts/typeCheck.ts), every spec file (scripts/specRunner.ts:
// Node's built-in test runner, each file in its own process), then the package as a user installs
// it (scripts/packageCheck.ts), ending with the one line `N passed, N failed`: the tests and the
// package checks. The type-check is not a test: it has its own line, `type-check: ok` or
// `type-check: N errors`, and a failing one counts as one failure, so the run fails.
// Arguments select spec files and tests as scripts/run-specs.ts does (`<words…>`, `--name <pattern>`),
// and then the package checks do not run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseSpecArgs, runSpecs } from './specRunner.ts';
import { typeCheck } from './typeCheck.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let passed = 0;
let failed = 0;

const errors = typeCheck(`${root}tsconfig.json`);
process.stdout.write(`type-check: ${errors === 0 ? 'ok' : `${errors} error${errors === 1 ? '' : 's'}`}\n`);
if (errors > 0) failed++;

const args = process.argv.slice(2);
const specs = await runSpecs(parseSpecArgs(args), {
  concurrency: Number(process.env.SPEC_CONCURRENCY ?? 2),
  timeoutMs: Number(process.env.SPEC_TIMEOUT_MS ?? 20 * 60_000),
});
process.stdout.write(`specs: ${specs.passed} passed, ${specs.failed} failed\n`);
passed += specs.passed;
failed += specs.failed;

if (args.length === 0) {
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
