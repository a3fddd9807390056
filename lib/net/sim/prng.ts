// The simulated network's only source of randomness: a small seeded generator (sfc32), forked
// per host so that adding traffic on one host does not shift the draws of another.

/** A deterministic pseudo-random generator. Same seed, same sequence, on every platform. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new TypeError(`Prng seed must be an integer: got ${seed}`);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Seeds that differ in one bit must not produce near-identical first draws.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [min, max] (both inclusive). */
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  /** True with probability `ratio`; draws nothing when the ratio is 0 or 1, so unused features cost no draws. */
  chance(ratio: number): boolean {
    if (ratio <= 0) return false;
    if (ratio >= 1) return true;
    return this.nextFloat() < ratio;
  }

  /** An independent generator seeded from this one. */
  fork(): Prng {
    return new Prng(this.nextUint32() ^ this.nextUint32());
  }
}
