// The real network (lib/net/os) against raw node:net, measured in the same run on 127.0.0.1:
// 1. request/response round trips (32 bytes each way, TCP_NODELAY) to a plain node:net echo server
//    on a worker thread, from: a raw node:net client (the baseline), the Winsock facade with
//    WSAAsyncSelect and a GetMessage loop, a CAsyncSocket whose OnReceive sends the next request,
//    and a blocking CSocket (Send, then Receive);
// 2. bulk throughput to a node:net sink on a worker thread: raw node:net writes (baseline), CSocket
//    Send of 1 MiB chunks (default 64 KiB buffers, and SO_SNDBUF 1 MiB), CSocket + CArchive Write;
// 3. 1,000 concurrent connections on one thread, both ends afxsock (accept, then a 100-byte
//    request and its echo on every connection), against the same with raw node:net.
// Each workload checks its own counts (round trips answered, bytes the sink counted, replies).
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { connect, createServer, type Socket } from 'node:net';
import { createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PeekMessage, PM_REMOVE, waitUntil, WM_USER } from '../pump/index.ts';
import { CArchive } from '../lib/index.ts';
import { CAsyncSocket, CSocket } from '../lib/index.ts';
import { CSocketFile } from '../lib/index.ts';
import * as W from '../lib/index.ts';
import { report, type BenchRow } from './harness.ts';

const ROUND_TRIPS = 5000;
const MESSAGE = 32;
const BULK_BYTES = 256 << 20;
const CHUNK = 1 << 20;
const CONNECTIONS = 1000;
const BATCH = 100; // connections opened at once (below the backlog of 200)
const ALL = W.FD_READ | W.FD_WRITE | W.FD_OOB | W.FD_ACCEPT | W.FD_CONNECT | W.FD_CLOSE;
const tsxApi = import.meta.resolve('tsx/esm/api');

// The node:net peer on its worker thread ---------------------------------------------------------------

class Peer {
  private readonly worker: Worker;
  private readonly waiting: ((m: Record<string, number>) => void)[] = [];

  constructor() {
    const fixture = new URL('./fixtures/rawNetPeer.ts', import.meta.url).href;
    this.worker = new Worker(`import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(fixture)}); })`, { eval: true });
    this.worker.on('message', (m: Record<string, number>) => this.waiting.shift()?.(m));
  }

  ask(op: string, bytes?: number): Promise<Record<string, number>> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.worker.postMessage({ op, bytes });
    });
  }

  /** Arms the sink; `reached` resolves once it has counted `bytes` (wrapped: an async function would flatten it). */
  async expect(bytes: number): Promise<{ reached: Promise<Record<string, number>> }> {
    await this.ask('expect', bytes);
    return { reached: new Promise((resolve) => this.waiting.push(resolve)) };
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

function loopback(port: number): W.SOCKADDR_IN {
  return new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.0.0.1')));
}

function noDelay(s: number): void {
  const one = new Uint8Array([1, 0, 0, 0]);
  W.setsockopt(s, W.IPPROTO_TCP, W.TCP_NODELAY, one, 4);
}

function checked(what: string, got: number, expected: number): void {
  if (got !== expected) throw new Error(`Benchmark self-check failed: ${what}: ${got}, expected ${expected}`);
}

/** Best of `runs` async measurements; `fn` resolves with the count to check. Ops per second. */
async function bestAsync(runs: number, ops: number, fn: () => Promise<number>, expected = ops): Promise<number> {
  let best = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    checked('count', await fn(), expected);
    const perSecond = (ops / (performance.now() - t0)) * 1000;
    if (i > 0) best = Math.max(best, perSecond); // the first run warms up
  }
  return best;
}

// 1. Round trips -------------------------------------------------------------------------------------------

async function rawRoundTrips(port: number): Promise<number> {
  const c = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise((resolve) => c.once('connect', resolve));
  const request = Buffer.alloc(MESSAGE, 7);
  const rate = await bestAsync(3, ROUND_TRIPS, () => new Promise<number>((resolve) => {
    let done = 0;
    let pending = 0;
    const onData = (d: Buffer) => {
      pending += d.length;
      while (pending >= MESSAGE) {
        pending -= MESSAGE;
        if (++done === ROUND_TRIPS) {
          c.off('data', onData);
          return resolve(done);
        }
        c.write(request);
      }
    };
    c.on('data', onData);
    c.write(request);
  }));
  c.destroy();
  return rate;
}

