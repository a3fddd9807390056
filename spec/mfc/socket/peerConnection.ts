// A CSocket on the spec's thread connected to a peer thread (afxsock/testing startPeer), on either network,
// and the bounded waits a spec needs for what another thread or the real network does in its own
// time: pumping until a condition holds, or letting the network settle until bytes arrived.
import { currentClock, DispatchMessage, GetQueueStatus, MSG, PeekMessage, PM_REMOVE, QS_ALLINPUT, waitUntil } from 'afxsock/pump';
import type { CAsyncSocket, CSocket } from 'afxsock';
import { FIONREAD, WSAGetLastError } from 'afxsock';
import { pump } from './socketWorld.ts';
import { settleUntil, type NetWorld, startPeer, type Behaviour, type Peer } from 'afxsock/testing';

/** How many looks a bounded wait takes (a pump(5) between two; on real time each is 20 ms or more). */
const LOOKS = 400;

/** A CSocket client connected to a peer thread (peer.sends, peer.shutsDown, peer.aborts act on the connection). */
export interface Connection<S extends CSocket> {
  client: S;
  peer: Peer;
  /**
   * The bytes the peer has received (its default behaviour collects them), once there are at least
   * `count`: the spec's message loop runs (pump(5)) between looks, bounded.
   */
  peerReceived(count?: number): Uint8Array;
  /** Closes the client, lets the peer see it, and ends the peer's thread (closing its sockets). */
  end(): void;
}

/**
 * Connects `client` (created here) to a peer that listens for one connection on `port` (simulated;
 * the real network picks an ephemeral port) and treats it as `behaviour` says (default: collect
 * what arrives, send nothing). Returns once the connection is up, the FD_WRITE that followed it was
 * dispatched and the peer has accepted it.
 */
export function connect<S extends CSocket>(w: NetWorld, port: number, client: S, behaviour: Behaviour = {}): Connection<S> {
  const peer = startPeer(w, `peer ${port}`);
  const c = connectTo(w, peer, peer.listen(port, { ...behaviour, oneConnection: true }), client);
  // A real peer accepts in its own time (late on a busy machine): commands on the connection need it.
  peer.awaitConnections(1);
  return c;
}

/** As connect(), to a peer the spec started, listening (one connection) on `port`; it does not wait for that peer's accept. */
export function connectTo<S extends CSocket>(w: NetWorld, peer: Peer, port: number, client: S): Connection<S> {
  if (!client.Create()) throw new Error(`Create failed with ${WSAGetLastError()}`);
  if (!client.Connect(peer.host, port)) throw new Error(`Connect failed with ${WSAGetLastError()}`);
  pump(10);
  return {
    client,
    peer,
    peerReceived: (count = 0) => eventually(() => peer.received(), (got) => got.length >= count, `the peer to receive ${count} bytes`),
    end() {
      client.Close();
      pump();
      peer.end();
    },
  };
}

/**
 * `probe()` once `done` says so: the spec's message loop runs (pump(5)) between looks, bounded. For
 * what another thread does in its own time (a real peer handles the spec's command, a SendMessage,
 * before the FD_READ it has queued).
 */
export function eventually<T>(probe: () => T, done: (value: T) => boolean, what: string): T {
  for (let look = 0; ; look++) {
    const value = probe();
    if (done(value)) return value;
    if (look === LOOKS) throw new Error(`Gave up waiting for ${what}: the last look found ${JSON.stringify(value)}`);
    pump(5);
  }
}

const msg = new MSG();

/**
 * Runs the spec's message loop (PeekMessage + DispatchMessage, waiting for input in between) until
 * `condition` holds; throws after `limitMs` on the thread's clock. A handshake with the peer: the
 * spec sends the next piece once the client has handled the last one.
 */
export function pumpUntil(condition: () => boolean, what: string, limitMs = 5000): void {
  const clock = currentClock();
  const end = clock.nowMs() + limitMs;
  while (!condition()) {
    if (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) {
      DispatchMessage(msg);
      continue;
    }
    const left = end - clock.nowMs();
    if (left <= 0) throw new Error(`Timed out after ${limitMs} ms waiting for ${what}`);
    waitUntil(() => GetQueueStatus(QS_ALLINPUT) >>> 16 !== 0, left, what);
  }
}

/**
 * Lets the network settle until `count` bytes wait in `s` (IOCtl FIONREAD), without dispatching the
 * spec's messages: a settle of `ms` first, then bounded looks.
 */
export function settleUntilInSocket(w: NetWorld, s: CAsyncSocket, count: number, ms: number): void {
  w.settle(ms);
  settleUntil(w, () => inSocket(s) >= count, () => `${count} bytes did not arrive (${inSocket(s)} did)`);
}

/** `bytes` cut into pieces of `size` bytes (the last may be shorter). */
export function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}

/** Bytes waiting in the socket (IOCtl FIONREAD). */
export function inSocket(s: CAsyncSocket): number {
  const n = { value: 0 };
  if (!s.IOCtl(FIONREAD, n)) throw new Error(`IOCtl(FIONREAD) failed with ${WSAGetLastError()}`);
  return n.value;
}
