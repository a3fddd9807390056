// Runs spec files with Node's built-in test runner: `run()` from 'node:test' starts a file in its
// own child process (with this process's --import tsx, and the afxsock-source condition through
// NODE_OPTIONS) and reports every test as an event (test:start, test:pass, test:fail, …); the
// counts come from those events. One run() per file, `concurrency` files at a time. Prints one
// line per file, each failure with its full title (file › suite › test), its error and where it
// was thrown, and the list of failures again at the end.
// Used by scripts/run-specs.ts (specs only) and scripts/test.ts (the whole suite).
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sourceEnv } from './sourceCondition.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What to run: spec files whose path contains one of `words` (all when none), tests whose name matches `name`. */
export interface SpecSelection {
  words: string[];
  /** A test or suite name pattern (node:test testNamePatterns): a matching suite runs all its tests. */
  name?: RegExp;
}

export interface SpecTotals {
  passed: number;
  failed: number;
  /** Tests left out by the name pattern. */
  skipped: number;
}

/** Reads `[word…] [--name pattern]`. */
export function parseSpecArgs(args: string[]): SpecSelection {
  const words: string[] = [];
  let name: RegExp | undefined;
  const rest = args[Symbol.iterator]();
  for (const arg of rest) {
    if (arg !== '--name') words.push(arg.replace(/^\.\//, ''));
    else {
      const pattern = rest.next().value;
      if (pattern === undefined) throw new Error('--name needs a pattern: --name "<regular expression>"');
      name = new RegExp(pattern);
    }
  }
  return { words, name };
}

/** Every `*.spec.ts` under spec/ and examples/, in path order. */
export function specFiles(words: string[] = []): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : walk(path);
        return name.endsWith('.spec.ts') ? [path] : [];
      });
  const all = ['spec', 'examples'].flatMap((dir) => walk(join(root, dir)));
  return all.filter((f) => words.length === 0 || words.some((w) => (isAbsolute(w) ? f.includes(w) : relative(root, f).includes(w))));
}

/** node:test wraps what a test threw; this kind says the failure is only that a child failed. */
function failureType(error: Error): string | undefined {
  return (error as { failureType?: string }).failureType;
}

/** The error a test threw (node:test's wrapper's cause), as message, uvu's diff, and where it was thrown. */
function describeError(wrapper: Error): string {
  const e = (wrapper.cause ?? wrapper) as Error & { details?: unknown };
  const where = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l) && !l.includes('node_modules') && !l.includes('node:'))
    .slice(0, 4);
  const diff = typeof e.details === 'string' ? [e.details.replace(/·/g, ' ').trimEnd()] : [];
  return [String(e.message ?? e), ...diff, ...where.map((l) => l.trim())].join('\n');
}

/** A file that failed as a whole: it did not load, or its process did not end well (its output is printed above). */
function fileFailure(error: Error): string {
  const { exitCode, signal } = error as { exitCode?: number; signal?: string };
  if (failureType(error) !== 'testCodeFailure') return describeError(error);
  return `the file did not run to its end (exit code ${exitCode ?? '?'}${signal ? `, signal ${signal}` : ''}; its output is above)`;
}

const indent = (text: string, by = '    ') => text.replace(/^/gm, by);

interface FileResult extends SpecTotals {
  /** Full titles of the failed tests. */
  failures: string[];
  /** What to print: the file's line, its failures, its own output. */
  report: string;
}

/**
 * Runs one spec file in its own node:test run (so that every event of the stream is this file's),
 * with the titles of the tests around each event kept from test:start.
 */
