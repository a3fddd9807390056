// Helpers for the MFC socket specs, on top of simWorld: the thread's message loop run for a stretch
// of virtual time (the way an MFC application's CWinThread::Run would dispatch), a CAsyncSocket
// subclass that records its callbacks into a shared table, and a server on a second simulated
// thread with its own network host.
import {
  createMessageWindow, currentClock, DefWindowProc, DestroyWindow, DispatchMessage, GetQueueStatus, MSG, PeekMessage,
  PM_REMOVE, PostQuitMessage, QS_ALLINPUT, SendMessage, VirtualClock, waitUntil, WM_APP, type SimThread, type Simulation,
} from 'afxsock/pump';
import type { SimHost } from 'afxsock';
import { osNetwork } from 'afxsock';
import { CAsyncSocket, CSocket } from 'afxsock';
import { SOCKET_ERROR, useNetworkHost, WSAGetLastError } from 'afxsock';
import type { Row } from '../../support/sequence.ts';
import { later, portOf } from 'afxsock/testing';

export { later, portOf };

const msg = new MSG();

/** Dispatches every queued message of the calling thread; returns how many. */
function dispatchQueued(): number {
  let dispatched = 0;
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) {
    DispatchMessage(msg);
    dispatched++;
  }
  return dispatched;
}

/** Runs the message loop, sleeping for input between rounds, until `ms` have passed on the thread's clock. */
function pumpFor(ms: number): number {
  const clock = currentClock();
  const end = clock.nowMs() + ms;
  let dispatched = 0;
  for (;;) {
    dispatched += dispatchQueued();
    const left = end - clock.nowMs();
    if (left <= 0) return dispatched;
    waitUntil(() => GetQueueStatus(QS_ALLINPUT) >>> 16 !== 0, left, 'the spec message loop');
  }
}

/** How long pump() on real time may take at most (a peer that never stops talking). */
const REAL_PUMP_LIMIT_MS = 5000;
/** A round of pump() on real time: how long nothing may arrive for the network to count as quiet. */
const REAL_QUIET_MS = 15;

/**
 * Runs the calling thread's message loop (PeekMessage + DispatchMessage) the way an MFC
 * application's CWinThread::Run would, and returns how many messages it dispatched.
 * On virtual time (a simulated world): for `ms` of virtual time, letting the network and the
 * simulated threads run. On real time (the OS network): for at least `ms` if given, then until the
 * network has gone quiet (pump(0): only what is queued now) — the network thread has handled everything this thread asked and a
 * stretch of REAL_QUIET_MS brought nothing (no notification, no message) — bounded by
 * REAL_PUMP_LIMIT_MS. Real time makes the default wait "until quiet", not 200 ms, so that specs
 * stay fast; a spec that waits for a peer's timer passes the time it needs.
 */
export function pump(ms?: number): number {
  if (currentClock() instanceof VirtualClock) return pumpFor(ms ?? 200);
  if (ms === 0) return dispatchQueued();
  let dispatched = ms ? pumpFor(ms) : 0;
  const clock = currentClock();
  const start = clock.nowMs();
  while (clock.nowMs() - start < REAL_PUMP_LIMIT_MS) {
    dispatched += dispatchQueued();
    const before = osNetwork.recordsSeen();
    if (!osNetwork.barrier()) return dispatched + dispatchQueued();
    const more = dispatchQueued() + pumpFor(REAL_QUIET_MS);
    dispatched += more;
    // The barrier's own reply is the only record of a quiet round.
    if (more === 0 && osNetwork.recordsSeen() === before + 1) return dispatched;
  }
  return dispatched;
}

export type CallbackName = 'OnReceive' | 'OnSend' | 'OnOutOfBandData' | 'OnAccept' | 'OnConnect' | 'OnClose';

/** What a recording socket does when a callback runs, after recording it. */
export type Handlers<S = TestSocket> = Partial<Record<CallbackName, (self: S, nErrorCode: number) => void>>;

type SocketClass = new (...args: any[]) => CAsyncSocket;

