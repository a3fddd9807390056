// Runs spec files (no type-check, no package checks) with Node's built-in test runner, through
// scripts/specRunner.ts, and ends with `specs: N passed, N failed`; the exit code is 1 on a failure.
//   node --import tsx scripts/run-specs.ts                                  every spec file
//   node --import tsx scripts/run-specs.ts spec/winsock/fdAccept.spec.ts    one file (any path substring: `winsock`, `fdAccept`)
//   node --import tsx scripts/run-specs.ts winsock --name "FD_ACCEPT"       the tests or suites whose name matches
// SPEC_CONCURRENCY (default 2) files run at a time; SPEC_TIMEOUT_MS (default 20 min) cancels the run.
import { parseSpecArgs, runSpecs } from './specRunner.ts';

const totals = await runSpecs(parseSpecArgs(process.argv.slice(2)), {
  concurrency: Number(process.env.SPEC_CONCURRENCY ?? 2),
  timeoutMs: Number(process.env.SPEC_TIMEOUT_MS ?? 20 * 60_000),
});
process.stdout.write(`specs: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exitCode = totals.failed === 0 ? 0 : 1;
