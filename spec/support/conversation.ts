// One window, two sockets: a listener and a client selected for every event on the spec's window,
// connected through the recorder (accept() runs in the FD_ACCEPT handler, as a ported OnAccept
// would, and the accepted socket inherits the selection — windows-facts A.1.10), so that the
// sequence specs start from the connection table of A.10.2 and go on in one interleaved table.
import { WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { WindowRecorder, type SequenceRow } from 'afxsock/testing';
import type { NetWorld } from 'afxsock/testing';
import { check, listeningSocket } from './simWorld.ts';

/** Every FD_* event. */
export const ALL_EVENTS = W.FD_ACCEPT | W.FD_CONNECT | W.FD_OOB | W.FD_READ | W.FD_WRITE | W.FD_CLOSE;

/**
 * What a loopback connection of two selected sockets posts, in one queue (windows-facts A.10.2:
 * FD_ACCEPT, then — accept() in its handler — the client's FD_CONNECT and FD_WRITE (A.2.1), then
 * the accepted socket's FD_WRITE that accept() posted (A.1.10)).
 */
export const CONNECTION_TABLE: readonly SequenceRow[] = [
  ['listener', 'FD_ACCEPT', 0],
  ['client', 'FD_CONNECT', 0],
  ['client', 'FD_WRITE', 0],
  ['accepted', 'FD_WRITE', 0],
];

export interface Conversation {
  rec: WindowRecorder;
  listener: number;
  client: number;
  accepted: number;
  /** Closes whatever is still open (a handle already closed is skipped). */
  close(...closed: number[]): void;
}

/** Connects a client to a listener on one window, checks the connection table, and returns the three sockets. */
export function startConversation(w: NetWorld): Conversation {
  const { listener, addr } = listeningSocket(5);
  const client = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const rec = new WindowRecorder(w.hwnd).label(listener, 'listener').label(client, 'client').acceptOn('listener', 'accepted');
  check(W.WSAAsyncSelect(listener, w.hwnd, WM_USER, ALL_EVENTS), 'WSAAsyncSelect(listener)');
  check(W.WSAAsyncSelect(client, w.hwnd, WM_USER, ALL_EVENTS), 'WSAAsyncSelect(client)');
  const r = W.connect(client, addr, 16);
  if (r !== W.SOCKET_ERROR || W.WSAGetLastError() !== W.WSAEWOULDBLOCK) throw new Error(`connect returned ${r} (last error ${W.WSAGetLastError()}), not SOCKET_ERROR/WSAEWOULDBLOCK`);
  w.settle();
  rec.expect(CONNECTION_TABLE, 'the connection (A.10.2)');
  const accepted = rec.handleOf('accepted');
  return {
    rec,
    listener,
    client,
    accepted,
    close(...closed) {
      for (const s of [client, accepted, listener]) if (!closed.includes(s)) check(W.closesocket(s), 'closesocket');
    },
  };
}

/** settle(), then the recorder's rows compared with `expected` (one table or `{ anyOf }`). */
export function expectRows(w: NetWorld, rec: WindowRecorder, expected: Parameters<WindowRecorder['expect']>[0], context: string): void {
  w.settle();
  rec.expect(expected, context);
}
