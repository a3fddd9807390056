// What a network spec sees of its world, on either network: the notification window, waiting for
// the network to go quiet, the notifications taken as rows, and the means to state a known
// deviation of one network as an executable todo. dualSuite gives every test a NetWorld twice —
// once simulated (with the SimWorld behind it), once on real loopback sockets.
import type { SimWorld } from './simWorld.ts';
import type { Row } from './sequence.ts';
import type { CAsyncSocket } from 'afxsock';
import * as W from 'afxsock';
import { osNetwork } from 'afxsock';

export type NetworkKind = 'sim' | 'real';

export interface NetWorld {
  /** Which network this run of the test uses. */
  readonly kind: NetworkKind;
  /** The window that receives notifications (message WM_USER). */
  readonly hwnd: number;
  /** The simulated world behind a 'sim' run (virtual time, hosts, fault rules); undefined on 'real'. */
  readonly simWorld: SimWorld | undefined;
  /**
   * Lets the network settle: simulated, `ms` of virtual time (default 200); real, until the network
   * thread and the mailbox have been quiet for a while (at least `ms` if given; bounded).
   */
  settle(ms?: number): void;
  /** Removes the queued notifications and returns them as rows ['FD_READ', 0] (a third column when wParam is not `s`). */
  take(s: number): Row[];
  /** settle() then compares the notifications with the expected table. */
  expect(s: number, rows: Row[], context?: string): void;
  /**
   * A known deviation of one network, as an executable todo: on `network`, `body` must fail (and
   * its message match `failsWith`, if given) — it passes while the behaviour differs and fails
   * once it matches, so that the marker comes off; on the other network `body` must pass.
   */
  differs(network: NetworkKind, reason: string, body: () => void, failsWith?: RegExp): void;
  /** A 127.0.0.1 port that nobody listens on (bound, read back and released). */
  unusedPort(): number;
  /** The range ephemeral ports come from on this network. */
  readonly ephemeralPorts: readonly [number, number];
}

/** Runs a body expected to fail on its network (an executable todo); throws if it passes or fails otherwise. */
export function expectDeviation(network: NetworkKind, reason: string, body: () => unknown, failsWith?: RegExp): void {
  let failure: unknown;
  try {
    body();
  } catch (e) {
    failure = e;
  }
  if (failure === undefined) {
    throw new Error(`Known deviation on the ${network} network no longer occurs — remove the todo marker: ${reason}`);
  }
  const message = failure instanceof Error ? failure.message : String(failure);
  if (failsWith && !failsWith.test(message)) {
    throw new Error(`Known deviation on the ${network} network (${reason}) failed for another reason: ${message}`);
  }
}

/** Binds a TCP socket to 127.0.0.1:0, reads the port back and closes it: a port nobody listens on. */
export function unusedLoopbackPort(): number {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('127.0.0.1')));
  if (W.bind(s, addr, 16) === W.SOCKET_ERROR || W.getsockname(s, addr, { value: 16 }) === W.SOCKET_ERROR) {
    throw new Error(`Cannot find an unused port: ${W.WSAGetLastError()}`);
  }
  W.closesocket(s);
  return W.ntohs(addr.sin_port);
}

/** How many settle(5) rounds settleUntil() gives the network. */
const SETTLE_LOOKS = 400;

/**
 * Lets the network settle (`stepMs` rounds, default 5, bounded) until `done()` holds, without
 * dispatching the spec's messages; throws `failure()` when it never does.
 */
export function settleUntil(w: NetWorld, done: () => boolean, failure: () => string, stepMs = 5): void {
  for (let look = 0; !done(); look++) {
    if (look === SETTLE_LOOKS) throw new Error(failure());
    w.settle(stepMs);
  }
}

/** The port a socket is bound to (GetSockName's UINT& out-parameter). */
export function portOf(s: CAsyncSocket): number {
  const address = { value: '' };
  const port = { value: 0 };
  if (!s.GetSockName(address, port)) throw new Error(`GetSockName failed with ${W.WSAGetLastError()}`);
  return port.value;
}

/**
 * Runs `deliver` (sends and closes) so that what it sends reaches the receiving sockets at once:
 * simulated, as it is (one virtual instant); real, with the network thread held from reading
 * (osNetwork.holdReceives, fault injection) until the OS has it all — as bytes and a FIN that one
 * thread sends back to back arrive together on Windows' loopback.
 */
export function deliveredTogether(w: NetWorld, deliver: () => void): void {
  if (w.kind === 'sim') return deliver();
  osNetwork.holdReceives(true);
  try {
    deliver();
    osNetwork.barrier();
  } finally {
    osNetwork.holdReceives(false);
  }
}
