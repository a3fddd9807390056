// afxsock/testing: assertSequence() and compareSequence() compare a recorded sequence with an
// expected table — or with a list of allowed tables — cell by cell, and fail with a positional
// diff: every row numbered, the first difference marked '>', later ones '!', expected and actual
// side by side (STYLE.md 11; the interleaved tables of windows-facts A.10.5 are compared with it).
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { assertSequence, compareSequence, DIFF_ROWS_AFTER_FIRST, SequenceMismatchError, sequenceDiff } from 'afxsock/testing';

const CONNECT = [['listener', 'FD_ACCEPT', 0], ['client', 'FD_CONNECT', 0], ['client', 'FD_WRITE', 0], ['accepted', 'FD_WRITE', 0]];

/** The message assertSequence throws, or a failure when it does not throw. */
function mismatch(fn: () => void): SequenceMismatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SequenceMismatchError) return e;
    throw e;
  }
  throw new Error('assertSequence did not throw');
}

test('assertSequence() accepts the same rows and returns nothing', () => {
  assert.is(assertSequence(CONNECT.map((r) => [...r]), CONNECT), undefined);
  assert.is(sequenceDiff([], []), null);
});

test('assertSequence() marks the first differing row with > and shows expected and actual side by side', () => {
  const actual = [CONNECT[0], CONNECT[3], CONNECT[1], CONNECT[2]] as unknown[][];
  const e = mismatch(() => assertSequence(actual, CONNECT, 'connection'));
  assert.is(e.firstDifference, 1);
  const lines = e.message.split('\n');
  assert.is(lines[0], 'connection: sequence differs at row 1 (expected 4 rows, got 4)');
  assert.match(lines[2] ?? '', /^  0  listener  FD_ACCEPT  0\s+\|  listener  FD_ACCEPT  0$/);
  assert.match(lines[3] ?? '', /^> 1  client  FD_CONNECT  0\s+\|  accepted  FD_WRITE  0$/);
  assert.match(lines[4] ?? '', /^! 2  client  FD_WRITE  0\s+\|  client  FD_CONNECT  0$/);
  assert.is(lines.length, 6);
});

test('assertSequence() compares cell by cell: 0 and "0" differ, as do a missing and an extra row', () => {
  assert.is(mismatch(() => assertSequence([['client', 'FD_READ', '0']], [['client', 'FD_READ', 0]])).firstDifference, 0);
  const extra = mismatch(() => assertSequence([...CONNECT, ['client', 'FD_READ', 0]], CONNECT));
  assert.is(extra.firstDifference, 4);
  assert.match(extra.message, /> 4  —\s+\|  client  FD_READ  0/);
  const missing = mismatch(() => assertSequence(CONNECT.slice(0, 2), CONNECT));
  assert.match(missing.message, /> 2  client  FD_WRITE  0\s+\|  —/);
});

test('assertSequence() with { anyOf } accepts any allowed order and otherwise shows each, the closest first', () => {
  const other = [CONNECT[1], CONNECT[2], CONNECT[0], CONNECT[3]] as unknown[][];
  assertSequence(other, { anyOf: [CONNECT, other] });
  const actual = [CONNECT[1], CONNECT[0]] as unknown[][];
  const e = mismatch(() => assertSequence(actual, { anyOf: [CONNECT, other] }, 'handshake'));
  const lines = e.message.split('\n');
  assert.is(lines[0], 'handshake: sequence matches none of the 2 allowed orders');
  assert.is(lines[1], 'allowed order 2 of 2: differs at row 1');
  assert.is(e.firstDifference, 1);
  assert.ok(e.message.includes('allowed order 1 of 2: differs at row 0'));
});

test('compareSequence() refuses an empty list of allowed orders with a message saying so', () => {
  assert.throws(() => compareSequence([], { anyOf: [] }, 'close'), /Cannot compare a sequence \(close\): the list of allowed orders is empty/);
});

test('sequenceDiff() prints a bounded number of rows past the first difference of a runaway recording', () => {
  const runaway = Array.from({ length: 100_000 }, () => ['client', 'FD_READ', 0]);
  const diff = sequenceDiff(runaway, [['client', 'FD_READ', 0]]) ?? '';
  assert.is(diff.split('\n').length, 2 + 1 + 1 + DIFF_ROWS_AFTER_FIRST + 1);
  assert.match(diff, /… 99958 more rows not shown$/);
});

test('assertSequence() compares nested cells element by element and stops at a bounded depth', () => {
  assertSequence([['a', [1, [2]]]], [['a', [1, [2]]]]);
  assert.is(mismatch(() => assertSequence([['a', [1, [3]]]], [['a', [1, [2]]]])).firstDifference, 0);
  const deep = (levels: number): unknown[] => {
    const top: unknown[] = [];
    let cur = top;
    for (let i = 0; i < levels; i++) {
      const next: unknown[] = [];
      cur.push(next);
      cur = next;
    }
    return top;
  };
  // Two equal structures 100 deep: past the bound they compare unequal instead of recursing on.
  assert.is(mismatch(() => assertSequence([[deep(100)]], [[deep(100)]])).firstDifference, 0);
  assertSequence([[deep(3)]], [[deep(3)]]);
});

test.run();
