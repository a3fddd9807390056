// The project's simulated-world bindings: simSuite, a suite whose tests each run in
// afxsock/testing's withSimWorld (a fresh seeded world that must end empty, the seed printed on
// failure), SEED for specs that build their own SimNetwork, and the Winsock helpers the specs
// share (Wine's tcp_socketpair and friends).
import { suite } from './suite.ts';
import * as W from 'afxsock';
import type { SimHost } from 'afxsock';
import { resolveSeed, withSimWorld, type SimWorld, type SimWorldOptions } from 'afxsock/testing';

/** The seed of this run: SEED=… replays a failure. */
export const SEED = resolveSeed();

export interface SimSuite {
  (title: string, body: (world: SimWorld) => void | Promise<void>): void;
  run(): void;
}

/** A suite whose tests each run in a fresh simulated world that must end empty. */
export function simSuite(name: string, options: SimWorldOptions = {}): SimSuite {
  const s = suite(name);
  const add = (title: string, body: (world: SimWorld) => void | Promise<void>) => s(title, () => withSimWorld(options, body));
  return Object.assign(add, { run: () => s.run() });
}

/** A connected loopback TCP pair (client connected to an accepted server socket), both blocking — Wine's tcp_socketpair. */
export function tcpSocketPair(world?: object): { client: number; server: number } {
  void world;
  const { listener, addr } = listeningSocket(1);
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  check(W.connect(client, addr, 16), 'connect');
  const server = W.accept(listener, null, null);
  if (server === W.INVALID_SOCKET) throw new Error(`accept failed: ${W.WSAGetLastError()}`);
  check(W.closesocket(listener), 'closesocket');
  return { client, server };
}

/**
 * A connected blocking TCP pair across hosts: the client on `from`, the server accepted by a
 * listener on alpha (10.0.0.1), with `receiveBufferBytes` as the listener's SO_RCVBUF if given.
 */
export function crossHostPair(from: SimHost, receiveBufferBytes?: number): { client: number; server: number } {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('10.0.0.1')));
  if (receiveBufferBytes !== undefined) check(W.setsockopt(listener, W.SOL_SOCKET, W.SO_RCVBUF, intOption(receiveBufferBytes), 4), 'setsockopt(SO_RCVBUF)');
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, 1), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  const undoHost = W.useNetworkHost(from);
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  undoHost();
  check(W.connect(client, addr, 16), 'connect');
  const server = W.accept(listener, null, null);
  check(W.closesocket(listener), 'closesocket');
  return { client, server };
}

/** A listening TCP socket on 127.0.0.1 (ephemeral port) and its address. */
export function listeningSocket(backlog = 1): { listener: number; addr: W.SOCKADDR_IN } {
  const listener = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const addr = loopback(0);
  check(W.bind(listener, addr, 16), 'bind');
  check(W.listen(listener, backlog), 'listen');
  check(W.getsockname(listener, addr, { value: 16 }), 'getsockname');
  return { listener, addr };
}

/** A SOCKADDR_IN for 127.0.0.1:port. */
export function loopback(port: number): W.SOCKADDR_IN {
  return new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.0.0.1')));
}

/** Fails a spec when a Winsock call that must succeed did not. */
export function check(result: number, what: string): number {
  if (result === W.SOCKET_ERROR) throw new Error(`${what} failed with ${W.WSAGetLastError()}`);
  return result;
}

/** Sends text (or bytes); returns send's result. */
export function sendText(s: number, text: string | Uint8Array, flags = 0): number {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return W.send(s, bytes, bytes.length, flags);
}

/** recv into a fresh buffer of `len` bytes; returns [result, text received, last error if failed]. */
export function recvText(s: number, len: number, flags = 0): [number, string] | [number, string, number] {
  const buf = new Uint8Array(Math.max(len, 0));
  const r = W.recv(s, buf, len, flags);
  if (r === W.SOCKET_ERROR) return [r, '', W.WSAGetLastError()];
  return [r, new TextDecoder().decode(buf.subarray(0, r))];
}

/** Sets SO_LINGER {1, 0} and closes: the peer sees a reset (Wine's close_with_rst). */
export function closeWithReset(s: number): void {
  const linger = new W.LINGER(1, 0).toBytes();
  check(W.setsockopt(s, W.SOL_SOCKET, W.SO_LINGER, linger, 4), 'setsockopt(SO_LINGER)');
  check(W.closesocket(s), 'closesocket');
}

/** A 4-byte int option value. */
export function intOption(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

/** Reads an int option. */
export function getIntOption(s: number, level: number, name: number): number {
  const bytes = new Uint8Array(4);
  check(W.getsockopt(s, level, name, bytes, { value: 4 }), 'getsockopt');
  return new DataView(bytes.buffer).getInt32(0, true);
}
