// CTime::Format and CTimeSpan::Format. CTime's is the C runtime's strftime in the "C" locale, with
// the specifiers and the '#' flag of Visual C++ 2008's CRT (MFC 9's), into MFC's buffer of 128
// characters: a result that does not fit, like a time the CRT cannot convert, is "" (atltime.h).
// CTimeSpan's is MFC's own loop (atltime.h): %D %H %M %S %% and '#' to drop the leading zero.
import { CInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { AfxThrowOleException, E_FAIL } from '../exceptions/COleException.ts';

/** The broken-down time strftime formats (C's struct tm, plus the zone's name). */
export interface BrokenDownTime {
  year: number;
  /** 0-11 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
  /** 0-365 */
  yearDay: number;
  /** The zone's name, as %Z prints it ('' when there is none). */
  zoneName: string;
}

/** atltime.h's maxTimeBufferSize: the result and its terminating NUL. */
const TIME_BUFFER_CHARS = 128;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number, dropZeros: boolean): string {
  return dropZeros ? String(n) : String(n).padStart(width, '0');
}

/** Week of the year, the first `firstWeekday` starting week 1 (%U: Sunday, %W: Monday). */
function weekOfYear(t: BrokenDownTime, firstWeekday: number): number {
  return Math.floor((t.yearDay + 7 - ((t.weekday - firstWeekday + 7) % 7)) / 7);
}

function hour12(t: BrokenDownTime): number {
  return t.hour % 12 === 0 ? 12 : t.hour % 12;
}

function specifier(t: BrokenDownTime, ch: string, alt: boolean): string {
  switch (ch) {
    case 'a': return DAYS[t.weekday]!.slice(0, 3);
    case 'A': return DAYS[t.weekday]!;
    case 'b': return MONTHS[t.month]!.slice(0, 3);
    case 'B': return MONTHS[t.month]!;
    case 'c': return alt ? `${specifier(t, 'x', true)}, ${specifier(t, 'X', false)}` : `${specifier(t, 'x', false)} ${specifier(t, 'X', false)}`;
    case 'd': return pad(t.day, 2, alt);
    case 'H': return pad(t.hour, 2, alt);
    case 'I': return pad(hour12(t), 2, alt);
    case 'j': return pad(t.yearDay + 1, 3, alt);
    case 'm': return pad(t.month + 1, 2, alt);
    case 'M': return pad(t.minute, 2, alt);
    case 'p': return t.hour < 12 ? 'AM' : 'PM';
    case 'S': return pad(t.second, 2, alt);
    case 'U': return pad(weekOfYear(t, 0), 2, alt);
    case 'w': return String(t.weekday);
    case 'W': return pad(weekOfYear(t, 1), 2, alt);
    case 'x': return alt ? `${DAYS[t.weekday]}, ${MONTHS[t.month]} ${pad(t.day, 2, true)}, ${t.year}` : `${pad(t.month + 1, 2, false)}/${pad(t.day, 2, false)}/${pad(t.year % 100, 2, false)}`;
    case 'X': return `${pad(t.hour, 2, false)}:${pad(t.minute, 2, false)}:${pad(t.second, 2, false)}`;
    case 'y': return pad(t.year % 100, 2, alt);
    case 'Y': return pad(t.year, 4, alt);
    case 'z':
    case 'Z': return t.zoneName;
    case '%': return '%';
    default:
      // The CRT's invalid parameter handler, which ends a Windows program by default.
      throw new CInvalidArgException(`CTime::Format: '%${alt ? '#' : ''}${ch}' is not a strftime format specifier`);
  }
}

/** Copies `format`, replacing each '%' specifier (with its '#' flag, `flagged`) by what `expand` makes of it. */
function expandFormat(format: string, expand: (ch: string, flagged: boolean) => string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    let next = format[++i] ?? '';
    const flagged = next === '#';
    if (flagged) next = format[++i] ?? '';
    out += expand(next, flagged);
  }
  return out;
}

/** C's strftime in the "C" locale into a 128-character buffer, as CTime::Format calls it: "" when it does not fit. */
export function strftime(t: BrokenDownTime, format: string): string {
  const out = expandFormat(format, (ch, alt) => specifier(t, ch, alt));
  return out.length < TIME_BUFFER_CHARS ? out : '';
}

/** What CTimeSpan::Format needs of a span. */
interface SpanParts {
  GetDays(): number;
  GetHours(): number;
  GetMinutes(): number;
  GetSeconds(): number;
}

/** printf's "%02ld": at least two characters, zeros after the sign. */
function twoDigits(n: number): string {
  return n < 0 ? String(n) : String(n).padStart(2, '0');
}

/** CTimeSpan::Format (atltime.h): any other character after '%' fails MFC's ATLENSURE, COleException E_FAIL. */
export function formatTimeSpan(span: SpanParts, format: string): string {
  return expandFormat(format, (ch, noZeros) => {
    const digits = (n: number): string => (noZeros ? String(n) : twoDigits(n));
    switch (ch) {
      case '%': return '%';
      case 'D': return String(span.GetDays());
      case 'H': return digits(span.GetHours());
      case 'M': return digits(span.GetMinutes());
      case 'S': return digits(span.GetSeconds());
      default: return AfxThrowOleException(E_FAIL, `CTimeSpan::Format: '%${noZeros ? '#' : ''}${ch}' is not %D, %H, %M, %S or %%`);
    }
  });
}
