// What CTime and CTimeSpan share: a count of seconds (MFC's __time64_t) with MFC's compound
// assignment, equality and Serialize64, and the checks that keep the count a whole number.
import { CArchiveException } from '../exceptions/CArchiveException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';

/** What Serialize64 needs of an archive (CArchive, without importing it). */
export interface LongLongArchive {
  IsStoring(): boolean;
  writeLONGLONG(v: number): unknown;
  readLONGLONG(): bigint;
}

/** `value` if it is a whole number JavaScript holds exactly; CInvalidArgException naming `what` otherwise. */
export function wholeSeconds(what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) wrongArgument(what, 'a whole number (a safe integer)', value);
  return value;
}

/**
 * A LONGLONG loaded from an archive, as seconds. One beyond ±2^53 (more than 285 million years)
 * cannot be held here: CArchiveException genericException, naming it, rather than a rounded time.
 */
export function secondsOfLONGLONG(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new CArchiveException(CArchiveException.genericException, '', `${what}: ${value} seconds is beyond the ±2^53 this library holds`);
  return n;
}

export abstract class Seconds {
  #seconds: number;

  protected constructor(seconds: number) {
    this.#seconds = seconds;
  }

  /** The count, for the subclasses' getters. */
  protected get seconds(): number {
    return this.#seconds;
  }

  /** Emulates: `operator+=(CTimeSpan)`. */
  add(span: { GetTimeSpan(): number }): this {
    this.#seconds = wholeSeconds(`${this.constructor.name} += span`, this.#seconds + span.GetTimeSpan());
    return this;
  }

  /** Emulates: `operator-=(CTimeSpan)`. */
  subtract(span: { GetTimeSpan(): number }): this {
    this.#seconds = wholeSeconds(`${this.constructor.name} -= span`, this.#seconds - span.GetTimeSpan());
    return this;
  }

  /** Emulates: `operator==`. */
  equals(other: this): boolean {
    return this.#seconds === other.#seconds;
  }

  /** The seconds, so that `<`, `>`, `<=` and `>=` compare as MFC's operators do. */
  valueOf(): number {
    return this.#seconds;
  }

  /** Emulates: `Serialize64` — the count as a LONGLONG, storing or loading by the archive's direction. */
  Serialize64<A extends LongLongArchive>(ar: A): A {
    if (ar.IsStoring()) ar.writeLONGLONG(this.#seconds);
    else this.#seconds = secondsOfLONGLONG(ar.readLONGLONG(), `${this.constructor.name}::Serialize64`);
    return ar;
  }
}
