// Shared shape of every benchmark: time a workload with the real monotonic clock, check its own
// counts, compare it with a baseline measured in the same run, and print one `RESULT {json}` line.
// Benchmarks are plain scripts (`node --import tsx bench/x.bench.ts`); scripts/bench.ts runs them all.
import { performance } from 'node:perf_hooks';

/** One row of the benchmark table. */
export interface BenchRow {
  workload: string;
  /** The measured figure, in `unit`. */
  figure: number;
  unit: string;
  /** What the figure is compared with (measured in the same run), or '' for none. */
  baseline: string;
  baselineFigure: number | null;
  /** figure / baselineFigure (higher is better for rates). */
  ratio: number | null;
  /** The issue's goal, as text, for the reader. */
  goal?: string;
  /** Extra figures (setup time, memory, counts). */
  notes?: Record<string, number | string>;
}

/** Runs `fn` (which performs `ops` operations and returns a count to check) and returns ops/s. */
export function rate(ops: number, fn: () => number, expected: number = ops): { perSecond: number; ms: number } {
  const t0 = performance.now();
  const got = fn();
  const ms = performance.now() - t0;
  if (got !== expected) throw new Error(`Benchmark self-check failed: counted ${got}, expected ${expected}`);
  return { perSecond: (ops / ms) * 1000, ms };
}

/**
 * Best of `runs` measurements (the least disturbed one), after one warm-up run. `setup` runs
 * before each measurement, outside the timed region.
 */
export function bestRate(runs: number, ops: number, fn: () => number, expected: number = ops, setup?: () => void): number {
  setup?.();
  rate(ops, fn, expected);
  let best = 0;
  for (let i = 0; i < runs; i++) {
    setup?.();
    best = Math.max(best, rate(ops, fn, expected).perSecond);
  }
  return best;
}

/** Prints the rows as a small table and as the one `RESULT {json}` line. */
export function report(bench: string, rows: BenchRow[]): void {
  for (const r of rows) {
    const ratio = r.ratio === null ? '' : `  ratio ${r.ratio.toFixed(2)} vs ${r.baseline}`;
    process.stdout.write(`${bench}: ${r.workload}: ${fmt(r.figure)} ${r.unit}${ratio}${r.goal ? `  (goal: ${r.goal})` : ''}\n`);
  }
  process.stdout.write(`RESULT ${JSON.stringify({ bench, clock: 'performance.now (monotonic)', rows })}\n`);
}

export function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(n < 10 ? 2 : 0);
}
