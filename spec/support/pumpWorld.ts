// A fresh, empty message-queue world for each spec: a Simulation on virtual time attached to the
// calling thread, and at the end a check that the world is empty again (no queued messages,
// timers, windows, paint or quit left), printing the world if it is not (STYLE.md 13).
import { suite } from './suite.ts';
import { isThreadEmpty, Simulation } from 'afxsock/pump';

export interface PumpWorld {
  sim: Simulation;
}

export interface PumpSuite {
  (title: string, body: (world: PumpWorld) => void | Promise<void>): void;
  run(): void;
}

/** A suite whose tests each run in a fresh virtual-time world that must end empty. */
export function pumpSuite(name: string): PumpSuite {
  const s = suite(name);
  const add = (title: string, body: (world: PumpWorld) => void | Promise<void>) =>
    s(title, async () => {
      const sim = new Simulation();
      const detach = sim.attachCurrentThread();
      try {
        await body({ sim });
        if (!isThreadEmpty()) throw new Error(`The spec left a non-empty world:\n${sim.describe()}`);
      } finally {
        detach();
      }
    });
  return Object.assign(add, { run: () => s.run() });
}
