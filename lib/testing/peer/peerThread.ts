// A spec's peer on its own thread, on either network: the same PeerProgram (a CAsyncSocket server
// or client, peerProgram.ts) runs on a simulated thread with host "beta" in a
// simulated world, and on a real worker thread with its own message queue on the OS network. The
// spec drives it with synchronous calls (a SendMessage to the peer's control window each), so one
// spec body serves both networks. While the spec's own thread is blocked (a CSocket call), the
// peer keeps working: on its simulated thread as virtual time passes, on its real thread at once.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { AfxSocketInit } from '../../index.ts';
import {
  createMessageWindow, DefWindowProc, GetCurrentThreadId, MSG, PeekMessage, PM_REMOVE, SendMessage, startThread, waitUntil,
} from '../../../pump/index.ts';
import { useNetworkHost } from '../../index.ts';
import type { NetWorld } from '../NetWorld.ts';
import { settleUntil } from '../settleUntil.ts';
import { answer } from './peerAnswer.ts';
import { PeerProgram, type Behaviour, type PeerAnswer, type PeerCommand, type PeerExtension } from './peerProgram.ts';
import { endThread, PEER_ENDED, PEER_READY, WM_PEER_COMMAND, WM_PEER_QUIT } from './peerMessages.ts';

// The worker entry is this directory's peerWorker with this file's own extension: .ts from the
// sources (under tsx), .js from the built package — as lib/net/os starts its network thread.
const ownExtension = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';

export type { Behaviour, PeerExtension, Reply } from './peerProgram.ts';
export { PeerProgram } from './peerProgram.ts';

/**
 * A spec's peer code: a module that exports `peerExtension` (a PeerExtension), by URL for a real
 * peer thread to import, and the same object, imported by the spec, for a simulated one.
 */
export interface ExtensionModule {
  url: URL;
  peerExtension: PeerExtension;
}

/** How long a real peer may take to start, to answer a command, or to end. */
const PEER_LIMIT_MS = 20_000;

/** A peer thread running a PeerProgram. Every call throws if the peer reports an error. */
export interface Peer {
  /** What the spec's sockets connect to: "beta" (simulated) or "127.0.0.1". */
  readonly host: string;
  /** The peer host's dotted address, as GetPeerName reports it. */
  readonly dotted: string;
  /** Listens; returns the port (the simulation uses `port`, the real network an ephemeral one). */
  listen(port: number, behaviour?: Behaviour): number;
  /** Connects a client socket of the peer to `host`:`port` (asynchronously, CAsyncSocket::Connect). */
  connect(host: string, port: number, behaviour?: Behaviour): void;
  /** A datagram socket; returns its port (as listen()). */
  udpBind(port: number, behaviour?: Behaviour): number;
  /** Sends from connection `conn` now, as one Send; returns Send's result. */
  sends(bytes: Uint8Array, conn?: number): number;
  /** Sends the first piece now, piece i after i × `gapMs` (thread timers: under 10 ms is 10 ms). */
  sendsPieces(pieces: Uint8Array[], gapMs: number, conn?: number): void;
  /** Sends `bytes` from connection `conn` once, `delayMs` from now (a thread timer: under 10 ms is 10 ms). */
  sendsAfter(bytes: Uint8Array, delayMs: number, conn?: number): void;
  /** A stalled connection starts reading. */
  resumes(conn?: number): void;
  /** ShutDown(how) on a connection (default: sends, a FIN). */
  shutsDown(conn?: number, how?: number): void;
  /** SO_LINGER {1,0} then Close: an abortive close, a RST. */
  aborts(conn?: number): void;
  /** Close (graceful). */
  closes(conn?: number): void;
  /** The bytes a collecting connection received. */
  received(conn?: number): Uint8Array;
  /** Connections accepted or made so far. */
  connections(): number;
  /**
   * Waits (bounded) until the peer has accepted or made `count` connections, letting the world's
   * time pass (NetWorld.settle) between looks; the spec's own messages are not dispatched.
   */
  awaitConnections(count?: number): void;
  /** Every callback the peer's sockets saw: [name, callback, nErrorCode]. */
  log(): (string | number)[][];
  /** Runs the extension function `name` on the peer's thread; returns what it returned (plain data). */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** Closes every socket of the peer and ends its thread. */
  end(): void;
}

const live = new Set<Peer>();

/**
 * Starts a peer thread for `w`'s network, with the spec's own peer code if given: on 'sim' a
 * simulated thread on host beta, on 'real' a worker thread with its own message queue. The world
 * ends it if the body does not.
 *
 * @example
 * const peer = startPeer(w);
 * const port = peer.listen(5000, { reply: 'upper' });
 * // … connect to peer.host:port, send "hi", receive "HI" …
 * peer.end();
 */
export function startPeer(w: NetWorld, name = 'peer', extension?: ExtensionModule): Peer {
  const peer = w.simWorld ? simPeer(w, name, extension?.peerExtension) : realPeer(w, name, extension?.url);
  live.add(peer);
  return peer;
}

/** Ends every peer still running (a failed spec's): the worlds' clean-up calls it. */
export function endLivePeers(): void {
  for (const peer of [...live]) {
    try {
      peer.end();
    } catch {
      // the spec has failed already; its world reports what is left
    }
  }
}

