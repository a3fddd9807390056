// One spec body, both networks (STYLE.md 12), for any runner: bothNetworks() registers the body
// twice with the runner's own `register(title, fn)` (uvu's suite, node:test's test, or a plain
// function that runs it) — first in a fresh simulated world (seeded, virtual time, the fault rules
// asked for), then in a fresh real world on 127.0.0.1 loopback sockets; the titles end in "[sim]"
// and "[real]". A known deviation of one network is an executable todo of that half.
import type { Deviation, NetworkKind } from './knownDeviation.ts';
import { expectDeviationAsync } from './knownDeviation.ts';
import type { NetWorld } from './NetWorld.ts';
import { withRealWorld } from './realWorld.ts';
import { simNetWorld, withSimWorld, type SimWorldOptions } from './simWorld.ts';

/** A runner's way to declare a test: uvu's `suite()` or `test`, node:test's `test`, … */
export type RegisterTest = (title: string, fn: () => Promise<void>) => unknown;

/** How bothNetworks() runs a body. */
export interface BothNetworksOptions {
  /** The simulated half's world: seed, hosts, latency and other SimNetwork tuning, fault rules. */
  sim?: SimWorldOptions;
  /**
   * The body is a known deviation on one network (an executable todo): there it must fail with
   * `failsWith` (its leftovers are closed without complaint); on the other network it must pass.
   */
  deviation?: Deviation & { network: NetworkKind };
}

/**
 * Registers `body` as two tests, `title [sim]` and `title [real]`.
 *
 * @example
 * import { test } from 'node:test';
 * bothNetworks(test, 'send() then recv() returns the bytes', (w) => {
 *   // … the same calls on either network; w.kind says which …
 * }, { sim: { seed: 42, faults: [{ name: 'lose the first data', match: (p) => p.kind === 'data', action: 'drop', times: 1 }] } });
 */
export function bothNetworks(register: RegisterTest, title: string, body: (world: NetWorld) => void | Promise<void>, options: BothNetworksOptions = {}): void {
  const { sim = {}, deviation } = options;
  const deviates = (network: NetworkKind) => deviation?.network === network;
  const label = (network: NetworkKind) => `${title}${deviates(network) ? ` (known deviation on ${network}: executable todo)` : ''} [${network}]`;
  const run = (network: NetworkKind, w: NetWorld) =>
    deviation && deviates(network) ? expectDeviationAsync(network, deviation.reason, () => body(w), deviation.failsWith) : body(w);
  register(label('sim'), () => withSimWorld({ ...sim, relaxEnd: deviates('sim') || sim.relaxEnd }, (w) => run('sim', simNetWorld(w))));
  register(label('real'), () => withRealWorld((w) => run('real', w), { relaxEnd: deviates('real') }));
}