async function runFile(file: string, selection: SpecSelection, signal: AbortSignal): Promise<FileResult> {
  const result: FileResult = { passed: 0, failed: 0, skipped: 0, failures: [], report: '' };
  const name = relative(root, file);
  const titles: string[] = [];
  const output: string[] = [];
  const details: string[] = [];
  let durationMs = 0;
  const isFile = (d: { name: string; nesting: number }) => d.nesting === 0 && d.name === file;
  for await (const event of run({ files: [file], signal, testNamePatterns: selection.name })) {
    if (event.type === 'test:start') {
      if (!isFile(event.data)) titles[event.data.nesting] = event.data.name;
    } else if (event.type === 'test:pass') {
      const d = event.data;
      if (d.details.type === 'suite' || isFile(d)) continue;
      if (d.skip !== undefined || d.todo !== undefined) result.skipped++;
      else result.passed++;
    } else if (event.type === 'test:fail') {
      const d = event.data;
      // A suite or a file whose only failure is a failed test inside it: that test is counted.
      if (failureType(d.details.error) === 'subtestsFailed') continue;
      result.failed++;
      const title = [name, ...(isFile(d) ? [] : [...titles.slice(0, d.nesting), d.name])].join(' › ');
      result.failures.push(title);
      const why = isFile(d)
        ? fileFailure(d.details.error)
        : `${failureType(d.details.error) === 'hookFailed' ? 'a before/after hook failed: ' : ''}${describeError(d.details.error)}`;
      details.push(`✘ ${title}\n${indent(why)}`);
    } else if (event.type === 'test:stdout' || event.type === 'test:stderr') {
      output.push(event.data.message.trimEnd());
    } else if (event.type === 'test:complete' && isFile(event.data)) {
      durationMs = event.data.details.duration_ms;
    }
  }
  if (result.passed + result.failed + result.skipped === 0) {
    // A file that declares nothing (a suite without its run() call) must not pass unnoticed.
    result.failed++;
    result.failures.push(name);
    details.push(`✘ ${name}\n${indent('the file declares no test (does a suite lack its run() call?)')}`);
  }
  const counts = `${result.passed} passed${result.failed ? `, ${result.failed} failed` : ''}`;
  const printed = output.filter((l) => l !== '');
  result.report = [
    `${result.failed ? '✘' : '✓'} ${name}  ${counts}  (${Math.round(durationMs)} ms)`,
    ...(printed.length ? [indent(printed.join('\n'))] : []),
    ...details.map((d) => `\n${d}\n`),
  ].join('\n') + '\n';
  return result;
}

/**
 * Runs the selected spec files, `concurrency` files at a time, printing each file's result as it
 * ends; the whole run is cancelled after `timeoutMs` (its unfinished tests fail). Resolves to the counts.
 */
export async function runSpecs(selection: SpecSelection, options: { concurrency: number; timeoutMs: number }): Promise<SpecTotals> {
  const files = specFiles(selection.words);
  if (files.length === 0) {
    process.stdout.write(`No spec file under spec/ or examples/ matches ${selection.words.join(', ')}\n`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  // The children inherit this process's environment (node:test's run() takes none of its own):
  // there, 'afxsock' resolves to the sources. Restored afterwards, so that what runs next in this
  // process (the package checks) resolves afxsock as an installed package does.
  const nodeOptions = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = sourceEnv().NODE_OPTIONS;
  try {
    return await runAll(files, selection, options);
  } finally {
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
  }
}

/** The files of one run, `concurrency` at a time, under one deadline. */
async function runAll(files: string[], selection: SpecSelection, options: { concurrency: number; timeoutMs: number }): Promise<SpecTotals> {
  const totals: SpecTotals = { passed: 0, failed: 0, skipped: 0 };
  const signal = AbortSignal.timeout(options.timeoutMs);
  const failures: string[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const r = await runFile(file, selection, signal);
      process.stdout.write(r.report);
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.skipped += r.skipped;
      failures.push(...r.failures);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));

  if (signal.aborted) process.stdout.write(`\nSpecs still running after ${options.timeoutMs} ms: cancelled (SPEC_TIMEOUT_MS)\n`);
  if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((t) => `  ✘ ${t}\n`).join('')}`);
  if (selection.name) process.stdout.write(`${totals.skipped} tests left out by --name ${selection.name}\n`);
  return totals;
}
