// The real network (lib/net/os) against raw node:net, measured in the same run on 127.0.0.1:
// 1. request/response round trips (32 bytes each way, TCP_NODELAY) to a plain node:net echo server
//    on a worker thread, from: a raw node:net client (the baseline), the Winsock facade with
//    WSAAsyncSelect and a GetMessage loop, a CAsyncSocket whose OnReceive sends the next request,
//    and a blocking CSocket (Send, then Receive);
// 2. bulk throughput to a node:net sink on a worker thread: raw node:net writes (baseline), CSocket
//    Send of 1 MiB chunks, and CSocket + CArchive Write of them, each with the default 64 KiB
//    buffers and with SO_SNDBUF 1 MiB;
// 3. 1,000 and 10,000 concurrent connections on one thread, both ends afxsock (accept, then a
//    100-byte request and its echo on every connection), against the same with raw node:net, and
//    the memory each connection costs the application and the network thread.
// Every row measures its workload and the raw node:net baseline in interleaved pairs (harness.ts
// interleave()). Each workload checks its own counts (round trips answered, bytes the sink
// counted, replies).
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { connect, createServer, type Socket } from 'node:net';
import { createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PeekMessage, PM_REMOVE, waitUntil, WM_USER } from '../pump/index.ts';
import { CArchive } from '../lib/index.ts';
import { CAsyncSocket, CSocket } from '../lib/index.ts';
import { CSocketFile } from '../lib/index.ts';
import * as W from '../lib/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { interleave, quantile, report, timed, type BenchRow, type Paired } from './harness.ts';

const ROUND_TRIPS = 5000;
const MESSAGE = 32;
const BULK_BYTES = 256 << 20;
const CHUNK = 1 << 20;
const CONNECTIONS = 1000;
const MANY_CONNECTIONS = 10_000;
const BATCH = 100; // connections opened at once (below the backlog of 200)
// Interleaved pairs per row, chosen so that the whole file stays near three minutes: a round-trip or
// bulk pair takes under a second, a 1,000-connection pair about one, a 10,000-connection pair
// fifteen (mostly opening the connections).
const PAIRS = 7;
const MANY_PAIRS = 5;
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

// 1. Round trips -------------------------------------------------------------------------------------------

/** A round trip workload: `sample` measures ROUND_TRIPS of them, `close` ends its connection. */
interface RoundTrips { sample: () => number | Promise<number>; close: () => void }