function winsockRoundTrips(port: number): number {
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  noDelay(s);
  W.connect(s, loopback(port), 16);
  const request = new Uint8Array(MESSAGE).fill(7);
  const buf = new Uint8Array(4096);
  let done = 0;
  let pending = 0;
  const hwnd = createMessageWindow((h, m, w, l) => {
    if (m !== WM_USER) return DefWindowProc(h, m, w, l);
    if (W.WSAGETSELECTEVENT(l as number) !== W.FD_READ) return 0;
    const n = W.recv(s, buf, buf.length, 0);
    if (n <= 0) return 0;
    pending += n;
    while (pending >= MESSAGE) {
      pending -= MESSAGE;
      if (++done < ROUND_TRIPS) W.send(s, request, MESSAGE, 0);
    }
    return 0;
  });
  W.WSAAsyncSelect(s, hwnd, WM_USER, W.FD_READ);
  const msg = new MSG();
  const rate = bestSync(() => {
    done = 0;
    W.send(s, request, MESSAGE, 0);
    while (done < ROUND_TRIPS && GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
    return done;
  });
  W.closesocket(s);
  drain();
  DestroyWindow(hwnd);
  return rate;
}

class PingSocket extends CAsyncSocket {
  done = 0;
  private pending = 0;
  private readonly buf = new Uint8Array(4096);
  readonly request = new Uint8Array(MESSAGE).fill(7);

  protected override OnReceive(): void {
    const n = this.Receive(this.buf, this.buf.length);
    if (n <= 0) return;
    this.pending += n;
    while (this.pending >= MESSAGE) {
      this.pending -= MESSAGE;
      if (++this.done < ROUND_TRIPS) this.Send(this.request, MESSAGE);
    }
  }
}

function cAsyncSocketRoundTrips(port: number): number {
  const s = new PingSocket();
  s.Create();
  s.SetSockOpt(W.TCP_NODELAY, new Uint8Array([1, 0, 0, 0]), 4, W.IPPROTO_TCP);
  s.Connect('127.0.0.1', port);
  const msg = new MSG();
  // Until OnConnect's FD_CONNECT and the first FD_WRITE are dispatched.
  waitUntil(() => false, 20, 'the connection');
  drainDispatch();
  const rate = bestSync(() => {
    s.done = 0;
    s.Send(s.request, MESSAGE);
    while (s.done < ROUND_TRIPS && GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
    return s.done;
  });
  s.Close();
  drainDispatch();
  return rate;
}

function cSocketRoundTrips(port: number): number {
  const s = new CSocket();
  s.Create();
  s.SetSockOpt(W.TCP_NODELAY, new Uint8Array([1, 0, 0, 0]), 4, W.IPPROTO_TCP);
  if (!s.Connect('127.0.0.1', port)) throw new Error(`CSocket.Connect failed: ${W.WSAGetLastError()}`);
  const request = new Uint8Array(MESSAGE).fill(7);
  const reply = new Uint8Array(MESSAGE);
  const rate = bestSync(() => {
    let done = 0;
    for (let i = 0; i < ROUND_TRIPS; i++) {
      s.Send(request, MESSAGE);
      let got = 0;
      while (got < MESSAGE) got += s.Receive(reply.subarray(got), MESSAGE - got);
      done++;
    }
    return done;
  });
  s.Close();
  drainDispatch();
  return rate;
}

/** Best of 3 synchronous measurements after a warm-up; ROUND_TRIPS per second. */
function bestSync(fn: () => number): number {
  let best = 0;
  for (let i = 0; i <= 3; i++) {
    const t0 = performance.now();
    checked('round trips', fn(), ROUND_TRIPS);
    if (i > 0) best = Math.max(best, (ROUND_TRIPS / (performance.now() - t0)) * 1000);
  }
  return best;
}

function drain(): void {
  const msg = new MSG();
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) {
    // dropped
  }
}

function drainDispatch(): void {
  const msg = new MSG();
  waitUntil(() => false, 20, 'notifications to arrive');
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
}

// 2. Bulk throughput -----------------------------------------------------------------------------------------

async function rawBulk(peer: Peer, port: number): Promise<number> {
  const chunk = Buffer.alloc(CHUNK, 1);
  return bestAsync(2, BULK_BYTES, async () => {
    const { reached } = await peer.expect(BULK_BYTES);
    const c = connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => c.once('connect', resolve));
    for (let sent = 0; sent < BULK_BYTES; sent += CHUNK) {
      if (!c.write(chunk)) await new Promise((resolve) => c.once('drain', resolve));
    }
    const got = (await reached).reached!;
    c.destroy();
    return got;
  });
}

