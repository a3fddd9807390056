// One spec body, both networks (STYLE.md 12): each test of a dualSuite runs twice, first in a
// fresh simulated world (seeded, virtual time) and then in a fresh real world on 127.0.0.1
// loopback sockets through the OS network; the titles end in "[sim]" and "[real]". Tests that
// need what only the simulation has (virtual time, fault rules, simulated hosts, DeadlockError)
// are declared simOnly, saying why in their title or comment. A known deviation of one network is
// an executable todo, either around a few assertions (world.differs) or around a whole test
// (test.todo), with its reason.
import { suite } from './suite.ts';
import type { SimNetworkOptions } from 'afxsock';
import { expectDeviation, unusedLoopbackPort, type NetworkKind, type NetWorld } from './netWorld.ts';
import { withOsWorld } from './osWorld.ts';
import { withSimWorld, type SimWorld } from './simWorld.ts';

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
   * (with a message matching `failsWith`, if given), and its leftovers are closed without
   * complaint; on the other network it must pass.
   */
  todo(network: NetworkKind, reason: string, title: string, body: Body<NetWorld>, failsWith?: RegExp): void;
  run(): void;
}

/**
 * The simulated world as a NetWorld: what a dual test's simulated half gets, and what a simOnly
 * test passes to helpers that take a NetWorld.
 */
export function simNetWorld(w: SimWorld): NetWorld {
  return {
    kind: 'sim',
    hwnd: w.hwnd,
    simWorld: w,
    settle: (ms) => w.settle(ms),
    take: (s) => w.take(s),
    expect: (s, rows, context) => w.expect(s, rows, context),
    differs(network, reason, fn, failsWith) {
      if (network === 'sim') expectDeviation(network, reason, fn, failsWith);
      else fn();
    },
    unusedPort: unusedLoopbackPort,
    ephemeralPorts: [49152, 65535],
  };
}

/** A uvu suite whose tests run on the simulated network and on real loopback sockets. */
export function dualSuite(name: string, options: Partial<SimNetworkOptions> = {}): DualSuite {
  const s = suite(name);
  const both = (title: string, body: Body<NetWorld>) => {
    s(`${title} [sim]`, () => withSimWorld(options, (w) => body(simNetWorld(w))));
    s(`${title} [real]`, () => withOsWorld(body));
  };
  const todo = (network: NetworkKind, reason: string, title: string, body: Body<NetWorld>, failsWith?: RegExp) => {
    const deviating = async (w: NetWorld) => {
      let failure: unknown;
      try {
        await body(w);
      } catch (e) {
        failure = e;
      }
      expectDeviation(network, reason, () => {
        if (failure !== undefined) throw failure;
      }, failsWith);
    };
    const label = `${title} (known deviation on ${network}: executable todo)`;
    if (network === 'sim') {
      s(`${label} [sim]`, () => withSimWorld(options, (w) => deviating(simNetWorld(w)), true));
      s(`${title} [real]`, () => withOsWorld(body));
    } else {
      s(`${title} [sim]`, () => withSimWorld(options, (w) => body(simNetWorld(w))));
      s(`${label} [real]`, () => withOsWorld(deviating, true));
    }
  };
  return Object.assign(both, {
    simOnly: (title: string, body: Body<SimWorld>) => s(`${title} [sim]`, () => withSimWorld(options, body)),
    realOnly: (title: string, body: Body<NetWorld>) => s(`${title} [real]`, () => withOsWorld(body)),
    todo,
    run: () => s.run(),
  });
}
