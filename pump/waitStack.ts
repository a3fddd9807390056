// The waits on the one JavaScript stack that a simulation's threads share, innermost last, and the
// two ways a wait lower on it can be stuck under one above it: it is ready but cannot return
// before the upper one ends, or the upper one has gone on for a long stretch of virtual time in
// which the event sources did nothing. Either is a DeadlockError at once, never a spin
// (DESIGN.md "The simulated network": nothing spins for ever).
import { DeadlockError } from './errors.ts';
import type { MessageQueue } from './queue.ts';
import { setCurrentQueue } from './threadContext.ts';

/** One wait on the stack. */
export interface StackedWait {
  readonly queue: MessageQueue;
  readonly isDone: () => boolean;
  /** What the wait waits for, with the label its caller gave (labelWaits). */
  readonly what: string;
  /** Messages sent to the thread may run during the wait. */
  readonly runsSent: boolean;
  /** Virtual time at which the wait began. */
  readonly startMs: number;
}

/**
 * How long (virtual ms) a wait may lie beneath another thread's wait while no event source (the
 * simulated network) runs an event: after that only timers move time, and no socket can change.
 */
export const NESTED_QUIET_LIMIT_MS = 60_000;

const labels = new WeakMap<MessageQueue, string>();

/**
 * Runs `fn` with `label` naming every wait `queue` makes meanwhile (CSocket names its socket and
 * event around the WaitMessage of PumpMessages), so that a DeadlockError says what is blocked.
 */
export function labelWaits<T>(queue: MessageQueue, label: string, fn: () => T): T {
  const previous = labels.get(queue);
  labels.set(queue, label);
  try {
    return fn();
  } finally {
    if (previous === undefined) labels.delete(queue);
    else labels.set(queue, previous);
  }
}

/** The waits on the stack, innermost last. */
export class WaitStack {
  private readonly waits: StackedWait[] = [];

  push(queue: MessageQueue, isDone: () => boolean, what: string, runsSent: boolean, nowMs: number): StackedWait {
    const label = labels.get(queue);
    const w: StackedWait = { queue, isDone, what: label === undefined ? what : `${label} (in ${what})`, runsSent, startMs: nowMs };
    this.waits.push(w);
    return w;
  }

  pop(): void {
    this.waits.pop();
  }

  get innermost(): StackedWait | undefined {
    return this.waits.at(-1);
  }

  /** Every wait but the innermost, outermost first. */
  beneath(): readonly StackedWait[] {
    return this.waits.slice(0, -1);
  }

  /** True if a wait of `queue` is on the stack. */
  has(queue: MessageQueue): boolean {
    return this.waits.some((w) => w.queue === queue);
  }

  /**
   * Throws DeadlockError if `top` (the innermost wait, not done) holds down a wait of another
   * thread: one that is ready to return once no event source has anything scheduled
   * (`sourcesIdle`: while bytes are in flight, `top` may still get what it waits for and end by
   * itself), or one that has been beneath it for NESTED_QUIET_LIMIT_MS of virtual time since the
   * last event of an event source. `describe` dumps the world.
   */
  checkBeneath(top: StackedWait, nowMs: number, sourcesIdle: boolean, lastSourceEventMs: number, describe: () => string): void {
    for (let i = this.waits.length - 2; i >= 0 && sourcesIdle; i--) {
      const low = this.waits[i]!;
      if (low.queue === top.queue) continue;
      if (isReady(low)) throw new DeadlockError(readyBeneathMessage(low, top, describe()), top.queue.threadId);
    }
    const low = this.waits.findLast((w) => w.queue !== top.queue);
    if (low && nowMs - Math.max(low.startMs, lastSourceEventMs) >= NESTED_QUIET_LIMIT_MS) {
      throw new DeadlockError(quietBeneathMessage(low, top, nowMs - Math.max(low.startMs, lastSourceEventMs), describe()), top.queue.threadId);
    }
  }

  /** The stack as lines, innermost last, for DeadlockError. */
  describe(): string[] {
    return this.waits.map((w, i) => `  ${i + 1}. thread ${w.queue.threadId} (${w.queue.name}) waits for ${w.what}, since ${w.startMs} ms`);
  }
}

/** Evaluates a lower wait's condition as its own thread would (its queue current). */
function isReady(w: StackedWait): boolean {
  const previous = setCurrentQueue(w.queue);
  try {
    return w.isDone();
  } finally {
    setCurrentQueue(previous);
  }
}

const SHARED_STACK =
  'simulated threads share one JavaScript stack, so a wait lower on it cannot return before every wait above it has ended';
const ADVICE =
  'Do not block (a CSocket call, SendMessage, a nested GetMessage) in code that a simulated thread runs while another simulated thread is blocked: ' +
  'use CAsyncSocket and handle the data in OnReceive (a read transaction takes a partial message), or run one of the programs on a real thread (startThread) or on the calling thread';

function thread(w: StackedWait): string {
  return `thread ${w.queue.threadId} (${w.queue.name})`;
}

function readyBeneathMessage(low: StackedWait, top: StackedWait, world: string): string {
  return (
    `Deadlock on virtual time: ${thread(low)} is ready to return from its wait for ${low.what}, but it lies beneath ${thread(top)}, ` +
    `which waits for ${top.what} above it (${SHARED_STACK}). ${ADVICE}.\n${world}`
  );
}

function quietBeneathMessage(low: StackedWait, top: StackedWait, quietMs: number, world: string): string {
  return (
    `Deadlock on virtual time: ${thread(low)} waits for ${low.what} beneath ${thread(top)}, which waits for ${top.what} above it, ` +
    `and for ${quietMs} ms of virtual time only timers have run (no network event): neither wait can end (${SHARED_STACK}). ${ADVICE}.\n${world}`
  );
}
