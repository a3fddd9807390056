// CSocket over the simulated network: a request/response ping-pong in which a blocking CSocket
// client on the main thread sends 32 bytes and Receive()s the echo, against a CAsyncSocket echo
// server on a second simulated thread that the simulation pumps while the client waits (the whole
// path: send → simulated segments → FD_READ → the server thread's socket window → OnReceive → echo
// → the client's nested PumpMessages → retried recv). Baseline, in the same run: the same exchange
// written with CAsyncSocket callbacks (OnReceive sends the next request) driven by a
// GetMessage / DispatchMessage loop. Both clients talk to the same server in one world and are
// measured in interleaved pairs; both check their round trips and every echoed byte.
import { performance } from 'node:perf_hooks';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PostQuitMessage, SendMessage,
  Simulation, WM_APP,
} from '../pump/index.ts';
import { SimNetwork } from '../lib/index.ts';
import * as W from '../lib/index.ts';
import { CAsyncSocket, CSocket } from '../lib/index.ts';
import { interleave, report, timed } from './harness.ts';

const ROUND_TRIPS = 10_000;
const SIZE = 32;
const PORT = 7;
const PAIRS = 9;

/** The server thread's echo socket: every byte it receives goes straight back. */
class CEchoSocket extends CAsyncSocket {
  private readonly buf = new Uint8Array(4096);
  protected override OnReceive(): void {
    const n = this.Receive(this.buf, this.buf.length);
    if (n > 0) this.Send(this.buf, n);
  }
  protected override OnClose(): void {
    this.Close();
  }
}

class CListener extends CAsyncSocket {
  readonly accepted: CEchoSocket[] = [];
  protected override OnAccept(): void {
    const s = new CEchoSocket();
    if (this.Accept(s)) this.accepted.push(s);
  }
}

/** Request number i: its index in the first four bytes, then a fixed pattern. */
function request(i: number): Uint8Array {
  const b = new Uint8Array(SIZE).fill(0xa5);
  new DataView(b.buffer).setUint32(0, i, true);
  return b;
}

function world() {
  const t0 = performance.now();
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const net = new SimNetwork(sim.clock, { seed: 7 });
  sim.addEventSource(net);
  const undoHost = W.useNetworkHost(net.addHost('alpha', '10.0.0.1'));
  W.WSAStartup(0x0202, new W.WSADATA());
  let listener: CListener | undefined;
  let control = 0;
  const server = sim.createThread('echo server', () => {
    W.useNetworkHost(net.addHost('beta', '10.0.0.2'));
    listener = new CListener();
    if (!listener.Create(PORT) || !listener.Listen()) throw new Error(`echo server: ${W.WSAGetLastError()}`);
    control = createMessageWindow((h, m, wp, lp) => {
      if (m !== WM_APP) return DefWindowProc(h, m, wp, lp);
      for (const s of [...listener!.accepted, listener!]) s.Close();
      DestroyWindow(h);
      PostQuitMessage(0);
      return 0;
    });
  });
  return {
    setupMs: () => performance.now() - t0,
    done() {
      SendMessage(control, WM_APP, 0, 0);
      sim.runUntilIdle();
      if (!server.ended || !net.isEmpty()) throw new Error(`Benchmark left a non-empty world:\n${sim.describe()}`);
      W.WSACleanup();
      undoHost();
      sim.removeEventSource(net);
      detach();
    },
  };
}

/** Blocking ping-pong: Send, then Receive until the whole echo is back; counts the verified round trips. */
function blockingSample(client: CSocket): () => number {
  const reply = new Uint8Array(SIZE);
  return timed(ROUND_TRIPS, () => {
    let verified = 0;
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const req = request(i);
      if (client.Send(req, SIZE) !== SIZE) throw new Error(`Send: ${W.WSAGetLastError()}`);
      for (let got = 0; got < SIZE; ) {
        const n = client.Receive(reply.subarray(got), SIZE - got);
        if (n <= 0) throw new Error(`Receive returned ${n}: ${W.WSAGetLastError()}`);
        got += n;
      }
      if (sameBytes(reply, req)) verified++;
    }
    return verified;
  });
}

/** The same exchange with callbacks: OnReceive collects the echo and sends the next request. */
class CPingSocket extends CAsyncSocket {
  readonly reply = new Uint8Array(SIZE);
  got = 0;
  sent = 0;
  completed = 0;
  verified = 0;
  target = 0;

  start(target: number): void {
    this.target = target;
    this.sent = this.completed = this.verified = this.got = 0;
    this.sendNext();
  }
  protected override OnReceive(): void {
    const n = this.Receive(this.reply.subarray(this.got), SIZE - this.got);
    if (n <= 0) throw new Error(`Receive returned ${n}: ${W.WSAGetLastError()}`);
    this.got += n;
    if (this.got < SIZE) return;
    this.completed++;
    if (sameBytes(this.reply, request(this.sent - 1))) this.verified++;
    this.got = 0;
    if (this.sent < this.target) this.sendNext();
  }
  private sendNext(): void {
    if (this.Send(request(this.sent), SIZE) !== SIZE) throw new Error(`Send: ${W.WSAGetLastError()}`);
    this.sent++;
  }
}

const msg = new MSG();
function runLoop(until: () => boolean): void {
  while (!until()) {
    GetMessage(msg, 0, 0, 0);
    DispatchMessage(msg);
  }
}

function callbackSample(client: CPingSocket): () => number {
  return timed(ROUND_TRIPS, () => {
    client.start(ROUND_TRIPS);
    runLoop(() => client.completed === ROUND_TRIPS);
    return client.verified;
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

const w = world();
const blockingClient = new CSocket();
if (!blockingClient.Create() || !blockingClient.Connect('beta', PORT)) throw new Error(`CSocket client: ${W.WSAGetLastError()}`);
const callbackClient = new CPingSocket();
callbackClient.Create();
callbackClient.Connect('beta', PORT);
runLoop(() => callbackClient.GetPeerName(new W.SOCKADDR_IN(), { value: 16 }));
const setupMs = w.setupMs();
const paired = await interleave(PAIRS, blockingSample(blockingClient), callbackSample(callbackClient));
blockingClient.Close();
callbackClient.Close();
w.done();
process.stdout.write(`csocket: setup (simulation, server thread, both connections) ${setupMs.toFixed(1)} ms\n`);
report('csocket', [
  {
    workload: `blocking CSocket ping-pong (${SIZE}-byte request + echo, ${ROUND_TRIPS} round trips, CAsyncSocket server on a simulated thread)`,
    unit: 'round trips/s',
    baseline: 'CAsyncSocket callbacks, same exchange',
    ...paired,
    notes: { setupMs: Math.round(setupMs), roundTrips: ROUND_TRIPS },
  },
]);
