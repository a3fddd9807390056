// Virtual time for one or more simulated threads in one JavaScript thread, and the wait point of
// every queue that lives on it. A wait advances the virtual clock to the earliest thing that can
// happen (a timer, an event of a source such as the simulated network), runs it, pumps simulated
// threads that are idle, and re-checks; when nothing can ever happen it throws DeadlockError with
// a dump of every queue and source instead of hanging (DESIGN.md "Time and the one wait point").
// All simulated threads share one JavaScript stack: a thread pumped during another's wait runs on
// top of it, so the simulation keeps blocking code from being buried (see pumpIdleThreads) and
// turns a wait held down by one above it into DeadlockError at once (waitStack.ts).
import { VirtualClock } from './clock.ts';
import { DeadlockError } from './errors.ts';
import type { EventSource } from './eventSource.ts';
import { MessageQueue, type Waiter } from './queue.ts';
import { WaitStack } from './waitStack.ts';
import { sharedState } from './sharedState.ts';
import { currentQueue, registerQueue, setCurrentQueue, unregisterQueue } from './threadContext.ts';
import { dispatchMessage } from './dispatch.ts';
import { releaseThreadWindows } from './window.ts';
import { MSG } from './types.ts';
import { WM_QUIT } from './constants.ts';

/** A simulated thread: its own message queue, pumped by the simulation while others wait. */
export class SimThread {
  ended = false;
  exitCode = 0;
  constructor(readonly queue: MessageQueue) {}

  get threadId(): number {
    return this.queue.threadId;
  }
}

/**
 * Virtual time for specs, demos and benchmarks: owns a VirtualClock, the event sources (such as a
 * simulated network) and the simulated threads, and is the wait point of every queue on it.
 *
 * @example
 * const sim = new Simulation();
 * const detach = sim.attachCurrentThread();
 * SetTimer(0, 0, 250, null);
 * GetMessage(new MSG(), 0, 0, 0); // returns at virtual time 250 ms, at once in real time
 * detach();
 */
export class Simulation implements Waiter {
  readonly clock: VirtualClock;
  private readonly sources: EventSource[] = [];
  private readonly threads: SimThread[] = [];
  private readonly msg = new MSG();
  /** The waits on the stack, innermost last. */
  private readonly waits = new WaitStack();
  /** Virtual time at which an event source last ran an event. */
  private lastSourceEventMs = 0;
  private steps = 0;

  constructor(options: { startMs?: number } = {}) {
    this.clock = new VirtualClock(options.startMs ?? 0);
  }

  addEventSource(source: EventSource): void {
    this.sources.push(source);
  }

  removeEventSource(source: EventSource): void {
    const i = this.sources.indexOf(source);
    if (i >= 0) this.sources.splice(i, 1);
  }

  /** A fresh queue on this simulation's virtual time (for a simulated thread or the caller). */
  newQueue(name: string): MessageQueue {
    const q = new MessageQueue(sharedState().allocThreadId(), this.clock, this, name);
    registerQueue(q);
    return q;
  }

  /**
   * Makes the calling JavaScript thread's current queue a fresh queue on virtual time; returns a
   * function that restores the previous one.
   */
  attachCurrentThread(name = 'main'): () => void {
    const previous = setCurrentQueue(this.newQueue(name));
    return () => void setCurrentQueue(previous);
  }

  /**
   * Creates a simulated thread and runs `body` on it at once (to create its windows and sockets).
   * Afterwards the simulation dispatches its messages whenever another thread waits; the thread
   * ends when it retrieves WM_QUIT.
   * Differs: a simulated thread runs on the caller's stack, on top of whichever thread waits. While
   * a simulated thread is blocked and the network has events scheduled, the others run only their
   * sent messages (posted messages and timers wait); a wait that is ready beneath another thread's
   * wait, once the network is quiet, is a DeadlockError (README "Time and waiting").
   */
  createThread(name: string, body: () => void): SimThread {
    const t = new SimThread(this.newQueue(name));
    this.threads.push(t);
    this.runOn(t.queue, body);
    return t;
  }

