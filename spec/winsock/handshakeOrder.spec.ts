// WSAAsyncSelect() on both ends of a new TCP connection, in one queue. A listener's connection
// is acceptable only once the three legs of the handshake (SYN, SYN-ACK, ACK) are done, so the
// client's connect has already completed when accept() makes the accepted socket. On one host
// (loopback) the legs complete together and the window sees FD_ACCEPT(listener), FD_CONNECT and
// FD_WRITE of the client, then — accept() called from the FD_ACCEPT handler — FD_WRITE of the
// accepted socket. Between hosts causality decides: the client is connected after two legs, the
// listener can accept after three. Every table is one interleaved sequence across all the
// sockets on the window, since cross-socket order is what a ported program sees.
// The same causality holds for what follows the handshake: between hosts, sent bytes leave the
// send buffer (FD_WRITE after WSAEWOULDBLOCK) when their acknowledgement is back, a leg after they
// arrived, and a read opens the window for the sender a leg later.
// Source: windows-facts A.10.1-A.10.5; A.1.10 (accept posts the accepted socket's FD_WRITE);
// A.2.1 (FD_CONNECT, then FD_WRITE); A.3.3, A.3.6 (FD_WRITE once the send buffer has room
// after WSAEWOULDBLOCK); A.6.8 (a reset's FD_CLOSE carries WSAECONNABORTED).
// The loopback order runs on both networks from one body. The cross-host cases and the timing of
// the legs need simulated hosts, virtual time and fault rules, so they are simulated only.
import { MSG, PeekMessage, PM_REMOVE, WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { assertSequence, type Row } from '../support/sequence.ts';
import { check, intOption, listeningSocket, recvText, sendText } from '../support/simWorld.ts';
import { simNetWorld, type NetWorld, SOCKET_EVENT_NAMES as EVENT_NAMES, type SimWorld } from 'afxsock/testing';

const test = dualSuite('TCP handshake order (WSAAsyncSelect, both ends on one window)');
const ALL = W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE | W.FD_CLOSE;

/** The sockets on the window by name, and every notification taken so far, in queue order. */
interface Recording {
  names: Map<number, string>;
  rows: Row[];
  /** Sockets accept() returned, to close at the end. */
  accepted: number[];
}

/**
 * Takes every queued notification of the window in order as [socket name, event, error] (plus
 * `stamp`, when given). An FD_ACCEPT for the listener is handled as a ported OnAccept would:
 * accept() at once, which queues the accepted socket's notifications behind what is there.
 */
function drain(hwnd: number, rec: Recording, stamp?: string): void {
  const msg = new MSG();
  while (PeekMessage(msg, hwnd, WM_USER, WM_USER, PM_REMOVE)) {
    const lParam = msg.lParam as number;
    const event = W.WSAGETSELECTEVENT(lParam);
    const name = rec.names.get(msg.wParam) ?? `0x${msg.wParam.toString(16)}`;
    const row: unknown[] = [name, EVENT_NAMES[event] ?? `event 0x${event.toString(16)}`, W.WSAGETSELECTERROR(lParam)];
    if (stamp !== undefined) row.push(stamp);
    rec.rows.push(row);
    if (event === W.FD_ACCEPT && name === 'listener') {
      const s = W.accept(msg.wParam, null, null);
      if (s === W.INVALID_SOCKET) throw new Error(`accept() in the FD_ACCEPT handler failed with ${W.WSAGetLastError()}`);
      rec.accepted.push(s);
      rec.names.set(s, 'accepted');
    }
  }
}

/** A listener and a client selected for every event on the spec's window; the client's connect is under way. */
function startConnection(hwnd: number, listenerAt: W.SOCKADDR_IN | null, client: number): { listener: number; rec: Recording } {
  let listener: number;
  let addr: W.SOCKADDR_IN;
  if (listenerAt) {
    listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
    check(W.bind(listener, listenerAt, 16), 'bind');
    check(W.listen(listener, 5), 'listen');
    addr = listenerAt;
    check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  } else {
    ({ listener, addr } = listeningSocket(5));
  }
  check(W.WSAAsyncSelect(listener, hwnd, WM_USER, ALL), 'WSAAsyncSelect(listener)');
  check(W.WSAAsyncSelect(client, hwnd, WM_USER, ALL), 'WSAAsyncSelect(client)');
  const r = W.connect(client, addr, 16);
  if (r !== W.SOCKET_ERROR || W.WSAGetLastError() !== W.WSAEWOULDBLOCK) throw new Error(`connect returned ${r}/${W.WSAGetLastError()}, not WSAEWOULDBLOCK`);
  const names = new Map([[listener, 'listener'], [client, 'client']]);
  return { listener, rec: { names, rows: [], accepted: [] } };
}

/**
 * Takes the window's notifications as a message loop would, as soon as they are queued: the
 * network moves 1 ms at a time (simulated; real: until it is quiet) and what was posted is taken
 * after each step, accept() included; then once more after the network has settled.
 */
function recordAsPosted(w: NetWorld, rec: Recording): void {
  for (let step = 0; step < 10; step++) {
    w.settle(1);
    drain(w.hwnd, rec);
  }
  w.settle();
  drain(w.hwnd, rec);
}

/** The loopback order of windows-facts A.10.2. */
const LOOPBACK_ORDER: Row[] = [
  ['listener', 'FD_ACCEPT', 0],
  ['client', 'FD_CONNECT', 0],
  ['client', 'FD_WRITE', 0],
  ['accepted', 'FD_WRITE', 0],
];

test('WSAAsyncSelect() on one host posts FD_ACCEPT(listener), FD_CONNECT and FD_WRITE(client), then accept() adds FD_WRITE(accepted) (A.10.2)', (w) => {
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const { listener, rec } = startConnection(w.hwnd, null, client);
  recordAsPosted(w, rec);
  assertSequence(rec.rows, LOOPBACK_ORDER, 'one window, both ends of a loopback connection');
  for (const s of [client, ...rec.accepted, listener]) W.closesocket(s);
});

test('WSAAsyncSelect() on one host gives the same order for a second connection to the same listener (A.10.2)', (w) => {
  const first = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const { listener, rec } = startConnection(w.hwnd, null, first);
  recordAsPosted(w, rec);
  const addr = new W.SOCKADDR_IN();
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  const second = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.WSAAsyncSelect(second, w.hwnd, WM_USER, ALL), 'WSAAsyncSelect(second)');
  rec.names.set(first, 'first');
  rec.names.set(rec.accepted[0]!, 'accepted first');
  rec.names.set(second, 'client');
  rec.rows = [];
  W.connect(second, addr, 16);
  recordAsPosted(w, rec);
  assertSequence(rec.rows, LOOPBACK_ORDER, 'the second connection');
  for (const s of [first, second, ...rec.accepted, listener]) W.closesocket(s);
});

