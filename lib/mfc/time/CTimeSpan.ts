// CTimeSpan: a signed count of seconds (ATL's atltime.h, MFC 7 and later: a __time64_t). The
// parts are C's truncating divisions, so a negative span has negative parts.
import { Seconds, wholeSeconds } from './Seconds.ts';
import { formatTimeSpan } from './timeFormat.ts';

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
export class CTimeSpan extends Seconds {
  constructor(time?: number);
  constructor(lDays: number, nHours: number, nMins: number, nSecs: number);
  constructor(first = 0, nHours?: number, nMins?: number, nSecs?: number) {
    if (nHours === undefined) {
      super(wholeSeconds('CTimeSpan(time)', first));
      return;
    }
    const parts = [first, nHours, nMins, nSecs].map((v, i) => wholeSeconds(`CTimeSpan(lDays, nHours, nMins, nSecs) argument ${i + 1}`, v));
    super(wholeSeconds('CTimeSpan(lDays, nHours, nMins, nSecs)', parts[3]! + 60 * (parts[2]! + 60 * (parts[1]! + 24 * parts[0]!))));
  }

  /** Emulates: `CTimeSpan::GetDays` — whole days, truncated toward zero. */
  GetDays(): number {
    return Math.trunc(this.seconds / 86_400);
  }

  /** Emulates: `CTimeSpan::GetTotalHours`. */
  GetTotalHours(): number {
    return Math.trunc(this.seconds / 3600);
  }

  /** Emulates: `CTimeSpan::GetHours` — the hours beyond the whole days (-23 … 23). */
  GetHours(): number {
    return this.GetTotalHours() - this.GetDays() * 24;
  }

  /** Emulates: `CTimeSpan::GetTotalMinutes`. */
  GetTotalMinutes(): number {
    return Math.trunc(this.seconds / 60);
  }

  /** Emulates: `CTimeSpan::GetMinutes` — the minutes beyond the whole hours (-59 … 59). */
  GetMinutes(): number {
    return this.GetTotalMinutes() - this.GetTotalHours() * 60;
  }

  /** Emulates: `CTimeSpan::GetTotalSeconds`. */
  GetTotalSeconds(): number {
    return this.seconds;
  }

  /** Emulates: `CTimeSpan::GetSeconds` — the seconds beyond the whole minutes (-59 … 59). */
  GetSeconds(): number {
    return this.seconds - this.GetTotalMinutes() * 60;
  }

  /** Emulates: `CTimeSpan::GetTimeSpan`. */
  GetTimeSpan(): number {
    return this.seconds;
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
    return new CTimeSpan(this.seconds + span.GetTimeSpan());
  }

  /** Emulates: `CTimeSpan::operator-`. */
  minus(span: CTimeSpan): CTimeSpan {
    return new CTimeSpan(this.seconds - span.GetTimeSpan());
  }
}
