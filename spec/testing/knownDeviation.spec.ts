// afxsock/testing: executable todos. expectDeviation() runs a body that must fail with the failure
// named (a RegExp, or text the message contains): it passes while the deviation is there, fails
// once the body passes ("remove the todo marker"), and fails when the body fails for another
// reason; a reason and an expected failure are both required (DESIGN.md "Specs"; issue 17.1, 17.6).
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { expectDeviation, expectDeviationAsync } from 'afxsock/testing';

const REASON = 'the emulation rounds up';

/** The message `fn` throws; fails when it throws nothing. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  throw new Error('nothing was thrown');
}

test('expectDeviation() returns when the body fails with the expected failure (a RegExp or text)', () => {
  assert.is(expectDeviation('sim', REASON, () => assert.is(2, 3, 'two is three'), /two is three/), undefined);
  assert.is(expectDeviation('real', REASON, () => assert.is(2, 3, 'two is three'), 'is three'), undefined);
});

test('expectDeviation() fails once the body passes, so that the marker comes off', () => {
  assert.is(thrown(() => expectDeviation('real', REASON, () => {}, /anything/)),
    'Error: Known deviation on the real network no longer occurs — remove the todo marker: the emulation rounds up');
});

test('expectDeviation() fails when the body fails for another reason than the one named', () => {
  assert.is(thrown(() => expectDeviation('sim', REASON, () => { throw new Error('a new bug'); }, /two is three/)),
    'Error: Known deviation on the sim network (the emulation rounds up) failed for another reason than /two is three/: a new bug');
});

test('expectDeviation() requires a reason and an expected failure', () => {
  const fails = () => { throw new Error('x'); };
  assert.is(thrown(() => expectDeviation('sim', '', fails, /x/)), 'TypeError: A known deviation needs a reason');
  assert.is(thrown(() => expectDeviation('sim', REASON, fails, '')), 'TypeError: A known deviation needs the failure it expects (the emulation rounds up)');
});

test('expectDeviationAsync() judges a rejected promise as expectDeviation() judges a throw', async () => {
  await expectDeviationAsync('sim', REASON, async () => { throw new Error('late failure'); }, /late failure/);
  let failure = '';
  await expectDeviationAsync('sim', REASON, async () => {}, /late failure/).catch((e: Error) => (failure = e.message));
  assert.is(failure, 'Known deviation on the sim network no longer occurs — remove the todo marker: the emulation rounds up');
});

test.run();
