// What a network spec sees of its world, on either network: the notification window, waiting for
// the network to go quiet, the notifications taken as rows, holding the network, and the means to
// state a known deviation of one network as an executable todo. bothNetworks() gives one body a
// NetWorld twice — once simulated (with the SimWorld behind it), once on real loopback sockets.
import type { FaultRule } from '../index.ts';
import type { NetworkKind } from './knownDeviation.ts';
import type { SequenceRow } from './sequenceDiff.ts';
import type { SimWorld } from './simWorld.ts';

/** A world on either network (withSimWorld's through simNetWorld(), or withRealWorld's). */
export interface NetWorld {
  /** Which network this run of the body uses. */
  readonly kind: NetworkKind;
  /** The window that receives notifications (message WM_USER). */
  readonly hwnd: number;
  /** The simulated world behind a 'sim' run (virtual time, hosts, fault rules); undefined on 'real'. */
  readonly simWorld: SimWorld | undefined;
  /** The seed of a 'sim' run; undefined on 'real'. */
  readonly seed: number | undefined;
  /**
   * Lets the network settle: simulated, `ms` of virtual time (default 200); real, until the network
   * thread and the mailbox have been quiet for a while (at least `ms` if given; bounded).
   */
  settle(ms?: number): void;
  /** Removes the queued notifications of the window and returns them as rows ['FD_READ', 0] (a third column when wParam is not `s`). */
  take(s: number): SequenceRow[];
  /** settle() then compares the notifications with the expected table (a positional diff on failure). */
  expect(s: number, rows: SequenceRow[], context?: string): void;
  /**
   * A known deviation of one network, as an executable todo: on `network`, `body` must fail with
   * `failsWith` — it passes while the behaviour differs and fails once it matches, so that the
   * marker comes off; on the other network `body` must pass.
   */
  differs(network: NetworkKind, reason: string, body: () => void, failsWith: RegExp | string): void;
  /**
   * Adds a fault rule to the simulated network's chain (SimNetwork.faults); returns its remover.
   * Throws on 'real': the OS network has no fault chain.
   */
  addFault(rule: FaultRule): () => void;
  /**
   * Holds the network, as turmoil's hold: what is sent waits, not lost, until release().
   * Simulated: the link between hosts `a` and `b`, or every link (loopback included) without
   * arguments (SimNetwork.hold). Real: only without arguments, and only receives — the network
   * thread stops reading every connection open now (osNetwork.holdReceives), so bytes and FINs
   * wait in the OS; connections made meanwhile and datagrams are not held.
   */
  hold(a?: string, b?: string): void;
  /** Ends a hold() with the same arguments: what it held arrives now, in order. */
  release(a?: string, b?: string): void;
  /** A 127.0.0.1 port that nobody listens on (bound, read back and released). */
  unusedPort(): number;
  /** The range ephemeral ports come from on this network. */
  readonly ephemeralPorts: readonly [number, number];
}
