// Looking at a thread's queue from outside the Win32 surface: tracing and world dumps for specs.
import { currentQueue } from '../threadContext.ts';
import { TraceRecorder } from '../trace.ts';

/** Starts recording what the calling thread's queue does; returns the recorder. */
export function startTrace(): TraceRecorder {
  const r = new TraceRecorder();
  currentQueue().recorder = r;
  return r;
}

/** Stops recording on the calling thread. */
export function stopTrace(): void {
  currentQueue().recorder = null;
}

/** Everything queued on the calling thread, as text. */
export function describeThread(): string {
  return currentQueue().describe().join('\n');
}

/** True when the calling thread has no posted or sent messages, timers, windows, paint or quit pending. */
export function isThreadEmpty(): boolean {
  const q = currentQueue();
  return q.posted.count === 0 && q.timers.size === 0 && q.pendingSent.length === 0 && q.invalidWindows.size === 0 && !q.isQuitPending && q.windowCount === 0;
}
