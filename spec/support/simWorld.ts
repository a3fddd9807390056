// A fresh simulated world for each network spec: a Simulation on virtual time attached to the
// calling thread, a SimNetwork (seed from SEED, else the fixed default) with hosts "alpha"
// (10.0.0.1) and "beta" (10.0.0.2), Winsock started, and a message-only window that collects
// socket notifications as WM_USER, as Wine's conformance harness does (windows-facts A.0).
// At the end the world must be empty — no open SOCKET, no kernel socket, nothing in flight, no
// queued message — else the failure prints the seed and the whole world (STYLE.md 13).
import { suite } from './suite.ts';
import {
  createMessageWindow,
  DefWindowProc,
  DestroyWindow,
  isThreadEmpty,
  Simulation,
} from 'afxsock/pump';
import { DEFAULT_SEED, SimNetwork, type SimHost, type SimNetworkOptions } from 'afxsock';
import * as W from 'afxsock';
import { endLivePeers } from './peer/peerThread.ts';
import { EVENT_NAMES, takeNotifications } from './notifications.ts';
import { assertSequence, type Row } from './sequence.ts';

/** The seed of this run: SEED=… replays a failure. */
export const SEED = process.env.SEED === undefined ? DEFAULT_SEED : Number(process.env.SEED);

export interface SimWorld {
  sim: Simulation;
  net: SimNetwork;
  alpha: SimHost;
  beta: SimHost;
  /** The window that receives notifications (message WM_USER). */
  hwnd: number;
  /** Lets virtual time pass (default 200 ms, the harness's "nothing else arrives" wait). */
  settle(ms?: number): void;
  /** Removes the queued notifications and returns them as rows ['FD_READ', 0] (a third column when wParam is not `s`). */
  take(s: number): Row[];
  /** settle() then compares the notifications with the expected table. */
  expect(s: number, rows: Row[], context?: string): void;
}

export { EVENT_NAMES };

export interface SimSuite {
  (title: string, body: (world: SimWorld) => void | Promise<void>): void;
  run(): void;
}

/** A uvu suite whose tests each run in a fresh simulated world that must end empty. */
export function simSuite(name: string, options: Partial<SimNetworkOptions> = {}): SimSuite {
  const s = suite(name);
  const add = (title: string, body: (world: SimWorld) => void | Promise<void>) => s(title, () => withSimWorld(options, body));
  return Object.assign(add, { run: () => s.run() });
}

/**
 * Runs `body` in a fresh simulated world and checks that it ends empty (the body of every
 * simSuite test; dualSuite runs the simulated half of its tests with it). `relaxEnd` skips the
 * empty-world check after a body that failed on purpose (an executable todo): its leftovers are
 * closed, not reported.
 */
export async function withSimWorld(
  options: Partial<SimNetworkOptions>,
  body: (world: SimWorld) => void | Promise<void>,
  relaxEnd = false,
): Promise<void> {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const net = new SimNetwork(sim.clock, { seed: SEED, ...options });
  sim.addEventSource(net);
  const alpha = net.addHost('alpha', '10.0.0.1');
  const beta = net.addHost('beta', '10.0.0.2');
  W.setDefaultNetworkHost(alpha);
  W.WSAStartup(0x0202, new W.WSADATA());
  const hwnd = createMessageWindow((h, m, w, l) => DefWindowProc(h, m, w, l), 'notifications');
  const world = makeWorld(sim, net, alpha, beta, hwnd);
  try {
    await body(world);
    if (relaxEnd) return;
    world.settle();
    const leftover = world.take(0);
    DestroyWindow(hwnd);
    const open = W.describeSockets();
    sim.runUntilIdle();
    if (open.length > 0 || !net.isEmpty() || !isThreadEmpty() || leftover.length > 0) {
      throw new Error(`The spec left a non-empty world:\n${dumpWorld(world, open, leftover)}`);
    }
  } catch (e) {
    if (e instanceof Error) e.message = `${e.message}\n(seed ${SEED}; replay with SEED=${SEED})`;
    throw e;
  } finally {
    // A failed spec's peer threads end before its sockets are closed behind their backs.
    endLivePeers();
    for (const line of W.describeSockets()) {
      const handle = Number.parseInt(line.slice('SOCKET 0x'.length), 16);
      W.closesocket(handle);
    }
    if (relaxEnd) {
      world.take(0);
      DestroyWindow(hwnd);
      sim.runUntilIdle();
    }
    W.WSACleanup();
    W.setDefaultNetworkHost(null);
    sim.removeEventSource(net);
    detach();
  }
}

