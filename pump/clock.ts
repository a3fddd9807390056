// Time is injected: everything that needs "now" asks a Clock. This is the only file that reads
// the real clock (DESIGN.md "Time and the one wait point"), and the one that keeps the tick.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sharedState, sharedStateCreatedHere } from './sharedState.ts';

/** A source of monotonic milliseconds. */
export interface Clock {
  /** Milliseconds since an arbitrary origin; never goes backwards. */
  nowMs(): number;
  /** True when time moves only when the simulation moves it. */
  readonly isVirtual: boolean;
}

/** Wall time from the monotonic clock (performance.now). */
export class RealClock implements Clock {
  readonly isVirtual = false;
  nowMs(): number {
    return performance.now();
  }
}

/** Time that moves only when `advanceTo` is called (by the simulation's wait point). */
export class VirtualClock implements Clock {
  readonly isVirtual = true;
  private now: number;

  constructor(startMs = 0) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  /** Moves time forward to `ms`. Moving backwards is a programming error. */
  advanceTo(ms: number): void {
    if (!(ms >= this.now)) throw new RangeError(`Cannot advance virtual time: now is ${this.now} ms, requested ${ms} ms`);
    this.now = ms;
  }
}

/** The process-wide real clock (one instance is enough: it has no state). */
export const realClock: Clock = new RealClock();

/** Where a simulation's calendar starts: 2000-01-01 00:00:00 UTC, so that a replay reads the same dates. */
export const VIRTUAL_CALENDAR_EPOCH_S = 946_684_800;

/**
 * Whole seconds since 1970-01-01 00:00:00 UTC, as C's time() gives them: the system's calendar
 * on real time; on virtual time VIRTUAL_CALENDAR_EPOCH_S plus the virtual seconds, so that a
 * simulation stays replayable from its seed.
 */
export function calendarSeconds(clock: Clock): number {
  return clock.isVirtual ? VIRTUAL_CALENDAR_EPOCH_S + Math.floor(clock.nowMs() / 1000) : Math.floor(Date.now() / 1000);
}

/**
 * GetTickCount-style 32-bit milliseconds, as MSG.time and GetMessageTime report them. On virtual
 * time, the clock's milliseconds; on the real clock, the process's tick (below).
 */
export function tickCount(clock: Clock): number {
  return clock === realClock ? realTick() : Math.floor(clock.nowMs()) >>> 0;
}

// The real tick. Windows stamps MSG.time from a tick that a timer interrupt writes to memory every
// 10–16 ms (windows-facts B.7.4: ~15.6 ms steps), so stamping a post costs a load, not a clock
// read. Here a small thread writes the tick to shared memory every millisecond, and a post reads
// it: MSG.time is the millisecond of the post, up to a millisecond late (later while the OS does
// not schedule the tick thread; a tick thread that dies is noticed only when this thread's event
// loop runs, until then the tick stands still). The thread stops
// writing (and sleeps on a word) after a stretch in which nobody read the tick; a reader that
// finds it asleep or not started reads the clock itself and wakes it. Every thread of the process
// reads the same tick, as every Windows thread reads the same GetTickCount.
const TICK = 0;
const STATE = 1;
/** Set by every fast read; on a cache line of its own, so that the writes do not slow the tick's readers. */
const WANTED = 16;
/** Never written: the tick thread sleeps on it between periods, whatever readers do to WANTED. */
const SLEEP = 17;
const ORIGIN_BYTES = 128;
const NOT_STARTED = 0;
const STARTING = 1;
const RUNNING = 2;
const DOZING = 3;
const WAKING = 4;
const TICK_PERIOD_MS = 1;
/** Idle periods before the tick thread dozes off. */
const DOZE_AFTER_PERIODS = 100;
/** Clock reads of the thread that owns the shared state before it starts the tick thread (a short program never needs it). */
const EXACT_READS_BEFORE_TICKER = 256;

let words: Int32Array | undefined;
/** This thread's performance.now() + offset = milliseconds since the tick's origin. */
let offsetMs = 0;
let exactReads = 0;
/** The tick thread could not start (or died): posts read the clock, and nothing tries again. */
let tickThreadFailed = false;

