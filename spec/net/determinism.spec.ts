// The simulated network is deterministic: the same seed gives the identical packet trace, a
// different seed changes the segmentation (one send arrives as different reads) but never the
// byte stream. This holds across hosts too, where acknowledgements and window updates take a
// leg's seeded latency (a small receive window makes the sender wait for them).
// Source: DESIGN.md "The simulated network"; issue 3 "Determinism"; windows-facts A.10.3.
import { suite } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { Simulation } from 'afxsock/pump';
import { SimNetwork } from 'afxsock';
import * as W from 'afxsock';
import { crossHostPair, SEED, tcpSocketPair } from '../support/simWorld.ts';
import { assertSequence, type SimWorld } from 'afxsock/testing';

const test = suite('SimNetwork determinism');

interface Run {
  /** Every packet: [virtual ms, kind, payload bytes]. */
  trace: [number, string, number][];
  received: Uint8Array;
  /** What each recv() returned, one row per call. */
  readSizes: [number][];
}

/** Sends 20 KB over a pair (loopback, or across hosts) in a fresh network with `seed` and records every packet. */
function transfer(seed: number, acrossHosts = false): Run {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const net = new SimNetwork(sim.clock, { seed, jitterMs: 3 });
  sim.addEventSource(net);
  const host = net.addHost('alpha', '10.0.0.1');
  const beta = net.addHost('beta', '10.0.0.2');
  const undo = W.useNetworkHost(host);
  W.WSAStartup(0x0202, new W.WSADATA());
  const trace: Run['trace'] = [];
  const removeObserver = net.faults.add({
    name: 'observer',
    match: (p) => {
      trace.push([sim.clock.nowMs(), p.kind, p.bytes]);
      return false;
    },
    action: 'pass',
  });
  try {
    const { client, server } = acrossHosts ? crossHostPair(beta, 4096) : tcpSocketPair({ sim } as SimWorld);
    const data = new Uint8Array(20_000).map((_, i) => (i * 7) % 256);
    assert.is(W.send(client, data, data.length, 0), data.length);
    const received = new Uint8Array(data.length);
    const readSizes: Run['readSizes'] = [];
    let at = 0;
    while (at < data.length) {
      const r = W.recv(server, received.subarray(at), data.length - at, 0);
      assert.ok(r > 0, `recv returned ${r}`);
      readSizes.push([r]);
      at += r;
    }
    W.closesocket(client);
    W.closesocket(server);
    sim.runUntilIdle();
    assert.ok(net.isEmpty(), `world not empty:\n${net.describe().join('\n')}`);
    return { trace, received, readSizes };
  } finally {
    removeObserver();
    W.WSACleanup();
    undo();
    detach();
  }
}

test('SimNetwork gives the identical packet trace and reads for the same seed', () => {
  const a = transfer(SEED);
  const b = transfer(SEED);
  assertSequence(b.trace, a.trace, 'the packet trace of a second run');
  assertSequence(b.readSizes, a.readSizes, 'the reads of a second run');
});

test('SimNetwork segments differently for different seeds but never changes the byte stream', () => {
  const runs = [SEED, SEED + 1, SEED + 2].map((seed) => transfer(seed));
  const expected = new Uint8Array(20_000).map((_, i) => (i * 7) % 256);
  for (const r of runs) assert.equal(r.received, expected);
  const shapes = new Set(runs.map((r) => r.trace.join('|')));
  assert.is(shapes.size, 3, 'each of the three seeds segments the 20 KB its own way');
});

test('SimNetwork gives the identical packet trace and reads across hosts for the same seed, and another seed keeps the byte stream (A.10.3)', () => {
  const a = transfer(SEED, true);
  const b = transfer(SEED, true);
  assertSequence(b.trace, a.trace, 'the packet trace of a second run');
  assertSequence(b.readSizes, a.readSizes, 'the reads of a second run');
  const other = transfer(SEED + 1, true);
  assert.equal(other.received, a.received);
  assert.ok(other.trace.join('|') !== a.trace.join('|'), 'another seed produced the same segmentation');
});

test.run();
