// Compares a recorded sequence with an expected table (or with a list of allowed tables) cell by
// cell, and renders a positional diff: every row numbered, the first difference marked with '>',
// later differing rows with '!', expected and actual side by side. A conversation between sockets
// is one interleaved table (windows-facts A.10.5), so the diff must show *where* an order went
// wrong, not just that two lists differ. Independent of any test framework: a mismatch is a plain
// SequenceMismatchError whose message is the diff.

/** One cell of a row: a socket label, an event name, an error code, a byte count… */
export type SequenceCell = string | number | boolean | bigint | null | undefined | readonly SequenceCell[];

/** One row of a sequence table, e.g. `['client', 'FD_CONNECT', 0]`. */
export type SequenceRow = readonly unknown[];

/** An expected (or recorded) sequence: rows in the order they happened. */
export type SequenceTable = readonly SequenceRow[];

/** Several tables, any one of which is a correct outcome (an order the network may legitimately choose). */
export interface AllowedOrders {
  readonly anyOf: readonly SequenceTable[];
}

/** What a recording is compared with: one table, or a list of allowed tables. */
export type SequenceExpectation = SequenceTable | AllowedOrders;

/** At most this many rows past the first difference are printed (a runaway recording stays readable). */
export const DIFF_ROWS_AFTER_FIRST = 40;
/** Nested cells deeper than this compare unequal and print as "…" (hostile input cannot recurse for ever). */
const MAX_CELL_DEPTH = 8;

/** Thrown by assertSequence(): the message is the positional diff. */
export class SequenceMismatchError extends Error {
  /** Index of the first differing row (of the closest allowed table when there were several). */
  readonly firstDifference: number;
  constructor(message: string, firstDifference: number) {
    super(message);
    this.name = 'SequenceMismatchError';
    this.firstDifference = firstDifference;
  }
}

/** True when two cells are equal: primitives by Object.is (so 0 ≠ '0'), arrays cell by cell. */
export function cellsEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || depth >= MAX_CELL_DEPTH || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!cellsEqual(a[i], b[i], depth + 1)) return false;
  return true;
}

/** True when two rows have the same cells in the same places. A missing row equals nothing. */
export function rowsEqual(a: SequenceRow | undefined, b: SequenceRow | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return cellsEqual(a, b);
}

/** Index of the first row where `actual` and `expected` differ, or -1 when they are the same. */
export function firstDifference(actual: SequenceTable, expected: SequenceTable): number {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) if (!rowsEqual(actual[i], expected[i])) return i;
  return -1;
}

/** A cell as a reader wants it: strings bare, numbers as numbers, arrays in brackets. */
export function formatCell(cell: unknown, depth = 0): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'bigint') return `${cell}n`;
  if (Array.isArray(cell)) return depth >= MAX_CELL_DEPTH ? '[…]' : `[${cell.map((c) => formatCell(c, depth + 1)).join(', ')}]`;
  if (cell === null || cell === undefined || typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return Object.prototype.toString.call(cell);
}

/** A row as one line: its cells separated by two spaces ("client  FD_CONNECT  0"); a missing row is "—". */
export function formatRow(row: SequenceRow | undefined): string {
  return row === undefined ? '—' : row.map((c) => formatCell(c)).join('  ');
}

/**
 * The positional diff of `actual` against `expected`, or null when they are the same.
 * @example
 * sequenceDiff([['client', 'FD_WRITE', 0]], [['client', 'FD_CONNECT', 0], ['client', 'FD_WRITE', 0]], 'connect');
 * // "connect: sequence differs at row 0 (expected 2 rows, got 1)\n  #  expected ... actual\n> 0  client  FD_CONNECT  0  |  client  FD_WRITE  0\n..."
 */
export function sequenceDiff(actual: SequenceTable, expected: SequenceTable, context = ''): string | null {
  const first = firstDifference(actual, expected);
  if (first < 0) return null;
  return renderDiff(actual, expected, first, `${context ? `${context}: ` : ''}sequence differs at row ${first} (expected ${expected.length} rows, got ${actual.length})`);
}

/**
 * Compares `actual` with one table or with a list of allowed tables. Returns null when it matches
 * (one of) them; otherwise the diff against every allowed table, the closest first (the one whose
 * first difference comes latest).
 */
export function compareSequence(actual: SequenceTable, expected: SequenceExpectation, context = ''): { diff: string; firstDifference: number } | null {
  const tables = isAllowedOrders(expected) ? expected.anyOf : [expected];
  if (tables.length === 0) throw new RangeError(`Cannot compare a sequence${context ? ` (${context})` : ''}: the list of allowed orders is empty`);
  const misses: { table: SequenceTable; index: number; first: number }[] = [];
  for (let index = 0; index < tables.length; index++) {
    const table = tables[index] as SequenceTable;
    const first = firstDifference(actual, table);
    if (first < 0) return null;
    misses.push({ table, index, first });
  }
  if (misses.length === 1) {
    const only = misses[0] as (typeof misses)[number];
    return { diff: sequenceDiff(actual, only.table, context) as string, firstDifference: only.first };
  }
  misses.sort((a, b) => b.first - a.first || a.index - b.index);
  const head = `${context ? `${context}: ` : ''}sequence matches none of the ${tables.length} allowed orders`;
  const parts = misses.map((m) => renderDiff(actual, m.table, m.first, `allowed order ${m.index + 1} of ${tables.length}: differs at row ${m.first}`));
  return { diff: [head, ...parts].join('\n'), firstDifference: (misses[0] as (typeof misses)[number]).first };
}

/**
 * Throws a SequenceMismatchError (message: the positional diff) unless `actual` matches
 * `expected` — one table, or `{ anyOf: [...] }` for orders the network may legitimately choose.
 * @example
 * assertSequence(recorder.take(), [['listener', 'FD_ACCEPT', 0], ['client', 'FD_CONNECT', 0]], 'connection');
 */
export function assertSequence(actual: SequenceTable, expected: SequenceExpectation, context = ''): void {
  const result = compareSequence(actual, expected, context);
  if (result) throw new SequenceMismatchError(result.diff, result.firstDifference);
}

function isAllowedOrders(e: SequenceExpectation): e is AllowedOrders {
  return !Array.isArray(e) && typeof e === 'object' && e !== null && Array.isArray((e as AllowedOrders).anyOf);
}

function renderDiff(actual: SequenceTable, expected: SequenceTable, first: number, heading: string): string {
  const total = Math.max(actual.length, expected.length);
  const shown = Math.min(total, first + 1 + DIFF_ROWS_AFTER_FIRST);
  const left: string[] = [];
  for (let i = 0; i < shown; i++) left.push(formatRow(expected[i]));
  const width = Math.max('expected'.length, ...left.map((l) => l.length));
  const numberWidth = String(Math.max(shown - 1, 0)).length;
  const lines = [heading, `  ${'#'.padStart(numberWidth)}  ${'expected'.padEnd(width)}  |  actual`];
  for (let i = 0; i < shown; i++) {
    const same = rowsEqual(actual[i], expected[i]);
    const mark = i === first ? '>' : same ? ' ' : '!';
    lines.push(`${mark} ${String(i).padStart(numberWidth)}  ${(left[i] as string).padEnd(width)}  |  ${formatRow(actual[i])}`);
  }
  if (shown < total) lines.push(`  … ${total - shown} more rows not shown`);
  return lines.join('\n');
}
