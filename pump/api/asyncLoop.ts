// An outermost message loop for embedding in a Node program: it dispatches messages like
// `while (GetMessage(...)) DispatchMessage(...)`, but when the queue is idle it waits with
// Atomics.waitAsync, so Node's own event loop (I/O, promises, timers) keeps running. Nested pumps
// inside window procedures still block, as in MFC.
import { WM_QUIT } from '../constants.ts';
import { dispatchMessage } from '../dispatch.ts';
import { holdEventLoop } from '../clock.ts';
import { currentQueue, realThread } from '../threadContext.ts';
import { MSG } from '../types.ts';

/** Options of runMessageLoopAsync. */
export interface AsyncLoopOptions {
  /**
   * Sees every message before it is dispatched, as CWinThread::PreTranslateMessage does (thread
   * messages, which DispatchMessage ignores, included); return true to skip dispatching it.
   */
  preTranslateMessage?: (msg: MSG) => boolean;
}

/**
 * Runs the calling thread's message loop until WM_QUIT and resolves with its exit code
 * (wParam). Real time only: on a simulation use GetMessage, which advances virtual time.
 */
export async function runMessageLoopAsync(options: AsyncLoopOptions = {}): Promise<number> {
  const { queue, mailbox } = realThread();
  if (currentQueue() !== queue) throw new TypeError('runMessageLoopAsync: the current queue is simulated; use GetMessage on virtual time');
  const msg = new MSG();
  for (;;) {
    while (queue.retrieveNext(msg)) {
      if (msg.message === WM_QUIT) return msg.wParam;
      if (!options.preTranslateMessage?.(msg)) dispatchMessage(queue, msg);
    }
    if (queue.hasNewInput()) continue;
    const now = queue.clock.nowMs();
    const timer = queue.nextTimerMs();
    const release = holdEventLoop();
    queue.onArrival = () => mailbox.poke();
    try {
      await mailbox.waitAsync(timer === undefined ? Infinity : Math.max(1, Math.ceil(timer - now)));
    } finally {
      queue.onArrival = null;
      release();
    }
  }
}