/** The Peer of a transport `call`, which runs a command on the peer's thread and returns its answer. */
function peerOf(w: NetWorld, host: string, dotted: string, call: (cmd: PeerCommand) => PeerAnswer, stop: () => void): Peer {
  const ask = (cmd: PeerCommand): PeerAnswer => {
    const a = call(cmd);
    if (a.error) throw new Error(`peer: ${cmd.op} failed: ${a.error}`);
    return a;
  };
  const portFor = (port: number) => (w.kind === 'real' ? 0 : port);
  const peer: Peer = {
    host,
    dotted,
    listen: (port, behaviour = {}) => ask({ op: 'listen', port: portFor(port), behaviour }).value!,
    connect: (h, port, behaviour = {}) => void ask({ op: 'connect', host: h, port, behaviour }),
    udpBind: (port, behaviour = {}) => ask({ op: 'udpBind', port: portFor(port), behaviour }).value!,
    sends: (bytes, conn) => ask({ op: 'send', bytes: [...bytes], conn }).value!,
    sendsPieces: (pieces, gapMs, conn) => void ask({ op: 'sendPieces', pieces: pieces.map((p) => [...p]), gapMs, conn }),
    sendsAfter: (bytes, delayMs, conn) => void ask({ op: 'sendAfter', bytes: [...bytes], delayMs, conn }),
    resumes: (conn) => void ask({ op: 'resume', conn }),
    shutsDown: (conn, how) => void ask({ op: 'shutDown', conn, how }),
    aborts: (conn) => void ask({ op: 'abort', conn }),
    closes: (conn) => void ask({ op: 'close', conn }),
    received: (conn) => Uint8Array.from(ask({ op: 'received', conn }).bytes!),
    connections: () => ask({ op: 'state' }).connections!,
    awaitConnections(count = 1) {
      settleUntil(w, () => peer.connections() >= count, () => `the peer did not get ${count} connection(s) (it has ${peer.connections()})`);
    },
    log: () => ask({ op: 'state' }).log!,
    call: <T>(fnName: string, ...args: unknown[]) => ask({ op: 'call', name: fnName, args }).result as T,
    end() {
      if (!live.delete(peer)) return;
      try {
        ask({ op: 'end' });
      } finally {
        stop();
      }
    },
  };
  return peer;
}

/** The peer on a simulated thread with host "beta"; commands travel in the SendMessage itself. */
function simPeer(w: NetWorld, name: string, extension?: PeerExtension): Peer {
  const sw = w.simWorld!;
  const program = new PeerProgram(extension);
  let control = 0;
  const thread = sw.sim.createThread(name, () => {
    useNetworkHost(sw.beta);
    AfxSocketInit();
    control = createMessageWindow((h, m, wp, l) => {
      if (m === WM_PEER_QUIT) return endThread(h);
      if (m !== WM_PEER_COMMAND) return DefWindowProc(h, m, wp, l);
      const box = l as { cmd: PeerCommand; answer?: PeerAnswer };
      box.answer = answer(program, box.cmd);
      return 0;
    }, 'peer control');
  });
  const call = (cmd: PeerCommand): PeerAnswer => {
    const box: { cmd: PeerCommand; answer?: PeerAnswer } = { cmd };
    SendMessage(control, WM_PEER_COMMAND, 0, box);
    return box.answer ?? { error: `the peer thread ${name} did not answer` };
  };
  const stop = () => {
    SendMessage(control, WM_PEER_QUIT, 0, 0);
    sw.sim.runUntilIdle();
    if (!thread.ended) throw new Error(`the peer thread ${name} did not end`);
  };
  return peerOf(w, 'beta', '10.0.0.2', call, stop);
}

/** The peer on a real worker thread; commands travel through a MessagePort. */
function realPeer(w: NetWorld, name: string, extension?: URL): Peer {
  const { port1, port2 }: { port1: MessagePort; port2: MessagePort } = new MessageChannel();
  const data = { port: port2, creator: GetCurrentThreadId(), extension: extension?.href };
  const { worker } = startThread(new URL(`./peerWorker${ownExtension}`, import.meta.url), data, { transferList: [port2] });
  worker.unref();
  const msg = new MSG();
  const fromPeer = (message: number, what: string) => {
    if (!waitUntil(() => PeekMessage(msg, -1, message, message, PM_REMOVE), PEER_LIMIT_MS, what)) {
      void worker.terminate();
      throw new Error(`Timed out after ${PEER_LIMIT_MS} ms waiting for ${what}`);
    }
    return msg.wParam;
  };
  const control = fromPeer(PEER_READY, `the peer thread ${name} to start`);
  const call = (cmd: PeerCommand): PeerAnswer => {
    port1.postMessage(cmd);
    SendMessage(control, WM_PEER_COMMAND, 0, 0);
    const reply = receiveMessageOnPort(port1);
    return reply ? (reply.message as PeerAnswer) : { error: `the peer thread ${name} did not answer ${cmd.op}` };
  };
  const stop = () => {
    SendMessage(control, WM_PEER_QUIT, 0, 0);
    fromPeer(PEER_ENDED, `the peer thread ${name} to end`);
    port1.close();
  };
  return peerOf(w, '127.0.0.1', '127.0.0.1', call, stop);
}
