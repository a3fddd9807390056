// Shared shape of every benchmark: time a workload with the real monotonic clock, check its own
// counts, compare it with a baseline measured in the same run, and print one `RESULT {json}` line.
// Benchmarks are plain scripts (`node --import tsx bench/x.bench.ts`); scripts/bench.ts runs them all.
//
// A row with a baseline is measured by interleave(): the workload and its baseline alternate
// (A, B, A, B, …) after one warm-up of each, and the row quotes the median of the per-pair ratios
// with their spread. A shared machine changes speed from one second to the next; two measurements
// taken side by side see the same machine, so their ratio holds still where either figure alone
// does not (issue 18.1: the same raw node:net baseline moved by half between two runs).
import { performance } from 'node:perf_hooks';

/** One row of the benchmark table. */
export interface BenchRow {
  workload: string;
  /** The measured figure, in `unit` (the median of the rounds for an interleaved row). */
  figure: number;
  unit: string;
  /** What the figure is compared with (measured in the same run), or '' for none. */
  baseline: string;
  baselineFigure: number | null;
  /** The median of the per-pair ratios figure / baselineFigure (higher is better for rates). */
  ratio: number | null;
  /** The spread of the per-pair ratios: smallest, lower quartile, upper quartile, largest. */
  ratioMin?: number;
  ratioQ1?: number;
  ratioQ3?: number;
  ratioMax?: number;
  /** How many interleaved pairs the ratio is the median of (warm-ups not counted). */
  pairs?: number;
  /** The per-pair ratios in the order measured (rounded), so a reader can see drift. */
  pairRatios?: number[];
  /** The issue's goal, as text, for the reader. */
  goal?: string;
  /** Extra figures (setup time, memory, counts). */
  notes?: Record<string, number | string>;
}

/** One measurement: runs the workload once, checks its counts (throws on a wrong one), returns its figure. */
export type Sample = () => number | Promise<number>;

/** What interleave() measured, to spread into a BenchRow. */
export type Paired = Required<Pick<BenchRow, 'figure' | 'ratioMin' | 'ratioQ1' | 'ratioQ3' | 'ratioMax' | 'pairs' | 'pairRatios'>> & { baselineFigure: number; ratio: number };

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * A sample that runs `fn` (which performs `ops` operations and returns a count to check) and
 * returns ops/s. `setup` runs before it, outside the timed region. `fn` may return a promise.
 */
export function timed(ops: number, fn: () => number, expected?: number, setup?: () => void): () => number;
export function timed(ops: number, fn: () => Promise<number>, expected?: number, setup?: () => void): () => Promise<number>;
export function timed(ops: number, fn: () => number | Promise<number>, expected: number = ops, setup?: () => void): Sample {
  return () => {
    setup?.();
    const t0 = performance.now();
    const got = fn();
    const finish = (count: number) => {
      const ms = performance.now() - t0;
      if (count !== expected) throw new Error(`Benchmark self-check failed: counted ${count}, expected ${expected}`);
      return (ops / ms) * 1000;
    };
    return typeof got === 'number' ? finish(got) : got.then(finish);
  };
}

/**
 * Measures `workload` and `baseline` interleaved: one warm-up of each, then `rounds` pairs, each
 * the workload then its baseline. Both are rates (higher is better); the ratio of each pair is
 * workload / baseline, and the row gets the median ratio, its quartiles and extremes, and the
 * median of each figure. A garbage collection (when exposed, as scripts/bench.ts does) precedes
 * each sample, so no sample pays for the garbage of the one before.
 */
export async function interleave(rounds: number, workload: Sample, baseline: Sample): Promise<Paired> {
  if (!(rounds >= 1)) throw new RangeError(`interleave: rounds must be at least 1, got ${rounds}`);
  const figures: number[] = [];
  const baselineFigures: number[] = [];
  const ratios: number[] = [];
  for (let round = -1; round < rounds; round++) {
    gc?.();
    const a = await workload();
    gc?.();
    const b = await baseline();
    if (round < 0) continue; // the warm-up pair: the JIT settles, nothing is kept
    figures.push(a);
    baselineFigures.push(b);
    ratios.push(a / b);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  return {
    figure: quantile(figures, 0.5),
    baselineFigure: quantile(baselineFigures, 0.5),
    ratio: quantile(sorted, 0.5),
    ratioMin: sorted[0]!,
    ratioQ1: quantile(sorted, 0.25),
    ratioQ3: quantile(sorted, 0.75),
    ratioMax: sorted[sorted.length - 1]!,
    pairs: ratios.length,
    pairRatios: ratios.map((r) => +r.toFixed(3)),
  };
}

/** The q-quantile of `values`, interpolated between the two nearest ranks. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** A ratio with its spread, as the tables print it: `0.42 (0.40–0.45, 7 pairs)`. */
export function ratioText(r: Pick<BenchRow, 'ratio' | 'ratioMin' | 'ratioMax' | 'pairs'>): string {
  if (r.ratio === null) return '—';
  const spread = r.pairs === undefined ? '' : ` (${r.ratioMin!.toFixed(2)}–${r.ratioMax!.toFixed(2)}, ${r.pairs} pairs)`;
  return `${r.ratio.toFixed(2)}${spread}`;
}

/** Prints the rows as a small table and as the one `RESULT {json}` line. */
export function report(bench: string, rows: BenchRow[]): void {
  for (const r of rows) {
    const iqr = r.pairs === undefined ? '' : `, IQR ${r.ratioQ1!.toFixed(2)}–${r.ratioQ3!.toFixed(2)}`;
    const ratio = r.ratio === null ? '' : `  ratio ${ratioText(r)}${iqr} vs ${r.baseline}: ${fmt(r.baselineFigure!)}`;
    process.stdout.write(`${bench}: ${r.workload}: ${fmt(r.figure)} ${r.unit}${ratio}${r.goal ? `  (goal: ${r.goal})` : ''}\n`);
  }
  process.stdout.write(`RESULT ${JSON.stringify({ bench, clock: 'performance.now (monotonic)', rows })}\n`);
}

export function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(n < 10 ? 2 : 0);
}
