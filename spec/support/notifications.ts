// Socket notifications of one window as rows for the per-socket tables: ['FD_READ', error] per
// WM_USER message, with a third column when the message is for another socket. A thin user of
// afxsock/testing's WindowRecorder (which records one interleaved table across all sockets).
import { WindowRecorder, SOCKET_EVENT_NAMES } from 'afxsock/testing';
import type { Row } from './sequence.ts';

export const EVENT_NAMES = SOCKET_EVENT_NAMES;

/** Removes the WM_USER notifications queued for `hwnd` and returns them as rows. */
export function takeNotifications(hwnd: number, s: number): Row[] {
  const rows = new WindowRecorder(hwnd).take();
  return rows.map(([label, event, error]) => (label === `0x${s.toString(16)}` ? [event, error] : [event, error, `wParam ${String(label)}`]));
}
