// The real half of a dual-network spec: the OS network (node:net / node:dgram on the network
// thread) on 127.0.0.1, the calling thread's real message queue, Winsock started and the same
// WM_USER notification window as the simulated world. Time is real, so settle() waits for quiet:
// a barrier through the network thread (it has handled everything this thread asked and turned
// its event loop twice), then a quiet stretch with nothing arriving, repeated until a round brings
// nothing — bounded in rounds and in time. At the end the world must be empty: no SOCKET, no
// kernel object left on the network thread (lingering closes get a bounded wait), no message, no
// hold. Fault rules need the simulated network: asking for them here is an error, not a no-op.
import { readFileSync } from 'node:fs';
import {
  createMessageWindow, currentClock, DefWindowProc, describeThread, DestroyWindow, isThreadEmpty, MSG, PeekMessage, PM_REMOVE, ValidateRect,
  waitUntil, WM_PAINT,
} from '../../pump/index.ts';
import * as W from '../index.ts';
import { osNetwork } from '../index.ts';
import { endSocketThreadState } from '../mfc/socket/SocketThreadState.ts';
import type { NetWorld } from './NetWorld.ts';
import { endLivePeers } from './peer/peerThread.ts';
import type { SequenceRow } from './sequenceDiff.ts';
import { closeListedSockets, unusedLoopbackPort } from './socketPorts.ts';
import { takeNotifications } from './takeNotifications.ts';
import { expectNotifications, differsOn, unreadLines } from './worldChecks.ts';

/** How a real world is made. */
export interface RealWorldOptions {
  /**
   * The body is meant to fail (an executable todo): skip the empty-world check and close what it
   * left without complaint.
   */
  relaxEnd?: boolean;
  /** Not available on the real network: given, withRealWorld throws (fault rules are the simulated network's). */
  faults?: unknown[];
}

const leftoverMsg = new MSG();

/** A round of settle(): how long nothing may arrive. */
const QUIET_MS = 15;
/** settle() gives up after this long (a peer that never stops talking). */
const SETTLE_LIMIT_MS = 3000;
/** How long the end of a spec waits for the network thread to release what was closed. */
const RELEASE_LIMIT_MS = 5000;

/**
 * Sleeps `ms` on the thread's mailbox, handling what arrives (no message is dispatched).
 *
 * @example
 * sleepMs(50); // let the network thread work for 50 ms of real time
 */
export function sleepMs(ms: number): void {
  waitUntil(() => false, ms, 'a spec waiting on real time');
}

/** How often waitFor looks at its condition when nothing arrives in the mailbox. */
const WAIT_FOR_POLL_MS = 5;

/**
 * Waits (bounded) on the thread's mailbox for `condition`, handling what arrives; throws with
 * `what` if it does not come true in `limitMs`. The condition is looked at whenever something
 * arrives and at least every 5 ms besides, so one that comes true with no message (a clock,
 * memory another thread writes) is noticed too.
 *
 * @example
 * waitFor(() => osNetwork.openSocketCount() === 0, 5000, 'every socket released');
 */
export function waitFor(condition: () => boolean, limitMs: number, what: string): void {
  const clock = currentClock();
  const deadlineMs = clock.nowMs() + limitMs;
  for (;;) {
    const leftMs = deadlineMs - clock.nowMs();
    if (waitUntil(condition, Math.max(0, Math.min(leftMs, WAIT_FOR_POLL_MS)), what)) return;
    if (leftMs <= WAIT_FOR_POLL_MS) throw new Error(`Timed out after ${limitMs} ms waiting for ${what}`);
  }
}

/**
 * Lets the OS network go quiet (see the file comment), for at least `minimumMs`; returns after at
 * most 3 s however busy it stays.
 *
 * @example
 * settleOsNetwork(); // what was sent has arrived and been reported
 */
export function settleOsNetwork(minimumMs = 0): void {
  if (minimumMs > 0) sleepMs(minimumMs);
  const clock = currentClock();
  const start = clock.nowMs();
  while (clock.nowMs() - start < SETTLE_LIMIT_MS) {
    const before = osNetwork.recordsSeen();
    if (!osNetwork.barrier()) return;
    sleepMs(QUIET_MS);
    // The barrier's own reply is the only record of a quiet round.
    if (osNetwork.recordsSeen() === before + 1) return;
  }
}

/** Every line a failure shows: open handles, the network, the queue. */
function dump(open: string[], leftover: SequenceRow[]): string {
  return [...unreadLines(leftover), ...open, ...osNetwork.describe(), describeThread()].join('\n');
}

