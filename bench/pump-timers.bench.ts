// 100,000 live timers on virtual time (so the figures measure the timer heap, not the wall
// clock): creating them, and retrieving one coalesced WM_TIMER from each after all fell due.
// Baseline: the same with 1,000 live timers (100 times over, so both time 100,000 operations),
// interleaved with it, to show the cost per WM_TIMER grows only with log n.
import { createMessageWindow, DefWindowProc, DestroyWindow, KillTimer, MSG, PeekMessage, PM_REMOVE, SetTimer, Simulation, WM_TIMER } from '../pump/index.ts';
import { performance } from 'node:perf_hooks';
import { interleave, report } from './harness.ts';

const msg = new MSG();
const ROUNDS = 9; // pairs per row (the file takes about 10 s)
const OPS = 100_000; // timers set, and WM_TIMERs retrieved, per sample

/**
 * Samples of SetTimer's rate and of WM_TIMER retrieval with `timers` live timers, on a fresh
 * simulation. Each sample does OPS operations, in OPS / timers repetitions of `timers` timers, so
 * that the small case is timed over as many operations as the large one; only the SetTimer calls,
 * and only the retrieval, are inside the clock.
 */
function timerSamples(timers: number): { create: () => number; fire: () => number } {
  const reps = OPS / timers;
  const setAll = (h: number) => {
    let made = 0;
    for (let id = 1; id <= timers; id++) if (SetTimer(h, id, 10 + (id % 1000), null)) made++;
    return made;
  };
  /** `prepare` runs outside the clock before each repetition, `measure` inside it; both return counts. */
  const sample = (prepare: (h: number, sim: Simulation) => number, measure: (h: number) => number) => () => {
    const sim = new Simulation();
    const detach = sim.attachCurrentThread();
    const h = createMessageWindow(DefWindowProc);
    let ms = 0;
    let prepared = 0;
    let count = 0;
    for (let r = 0; r < reps; r++) {
      prepared += prepare(h, sim);
      const t0 = performance.now();
      count += measure(h);
      ms += performance.now() - t0;
      for (let id = 1; id <= timers; id++) KillTimer(h, id);
    }
    DestroyWindow(h);
    detach();
    if (count !== OPS || (prepared !== 0 && prepared !== OPS)) throw new Error(`Benchmark self-check failed: counted ${count} (${prepared} prepared), expected ${OPS}`);
    return (OPS / ms) * 1000;
  };
  return {
    create: sample(() => 0, setAll),
    // The timers are set and fall due before the clock starts: every timer is late, and each
    // yields exactly one WM_TIMER.
    fire: sample((h, sim) => {
      const made = setAll(h);
      sim.runFor(100_000);
      return made;
    }, () => {
      let fired = 0;
      while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) if (msg.message === WM_TIMER) fired++;
      return fired;
    }),
  };
}

const few = timerSamples(1_000);
const many = timerSamples(100_000);
const create = await interleave(ROUNDS, many.create, few.create);
const fire = await interleave(ROUNDS, many.fire, few.fire);
report('pump-timers', [
  { workload: 'SetTimer, 100,000 window timers', unit: 'timers/s', baseline: 'SetTimer, 1,000 timers (100 times)', ...create },
  { workload: 'WM_TIMER retrieved with 100,000 live timers', unit: 'WM_TIMER/s', baseline: '1,000 live timers (100 times)', ...fire, goal: 'heap-ordered: cost per WM_TIMER grows with log(timers) only' },
]);
