// CTimeSpan: a signed count of seconds (ATL's atltime.h, MFC 7 and later: a __time64_t). The
// parts are C's truncating divisions, so a negative span has negative parts.
import { CArchiveException } from '../exceptions/CArchiveException.ts';
import { CInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { formatTimeSpan } from './timeFormat.ts';

function wholeSeconds(what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new CInvalidArgException(`${what}: ${String(value)} is not a whole number of seconds`);
  }
  return value;
}

/**
 * A relative time, in seconds.
 *
 * Emulates: MFC/ATL `CTimeSpan`: the constructors `()`, `(time)` and `(lDays, nHours, nMins,
 * nSecs)`, GetDays, GetTotalHours, GetHours, GetTotalMinutes, GetMinutes, GetTotalSeconds,
 * GetSeconds, GetTimeSpan, Format (%D %H %M %S %%). Operators: `+` / `-` are `plus` / `minus`,
 * `+=` / `-=` are `add` / `subtract`, `==` is `equals`; `<`, `>`, `<=`, `>=` work as they are,
 * through `valueOf()` (the seconds). Serialization is CArchive's writeCTimeSpan / readCTimeSpan
 * (32 bits, as MFC's operator<<) and Serialize64.
 * Differs: a span is a JavaScript safe integer of seconds (±2^53), not a full 64-bit one; a value
 * that is none is CInvalidArgException.
 *
 * @example
 * const span = new CTimeSpan(1, 2, 3, 4);
 * span.Format('%D days, %H:%M:%S'); // '1 days, 02:03:04'
 */
export class CTimeSpan {
  #seconds: number;

  constructor(time?: number);
  constructor(lDays: number, nHours: number, nMins: number, nSecs: number);
  constructor(first = 0, nHours?: number, nMins?: number, nSecs?: number) {
    if (nHours === undefined) {
      this.#seconds = wholeSeconds('CTimeSpan(time)', first);
      return;
    }
    const parts = [first, nHours, nMins, nSecs].map((v, i) => wholeSeconds(`CTimeSpan(lDays, nHours, nMins, nSecs) argument ${i + 1}`, v));
    this.#seconds = wholeSeconds('CTimeSpan(lDays, nHours, nMins, nSecs)', parts[3]! + 60 * (parts[2]! + 60 * (parts[1]! + 24 * parts[0]!)));
  }

  /** Emulates: `CTimeSpan::GetDays` — whole days, truncated toward zero. */
  GetDays(): number {
    return Math.trunc(this.#seconds / 86_400);
  }

  /** Emulates: `CTimeSpan::GetTotalHours`. */
  GetTotalHours(): number {
    return Math.trunc(this.#seconds / 3600);
  }

  /** Emulates: `CTimeSpan::GetHours` — the hours beyond the whole days (-23 … 23). */
  GetHours(): number {
    return this.GetTotalHours() - this.GetDays() * 24;
  }

  /** Emulates: `CTimeSpan::GetTotalMinutes`. */
  GetTotalMinutes(): number {
    return Math.trunc(this.#seconds / 60);
  }

  /** Emulates: `CTimeSpan::GetMinutes` — the minutes beyond the whole hours (-59 … 59). */
  GetMinutes(): number {
    return this.GetTotalMinutes() - this.GetTotalHours() * 60;
  }

  /** Emulates: `CTimeSpan::GetTotalSeconds`. */
  GetTotalSeconds(): number {
    return this.#seconds;
  }

  /** Emulates: `CTimeSpan::GetSeconds` — the seconds beyond the whole minutes (-59 … 59). */
  GetSeconds(): number {
    return this.#seconds - this.GetTotalMinutes() * 60;
  }

  /** Emulates: `CTimeSpan::GetTimeSpan`. */
  GetTimeSpan(): number {
    return this.#seconds;
  }

  /**
   * Emulates: `CTimeSpan::Format` — %D the days, %H hours (00-23), %M minutes, %S seconds, %%
   * a percent sign; any other character after % stands for itself, as in MFC.
   */
  Format(pFormat: string): string {
    return formatTimeSpan(this, pFormat);
  }

  /** Emulates: `CTimeSpan::operator+`. */
  plus(span: CTimeSpan): CTimeSpan {
    return new CTimeSpan(this.#seconds + span.GetTimeSpan());
  }

  /** Emulates: `CTimeSpan::operator-`. */
  minus(span: CTimeSpan): CTimeSpan {
    return new CTimeSpan(this.#seconds - span.GetTimeSpan());
  }

  /** Emulates: `CTimeSpan::operator+=`. */
  add(span: CTimeSpan): this {
    this.#seconds = wholeSeconds('CTimeSpan += span', this.#seconds + span.GetTimeSpan());
    return this;
  }

  /** Emulates: `CTimeSpan::operator-=`. */
  subtract(span: CTimeSpan): this {
    this.#seconds = wholeSeconds('CTimeSpan -= span', this.#seconds - span.GetTimeSpan());
    return this;
  }

  /** Emulates: `CTimeSpan::operator==`. */
  equals(span: CTimeSpan): boolean {
    return this.#seconds === span.GetTimeSpan();
  }

  /** The seconds, so that `<`, `>`, `<=` and `>=` compare spans as MFC's operators do. */
  valueOf(): number {
    return this.#seconds;
  }

  /** Emulates: `CTimeSpan::Serialize64` — the span as a LONGLONG, storing or loading by the archive's direction. */
  Serialize64(ar: { IsStoring(): boolean; writeLONGLONG(v: number): unknown; readLONGLONG(): bigint }): typeof ar {
    if (ar.IsStoring()) ar.writeLONGLONG(this.#seconds);
    else this.#seconds = secondsOfLONGLONG(ar.readLONGLONG(), 'CTimeSpan::Serialize64');
    return ar;
  }
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
