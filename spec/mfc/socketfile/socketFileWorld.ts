// Helpers for the CSocketFile specs, on top of spec/mfc/socket/socketWorld.ts: a connection from a
// CSocket on the main thread to a one-connection CAsyncSocket peer on a simulated thread (host
// "beta"), the peer sending bytes when the spec says so, and the golden vectors of the archive specs.
import { readFileSync } from 'node:fs';
import { CSocketFile } from '../../../lib/mfc/socket/CSocketFile.ts';
import type { CAsyncSocket, CSocket } from '../../../lib/mfc/socket/index.ts';
import { FIONREAD, WSAGetLastError } from '../../../lib/winsock/index.ts';
import type { SimWorld } from '../../support/simWorld.ts';
import { fromHex } from '../archive/archiveSupport.ts';
import { later, oneConnectionServer, pump, type Handlers, type OneConnectionServer, type TestSocket } from '../socket/socketWorld.ts';

/** A CSocket client connected to a CAsyncSocket peer on another simulated thread. */
export interface Connection<S extends CSocket> {
  client: S;
  peer: OneConnectionServer;
  /** The peer's accepted socket. */
  child(): TestSocket;
  /** Sends `bytes` from the peer's thread now, as one Send; returns Send's result. */
  peerSends(bytes: Uint8Array): number;
  /**
   * Sends `pieces` from the peer's thread: the first now, piece i after i × `gapMs` of virtual time
   * (thread timers: SetTimer makes delays under 10 ms 10 ms, so smaller gaps bunch pieces up).
   */
  peerSendsPieces(pieces: Uint8Array[], gapMs: number): void;
  /** Closes the client, lets the peer see it, and ends the peer's thread (closing its socket). */
  end(): void;
}

/**
 * Connects `client` (created here) to a peer listening on beta:`port`; `handlers` are the peer
 * socket's callbacks. Returns once the connection is up and the FD_WRITE that followed it was dispatched.
 */
export function connect<S extends CSocket>(w: SimWorld, port: number, client: S, handlers: Handlers = {}): Connection<S> {
  const peer = oneConnectionServer(w.sim, `peer ${port}`, w.beta, port, handlers);
  if (!client.Create()) throw new Error(`Create failed with ${WSAGetLastError()}`);
  if (!client.Connect('beta', port)) throw new Error(`Connect failed with ${WSAGetLastError()}`);
  pump(10);
  const child = () => {
    const c = peer.child();
    if (!c) throw new Error('the peer has not accepted the connection');
    return c;
  };
  return {
    client,
    peer,
    child,
    peerSends: (bytes) => peer.run(() => child().Send(bytes, bytes.length)),
    peerSendsPieces(pieces, gapMs) {
      const send = (piece: Uint8Array) => void child().Send(piece, piece.length);
      pieces.forEach((piece, i) => peer.run(() => (i === 0 ? send(piece) : later(i * gapMs, () => send(piece)))));
    },
    end() {
      client.Close();
      pump();
      peer.end();
    },
  };
}

/** `bytes` cut into pieces of `size` bytes (the last may be shorter). */
export function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}

/** A peer handler that appends every byte it receives to `into` (and closes when the client does). */
export function collecting(into: number[]): Handlers {
  return {
    OnReceive: (me) => {
      const buf = new Uint8Array(65536);
      const n = me.Receive(buf, buf.length);
      if (n > 0) into.push(...buf.subarray(0, n));
    },
    OnClose: (me) => me.Close(),
  };
}

interface GoldenVector { source: string; hex: string; scenario?: string }
const vectors = JSON.parse(readFileSync(new URL('../archive/vectors.json', import.meta.url), 'utf8')) as Record<string, GoldenVector[] | string>;

/** The golden vector of `group` (vectors.json) whose source contains `sourcePart`, with its bytes. */
export function goldenVector(group: string, sourcePart: string): GoldenVector & { bytes: Uint8Array } {
  const list = vectors[group];
  const v = Array.isArray(list) ? list.find((x) => x.source.includes(sourcePart)) : undefined;
  if (!v) throw new Error(`vectors.json has no ${group} vector whose source contains "${sourcePart}"`);
  return { ...v, bytes: fromHex(v.hex) };
}

/**
 * A CSocketFile as MFC 4.x/6.0's CArchive saw it: that archive never asked GetBufferPtr, so every
 * FillBuffer asked Read for a whole buffer (mfc-semantics §5.3 item 3 versus item 9).
 */
export class Mfc6SocketFile extends CSocketFile {
  override GetBufferPtr(_nCommand: number): number {
    return 0;
  }
}

/** Bytes waiting in the socket (IOCtl FIONREAD). */
export function inSocket(s: CAsyncSocket): number {
  const n = { value: 0 };
  if (!s.IOCtl(FIONREAD, n)) throw new Error(`IOCtl(FIONREAD) failed with ${WSAGetLastError()}`);
  return n.value;
}