async function rawRoundTrips(port: number): Promise<RoundTrips> {
  const c = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise((resolve) => c.once('connect', resolve));
  const request = Buffer.alloc(MESSAGE, 7);
  const sample = timed(ROUND_TRIPS, () => new Promise<number>((resolve) => {
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
  return { sample, close: () => c.destroy() };
}

function winsockRoundTrips(port: number): RoundTrips {
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
  const sample = timed(ROUND_TRIPS, () => {
    done = 0;
    W.send(s, request, MESSAGE, 0);
    while (done < ROUND_TRIPS && GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
    return done;
  });
  return {
    sample,
    close: () => {
      W.closesocket(s);
      drain();
      DestroyWindow(hwnd);
    },
  };
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

function cAsyncSocketRoundTrips(port: number): RoundTrips {
  const s = new PingSocket();
  s.Create();
  s.SetSockOpt(W.TCP_NODELAY, new Uint8Array([1, 0, 0, 0]), 4, W.IPPROTO_TCP);
  s.Connect('127.0.0.1', port);
  const msg = new MSG();
  // Until OnConnect's FD_CONNECT and the first FD_WRITE are dispatched.
  waitUntil(() => false, 20, 'the connection');
  drainDispatch();
  const sample = timed(ROUND_TRIPS, () => {
    s.done = 0;
    s.Send(s.request, MESSAGE);
    while (s.done < ROUND_TRIPS && GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
    return s.done;
  });
  return {
    sample,
    close: () => {
      s.Close();
      drainDispatch();
    },
  };
}

function cSocketRoundTrips(port: number): RoundTrips {
  const s = new CSocket();
  s.Create();
  s.SetSockOpt(W.TCP_NODELAY, new Uint8Array([1, 0, 0, 0]), 4, W.IPPROTO_TCP);
  if (!s.Connect('127.0.0.1', port)) throw new Error(`CSocket.Connect failed: ${W.WSAGetLastError()}`);
  const request = new Uint8Array(MESSAGE).fill(7);
  const reply = new Uint8Array(MESSAGE);
  const sample = timed(ROUND_TRIPS, () => {
    let done = 0;
    for (let i = 0; i < ROUND_TRIPS; i++) {
      s.Send(request, MESSAGE);
      let got = 0;
      while (got < MESSAGE) got += s.Receive(reply.subarray(got), MESSAGE - got);
      done++;
    }
    return done;
  });
  return {
    sample,
    close: () => {
      s.Close();
      drainDispatch();
    },
  };
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

function rawBulk(peer: Peer, port: number): () => Promise<number> {
  const chunk = Buffer.alloc(CHUNK, 1);
  return timed(BULK_BYTES, async () => {
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

function cSocketBulk(peer: Peer, port: number, sendBufferBytes: number, withArchive: boolean): () => Promise<number> {
  const chunk = new Uint8Array(CHUNK).fill(1);
  return timed(BULK_BYTES, async () => {
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

// 3. Many connections on one thread ------------------------------------------------------------------------

/** What one connections sample measured: its phases, and the memory while every connection was open. */
interface ConnectionRun { setupMs: number; exchangeMs: number; memory: Record<string, number> }

/** Descriptors this process has open (Linux's /proc), or undefined where that cannot be read. */
function openDescriptors(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

/** The soft limit on open descriptors (Linux's /proc), or undefined where that cannot be read. */
function descriptorLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

/** The heap of this thread after a full collection (when exposed), and the process's resident set. */
function memoryNow(): { heapUsed: number; arrayBuffers: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

/**
 * The JavaScript heap in use on each of the process's worker threads, by thread id, from the
 * diagnostic report (Node has no other way to read another thread's heap; no collection is forced
 * there). The workers here are the network thread and, under tsx, Node's module-loader thread.
 */
function workerHeaps(): Map<number, number> {
  const report = process.report.getReport() as unknown as { workers: { header: { threadId: number }; javascriptHeap: { usedMemory: number } }[] };
  return new Map(report.workers.map((w) => [w.header.threadId, w.javascriptHeap.usedMemory]));
}

/** The largest growth of one worker's heap between two reports: the network thread's, which holds the connections. */
function networkThreadGrowth(before: Map<number, number>, after: Map<number, number>): number {
  let most = 0;
  for (const [id, used] of after) most = Math.max(most, used - (before.get(id) ?? 0));
  return most;
}

/** Waits until at most `target` descriptors are open: closed sockets leave the network thread's loop a turn later. */
function descriptorsBackTo(target: number | undefined): void {
  if (target === undefined) return;
  const limit = performance.now() + 30_000;
  while (openDescriptors()! > target) {
    if (performance.now() > limit) throw new Error(`Benchmark: ${openDescriptors()} descriptors still open 30 s after closing, expected ${target}`);
    waitUntil(() => false, 5, 'closed sockets to release their descriptors');
  }
}

function afxsockConnections(connections: number, measureMemory: boolean): ConnectionRun {
  const fdsBefore = openDescriptors();
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = loopback(0);
  W.bind(listener, addr, 16);
  W.listen(listener, 200);
  W.getsockname(listener, addr, { value: 16 });
  const servers: number[] = [];
  const isServer = new Set<number>();
  const clients: number[] = [];
  let connected = 0;
  let replies = 0;
  const buf = new Uint8Array(256);
  const request = new Uint8Array(100).fill(3);
  const hwnd = createMessageWindow((h, m, wParam, lParam) => {
    if (m !== WM_USER) return DefWindowProc(h, m, wParam, lParam);
    const event = W.WSAGETSELECTEVENT(lParam as number);
    if (event === W.FD_ACCEPT) {
      for (let s = W.accept(listener, null, null); s !== W.INVALID_SOCKET; s = W.accept(listener, null, null)) {
        servers.push(s);
        isServer.add(s);
      }
    } else if (event === W.FD_CONNECT) {
      connected++;
    } else if (event === W.FD_READ) {
      const n = W.recv(wParam, buf, buf.length, 0);
      if (n > 0 && isServer.has(wParam)) W.send(wParam, buf, n, 0);
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
  // The network thread is up (the listener made it), so its heap before counts only what it holds idle.
  const before = measureMemory ? { ...memoryNow(), threads: workerHeaps() } : undefined;
  const t0 = performance.now();
  W.WSAAsyncSelect(listener, hwnd, WM_USER, W.FD_ACCEPT | W.FD_READ);
  for (let batch = 0; batch < connections / BATCH; batch++) {
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
  pumpUntil(() => replies === connections * request.length, 'echoes');
  const exchangeMs = performance.now() - t1;
  checked('echoed bytes', replies, connections * request.length);
  const memory: Record<string, number> = {};
  if (before) {
    const after = memoryNow();
    memory.appHeapBytesPerConnection = Math.round((after.heapUsed - before.heapUsed) / connections);
    memory.appSharedRingBytesPerConnection = Math.round((after.arrayBuffers - before.arrayBuffers) / connections);
    memory.networkThreadHeapBytesPerConnection = Math.round(networkThreadGrowth(before.threads, workerHeaps()) / connections);
    memory.processRssBytesPerConnection = Math.round((after.rss - before.rss) / connections);
  }
  if (fdsBefore !== undefined) memory.descriptorsPerConnection = +((openDescriptors()! - fdsBefore - 1) / connections).toFixed(2);
  for (const s of [...clients, ...servers, listener]) W.closesocket(s);
  drain();
  DestroyWindow(hwnd);
  descriptorsBackTo(fdsBefore === undefined ? undefined : fdsBefore + 16);
  return { setupMs, exchangeMs, memory };
}

async function rawConnections(connections: number, measureMemory: boolean): Promise<ConnectionRun> {
  const server = createServer((s) => s.on('data', (d) => s.write(d)));
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, resolve));
  const port = (server.address() as { port: number }).port;
  const before = measureMemory ? memoryNow() : undefined;
  const t0 = performance.now();
  const clients: Socket[] = [];
  for (let batch = 0; batch < connections / BATCH; batch++) {
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
        if (replies === connections * 100) resolve();
      });
      c.write(Buffer.alloc(100, 3));
    }
  });
  const exchangeMs = performance.now() - t1;
  checked('echoed bytes', replies, connections * 100);
  const memory: Record<string, number> = {};
  if (before) {
    const after = memoryNow();
    memory.rawHeapBytesPerConnection = Math.round((after.heapUsed - before.heapUsed) / connections);
  }
  // Both ends' descriptors are closed once every socket and the server have said 'close'.
  const closed = clients.map((c) => new Promise((resolve) => c.once('close', resolve)));
  for (const c of clients) c.destroy();
  await Promise.all(closed);
  await new Promise((resolve) => server.close(resolve));
  return { setupMs, exchangeMs, memory };
}

const MEMORY_NOTE =
  'per connection (both ends), with every connection open and echoed: appHeap = the application thread\'s JavaScript heap after a full collection; ' +
  'appSharedRing = the ArrayBuffer and SharedArrayBuffer bytes the application thread holds (each socket\'s control block and its receive and send rings, ' +
  'SO_RCVBUF and SO_SNDBUF rounded up to powers of two: reserved, not all touched); networkThreadHeap = the network thread\'s JavaScript heap ' +
  '(diagnostic report, no collection forced there); processRss = the whole process\'s resident set (both threads, the rings\' touched pages, ' +
  'Node\'s native socket state; not the kernel\'s socket buffers); rawHeap = the JavaScript heap raw node:net needs for the same, after a full collection';

/** The connections row: afxsock and raw node:net interleaved, each sample's exchange timed; setup and memory in the notes. */
async function connectionsRow(connections: number, pairs: number, goal: string, notes: Record<string, number | string> = {}): Promise<BenchRow> {
  const measureMemory = connections > CONNECTIONS;
  if (measureMemory) notes = { ...notes, memory: MEMORY_NOTE };
  const runs: { afx: ConnectionRun[]; raw: ConnectionRun[] } = { afx: [], raw: [] };
  const paired: Paired = await interleave(
    pairs,
    () => {
      const run = afxsockConnections(connections, measureMemory);
      runs.afx.push(run);
      return (connections * 1000) / run.exchangeMs;
    },
    async () => {
      const run = await rawConnections(connections, measureMemory);
      runs.raw.push(run);
      return (connections * 1000) / run.exchangeMs;
    },
  );
  const medianOf = (list: ConnectionRun[], pick: (r: ConnectionRun) => number) => Math.round(quantile(list.map(pick), 0.5));
  return {
    workload: `${connections} concurrent connections on one thread (both ends afxsock, WSAAsyncSelect): 100-byte request + echo each`,
    unit: 'exchanges/s',
    baseline: 'raw node:net, both ends on one event loop',
    ...paired,
    goal,
    notes: {
      setupMs: medianOf(runs.afx, (r) => r.setupMs),
      rawSetupMs: medianOf(runs.raw, (r) => r.setupMs),
      // From the first (warm-up) sample of each: the process's resident set grows then; later
      // samples reuse the pages the first one freed, so their RSS growth says little.
      ...runs.afx[0]!.memory,
      ...runs.raw[0]!.memory,
      ...notes,
    },
  };
}

/**
 * How many connections the descriptor limit allows, both ends in this process (two descriptors a
 * connection, plus the listener and what is open already, with room for the network thread's own):
 * MANY_CONNECTIONS, or the largest multiple of 1,000 below what the limit allows.
 */
function connectionsWithin(limit: number | undefined): number {
  if (limit === undefined) return MANY_CONNECTIONS;
  const room = Math.floor((limit - (openDescriptors() ?? 0) - 64) / 2);
  return room >= MANY_CONNECTIONS ? MANY_CONNECTIONS : Math.floor(room / 1000) * 1000;
}

// Run ----------------------------------------------------------------------------------------------------------

W.WSAStartup(0x0202, new W.WSADATA());
const rows: BenchRow[] = [];
const echo = new Peer();
const echoPort = (await echo.ask('echo')).port!;
const rtt = async (workload: string, mine: RoundTrips) => {
  const raw = await rawRoundTrips(echoPort);
  const paired = await interleave(PAIRS, mine.sample, raw.sample);
  mine.close();
  raw.close();
  rows.push({
    workload: `${workload}: ${ROUND_TRIPS} round trips of ${MESSAGE} bytes to a node:net echo thread`,
    unit: 'round trips/s',
    baseline: 'raw node:net client',
    ...paired,
    goal: '≥ 0.8× raw node:net, steadily',
  });
};
await rtt('Winsock send/recv with WSAAsyncSelect and GetMessage', winsockRoundTrips(echoPort));
await rtt('CAsyncSocket OnReceive sends the next request', cAsyncSocketRoundTrips(echoPort));
await rtt('CSocket blocking Send + Receive', cSocketRoundTrips(echoPort));
await echo.stop();

const sink = new Peer();
const sinkPort = (await sink.ask('sink')).port!;
const MBs = (bytesPerSecond: number) => bytesPerSecond / (1 << 20);
const bulk = async (workload: string, mine: () => Promise<number>, goal: string) => {
  const paired = await interleave(PAIRS, mine, rawBulk(sink, sinkPort));
  rows.push({
    workload: `${workload}: ${BULK_BYTES >> 20} MB to a node:net sink thread`,
    unit: 'MB/s',
    baseline: 'raw node:net writes',
    ...paired,
    figure: MBs(paired.figure),
    baselineFigure: MBs(paired.baselineFigure),
    goal,
  });
};
await bulk('CSocket.Send 1 MiB chunks, SO_SNDBUF 64 KiB (default)', cSocketBulk(sink, sinkPort, 65536, false), '≥ 0.8× raw node:net');
await bulk('CSocket.Send 1 MiB chunks, SO_SNDBUF 1 MiB', cSocketBulk(sink, sinkPort, 1 << 20, false), 'at least half of raw node:net (ratio >= 0.5)');
await bulk('CSocket + CArchive.Write 1 MiB chunks, SO_SNDBUF 64 KiB (default)', cSocketBulk(sink, sinkPort, 65536, true), '≥ 0.8× raw node:net');
await bulk('CSocket + CArchive.Write 1 MiB chunks, SO_SNDBUF 1 MiB', cSocketBulk(sink, sinkPort, 1 << 20, true), '≥ 0.8× raw node:net');
await sink.stop();

rows.push(await connectionsRow(CONNECTIONS, PAIRS, '≥ 1.0× raw node:net'));
const limit = descriptorLimit();
const many = connectionsWithin(limit);
rows.push(await connectionsRow(many, MANY_PAIRS, '≥ 0.8× raw node:net, bytes per connection reported', {
  descriptorLimit: limit ?? 'unknown',
  limitNote: many === MANY_CONNECTIONS
    ? `${MANY_CONNECTIONS} connections fit the descriptor limit (2 descriptors a connection, both ends in this process)`
    : `${many}, not ${MANY_CONNECTIONS}: both ends in one process take 2 descriptors a connection, and the soft limit of ${limit} (its hard limit too, here) leaves room for ${many} (raise it with ulimit -n before npm run bench for ${MANY_CONNECTIONS})`,
}));
W.WSACleanup();
report('realnet', rows);
