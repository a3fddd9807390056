// CTime: an absolute time, seconds since 1970-01-01 00:00:00 UTC (ATL's atltime.h, MFC 7 and
// later: a __time64_t). The calendar parts are local time, through the C runtime's
// _localtime64_s / _mktime64 (here: the JavaScript Date of the process's time zone), whose range
// is 1970-01-01 00:00:00 UTC to 3000-12-31 23:59:59 UTC; outside it the parts read as MFC's
// failure values (GetYear 0, GetHour -1, …) and Format gives "".
import { calendarSeconds, currentClock } from '../../../pump/internal.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { AfxThrowOleException, E_FAIL, E_INVALIDARG } from '../exceptions/COleException.ts';
import { CTimeSpan } from './CTimeSpan.ts';
import { Seconds, wholeSeconds } from './Seconds.ts';
import { strftime, type BrokenDownTime } from './timeFormat.ts';

/** _MAX__TIME64_T: 3000-12-31 23:59:59 UTC, the CRT's last convertible time. */
const MAX_TIME64 = 32_535_215_999;

function inCrtRange(t: number): boolean {
  return t >= 0 && t <= MAX_TIME64;
}

/** The zone's long name at `date` (%Z), e.g. "Central European Summer Time"; '' if the platform has none. */
function zoneName(date: Date, utc: boolean): string {
  if (utc) return 'Coordinated Universal Time';
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'long' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

function brokenDown(t: number, utc: boolean): BrokenDownTime | null {
  if (!inCrtRange(t)) return null;
  const d = new Date(t * 1000);
  const year = utc ? d.getUTCFullYear() : d.getFullYear();
  const month = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  return {
    year,
    month,
    day,
    hour: utc ? d.getUTCHours() : d.getHours(),
    minute: utc ? d.getUTCMinutes() : d.getMinutes(),
    second: utc ? d.getUTCSeconds() : d.getSeconds(),
    weekday: utc ? d.getUTCDay() : d.getDay(),
    yearDay: Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000),
    zoneName: zoneName(d, utc),
  };
}

/** How many seconds the local zone's summer time is ahead of its standard time in `year` (0 if it has none). */
function summerShiftS(year: number): number {
  const january = new Date(year, 0, 1).getTimezoneOffset();
  const july = new Date(year, 6, 1).getTimezoneOffset();
  return Math.abs(january - july) * 60;
}

/** Whether `d` falls in the local zone's summer time (its offset is not the year's standard one). */
function inSummerTime(d: Date): boolean {
  const year = d.getFullYear();
  return d.getTimezoneOffset() < Math.max(new Date(year, 0, 1).getTimezoneOffset(), new Date(year, 6, 1).getTimezoneOffset());
}

/**
 * C's _mktime64 of a local wall-clock time: out-of-range parts carry over (February 30 is March
 * 1 or 2), `nDST` < 0 lets the zone decide, 0 reads the time as standard time, > 0 as summer time.
 */
function mktime(year: number, month: number, day: number, hour: number, min: number, sec: number, nDST: number): number {
  const d = new Date(year, month - 1, day, hour, min, sec);
  let t = Math.floor(d.getTime() / 1000);
  // The wall clock read as the other kind of time than the zone's at that moment is an hour off.
  if (nDST === 0 && inSummerTime(d)) t += summerShiftS(d.getFullYear());
  else if (nDST > 0 && !inSummerTime(d)) t -= summerShiftS(d.getFullYear());
  return inCrtRange(t) ? t : -1;
}

/**
 * An absolute time, in seconds since 1970 (UTC); its calendar parts are the local time.
 *
 * Emulates: MFC/ATL `CTime` (atltime.h, MFC 9): the constructors `()`, `(time)` and `(nYear,
 * nMonth, nDay, nHour, nMin, nSec, nDST = -1)` — its ATLENSURE range checks (year ≥ 1900, month
 * 1-12, day 1-31, hour 0-23, minute and second 0-59) throw COleException E_FAIL, and a time
 * _mktime64 cannot convert (before 1970 or after 3000 UTC) COleException E_INVALIDARG, as MFC's
 * AtlThrow does —, GetCurrentTime, GetTime, GetYear, GetMonth, GetDay, GetHour, GetMinute,
 * GetSecond, GetDayOfWeek (1 = Sunday), Format and FormatGmt (strftime, "C" locale, MFC's 128
 * characters). Operators: `+` / `-` are `plus` / `minus` (a span, or another time for the span
 * between), `+=` / `-=` are `add` / `subtract`, `==` is `equals`; `<`, `>`, `<=`, `>=` work as
 * they are, through `valueOf()`. Serialization is CArchive's writeCTime / readCTime (MFC 8+'s
 * marker and 64 bits; a 32-bit time of VC6 - 7.1 loads too) and Serialize64.
 * Differs: times are JavaScript safe integers of seconds; the local time is the process's time
 * zone (TZ), as JavaScript's Date knows it; a bad strftime specifier is CInvalidArgException
 * where the CRT's invalid parameter handler ends the program; %z and %Z give the zone's English
 * long name from Intl. On virtual time GetCurrentTime reads the simulation's calendar, which
 * starts at 2000-01-01 00:00:00 UTC.
 *
 * @example
 * const t = new CTime(2026, 12, 3, 9, 30, 0);
 * t.Format('%Y-%m-%d %H:%M:%S'); // '2026-12-03 09:30:00'
 * ar.writeCTime(t);              // 0A 00 00 80 + 8 bytes
 */