  /**
   * The wait point of every queue on this simulation (Waiter). Each round: done? run the idle
   * threads' work; at the deadline? Before virtual time moves on, a wait of another thread lower
   * on the stack that is ready to return while the network has nothing scheduled (or that has been
   * held down for NESTED_QUIET_LIMIT_MS with no network event) ends the wait in DeadlockError; so
   * does a wait for which nothing can ever happen.
   */
  waitUntil(queue: MessageQueue, isDone: () => boolean, deadlineMs: number | undefined, what: string, runsSent = false): boolean {
    queue.waiting++;
    const wait = this.waits.push(queue, isDone, what, runsSent, this.clock.nowMs());
    try {
      for (;;) {
        this.steps++;
        if (isDone()) return true;
        if (this.pumpIdleThreads(isDone)) continue;
        const now = this.clock.nowMs();
        if (deadlineMs !== undefined && now >= deadlineMs) return false;
        const sourcesIdle = this.sources.every((s) => s.nextDueMs() === undefined);
        this.waits.checkBeneath(wait, now, sourcesIdle, this.lastSourceEventMs, () => this.describe());
        const next = this.nextEventMs(queue, deadlineMs);
        if (next === undefined) throw new DeadlockError(this.deadlockMessage(queue, wait.what), queue.threadId);
        this.advanceTo(next);
      }
    } finally {
      this.waits.pop();
      queue.waiting--;
    }
  }

  /** Runs sources and simulated threads until nothing is left to do now or later, except timers. */
  runUntilIdle(): void {
    for (;;) {
      this.steps++;
      if (this.pumpIdleThreads()) continue;
      const next = minOf(this.sources.map((s) => s.nextDueMs()));
      if (next === undefined) return;
      this.advanceTo(next);
    }
  }

  /** Advances virtual time by `ms`, running everything that falls due on the way (timers included). */
  runFor(ms: number): void {
    const end = this.clock.nowMs() + ms;
    for (;;) {
      this.steps++;
      if (this.pumpIdleThreads()) continue;
      const next = this.nextEventMs(null, end);
      if (next === undefined || next > end) break;
      this.advanceTo(next);
      if (next === end && !this.pumpIdleThreads()) break;
    }
    if (this.clock.nowMs() < end) this.clock.advanceTo(end);
  }

  /** Every queue, thread and source, for failures and DeadlockError. */
  describe(): string {
    const lines = [`virtual time ${this.clock.nowMs()} ms`];
    const main = currentQueue();
    if (!this.threads.some((t) => t.queue === main)) lines.push(...main.describe());
    for (const t of this.threads) lines.push(...t.queue.describe().map((l, i) => (i === 0 && t.ended ? `${l} (ended)` : l)));
    for (const s of this.sources) lines.push(...s.describe());
    return lines.join('\n');
  }

  get threadList(): readonly SimThread[] {
    return this.threads;
  }

  /**
   * How many rounds the simulation's loops (waits, runFor, runUntilIdle) have made: a spec bounds
   * it to show that a program ends instead of spinning, without reading a wall clock.
   */
  get stepCount(): number {
    return this.steps;
  }

  private advanceTo(ms: number): void {
    if (ms > this.clock.nowMs()) this.clock.advanceTo(ms);
    const now = this.clock.nowMs();
    for (const s of [...this.sources]) {
      const due = s.nextDueMs();
      if (due !== undefined && due <= now) {
        s.runDue(now);
        this.lastSourceEventMs = now;
      }
    }
  }