/** Adds callback recording to a socket class: each OnXxx appends [name, callback, nErrorCode] to `log`, then runs its handler. */
function recording<B extends SocketClass>(Base: B) {
  return class extends Base {
    name = '';
    log: Row[] = [];
    // Each subclass narrows `self` to itself (declare handlers).
    handlers: Handlers<any> = {};

    protected override OnReceive(nErrorCode: number): void {
      this.record('OnReceive', nErrorCode);
    }
    protected override OnSend(nErrorCode: number): void {
      this.record('OnSend', nErrorCode);
    }
    protected override OnOutOfBandData(nErrorCode: number): void {
      this.record('OnOutOfBandData', nErrorCode);
    }
    protected override OnAccept(nErrorCode: number): void {
      this.record('OnAccept', nErrorCode);
    }
    protected override OnConnect(nErrorCode: number): void {
      this.record('OnConnect', nErrorCode);
    }
    protected override OnClose(nErrorCode: number): void {
      this.record('OnClose', nErrorCode);
    }

    private record(callback: CallbackName, nErrorCode: number): void {
      this.log.push([this.name, callback, nErrorCode]);
      this.handlers[callback]?.(this, nErrorCode);
    }
  };
}

/** A CAsyncSocket that records its callbacks into a shared table. */
export class TestSocket extends recording(CAsyncSocket) {
  declare handlers: Handlers<TestSocket>;

  constructor(name: string, log: Row[], handlers: Handlers<TestSocket> = {}) {
    super();
    Object.assign(this, { name, log, handlers });
  }
}

/**
 * A CSocket that records its callbacks; `onMessagePending`, when given, replaces OnMessagePending
 * (and receives the base version to call), otherwise the default one runs.
 */
export class TestCSocket extends recording(CSocket) {
  declare handlers: Handlers<TestCSocket>;