// Cross-host cases: the client on host beta (10.0.0.2), the listener on alpha (10.0.0.1), both
// sockets on this thread's window. Each row carries the virtual time since connect().

/** Lets virtual time pass 1 ms at a time until `untilMs` after `startMs`, taking each step's notifications with their time since `startMs`. */
function recordTimed(w: SimWorld, rec: Recording, startMs: number, untilMs: number): void {
  while (w.sim.clock.nowMs() < startMs + untilMs) {
    w.settle(1);
    drain(w.hwnd, rec, `${w.sim.clock.nowMs() - startMs} ms`);
  }
}

/** A client socket on host beta. */
function clientOnBeta(w: SimWorld): number {
  const undo = W.useNetworkHost(w.beta);
  try {
    return W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  } finally {
    undo();
  }
}

const ALPHA = () => new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('10.0.0.1')));

test.simOnly('WSAAsyncSelect() across hosts posts the client\'s FD_CONNECT and FD_WRITE after two legs, the listener\'s FD_ACCEPT after three (A.10.3; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const client = clientOnBeta(w);
  const { listener, rec } = startConnection(w.hwnd, ALPHA(), client);
  recordTimed(w, rec, w.sim.clock.nowMs(), 50);
  assertSequence(rec.rows, [
    ['client', 'FD_CONNECT', 0, '20 ms'],
    ['client', 'FD_WRITE', 0, '20 ms'],
    ['listener', 'FD_ACCEPT', 0, '30 ms'],
    ['accepted', 'FD_WRITE', 0, '30 ms'],
  ], 'SYN 0-10 ms, SYN-ACK 10-20 ms, ACK 20-30 ms');
  for (const s of [client, ...rec.accepted, listener]) W.closesocket(s);
});

test.simOnly('WSAAsyncSelect() on one host posts both ends at one instant, when the third leg arrives (A.10.2; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const { listener, rec } = startConnection(w.hwnd, null, client);
  recordTimed(w, rec, w.sim.clock.nowMs(), 50);
  assertSequence(rec.rows, LOOPBACK_ORDER.map((row) => [...row, '30 ms']), 'the three legs of 10 ms complete together');
  for (const s of [client, ...rec.accepted, listener]) W.closesocket(s);
});

test.simOnly('WSAAsyncSelect() across hosts: a dropped SYN-ACK is sent again, and both ends wait for it (fault rule per leg; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const rto = w.net.options.retransmitTimeoutMs;
  const remove = w.net.faults.add({ name: 'drop the first SYN-ACK', match: (p) => p.kind === 'synack', action: 'drop', times: 1 });
  const client = clientOnBeta(w);
  const { listener, rec } = startConnection(w.hwnd, ALPHA(), client);
  recordTimed(w, rec, w.sim.clock.nowMs(), rto + 50);
  remove();
  // The SYN-ACK leaves at 10 ms, is lost, and leaves again one retransmission timeout later.
  assertSequence(rec.rows, [
    ['client', 'FD_CONNECT', 0, `${10 + rto + 10} ms`],
    ['client', 'FD_WRITE', 0, `${10 + rto + 10} ms`],
    ['listener', 'FD_ACCEPT', 0, `${10 + rto + 20} ms`],
    ['accepted', 'FD_WRITE', 0, `${10 + rto + 20} ms`],
  ]);
  for (const s of [client, ...rec.accepted, listener]) W.closesocket(s);
});