/**
 * Runs `body` in a fresh real-loopback world that must end empty. Plain async: call it from any
 * runner's test or from none.
 *
 * @example
 * await withRealWorld((w) => {
 *   // … sockets on 127.0.0.1, notifications to w.hwnd …
 *   w.settle();
 * });
 */
export async function withRealWorld(body: (world: NetWorld) => void | Promise<void>, options: RealWorldOptions = {}): Promise<void> {
  const { relaxEnd = false } = options;
  if (options.faults?.length) throw new TypeError(`Cannot install ${options.faults.length} fault rule(s) on the real network: fault rules are the simulated network's (withSimWorld)`);
  W.setDefaultNetworkHost(null);
  W.WSAStartup(0x0202, new W.WSADATA());
  const hwnd = createMessageWindow((h, m, w, l) => DefWindowProc(h, m, w, l), 'notifications');
  let held = false;
  const world: NetWorld = {
    kind: 'real',
    hwnd,
    simWorld: undefined,
    seed: undefined,
    settle: (ms = 0) => settleOsNetwork(ms),
    take: (s) => takeNotifications(hwnd, s),
    expect(s, rows, context = '') {
      settleOsNetwork();
      expectNotifications(hwnd, s, rows, context, () => dump(W.describeSockets(), []));
    },
    differs: (network, reason, fn, failsWith) => differsOn('real', network, reason, fn, failsWith),
    addFault(rule) {
      throw new TypeError(`Cannot add the fault rule ${rule.name} on the real network: fault rules are the simulated network's (run it where w.kind === 'sim')`);
    },
    hold(a, b) {
      if (a !== undefined || b !== undefined) throw new TypeError(`Cannot hold the link ${a} <-> ${b} on the real network: it has one host, 127.0.0.1; hold() without hosts holds every receive`);
      if (held) throw new RangeError('Cannot hold the real network: it is held already');
      osNetwork.holdReceives(true);
      held = true;
    },
    release(a, b) {
      if (a !== undefined || b !== undefined) throw new TypeError(`Cannot release the link ${a} <-> ${b} on the real network: hold() and release() take no hosts there`);
      if (!held) throw new RangeError('Cannot release the real network: it is not held');
      // What the sockets sent while held has reached the OS before the network thread reads again.
      osNetwork.barrier();
      osNetwork.holdReceives(false);
      held = false;
    },
    unusedPort: unusedLoopbackPort,
    ephemeralPorts: linuxEphemeralPorts(),
  };
  let windowDestroyed = false;
  try {
    await body(world);
    if (relaxEnd) return;
    settleOsNetwork();
    const leftover = takeNotifications(hwnd, 0);
    DestroyWindow(hwnd);
    windowDestroyed = true;
    const open = W.describeSockets();
    closeListedSockets(open);
    const released = waitUntil(() => osNetwork.openSocketCount() === 0, RELEASE_LIMIT_MS, 'the network thread releasing every socket');
    if (open.length > 0 || !released || !isThreadEmpty() || leftover.length > 0 || held) {
      throw new Error(`The spec left a non-empty world (real network):\n${held ? 'the network is held (hold() without release())\n' : ''}${dump(open, leftover)}`);
    }
  } finally {
    if (held) osNetwork.holdReceives(false);
    // A failed spec's peer threads end before its sockets are closed behind their backs.
    endLivePeers();
    closeListedSockets();
    // The thread outlives the test: MFC's socket state of a failed spec (its hidden window, the
    // objects of handles closed above) must not reach the next one.
    endSocketThreadState();
    if (!windowDestroyed) {
      settleOsNetwork();
      takeNotifications(hwnd, 0);
      DestroyWindow(hwnd);
    }
    waitUntil(() => osNetwork.openSocketCount() === 0, RELEASE_LIMIT_MS, 'the network thread releasing every socket');
    // The real queue outlives the test (a simulated one does not): whatever a failed spec left
    // queued must not reach the next one.
    while (PeekMessage(leftoverMsg, 0, 0, 0, PM_REMOVE)) {
      // Dropped. A WM_PAINT comes back until its window is validated: validate it, or this never ends.
      if (leftoverMsg.message === WM_PAINT) ValidateRect(leftoverMsg.hwnd, null);
    }
    W.WSACleanup();
  }
}

/** The OS's ephemeral port range (Linux's /proc file; the IANA range elsewhere). */
function linuxEphemeralPorts(): readonly [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux
  }
  return [49152, 65535];
}
