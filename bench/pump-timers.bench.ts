// 100,000 live timers on virtual time (so the figures measure the timer heap, not the wall
// clock): creating them, and retrieving one coalesced WM_TIMER from each after all fell due.
// Baseline: the same with 1,000 live timers, to show the cost per WM_TIMER grows only with log n.
import { createMessageWindow, DefWindowProc, DestroyWindow, KillTimer, MSG, PeekMessage, PM_REMOVE, SetTimer, Simulation, WM_TIMER } from '../pump/index.ts';
import { bestRate, rate, report } from './harness.ts';

const msg = new MSG();

function timerRates(timers: number): { create: number; fire: number } {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const h = createMessageWindow(DefWindowProc);
  const create = rate(timers, () => {
    let made = 0;
    for (let id = 1; id <= timers; id++) if (SetTimer(h, id, 10 + (id % 1000), null)) made++;
    return made;
  }).perSecond;
  const fire = bestRate(3, timers, () => {
    let fired = 0;
    while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) if (msg.message === WM_TIMER) fired++;
    return fired;
  }, timers, () => sim.runFor(100_000)); // every timer is late: each yields exactly one WM_TIMER
  for (let id = 1; id <= timers; id++) KillTimer(h, id);
  DestroyWindow(h);
  detach();
  return { create, fire };
}

timerRates(1_000); // warm-up: the JIT settles before either measurement
const few = timerRates(1_000);
const many = timerRates(100_000);
report('pump-timers', [
  { workload: 'SetTimer, 100,000 window timers', figure: many.create, unit: 'timers/s', baseline: 'SetTimer, 1,000 timers', baselineFigure: few.create, ratio: many.create / few.create },
  { workload: 'WM_TIMER retrieved with 100,000 live timers', figure: many.fire, unit: 'WM_TIMER/s', baseline: '1,000 live timers', baselineFigure: few.fire, ratio: many.fire / few.fire, goal: 'heap-ordered: cost per WM_TIMER grows with log(timers) only' },
]);
