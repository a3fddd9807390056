// The real half of a dual-network spec: the OS network (node:net / node:dgram on the network
// thread) on 127.0.0.1, the calling thread's real message queue, Winsock started and the same
// WM_USER notification window as the simulated world. Time is real, so settle() waits for quiet:
// a barrier through the network thread (it has handled everything this thread asked and turned
// its event loop twice), then a quiet stretch with nothing arriving, repeated until a round brings
// nothing — bounded in rounds and in time. At the end the world must be empty: no SOCKET, no
// kernel object left on the network thread (lingering closes get a bounded wait), no message.
import { readFileSync } from 'node:fs';
import {
  createMessageWindow, currentClock, DefWindowProc, describeThread, DestroyWindow, isThreadEmpty, MSG, PeekMessage, PM_REMOVE, ValidateRect,
  waitUntil, WM_PAINT,
} from 'afxsock/pump';
import { osNetwork } from 'afxsock';
import { endSocketThreadState } from '../../lib/mfc/socket/SocketThreadState.ts';
import * as W from 'afxsock';
import { endLivePeers } from './peer/peerThread.ts';
import { expectDeviation, unusedLoopbackPort, type NetWorld } from './netWorld.ts';
import { takeNotifications } from './notifications.ts';
import { assertSequence, type Row } from './sequence.ts';

const leftoverMsg = new MSG();

/** A round of settle(): how long nothing may arrive. */
const QUIET_MS = 15;
/** settle() gives up after this long (a peer that never stops talking). */
const SETTLE_LIMIT_MS = 3000;
/** How long the end of a spec waits for the network thread to release what was closed. */
const RELEASE_LIMIT_MS = 5000;

/** Sleeps `ms` on the thread's mailbox, handling what arrives (no message is dispatched). */
export function sleepMs(ms: number): void {
  waitUntil(() => false, ms, 'a spec waiting on real time');
}

/** Waits (bounded) for `condition`; throws with `what` if it does not come true in `limitMs`. */
export function waitFor(condition: () => boolean, limitMs: number, what: string): void {
  if (!waitUntil(condition, limitMs, what)) throw new Error(`Timed out after ${limitMs} ms waiting for ${what}`);
}

/** Lets the OS network go quiet (see the file comment); returns after at most SETTLE_LIMIT_MS. */
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
function dump(open: string[], leftover: Row[]): string {
  return [...(leftover.length ? [`unread notifications: ${JSON.stringify(leftover)}`] : []), ...open, ...osNetwork.describe(), describeThread()].join('\n');
}

/** Runs `body` in a fresh real-loopback world that must end empty (`relaxEnd`: after an expected failure). */
export async function withOsWorld(body: (world: NetWorld) => void | Promise<void>, relaxEnd = false): Promise<void> {
  W.setDefaultNetworkHost(null);
  W.WSAStartup(0x0202, new W.WSADATA());
  const hwnd = createMessageWindow((h, m, w, l) => DefWindowProc(h, m, w, l), 'notifications');
  const world: NetWorld = {
    kind: 'real',
    hwnd,
    simWorld: undefined,
    settle: (ms = 0) => settleOsNetwork(ms),
    take: (s) => takeNotifications(hwnd, s),
    expect(s, rows, context = '') {
      settleOsNetwork();
      const actual = takeNotifications(hwnd, s);
      try {
        assertSequence(actual, rows, context || `notifications for socket 0x${s.toString(16)}`);
      } catch (e) {
        if (e instanceof Error) e.message = `${e.message}\n${dump(W.describeSockets(), [])}`;
        throw e;
      }
    },
    differs(network, reason, fn, failsWith) {
      if (network === 'real') expectDeviation(network, reason, fn, failsWith);
      else fn();
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
    for (const line of open) W.closesocket(Number.parseInt(line.slice('SOCKET 0x'.length), 16));
    const released = waitUntil(() => osNetwork.openSocketCount() === 0, RELEASE_LIMIT_MS, 'the network thread releasing every socket');
    if (open.length > 0 || !released || !isThreadEmpty() || leftover.length > 0) {
      throw new Error(`The spec left a non-empty world (real network):\n${dump(open, leftover)}`);
    }
  } finally {
    // A failed spec's peer threads end before its sockets are closed behind their backs.
    endLivePeers();
    for (const line of W.describeSockets()) W.closesocket(Number.parseInt(line.slice('SOCKET 0x'.length), 16));
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