/** The tick as the tick thread or a reader last wrote it; the clock itself when the thread is not running. */
function realTick(): number {
  const w = words ?? tickWords();
  // Plain loads: Atomics.load is a call in this V8, six times the cost; a tick a moment old is
  // still the tick.
  if (w[STATE] === RUNNING) {
    w[WANTED] = 1;
    return w[TICK]! >>> 0;
  }
  return exactTick(w);
}

function exactTick(w: Int32Array): number {
  raiseTick(w, TICK, Math.floor(performance.now() + offsetMs));
  const state = Atomics.load(w, STATE);
  if (state === DOZING && Atomics.compareExchange(w, STATE, DOZING, WAKING) === DOZING) Atomics.notify(w, STATE);
  else if (state === NOT_STARTED && ++exactReads >= EXACT_READS_BEFORE_TICKER) startTickThread();
  return Atomics.load(w, TICK) >>> 0;
}

/**
 * Moves the tick (word `at` of `w`) forward to `ms`, never back: readers and the tick thread write
 * it concurrently. The tick thread runs this very function, from its source, so it uses nothing
 * but its arguments and Atomics (a minifier may rename anything else).
 */
function raiseTick(w: Int32Array, at: number, ms: number): void {
  const next = ms | 0;
  for (;;) {
    const seen = Atomics.load(w, at);
    if (((next - seen) | 0) <= 0 || Atomics.compareExchange(w, at, seen, next) === seen) return;
  }
}

function tickWords(): Int32Array {
  const buffer = sharedState().buffers.tick;
  const origin = new Float64Array(buffer, ORIGIN_BYTES, 1);
  // The thread that created the shared state sets the origin (its own performance.now() zero)
  // before any other thread that shares it exists; the others line their clocks up with it.
  if (sharedStateCreatedHere() && origin[0] === 0) origin[0] = hrtimeMs() - performance.now();
  offsetMs = hrtimeMs() - performance.now() - origin[0]!;
  return (words = new Int32Array(buffer, 0, SLEEP + 1));
}

function hrtimeMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

/**
 * Starts the tick thread, once per process, from the thread that created the shared state (the
 * threads it starts die with it, so the tick never outlives its writer); elsewhere a no-op.
 * startThread() calls it so that a program's workers find the tick running.
 */
export function startTickThread(): void {
  const w = words ?? tickWords();
  if (tickThreadFailed || !sharedStateCreatedHere() || Atomics.compareExchange(w, STATE, NOT_STARTED, STARTING) !== NOT_STARTED) return;
  const source = `
    const { workerData } = require('node:worker_threads');
    const w = new Int32Array(workerData.tick, 0, ${SLEEP + 1});
    const origin = new Float64Array(workerData.tick, ${ORIGIN_BYTES}, 1)[0];
    const raise = ${raiseTick.toString()};
    let idle = 0;
    for (;;) {
      const [s, ns] = process.hrtime();
      raise(w, ${TICK}, Math.floor(s * 1e3 + ns / 1e6 - origin));
      Atomics.store(w, ${STATE}, ${RUNNING});
      if (Atomics.exchange(w, ${WANTED}, 0) !== 0) idle = 0;
      else if (++idle >= ${DOZE_AFTER_PERIODS}) {
        idle = 0;
        if (Atomics.compareExchange(w, ${STATE}, ${RUNNING}, ${DOZING}) === ${RUNNING}) Atomics.wait(w, ${STATE}, ${DOZING});
        continue;
      }
      Atomics.wait(w, ${SLEEP}, 0, ${TICK_PERIOD_MS});
    }`;
  // A tick that stopped moving would be worse than none: from then on, posts read the clock.
  const stopped = () => {
    tickThreadFailed = true;
    Atomics.store(w, STATE, NOT_STARTED);
  };
  let worker: Worker;
  try {
    // No loader hooks or flags of the parent: the thread is a few lines of plain JavaScript.
    worker = new Worker(source, { eval: true, workerData: { tick: sharedState().buffers.tick }, execArgv: [], stdout: true, stderr: true });
  } catch {
    // Out of threads or memory: the post that asked for the tick must not fail for it.
    return stopped();
  }
  worker.unref();
  worker.on('error', stopped);
  worker.on('exit', stopped);
}

/**
 * Keeps Node's event loop alive until the returned function is called. Atomics.waitAsync holds no
 * reference on the loop, so an async wait for a message from another thread needs this.
 */
export function holdEventLoop(): () => void {
  const handle = setInterval(() => {}, 0x3fffffff);
  return () => clearInterval(handle);
}
