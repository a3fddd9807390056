// A one-shot delay on the calling thread's message loop, for specs and their peer threads.
import { KillTimer, SetTimer } from '../../pump/index.ts';

/**
 * Runs `fn` once, `ms` from now, from a thread timer of the calling thread (so under 10 ms is
 * 10 ms, USER_TIMER_MINIMUM, and it runs only while the thread pumps messages).
 *
 * @example
 * later(50, () => void socket.Send(bytes, bytes.length));
 */
export function later(ms: number, fn: () => void): void {
  const id = SetTimer(0, 0, ms, () => {
    KillTimer(0, id);
    fn();
  });
}
