// What the OS-network specs share: a listening CSocket on 127.0.0.1, and a raw node:net peer that
// is stopped whatever the spec body does.
import { CSocket } from 'afxsock';
import * as W from 'afxsock';
import { RawPeer } from './rawPeerClient.ts';

/** Every notification (CAsyncSocket::Create's default set). */
export const ALL_EVENTS = W.FD_READ | W.FD_WRITE | W.FD_OOB | W.FD_ACCEPT | W.FD_CONNECT | W.FD_CLOSE;

/** A CSocket listening on 127.0.0.1 (an ephemeral port), `prepare` run between Create and Listen. */
export function listeningCSocket(prepare: (s: CSocket) => void = () => {}): { listener: CSocket; port: number } {
  const listener = new CSocket();
  if (!listener.Create(0, W.SOCK_STREAM, ALL_EVENTS, '127.0.0.1')) throw new Error(`Create failed with ${W.WSAGetLastError()}`);
  prepare(listener);
  if (!listener.Listen()) throw new Error(`Listen failed with ${W.WSAGetLastError()}`);
  const port = { value: 0 };
  listener.GetSockName({ value: '' }, port);
  return { listener, port: port.value };
}

/** Runs `body` with a fresh raw peer, which is stopped afterwards. */
export async function withRawPeer(body: (peer: RawPeer) => Promise<void>): Promise<void> {
  const peer = await RawPeer.start();
  try {
    await body(peer);
  } finally {
    await peer.stop();
  }
}
