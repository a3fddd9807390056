// Winsock over the simulated network, two workloads:
// 1. notifications: 1,000 loopback connections; each round every client sends one byte, and the
//    main thread's GetMessage/DispatchMessage loop delivers one FD_READ per connection to a window
//    procedure that recv()s it (the whole path: segment on the event heap → arming rules →
//    PostMessage → GetMessage → DispatchMessage → recv re-arm). Baseline, interleaved with it: the
//    pump alone, the same number of messages posted to a window and retrieved and dispatched in
//    the same batches (issue 18.3: what an FD_READ costs beyond the queue's own work).
// 2. connections: 10,000 simultaneous connections, each exchanging a 100-byte request and reply;
//    reports setup time, exchange rate and memory per connection (heap after GC).
// Every figure is checked: notifications dispatched and bytes received are counted and compared.
import { performance } from 'node:perf_hooks';
import { createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PostMessage, Simulation, WM_USER } from '../pump/index.ts';
import { SimNetwork } from '../lib/index.ts';
import * as W from '../lib/index.ts';
import { interleave, report, timed, type BenchRow } from './harness.ts';

const PAIRS = 1000;
const ROUNDS = 100; // long enough a sample (about half a second) that a busy machine averages out
const CONNECTIONS = 10_000;
const PAIRED_ROUNDS = 9; // interleaved pairs of the notification row

function world(): { sim: Simulation; net: SimNetwork; done: () => void } {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const net = new SimNetwork(sim.clock, { seed: 1, backlogMax: CONNECTIONS });
  sim.addEventSource(net);
  const undo = W.useNetworkHost(net.addHost('alpha', '10.0.0.1'));
  W.WSAStartup(0x0202, new W.WSADATA());
  return {
    sim,
    net,
    done: () => {
      sim.runUntilIdle();
      if (!net.isEmpty()) throw new Error(`Benchmark left a non-empty network:\n${net.describe().slice(0, 20).join('\n')}`);
      W.WSACleanup();
      undo();
      sim.removeEventSource(net);
      detach();
    },
  };
}

/** n connected loopback pairs (non-blocking), via one listener. */
function pairs(n: number, sim: Simulation): { clients: number[]; servers: number[] } {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('127.0.0.1')));
  W.bind(listener, addr, 16);
  W.listen(listener, n);
  W.getsockname(listener, addr, { value: 16 });
  const clients: number[] = [];
  const servers: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
    W.ioctlsocket(c, W.FIONBIO, { value: 1 });
    W.connect(c, addr, 16);
    clients.push(c);
  }
  sim.runUntilIdle();
  W.ioctlsocket(listener, W.FIONBIO, { value: 1 });
  for (let i = 0; i < n; i++) {
    const s = W.accept(listener, null, null);
    if (s === W.INVALID_SOCKET) throw new Error(`accept ${i} failed: ${W.WSAGetLastError()}`);
    servers.push(s);
  }
  W.closesocket(listener);
  return { clients, servers };
}

async function notificationRow(): Promise<BenchRow> {
  const t0 = performance.now();
  const w = world();
  let dispatched = 0;
  const one = new Uint8Array(1);
  const hwnd = createMessageWindow((h, m, wParam, lParam) => {
    if (m !== WM_USER) return DefWindowProc(h, m, wParam, lParam);
    if (W.WSAGETSELECTEVENT(lParam as number) === W.FD_READ && W.recv(wParam, one, 1, 0) === 1) dispatched++;
    return 0;
  });
  const { clients, servers } = pairs(PAIRS, w.sim);
  for (const s of servers) W.WSAAsyncSelect(s, hwnd, WM_USER, W.FD_READ);
  const setupMs = performance.now() - t0;
  const msg = new MSG();
  const ops = PAIRS * ROUNDS;
  const notifications = timed(ops, () => {
    dispatched = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of clients) W.send(c, one, 1, 0);
      for (let i = 0; i < PAIRS; i++) {
        GetMessage(msg, 0, 0, 0);
        DispatchMessage(msg);
      }
    }
    return dispatched;
  });
  // The baseline's window procedure counts as little as the socket one does, minus the recv.
  let posted = 0;
  const plain = createMessageWindow((h, m, wParam, lParam) => (m === WM_USER ? (posted++, 0) : DefWindowProc(h, m, wParam, lParam)));
  const postDispatch = timed(ops, () => {
    posted = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < PAIRS; i++) PostMessage(plain, WM_USER, i, 0);
      for (let i = 0; i < PAIRS; i++) {
        GetMessage(msg, 0, 0, 0);
        DispatchMessage(msg);
      }
    }
    return posted;
  });
  const paired = await interleave(PAIRED_ROUNDS, notifications, postDispatch);
  for (const s of [...clients, ...servers]) W.closesocket(s);
  DestroyWindow(plain);
  DestroyWindow(hwnd);
  w.done();
  return {
    workload: `FD_READ notifications dispatched (${PAIRS} connections × ${ROUNDS} rounds, recv per notification)`,
    unit: 'notifications/s',
    baseline: "the pump's post → GetMessage → DispatchMessage, same count and batches",
    ...paired,
    goal: "≥ 0.3× the pump's post → dispatch rate",
    notes: { setupMs: Math.round(setupMs) },
  };
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function connectionWorkload(): BenchRow {
  const before = heapUsed();
  const t0 = performance.now();
  const w = world();
  const { clients, servers } = pairs(CONNECTIONS, w.sim);
  const setupMs = performance.now() - t0;
  const memoryPerConnection = (heapUsed() - before) / CONNECTIONS;
  for (const s of servers) W.ioctlsocket(s, W.FIONBIO, { value: 1 });
  const request = new Uint8Array(100).fill(7);
  const buf = new Uint8Array(100);
  const t1 = performance.now();
  let received = 0;
  for (const c of clients) W.send(c, request, 100, 0);
  w.sim.runUntilIdle();
  for (const s of servers) {
    const n = W.recv(s, buf, 100, 0);
    if (n > 0) received += n;
    W.send(s, buf, n, 0);
  }
  w.sim.runUntilIdle();
  for (const c of clients) {
    const n = W.recv(c, buf, 100, 0);
    if (n > 0) received += n;
  }
  const exchangeMs = performance.now() - t1;
  if (received !== CONNECTIONS * 200) throw new Error(`Benchmark self-check failed: received ${received} bytes, expected ${CONNECTIONS * 200}`);
  for (const s of [...clients, ...servers]) W.closesocket(s);
  w.done();
  return {
    workload: `${CONNECTIONS} simultaneous connections, 100-byte request + reply each`,
    figure: (CONNECTIONS * 1000) / exchangeMs,
    unit: 'exchanges/s',
    baseline: '',
    baselineFigure: null,
    ratio: null,
    goal: '10,000 simultaneous simulated connections exchanging data',
    notes: {
      setupMs: Math.round(setupMs),
      exchangeMs: Math.round(exchangeMs),
      heapBytesPerConnection: Math.round(memoryPerConnection),
      gc: (globalThis as { gc?: unknown }).gc ? 'forced' : 'not exposed (run with --expose-gc)',
    },
  };
}

const notifications = await notificationRow();
const connections = connectionWorkload();
process.stdout.write(
  `winsock: notifications setup ${notifications.notes!.setupMs} ms; connections setup ${connections.notes!.setupMs} ms, ` +
    `heap ${connections.notes!.heapBytesPerConnection} bytes per connection (both ends)\n`,
);
report('winsock', [notifications, connections]);
