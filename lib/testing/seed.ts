// The seed of a simulated world: the one number that replays a failure. A spec's own seed wins,
// then the SEED environment variable (so that `SEED=… npm test` replays a failure without an
// edit), then the package's fixed DEFAULT_SEED — never the wall clock (DESIGN.md "The simulated
// network").
import { DEFAULT_SEED } from '../index.ts';

/**
 * The seed a simulated world uses: `seed` if given, else the environment's SEED, else DEFAULT_SEED.
 *
 * @example
 * const seed = resolveSeed(); // 0x5eed unless SEED=… is set
 */
export function resolveSeed(seed?: number): number {
  if (seed !== undefined) return seed;
  const fromEnv = process.env.SEED;
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_SEED;
  const parsed = Number(fromEnv);
  if (!Number.isInteger(parsed)) throw new RangeError(`Cannot use SEED=${fromEnv}: not an integer`);
  return parsed;
}

/** The line every failure of a seeded world ends with. */
export function replayHint(seed: number): string {
  return `(seed ${seed}; replay with SEED=${seed})`;
}
