// Something other than a message queue that schedules work on virtual time — the simulated
// network is one. The simulation's wait point asks every source when its next event is due,
// advances the virtual clock to the earliest, and lets the sources run what is due.

/** A scheduler of work on virtual time that the simulation's wait point drives (the simulated network is one). */
export interface EventSource {
  /** Virtual time (ms) of the next event this source will run, or undefined if it has none. */
  nextDueMs(): number | undefined;
  /** Runs every event due at or before `nowMs`, in (due time, sequence) order. */
  runDue(nowMs: number): void;
  /** Lines describing pending work, for DeadlockError messages and world dumps. */
  describe(): string[];
}