function makeWorld(sim: Simulation, net: SimNetwork, alpha: SimHost, beta: SimHost, hwnd: number): SimWorld {
  const world: SimWorld = {
    sim,
    net,
    alpha,
    beta,
    hwnd,
    settle: (ms = 200) => sim.runFor(ms),
    take: (s: number): Row[] => takeNotifications(hwnd, s),
    expect(s: number, rows: Row[], context = ''): void {
      world.settle();
      const actual = world.take(s);
      try {
        assertSequence(actual, rows, context || `notifications for socket 0x${s.toString(16)}`);
      } catch (e) {
        if (e instanceof Error) e.message = `${e.message}\n${dumpWorld(world, W.describeSockets(), [])}`;
        throw e;
      }
    },
  };
  return world;
}

function dumpWorld(world: SimWorld, open: string[], leftover: Row[]): string {
  return [
    ...(leftover.length ? [`unread notifications: ${JSON.stringify(leftover)}`] : []),
    ...open,
    world.sim.describe(),
  ].join('\n');
}

/** A connected loopback TCP pair (client connected to an accepted server socket), both blocking — Wine's tcp_socketpair. */
export function tcpSocketPair(world?: object): { client: number; server: number } {
  void world;
  const { listener, addr } = listeningSocket(1);
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.connect(client, addr, 16), 'connect');
  const server = W.accept(listener, null, null);
  if (server === W.INVALID_SOCKET) throw new Error(`accept failed: ${W.WSAGetLastError()}`);
  check(W.closesocket(listener), 'closesocket');
  return { client, server };
}

/** A listening TCP socket on 127.0.0.1 (ephemeral port) and its address. */
export function listeningSocket(backlog = 1): { listener: number; addr: W.SOCKADDR_IN } {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = loopback(0);
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, backlog), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  return { listener, addr };
}

/** A SOCKADDR_IN for 127.0.0.1:port. */
export function loopback(port: number): W.SOCKADDR_IN {
  return new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.0.0.1')));
}

/** Fails a spec when a Winsock call that must succeed did not. */
export function check(result: number, what: string): number {
  if (result === W.SOCKET_ERROR) throw new Error(`${what} failed with ${W.WSAGetLastError()}`);
  return result;
}

/** Sends text (or bytes); returns send's result. */
export function sendText(s: number, text: string | Uint8Array, flags = 0): number {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return W.send(s, bytes, bytes.length, flags);
}

/** recv into a fresh buffer of `len` bytes; returns [result, text received, last error if failed]. */
export function recvText(s: number, len: number, flags = 0): [number, string] | [number, string, number] {
  const buf = new Uint8Array(Math.max(len, 0));
  const r = W.recv(s, buf, len, flags);
  if (r === W.SOCKET_ERROR) return [r, '', W.WSAGetLastError()];
  return [r, new TextDecoder().decode(buf.subarray(0, r))];
}

/** Sets SO_LINGER {1, 0} and closes: the peer sees a reset (Wine's close_with_rst). */
export function closeWithReset(s: number): void {
  const linger = new W.LINGER(1, 0).toBytes();
  check(W.setsockopt(s, W.SOL_SOCKET, W.SO_LINGER, linger, 4), 'setsockopt(SO_LINGER)');
  check(W.closesocket(s), 'closesocket');
}

/** A 4-byte int option value. */
export function intOption(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

/** Reads an int option. */
export function getIntOption(s: number, level: number, name: number): number {
  const bytes = new Uint8Array(4);
  check(W.getsockopt(s, level, name, bytes, { value: 4 }), 'getsockopt');
  return new DataView(bytes.buffer).getInt32(0, true);
}
