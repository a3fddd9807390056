// afxsock/testing: the worlds are plain async functions that any runner (or none) can call.
// withSimWorld() builds a seeded simulated world — the spec's seed, else SEED, else DEFAULT_SEED —
// with hosts alpha and beta and any others, SimNetwork's tuning and the fault rules asked for, and
// ends every failure with "replay with SEED=…"; a world left non-empty fails and prints itself.
// withRealWorld() refuses fault rules (the OS network has no fault chain). bothNetworks() hands
// one body to a runner's `register(title, fn)` twice, "[sim]" and "[real]", and an executable
// todo of one half (STYLE.md 12, 13; DESIGN.md "Specs"; issue 17.1).
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import * as W from 'afxsock';
import { bothNetworks, replayHint, resolveSeed, waitFor, withRealWorld, withSimWorld, type NetWorld } from 'afxsock/testing';

/** The message a promise rejects with; fails when it resolves. */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('the promise resolved');
}

test('resolveSeed() takes the spec\'s seed, else SEED, else DEFAULT_SEED', () => {
  const saved = process.env.SEED;
  try {
    process.env.SEED = '123';
    const fromEnv = [resolveSeed(9), resolveSeed()];
    delete process.env.SEED;
    assert.equal([...fromEnv, resolveSeed()], [9, 123, W.DEFAULT_SEED]);
    process.env.SEED = 'abc';
    assert.throws(() => resolveSeed(), /Cannot use SEED=abc: not an integer/);
  } finally {
    if (saved === undefined) delete process.env.SEED;
    else process.env.SEED = saved;
  }
});

test('withSimWorld() builds the world asked for: seed, tuning, extra hosts, fault rules', async () => {
  let seen: unknown[] = [];
  await withSimWorld({ seed: 42, latencyMs: 7, hosts: { gamma: '10.0.0.3' }, faults: [{ name: 'slow', action: { delayMs: 5 } }] }, (w) => {
    seen = [w.seed, w.net.options.seed, w.net.options.latencyMs, w.net.nameOf(w.host('gamma').address), w.net.nameOf(w.net.resolve('10.0.0.3')!), w.net.faults.describe()];
  });
  assert.equal(seen, [42, 42, 7, 'gamma', 'gamma', ['fault rule slow: delay 5 ms']]);
});

test('withSimWorld() ends every failure with the seed to replay it', async () => {
  const message = await rejection(withSimWorld({ seed: 99 }, () => { throw new Error('boom'); }));
  assert.is(message, `boom\n${replayHint(99)}`);
  assert.is(replayHint(99), '(seed 99; replay with SEED=99)');
});

test('withSimWorld() fails a body that leaves a socket open, printing the world', async () => {
  const message = await rejection(withSimWorld({ seed: 5 }, () => void W.socket(W.AF_INET, W.SOCK_STREAM, 0)));
  assert.match(message, /^The spec left a non-empty world:\nSOCKET 0x[0-9a-f]+ /);
  assert.match(message, /network seed 5 at \d+ ms: 1 socket\(s\)/);
  assert.ok(message.endsWith(replayHint(5)), 'the replay line ends it');
});

test('withRealWorld() refuses fault rules: they are the simulated network\'s', async () => {
  const message = await rejection(withRealWorld(() => {}, { faults: [{ name: 'drop', action: 'drop' }] }));
  assert.is(message, 'Cannot install 1 fault rule(s) on the real network: fault rules are the simulated network\'s (withSimWorld)');
});

test('bothNetworks() registers one body as "[sim]" and "[real]" with any register(title, fn)', async () => {
  const registered: [string, () => Promise<void>][] = [];
  const kinds: unknown[] = [];
  bothNetworks((title, fn) => registered.push([title, fn]), 'a body', (w: NetWorld) => void kinds.push([w.kind, w.seed]), { sim: { seed: 3 } });
  for (const [, fn] of registered) await fn();
  assert.equal([registered.map(([title]) => title), kinds], [['a body [sim]', 'a body [real]'], [['sim', 3], ['real', undefined]]]);
});

test('bothNetworks() runs a known deviation as an executable todo of its network only', async () => {
  const registered: [string, () => Promise<void>][] = [];
  const deviation = { network: 'sim' as const, reason: 'virtual time is too exact', failsWith: /differs on sim/ };
  bothNetworks((title, fn) => registered.push([title, fn]), 'a body', (w) => {
    if (w.kind === 'sim') throw new Error('differs on sim');
  }, { deviation });
  for (const [, fn] of registered) await fn();
  const passing: [string, () => Promise<void>][] = [];
  bothNetworks((title, fn) => passing.push([title, fn]), 'fixed', () => {}, { deviation });
  const message = await rejection(passing[0]![1]());
  assert.equal([registered.map(([title]) => title), message], [
    ['a body (known deviation on sim: executable todo) [sim]', 'a body [real]'],
    `Known deviation on the sim network no longer occurs — remove the todo marker: virtual time is too exact\n${replayHint(resolveSeed())}`,
  ]);
});

test('waitFor() looks at its condition again while nothing arrives in the mailbox, so one that comes true on its own is noticed (it used to wait for the limit)', async () => {
  await withRealWorld(() => {
    let looks = 0;
    // True at its third look; nothing is ever posted. Before the fix this timed out after 60 s.
    waitFor(() => ++looks >= 3, 60_000, 'the third look');
    assert.is(looks, 3);
    assert.throws(() => waitFor(() => false, 20, 'nothing'), /Timed out after 20 ms waiting for nothing/);
  });
});

test.run();