async function cSocketBulk(peer: Peer, port: number, sendBufferBytes: number, withArchive: boolean): Promise<number> {
  const chunk = new Uint8Array(CHUNK).fill(1);
  return bestAsync(2, BULK_BYTES, async () => {
    const { reached } = await peer.expect(BULK_BYTES);
    const s = new CSocket();
    s.Create();
    s.SetSockOpt(W.SO_SNDBUF, new Uint8Array(new Int32Array([sendBufferBytes]).buffer), 4);
    if (!s.Connect('127.0.0.1', port)) throw new Error(`CSocket.Connect failed: ${W.WSAGetLastError()}`);
    if (withArchive) {
      const ar = new CArchive(new CSocketFile(s), CArchive.store);
      for (let sent = 0; sent < BULK_BYTES; sent += CHUNK) ar.Write(chunk, CHUNK);
      ar.Close();
    } else {
      for (let sent = 0; sent < BULK_BYTES; sent += CHUNK) checked('CSocket.Send', s.Send(chunk, CHUNK), CHUNK);
    }
    const got = (await reached).reached!;
    s.Close();
    drainDispatch();
    return got;
  });
}

// 3. 1,000 connections on one thread -------------------------------------------------------------------------

function afxsockConnections(): { setupMs: number; exchangeMs: number } {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = loopback(0);
  W.bind(listener, addr, 16);
  W.listen(listener, 200);
  W.getsockname(listener, addr, { value: 16 });
  const servers: number[] = [];
  const clients: number[] = [];
  let connected = 0;
  let replies = 0;
  const buf = new Uint8Array(256);
  const request = new Uint8Array(100).fill(3);
  const hwnd = createMessageWindow((h, m, wParam, lParam) => {
    if (m !== WM_USER) return DefWindowProc(h, m, wParam, lParam);
    const event = W.WSAGETSELECTEVENT(lParam as number);
    if (event === W.FD_ACCEPT) {
      for (let s = W.accept(listener, null, null); s !== W.INVALID_SOCKET; s = W.accept(listener, null, null)) servers.push(s);
    } else if (event === W.FD_CONNECT) {
      connected++;
    } else if (event === W.FD_READ) {
      const n = W.recv(wParam, buf, buf.length, 0);
      if (n > 0 && servers.includes(wParam)) W.send(wParam, buf, n, 0);
      else if (n > 0) replies += n;
    }
    return 0;
  });
  const msg = new MSG();
  const pumpUntil = (done: () => boolean, what: string) => {
    const limit = performance.now() + 60_000;
    while (!done()) {
      if (!waitUntil(() => PeekMessage(msg, 0, 0, 0, PM_REMOVE), Math.max(1, limit - performance.now()), what)) {
        throw new Error(`Benchmark stalled waiting for ${what}: ${clients.length} clients, ${connected} connected, ${servers.length} accepted, ${replies} bytes echoed`);
      }
      DispatchMessage(msg);
    }
  };
  const t0 = performance.now();
  W.WSAAsyncSelect(listener, hwnd, WM_USER, W.FD_ACCEPT | W.FD_READ);
  for (let batch = 0; batch < CONNECTIONS / BATCH; batch++) {
    for (let i = 0; i < BATCH; i++) {
      const c = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
      W.WSAAsyncSelect(c, hwnd, WM_USER, W.FD_CONNECT | W.FD_READ);
      W.connect(c, addr, 16);
      clients.push(c);
    }
    pumpUntil(() => connected === clients.length && servers.length === clients.length, 'connections');
  }
  const setupMs = performance.now() - t0;
  const t1 = performance.now();
  for (const c of clients) W.send(c, request, request.length, 0);
  pumpUntil(() => replies === CONNECTIONS * request.length, 'echoes');
  const exchangeMs = performance.now() - t1;
  checked('echoed bytes', replies, CONNECTIONS * request.length);
  for (const s of [...clients, ...servers, listener]) W.closesocket(s);
  drain();
  DestroyWindow(hwnd);
  return { setupMs, exchangeMs };
}

