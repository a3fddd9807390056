// One spec body, both networks (STYLE.md 12), bound to the project's runner (spec/support/suite.ts, node:test): each test of a dualSuite is
// afxsock/testing's bothNetworks() registered on a suite — it runs first in a fresh simulated
// world (seeded, virtual time) and then in a fresh real world on 127.0.0.1 loopback sockets; the
// titles end in "[sim]" and "[real]". Tests that need what only the simulation has (virtual time,
// fault rules, simulated hosts, DeadlockError) are declared simOnly, saying why in their title or
// comment. A known deviation of one network is an executable todo, either around a few assertions
// (world.differs) or around a whole test (test.todo), with its reason and the failure it expects.
import { suite } from './suite.ts';
import { bothNetworks, withRealWorld, withSimWorld, type NetWorld, type NetworkKind, type SimWorld, type SimWorldOptions } from 'afxsock/testing';

type Body<T> = (world: T) => void | Promise<void>;

export interface DualSuite {
  /** A test run on both networks. */
  (title: string, body: Body<NetWorld>): void;
  /** A test of the simulation itself (virtual time, fault rules, simulated hosts): simulated only. */
  simOnly(title: string, body: Body<SimWorld>): void;
  /** A test of what only real sockets have (a peer outside afxsock, threads): real only. */
  realOnly(title: string, body: Body<NetWorld>): void;
  /**
   * A whole test that is a known deviation on `network` (an executable todo): there it must fail
   * with a message matching `failsWith`, and its leftovers are closed without complaint; on the
   * other network it must pass.
   */
  todo(network: NetworkKind, reason: string, title: string, body: Body<NetWorld>, failsWith: RegExp | string): void;
  run(): void;
}

/** A suite whose tests run on the simulated network and on real loopback sockets. */
export function dualSuite(name: string, options: SimWorldOptions = {}): DualSuite {
  const s = suite(name);
  return Object.assign((title: string, body: Body<NetWorld>) => bothNetworks(s, title, body, { sim: options }), {
    simOnly: (title: string, body: Body<SimWorld>) => s(`${title} [sim]`, () => withSimWorld(options, body)),
    realOnly: (title: string, body: Body<NetWorld>) => s(`${title} [real]`, () => withRealWorld(body)),
    todo: (network: NetworkKind, reason: string, title: string, body: Body<NetWorld>, failsWith: RegExp | string) =>
      bothNetworks(s, title, body, { sim: options, deviation: { network, reason, failsWith } }),
    run: () => s.run(),
  });
}