export class CTime extends Seconds {
  constructor(time?: number);
  constructor(nYear: number, nMonth: number, nDay: number, nHour: number, nMin: number, nSec: number, nDST?: number);
  constructor(first = 0, nMonth?: number, nDay?: number, nHour?: number, nMin?: number, nSec?: number, nDST = -1) {
    if (nMonth === undefined) {
      super(wholeSeconds('CTime(time)', first));
      return;
    }
    const [y, mo, d, h, mi, s, dst] = [first, nMonth, nDay, nHour, nMin, nSec, nDST].map((v, i) => wholeSeconds(`CTime(nYear, nMonth, nDay, nHour, nMin, nSec, nDST) argument ${i + 1}`, v)) as [number, number, number, number, number, number, number];
    const checks: [boolean, string][] = [
      [y >= 1900, `nYear ${y} < 1900`], [mo >= 1 && mo <= 12, `nMonth ${mo}`], [d >= 1 && d <= 31, `nDay ${d}`],
      [h >= 0 && h <= 23, `nHour ${h}`], [mi >= 0 && mi <= 59, `nMin ${mi}`], [s >= 0 && s <= 59, `nSec ${s}`],
    ];
    for (const [ok, what] of checks) if (!ok) AfxThrowOleException(E_FAIL, `CTime: ${what} is out of range (ATLENSURE)`);
    const t = mktime(y, mo, d, h, mi, s, dst);
    if (t === -1) AfxThrowOleException(E_INVALIDARG, `CTime: ${y}-${mo}-${d} ${h}:${mi}:${s} local time is outside 1970-3000 UTC (_mktime64 returned -1)`);
    super(t);
  }

  /**
   * Emulates: `CTime::GetCurrentTime` — `_time64(NULL)`, whole seconds of the calendar. On virtual
   * time the calendar is the simulation's: 2000-01-01 00:00:00 UTC plus the virtual seconds.
   */
  static GetCurrentTime(): CTime {
    return new CTime(calendarSeconds(currentClock()));
  }

  /** Emulates: `CTime::GetTime`. */
  GetTime(): number {
    return this.seconds;
  }

  /** Emulates: `CTime::GetYear` (local); 0 when the CRT cannot convert the time. */
  GetYear(): number {
    return brokenDown(this.seconds, false)?.year ?? 0;
  }

  /** Emulates: `CTime::GetMonth` (1-12, local); 0 when the CRT cannot convert the time. */
  GetMonth(): number {
    const t = brokenDown(this.seconds, false);
    return t ? t.month + 1 : 0;
  }

  /** Emulates: `CTime::GetDay` (1-31, local); 0 when the CRT cannot convert the time. */
  GetDay(): number {
    return brokenDown(this.seconds, false)?.day ?? 0;
  }

  /** Emulates: `CTime::GetHour` (0-23, local); -1 when the CRT cannot convert the time. */
  GetHour(): number {
    return brokenDown(this.seconds, false)?.hour ?? -1;
  }

  /** Emulates: `CTime::GetMinute` (local); -1 when the CRT cannot convert the time. */
  GetMinute(): number {
    return brokenDown(this.seconds, false)?.minute ?? -1;
  }

  /** Emulates: `CTime::GetSecond` (local); -1 when the CRT cannot convert the time. */
  GetSecond(): number {
    return brokenDown(this.seconds, false)?.second ?? -1;
  }

  /** Emulates: `CTime::GetDayOfWeek` (1 = Sunday … 7, local); 0 when the CRT cannot convert the time. */
  GetDayOfWeek(): number {
    const t = brokenDown(this.seconds, false);
    return t ? t.weekday + 1 : 0;
  }

  /** Emulates: `CTime::Format` — strftime of the local time; "" if it cannot be converted or the result has 128 characters or more. */
  Format(pFormat: string | null): string {
    return this.#format(pFormat, false);
  }

  /** Emulates: `CTime::FormatGmt` — strftime of the UTC time, as Format. */
  FormatGmt(pFormat: string | null): string {
    return this.#format(pFormat, true);
  }

  /** Emulates: `CTime::operator+(CTimeSpan)`. */
  plus(span: CTimeSpan): CTime {
    return new CTime(this.seconds + span.GetTimeSpan());
  }

  /** Emulates: `CTime::operator-(CTimeSpan)` and `operator-(CTime)` (the span between two times). */
  minus(other: CTimeSpan): CTime;
  minus(other: CTime): CTimeSpan;
  minus(other: CTimeSpan | CTime): CTime | CTimeSpan {
    if (other instanceof CTime) return new CTimeSpan(this.seconds - other.GetTime());
    return new CTime(this.seconds - other.GetTimeSpan());
  }

  #format(pFormat: string | null, utc: boolean): string {
    if (pFormat === null) return ''; // MFC returns the NULL it was given, an empty CString
    if (typeof pFormat !== 'string') wrongArgument(`CTime.Format${utc ? 'Gmt' : ''}`, 'a string or null', pFormat);
    const t = brokenDown(this.seconds, utc);
    return t ? strftime(t, pFormat) : '';
  }
}
