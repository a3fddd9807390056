// What the project's specs add to afxsock/testing's NetWorld: delivering a burst of sends and a
// close so that they arrive together on either network.
import type { NetWorld } from 'afxsock/testing';

/**
 * Runs `deliver` (sends and closes) so that what it sends reaches the receiving sockets at once:
 * simulated, as it is (one virtual instant); real, with the network thread held from reading
 * (NetWorld.hold, osNetwork.holdReceives) until the OS has it all — as bytes and a FIN that one
 * thread sends back to back arrive together on Windows' loopback.
 */
export function deliveredTogether(w: NetWorld, deliver: () => void): void {
  if (w.kind === 'sim') return deliver();
  w.hold();
  try {
    deliver();
  } finally {
    w.release();
  }
}
