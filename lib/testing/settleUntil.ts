// Waiting on either network for something a spec cannot make happen itself (a peer's accept).
import type { NetWorld } from './NetWorld.ts';

/** How many settle(stepMs) rounds settleUntil() gives the network. */
const SETTLE_LOOKS = 400;

/**
 * Lets the network settle (`stepMs` rounds, default 5, at most 400 of them) until `done()` holds,
 * without dispatching the spec's messages; throws `failure()` when it never does.
 *
 * @example
 * settleUntil(w, () => peer.connections() > 0, () => 'the peer accepted nothing');
 */
export function settleUntil(w: NetWorld, done: () => boolean, failure: () => string, stepMs = 5): void {
  for (let look = 0; !done(); look++) {
    if (look === SETTLE_LOOKS) throw new Error(failure());
    w.settle(stepMs);
  }
}
