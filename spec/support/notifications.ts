// Socket notifications as rows for sequence tables: ['FD_READ', error] per WM_USER message to the
// notification window, with a third column when the message is for another socket.
import { MSG, PeekMessage, PM_REMOVE, WM_USER } from '../../pump/index.ts';
import * as W from '../../lib/winsock/index.ts';
import type { Row } from './sequence.ts';

export const EVENT_NAMES: Record<number, string> = {
  [W.FD_READ]: 'FD_READ',
  [W.FD_WRITE]: 'FD_WRITE',
  [W.FD_OOB]: 'FD_OOB',
  [W.FD_ACCEPT]: 'FD_ACCEPT',
  [W.FD_CONNECT]: 'FD_CONNECT',
  [W.FD_CLOSE]: 'FD_CLOSE',
};

const msg = new MSG();

/** Removes the WM_USER notifications queued for `hwnd` and returns them as rows. */
export function takeNotifications(hwnd: number, s: number): Row[] {
  const rows: Row[] = [];
  while (PeekMessage(msg, hwnd, WM_USER, WM_USER, PM_REMOVE)) {
    const lParam = msg.lParam as number;
    const name = EVENT_NAMES[W.WSAGETSELECTEVENT(lParam)] ?? `event 0x${W.WSAGETSELECTEVENT(lParam).toString(16)}`;
    const row: unknown[] = [name, W.WSAGETSELECTERROR(lParam)];
    if (msg.wParam !== s) row.push(`wParam 0x${msg.wParam.toString(16)}`);
    rows.push(row);
  }
  return rows;
}
