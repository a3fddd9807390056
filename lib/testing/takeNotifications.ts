// Socket notifications of one window as rows for the per-socket tables: ['FD_READ', error] per
// WM_USER message, with a third column when the message is for another socket. A thin user of
// WindowRecorder (which records one interleaved table across all sockets).
import { WindowRecorder } from './WindowRecorder.ts';
import type { SequenceRow } from './sequenceDiff.ts';

/**
 * Removes the WM_USER notifications queued for `hwnd` and returns them as rows ['FD_READ', 0],
 * with a third column `wParam 0x…` for a notification of another socket than `s`.
 *
 * @example
 * assertSequence(takeNotifications(hwnd, s), [['FD_WRITE', 0]], 'after connect');
 */
export function takeNotifications(hwnd: number, s: number): SequenceRow[] {
  const rows = new WindowRecorder(hwnd).take();
  return rows.map(([label, event, error]) => (label === `0x${s.toString(16)}` ? [event, error] : [event, error, `wParam ${String(label)}`]));
}