  /** The earliest future moment something can happen for `queue` or the idle simulated threads. */
  private nextEventMs(queue: MessageQueue | null, deadlineMs: number | undefined): number | undefined {
    const candidates: (number | undefined)[] = this.sources.map((s) => s.nextDueMs());
    if (queue) candidates.push(queue.nextTimerMs());
    if (!this.defersOthers()) for (const t of this.threads) if (!t.ended && t.queue.waiting === 0) candidates.push(t.queue.nextTimerMs());
    candidates.push(deadlineMs);
    return minOf(candidates);
  }

  /**
   * The rule that keeps blocking code from being buried: while a simulated thread is blocked (one
   * of its waits is on the stack) and an event source still has an event scheduled (bytes in
   * flight that may be what it waits for), the other simulated threads' posted messages, paint and
   * timers wait; only messages sent to them run. Code started now would run on top of the blocked
   * thread, and if it blocked too, the thread beneath could not return before it. Once nothing is
   * scheduled the others run as usual, so a thread that waits for another one still gets its answer.
   */
  private defersOthers(): boolean {
    return this.threads.some((t) => !t.ended && t.queue.waiting > 0) && this.sources.some((s) => s.nextDueMs() !== undefined);
  }

  /**
   * Pumps every simulated thread that has work and is not blocked lower on the stack (only their
   * sent messages while defersOthers()), and runs messages sent to threads whose wait allows it (as
   * Windows does inside SendMessage and GetMessage). True if anything ran. The sweep stops as soon
   * as the wait it serves is done (`isDone`), so that no further thread's code is started on top
   * of a wait that could return.
   */
  private pumpIdleThreads(isDone: () => boolean = () => false): boolean {
    let ran = false;
    const deferring = this.defersOthers();
    for (const t of this.threads) {
      if (ran && isDone()) return true;
      if (t.ended || t.queue.waiting > 0 || t.queue.running > 0 || !t.queue.hasWork()) continue;
      if (deferring) {
        if (t.queue.pendingSent.length === 0) continue;
        ran = true;
        this.runOn(t.queue, () => t.queue.deliverSent());
        continue;
      }
      ran = true;
      this.runOn(t.queue, () => {
        while (!t.ended && t.queue.retrieveNext(this.msg)) {
          if (this.msg.message === WM_QUIT) {
            t.ended = true;
            t.exitCode = this.msg.wParam;
            releaseThreadWindows(t.queue);
            unregisterQueue(t.queue);
          } else {
            dispatchMessage(t.queue, this.msg);
          }
        }
      });
    }
    // Only a queue's innermost wait decides: a GetMessage lower on the stack does not let sent
    // messages into a blocking socket call made above it.
    const innermost = new Map<MessageQueue, boolean>();
    for (const w of this.waits.beneath()) innermost.set(w.queue, w.runsSent);
    for (const [queue, runsSent] of innermost) {
      if (!runsSent || queue.pendingSent.length === 0 || queue === this.waits.innermost?.queue) continue;
      ran = true;
      this.runOn(queue, () => queue.deliverSent());
    }
    return ran;
  }

  private runOn(q: MessageQueue, body: () => void): void {
    const previous = setCurrentQueue(q);
    q.running++; // a thread with code on the stack is never pumped again underneath it
    try {
      body();
    } finally {
      q.running--;
      setCurrentQueue(previous);
    }
  }

  private deadlockMessage(queue: MessageQueue, what: string): string {
    return (
      `Deadlock on virtual time: thread ${queue.threadId} (${queue.name}) waits for ${what}, and nothing can ever arrive ` +
      `(simulated threads share one JavaScript stack: a thread blocked lower on it cannot run until this wait ends)\n` +
      // The commonest slip of a first program: the network was made but never given to the simulation.
      (this.sources.length === 0 ? 'this Simulation has no event sources (a SimNetwork delivers nothing until sim.addEventSource(net))\n' : '') +
      `waits on the stack, innermost last:\n${this.waits.describe().join('\n')}\n${this.describe()}`
    );
  }
}

function minOf(values: (number | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v < best)) best = v;
  return best;
}
