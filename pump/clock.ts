// Time is injected: everything that needs "now" asks a Clock. This is the only file that reads
// the real clock (DESIGN.md "Time and the one wait point").
import { performance } from 'node:perf_hooks';

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

/** GetTickCount-style 32-bit milliseconds, as MSG.time and GetMessageTime report them. */
export function tickCount(clock: Clock): number {
  return Math.floor(clock.nowMs()) >>> 0;
}

/**
 * Keeps Node's event loop alive until the returned function is called. Atomics.waitAsync holds no
 * reference on the loop, so an async wait for a message from another thread needs this.
 */
export function holdEventLoop(): () => void {
  const handle = setInterval(() => {}, 0x3fffffff);
  return () => clearInterval(handle);
}
