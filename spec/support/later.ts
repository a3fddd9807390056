// A one-shot delay on the calling thread's message loop, for specs and their peer threads.
import { KillTimer, SetTimer } from 'afxsock/pump';

/** Runs `fn` once, `ms` from now, from a thread timer of the calling thread. */
export function later(ms: number, fn: () => void): void {
  const id = SetTimer(0, 0, ms, () => {
    KillTimer(0, id);
    fn();
  });
}
