// Compares an actual sequence of rows with an expected table and fails with a positional diff:
// every row numbered, the first difference marked, so a reader sees where the order went wrong.
import * as assert from 'uvu/assert';

export type Row = readonly unknown[];

export function assertSequence(actual: readonly Row[], expected: readonly Row[], context = ''): void {
  const same = (a: Row | undefined, b: Row | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const n = Math.max(actual.length, expected.length);
  let firstDiff = -1;
  for (let i = 0; i < n && firstDiff < 0; i++) if (!same(actual[i], expected[i])) firstDiff = i;
  if (firstDiff < 0) return;
  const show = (r: Row | undefined) => (r === undefined ? '—' : JSON.stringify(r));
  const width = Math.max(8, ...expected.map((r) => show(r).length));
  const lines = [`${context ? `${context}: ` : ''}sequence differs at row ${firstDiff}`, `     # ${'expected'.padEnd(width)}  actual`];
  for (let i = 0; i < n; i++) {
    const mark = i === firstDiff ? '>' : same(actual[i], expected[i]) ? ' ' : '!';
    lines.push(`  ${mark}${String(i).padStart(3)} ${show(expected[i]).padEnd(width)}  ${same(actual[i], expected[i]) ? '' : show(actual[i])}`);
  }
  assert.unreachable(lines.join('\n'));
}