  constructor(name: string, log: Row[], handlers: Handlers<TestCSocket> = {}, onMessagePending?: (self: TestCSocket, base: () => boolean) => boolean) {
    super();
    Object.assign(this, { name, log, handlers });
    // An own property only when given, so that a socket without one keeps CSocket's default.
    if (onMessagePending) this.OnMessagePending = () => onMessagePending(this, () => super.OnMessagePending());
  }
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Receive into a fresh buffer: [result, text] or [SOCKET_ERROR, '', error]. */
export function receiveText(s: CAsyncSocket, len = 4096, nFlags = 0): [number, string] | [number, string, number] {
  const buf = new Uint8Array(len);
  const n = s.Receive(buf, len, nFlags);
  if (n === SOCKET_ERROR) return [n, '', WSAGetLastError()];
  return [n, new TextDecoder().decode(buf.subarray(0, n))];
}

/** Send text; returns Send's result. */
export function sendText(s: CAsyncSocket, text: string, nFlags = 0): number {
  const b = bytes(text);
  return s.Send(b, b.length, nFlags);
}

/** A second simulated thread with its own host, whose code the spec runs with `run`. */
export interface ServerThread {
  thread: SimThread;
  /** Runs `fn` on the server thread (SendMessage to its control window) and returns its result. */
  run<T>(fn: () => T): T;
  /** Runs `fn` on the server thread, then destroys its control window and ends the thread. */
  end(fn?: () => void): void;
}

/** Starts a simulated thread named `name` on `host` and runs `body` on it. */
export function serverThread(sim: Simulation, name: string, host: SimHost, body: () => void = () => {}): ServerThread {
  let control = 0;
  const thread = sim.createThread(name, () => {
    useNetworkHost(host);
    control = createMessageWindow((h, m, w, l) => {
      if (m !== WM_APP) return DefWindowProc(h, m, w, l);
      const box = l as { fn: () => unknown; result: unknown };
      box.result = box.fn();
      return 0;
    });
    body();
  });
  const run = <T>(fn: () => T): T => {
    const box = { fn, result: undefined as unknown };
    SendMessage(control, WM_APP, 0, box);
    return box.result as T;
  };
  return {
    thread,
    run,
    end(fn = () => {}) {
      run(() => {
        fn();
        DestroyWindow(control);
        PostQuitMessage(0);
      });
      sim.runUntilIdle();
      if (!thread.ended) throw new Error(`server thread ${name} did not end`);
    },
  };
}


/**
 * A listener on 127.0.0.1 that accepts in OnAccept, a client that connects to it, and the accepted
 * server socket, all recording into `log`, which is emptied once the connection is up.
 */
export function connectedPair(log: Row[], client: Handlers = {}, server: Handlers = {}): { listener: TestSocket; client: TestSocket; server: TestSocket } {
  const accepted = new TestSocket('server', log, server);
  const listener = new TestSocket('listener', log, { OnAccept: (self) => self.Accept(accepted) });
  if (!listener.Create(0, 1, undefined, '127.0.0.1') || !listener.Listen()) throw new Error(`listener failed with ${WSAGetLastError()}`);
  const c = new TestSocket('client', log, client);
  if (!c.Create()) throw new Error(`Create failed with ${WSAGetLastError()}`);
  c.Connect('127.0.0.1', portOf(listener));
  pump();
  if (accepted.m_hSocket === 0xffffffff) throw new Error('the connection was not accepted');
  log.length = 0;
  return { listener, client: c, server: accepted };
}


/** An echo server on a second simulated thread: a CAsyncSocket listener that accepts in OnAccept and echoes in OnReceive. */
export interface EchoServer extends ServerThread {
  port: number;
  /** Every socket the server thread holds (listener first), for the spec to inspect. */
  sockets: TestSocket[];
}

/**
 * Starts an echo server on `host`:`port` on a simulated thread. `reply` turns a request into the
 * reply (default: the same text); `log` records the server's callbacks. end() closes its sockets.
 */
export function echoServer(sim: Simulation, host: SimHost, port: number, log: Row[] = [], reply: (text: string) => string = (t) => t, delayMs = 0): EchoServer {
  const sockets: TestSocket[] = [];
  const thread = serverThread(sim, 'echo server', host, () => {
    const listener = new TestSocket('listener', log, {
      OnAccept: (self) => {
        const s = new TestSocket('echo', log, {
          OnReceive: (me) => {
            const [n, text] = receiveText(me);
            if (n <= 0) return;
            if (delayMs === 0) sendText(me, reply(text));
            else later(delayMs, () => sendText(me, reply(text)));
          },
          OnClose: (me) => me.Close(),
        });
        if (self.Accept(s)) sockets.push(s);
      },
    });
    if (!listener.Create(port) || !listener.Listen()) throw new Error(`echo server: ${WSAGetLastError()}`);
    sockets.push(listener);
  });
  const end = thread.end;
  return { ...thread, port, sockets, end: (fn = () => {}) => end(() => (fn(), sockets.forEach((s) => s.Close()))) };
}

/** A server thread that takes one connection and stops listening. */
export interface OneConnectionServer extends ServerThread {
  /** The accepted socket (undefined until the connection came). */
  child(): TestSocket | undefined;
}

/**
 * Listens on `host`:`port` on a simulated thread named `name`; the first connection is accepted
 * into a TestSocket with `handlers`, `accepted(child)` runs, and the listener closes. end() closes
 * the child too.
 */
export function oneConnectionServer(sim: Simulation, name: string, host: SimHost, port: number, handlers: Handlers = {}, accepted: (child: TestSocket) => void = () => {}): OneConnectionServer {
  let child: TestSocket | undefined;
  const thread = serverThread(sim, name, host, () => {
    const listener = new TestSocket('listener', [], {
      OnAccept: (self) => {
        child = new TestSocket('child', [], handlers);
        self.Accept(child);
        self.Close();
        accepted(child);
      },
    });
    if (!listener.Create(port) || !listener.Listen()) throw new Error(`${name}: ${WSAGetLastError()}`);
  });
  const end = thread.end;
  return { ...thread, child: () => child, end: (fn = () => {}) => end(() => (fn(), child?.Close())) };
}

/** A connected CSocket client of an echo server that answers after `delayMs`. */
export function slowEcho(w: { sim: Simulation; beta: SimHost }, port: number, delayMs: number, log: Row[] = [], onMessagePending?: (self: TestCSocket, base: () => boolean) => boolean) {
  const server = echoServer(w.sim, w.beta, port, [], (t) => t, delayMs);
  const client = new TestCSocket('client', log, {}, onMessagePending);
  client.Create();
  if (!client.Connect('beta', port)) throw new Error(`Connect failed with ${WSAGetLastError()}`);
  pump(); // the FD_WRITE that followed the connect
  log.length = 0;
  return { server, client };
}