async function rawConnections(): Promise<{ setupMs: number; exchangeMs: number }> {
  const server = createServer((s) => s.on('data', (d) => s.write(d)));
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, resolve));
  const port = (server.address() as { port: number }).port;
  const t0 = performance.now();
  const clients: Socket[] = [];
  for (let batch = 0; batch < CONNECTIONS / BATCH; batch++) {
    const opened = [];
    for (let i = 0; i < BATCH; i++) {
      const c = connect({ host: '127.0.0.1', port });
      clients.push(c);
      opened.push(new Promise((resolve) => c.once('connect', resolve)));
    }
    await Promise.all(opened);
  }
  const setupMs = performance.now() - t0;
  const t1 = performance.now();
  let replies = 0;
  await new Promise<void>((resolve) => {
    for (const c of clients) {
      c.on('data', (d) => {
        replies += d.length;
        if (replies === CONNECTIONS * 100) resolve();
      });
      c.write(Buffer.alloc(100, 3));
    }
  });
  const exchangeMs = performance.now() - t1;
  checked('echoed bytes', replies, CONNECTIONS * 100);
  for (const c of clients) c.destroy();
  server.close();
  return { setupMs, exchangeMs };
}

// Run ----------------------------------------------------------------------------------------------------------

W.WSAStartup(0x0202, new W.WSADATA());
const echo = new Peer();
const echoPort = (await echo.ask('echo')).port!;
const rawRtt = await rawRoundTrips(echoPort);
const winsockRtt = winsockRoundTrips(echoPort);
const asyncRtt = cAsyncSocketRoundTrips(echoPort);
const cSocketRtt = cSocketRoundTrips(echoPort);
await echo.stop();

const sink = new Peer();
const sinkPort = (await sink.ask('sink')).port!;
const rawBulkRate = await rawBulk(sink, sinkPort);
const cSocketBulkRate = await cSocketBulk(sink, sinkPort, 65536, false);
const cSocketBigBulkRate = await cSocketBulk(sink, sinkPort, 1 << 20, false);
const archiveBulkRate = await cSocketBulk(sink, sinkPort, 1 << 20, true);
await sink.stop();

const rawConn = await rawConnections();
const afxConn = afxsockConnections();
W.WSACleanup();

const MBs = (bytesPerSecond: number) => bytesPerSecond / (1 << 20);
const rtt = (workload: string, figure: number): BenchRow => ({
  workload: `${workload}: ${ROUND_TRIPS} round trips of ${MESSAGE} bytes to a node:net echo thread`,
  figure,
  unit: 'round trips/s',
  baseline: 'raw node:net client',
  baselineFigure: rawRtt,
  ratio: figure / rawRtt,
  goal: 'within 2x of raw node:net (ratio >= 0.5)',
});
const bulk = (workload: string, figure: number): BenchRow => ({
  workload: `${workload}: ${BULK_BYTES >> 20} MB to a node:net sink thread`,
  figure: MBs(figure),
  unit: 'MB/s',
  baseline: 'raw node:net writes',
  baselineFigure: MBs(rawBulkRate),
  ratio: figure / rawBulkRate,
  goal: 'at least half of raw node:net (ratio >= 0.5)',
});
report('realnet', [
  rtt('Winsock send/recv with WSAAsyncSelect and GetMessage', winsockRtt),
  rtt('CAsyncSocket OnReceive sends the next request', asyncRtt),
  rtt('CSocket blocking Send + Receive', cSocketRtt),
  bulk('CSocket.Send 1 MiB chunks, SO_SNDBUF 64 KiB (default)', cSocketBulkRate),
  bulk('CSocket.Send 1 MiB chunks, SO_SNDBUF 1 MiB', cSocketBigBulkRate),
  bulk('CSocket + CArchive.Write 1 MiB chunks, SO_SNDBUF 1 MiB', archiveBulkRate),
  {
    workload: `${CONNECTIONS} concurrent connections on one thread (both ends afxsock, WSAAsyncSelect): 100-byte request + echo each`,
    figure: (CONNECTIONS * 1000) / afxConn.exchangeMs,
    unit: 'exchanges/s',
    baseline: 'raw node:net, both ends on one event loop',
    baselineFigure: (CONNECTIONS * 1000) / rawConn.exchangeMs,
    ratio: rawConn.exchangeMs / afxConn.exchangeMs,
    goal: '1,000 concurrent connections on one thread',
    notes: { setupMs: Math.round(afxConn.setupMs), rawSetupMs: Math.round(rawConn.setupMs) },
  },
]);