test.simOnly('WSAAsyncSelect() across hosts: a listener closed before the ACK arrives resets the connection the client already has (A.10.3, A.6.8; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const client = clientOnBeta(w);
  const { listener, rec } = startConnection(w.hwnd, ALPHA(), client);
  const start = w.sim.clock.nowMs();
  recordTimed(w, rec, start, 15);
  // The SYN has made a half-open connection; closing the listener resets it (its RST leaves at 15 ms).
  check(W.closesocket(listener), 'closesocket(listener)');
  recordTimed(w, rec, start, 50);
  assertSequence(rec.rows, [
    ['client', 'FD_CONNECT', 0, '20 ms'],
    ['client', 'FD_WRITE', 0, '20 ms'],
    ['client', 'FD_CLOSE', W.WSAECONNABORTED, '25 ms'],
  ], 'the SYN-ACK (10-20 ms) connects the client; the reset (15-25 ms) then ends the connection');
  W.closesocket(client);
});

test.simOnly('connect() across hosts fails with WSAECONNRESET when a reset rule hits the SYN-ACK, and the listener never sees the connection (fault rule per leg)', (w) => {
  const remove = w.net.faults.add({ name: 'reset the SYN-ACK', match: (p) => p.kind === 'synack', action: 'reset', times: 1 });
  const client = clientOnBeta(w);
  const { listener, rec } = startConnection(w.hwnd, ALPHA(), client);
  recordAsPosted(simNetWorld(w), rec);
  remove();
  assertSequence(rec.rows, [['client', 'FD_CONNECT', W.WSAECONNRESET]]);
  for (const s of [client, listener]) W.closesocket(s);
});

/** A connection from host beta (the client) to alpha (the accepted socket), done, with nothing left on the window. */
function crossHostPair(w: SimWorld): { client: number; listener: number; rec: Recording; server: number } {
  const client = clientOnBeta(w);
  const { listener, rec } = startConnection(w.hwnd, ALPHA(), client);
  recordTimed(w, rec, w.sim.clock.nowMs(), 4 * w.net.options.latencyMs);
  const server = rec.accepted[0];
  if (server === undefined) throw new Error(`no connection accepted: ${JSON.stringify(rec.rows)}`);
  rec.rows = [];
  return { client, listener, rec, server };
}

test.simOnly('send() across hosts: after WSAEWOULDBLOCK, FD_WRITE comes when the acknowledgement is back, a leg after the peer\'s FD_READ (A.3.3, A.10.3; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const { client, listener, rec, server } = crossHostPair(w);
  check(W.setsockopt(client, W.SOL_SOCKET, W.SO_SNDBUF, intOption(8192), 4), 'setsockopt(SO_SNDBUF)');
  const start = w.sim.clock.nowMs();
  const sends = [sendText(client, new Uint8Array(8192)), sendText(client, new Uint8Array(1))];
  const error = W.WSAGetLastError();
  if (sends[0] !== 8192 || sends[1] !== W.SOCKET_ERROR || error !== W.WSAEWOULDBLOCK) throw new Error(`send returned ${sends.join(', ')} (${error})`);
  recordTimed(w, rec, start, 40);
  assertSequence(rec.rows, [
    ['accepted', 'FD_READ', 0, '10 ms'],
    ['client', 'FD_WRITE', 0, '20 ms'],
  ], 'the bytes arrive after one leg, their acknowledgement after two');
  while (recvText(server, 65536)[0] > 0) { /* drain */ }
  for (const s of [client, server, listener]) W.closesocket(s);
});

test.simOnly('recv() across hosts opens the receive window for the sender a leg later: held-back bytes arrive two legs after the read (A.10.3; virtual time)', (w) => {
  w.net.options.latencyMs = 10;
  const { client, listener, rec, server } = crossHostPair(w);
  // SO_RCVBUF is taken from the listener when the connection is made; set it on the accepted end.
  check(W.setsockopt(server, W.SOL_SOCKET, W.SO_RCVBUF, intOption(4096), 4), 'setsockopt(SO_RCVBUF)');
  recordTimed(w, rec, w.sim.clock.nowMs(), 20);
  const start = w.sim.clock.nowMs();
  if (sendText(client, new Uint8Array(8192)) !== 8192) throw new Error(`send failed with ${W.WSAGetLastError()}`);
  recordTimed(w, rec, start, 15);
  const first = recvText(server, 8192)[0];
  recordTimed(w, rec, start, 60);
  const second = recvText(server, 8192)[0];
  assertSequence([[first, second], ...rec.rows], [
    [4096, 4096],
    ['accepted', 'FD_READ', 0, '10 ms'],
    ['accepted', 'FD_READ', 0, '35 ms'],
  ], 'a window of 4096 bytes; read at 15 ms, the window update reaches the sender at 25 ms, the rest arrives at 35 ms');
  for (const s of [client, server, listener]) W.closesocket(s);
});

test.run();
