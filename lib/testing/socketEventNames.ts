// The names rows give to WSAAsyncSelect network events (winsock.h's FD_* spelling), shared by
// every recorder so that a table reads the same whichever recorded it.
import { FD_ACCEPT, FD_CLOSE, FD_CONNECT, FD_OOB, FD_READ, FD_WRITE } from '../winsock/index.ts';

/** FD_* event bit → its winsock.h name. */
export const SOCKET_EVENT_NAMES: Readonly<Record<number, string>> = {
  [FD_READ]: 'FD_READ',
  [FD_WRITE]: 'FD_WRITE',
  [FD_OOB]: 'FD_OOB',
  [FD_ACCEPT]: 'FD_ACCEPT',
  [FD_CONNECT]: 'FD_CONNECT',
  [FD_CLOSE]: 'FD_CLOSE',
};

/** The name of one event bit (WSAGETSELECTEVENT's result), or `event 0x…` for anything else. */
export function socketEventName(event: number): string {
  return SOCKET_EVENT_NAMES[event] ?? `event 0x${event.toString(16)}`;
}
