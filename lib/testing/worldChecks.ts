// What both worlds (simWorld.ts, realWorld.ts) do alike around a check: compare a socket's
// notifications with a table and, when they differ, add the world's state to the message; run a
// body as a known deviation on one network only; list notifications nobody took.
import { expectDeviation, type NetworkKind } from './knownDeviation.ts';
import { assertSequence, type SequenceRow } from './sequenceDiff.ts';
import { takeNotifications } from './takeNotifications.ts';

/** Takes socket `s`'s notifications from `hwnd`'s queue and asserts them; a mismatch's message ends with `describeWorld()`. */
export function expectNotifications(hwnd: number, s: number, rows: SequenceRow[], context: string, describeWorld: () => string): void {
  const actual = takeNotifications(hwnd, s);
  try {
    assertSequence(actual, rows, context || `notifications for socket 0x${s.toString(16)}`);
  } catch (e) {
    if (e instanceof Error) e.message = `${e.message}\n${describeWorld()}`;
    throw e;
  }
}

/** NetWorld.differs for a world on `here`: a known deviation when `network` is this one, else a plain run. */
export function differsOn(here: NetworkKind, network: NetworkKind, reason: string, fn: () => void, failsWith: RegExp | string): void {
  if (network === here) expectDeviation(network, reason, fn, failsWith);
  else fn();
}

/** The first lines of a world dump: notifications left unread, if any. */
export function unreadLines(leftover: SequenceRow[]): string[] {
  return leftover.length ? [`unread notifications: ${leftover.map((r) => JSON.stringify(r)).join(' ')}`] : [];
}
