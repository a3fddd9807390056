// A fresh simulated world for one spec body: a Simulation on virtual time attached to the calling
// thread, a SimNetwork (seeded: resolveSeed) with hosts "alpha" (10.0.0.1, the calling thread's)
// and "beta" (10.0.0.2) and any others asked for, the fault rules asked for, Winsock started, and
// a message-only window that collects socket notifications as WM_USER, as Wine's conformance
// harness does (windows-facts A.0). At the end the world must be empty — no open SOCKET, no kernel
// socket, nothing in flight or held, no queued message — else the failure prints the whole world;
// every failure ends with the seed to replay it (STYLE.md 13).
import { createMessageWindow, DefWindowProc, DestroyWindow, isThreadEmpty, Simulation } from '../../pump/index.ts';
import * as W from '../index.ts';
import { SimNetwork, type FaultRule, type SimHost, type SimNetworkOptions } from '../index.ts';
import type { NetWorld } from './NetWorld.ts';
import { endLivePeers } from './peer/peerThread.ts';
import { replayHint, resolveSeed } from './seed.ts';
import type { SequenceRow } from './sequenceDiff.ts';
import { closeListedSockets, unusedLoopbackPort } from './socketPorts.ts';
import { takeNotifications } from './takeNotifications.ts';
import { expectNotifications, differsOn, unreadLines } from './worldChecks.ts';

/** How a simulated world is made: SimNetwork's tuning (latencyMs, jitterMs, …) and these. */
export interface SimWorldOptions extends Partial<SimNetworkOptions> {
  /** The network's seed; else the environment's SEED; else DEFAULT_SEED (resolveSeed). */
  seed?: number;
  /** Hosts besides alpha (10.0.0.1) and beta (10.0.0.2): name → dotted address. */
  hosts?: Record<string, string>;
  /** Fault rules installed, in order, before the body runs (SimNetwork.faults). */
  faults?: FaultRule[];
  /**
   * The body is meant to fail (an executable todo): skip the empty-world check and close what it
   * left without complaint.
   */
  relaxEnd?: boolean;
}

/** What a simulated world's body gets. */
export interface SimWorld {
  sim: Simulation;
  net: SimNetwork;
  /** The seed of this world's network. */
  seed: number;
  /** The calling thread's host, 10.0.0.1 (its 127.0.0.1 is its own loopback). */
  alpha: SimHost;
  /** A second host, 10.0.0.2 (where simulated peers live). */
  beta: SimHost;
  /** A host by name (alpha, beta or one of options.hosts); throws if there is none. */
  host(name: string): SimHost;
  /** The window that receives notifications (message WM_USER). */
  hwnd: number;
  /** Lets virtual time pass (default 200 ms, the harness's "nothing else arrives" wait). */
  settle(ms?: number): void;
  /** Removes the queued notifications and returns them as rows ['FD_READ', 0] (a third column when wParam is not `s`). */
  take(s: number): SequenceRow[];
  /** settle() then compares the notifications with the expected table. */
  expect(s: number, rows: SequenceRow[], context?: string): void;
}

/**
 * Runs `body` in a fresh simulated world and checks that it ends empty. Plain async: call it from
 * any runner's test (node:test, uvu) or from none. Every failure ends with "replay with SEED=…".
 *
 * @example
 * await withSimWorld({ seed: 7, latencyMs: 5, faults: [{ name: 'lose one', action: 'drop', times: 1 }] }, (w) => {
 *   // … sockets on w.alpha, notifications to w.hwnd …
 *   w.settle();
 * });
 */
export async function withSimWorld(options: SimWorldOptions, body: (world: SimWorld) => void | Promise<void>): Promise<void> {
  const { hosts = {}, faults = [], relaxEnd = false, seed: wanted, ...tuning } = options;
  const seed = resolveSeed(wanted);
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const net = new SimNetwork(sim.clock, { ...tuning, seed });
  sim.addEventSource(net);
  let hwnd = 0;
  try {
    const alpha = net.addHost('alpha', '10.0.0.1');
    const beta = net.addHost('beta', '10.0.0.2');
    for (const [name, address] of Object.entries(hosts)) net.addHost(name, address);
    for (const rule of faults) net.faults.add(rule);
    W.setDefaultNetworkHost(alpha);
    W.WSAStartup(0x0202, new W.WSADATA());
    hwnd = createMessageWindow((h, m, w, l) => DefWindowProc(h, m, w, l), 'notifications');
    const world = makeWorld(sim, net, seed, alpha, beta, hwnd);
    await body(world);
    if (relaxEnd) return;
    world.settle();
    const leftover = world.take(0);
    DestroyWindow(hwnd);
    hwnd = 0;
    const open = W.describeSockets();
    sim.runUntilIdle();
    if (open.length > 0 || !net.isEmpty() || !isThreadEmpty() || leftover.length > 0) {
      throw new Error(`The spec left a non-empty world:\n${dumpSimWorld(sim, open, leftover)}`);
    }
  } catch (e) {
    if (e instanceof Error) e.message = `${e.message}\n${replayHint(seed)}`;
    throw e;
  } finally {
    // A failed spec's peer threads end before its sockets are closed behind their backs.
    endLivePeers();
    closeListedSockets();
    if (hwnd !== 0) {
      takeNotifications(hwnd, 0);
      DestroyWindow(hwnd);
      sim.runUntilIdle();
    }
    W.WSACleanup();
    W.setDefaultNetworkHost(null);
    sim.removeEventSource(net);
    detach();
  }
}

/** The simulated world as a NetWorld: what bothNetworks() gives a body on 'sim'. */
export function simNetWorld(w: SimWorld): NetWorld {
  return {
    kind: 'sim',
    hwnd: w.hwnd,
    simWorld: w,
    seed: w.seed,
    settle: (ms) => w.settle(ms),
    take: (s) => w.take(s),
    expect: (s, rows, context) => w.expect(s, rows, context),
    differs: (network, reason, fn, failsWith) => differsOn('sim', network, reason, fn, failsWith),
    addFault: (rule) => w.net.faults.add(rule),
    hold: (a, b) => w.net.hold(a, b),
    release: (a, b) => w.net.release(a, b),
    unusedPort: unusedLoopbackPort,
    ephemeralPorts: [W.EPHEMERAL_PORT_FIRST, W.EPHEMERAL_PORT_LAST],
  };
}

function makeWorld(sim: Simulation, net: SimNetwork, seed: number, alpha: SimHost, beta: SimHost, hwnd: number): SimWorld {
  const world: SimWorld = {
    sim,
    net,
    seed,
    alpha,
    beta,
    host(name) {
      const host = net.host(name);
      if (!host) throw new RangeError(`The simulated world has no host ${name}`);
      return host;
    },
    hwnd,
    settle: (ms = 200) => sim.runFor(ms),
    take: (s) => takeNotifications(hwnd, s),
    expect(s, rows, context = '') {
      world.settle();
      expectNotifications(hwnd, s, rows, context, () => dumpSimWorld(sim, W.describeSockets(), []));
    },
  };
  return world;
}

function dumpSimWorld(sim: Simulation, open: string[], leftover: SequenceRow[]): string {
  return [...unreadLines(leftover), ...open, sim.describe()].join('\n');
}
