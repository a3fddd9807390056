// CTime and CTimeSpan (ATL's atltime.h, MFC 9's timecore.cpp): the value classes, their local-time
// parts and Format, and their wire format — CTime as the DWORD 0x8000000A and a 64-bit time
// (peers.md T1), a VC6 - 7.1 32-bit time loading too; CTimeSpan as 32 bits, read back signed.
// Local time is Europe/Berlin here (CET, CEST in summer), set before the first Date is made.
process.env.TZ = 'Europe/Berlin';
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchiveException, CInvalidArgException, COleException, CTime, CTimeSpan, E_FAIL, E_INVALIDARG } from 'afxsock';
import { currentClock } from 'afxsock/pump';
import { withSimWorld } from 'afxsock/testing';
import { fromHex, hex, loading, stored } from '../archive/archiveSupport.ts';

const test = suite('CTime and CTimeSpan');

/** The COleException's SCODE a call throws, or a failure. */
function scodeOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof COleException) return e.m_sc;
    throw e;
  }
  throw new Error('no COleException');
}

const utcSeconds = (y: number, mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

test('ar << CTime is the DWORD 0x8000000A (INT_MIN + 10) and the 64-bit time; ar >> reads it back (peers.md T1, MFC 9 timecore.cpp)', () => {
  const bytes = stored((ar) => ar.writeCTime(new CTime(0x5d960a1b)));
  assert.is(hex(bytes), '0A 00 00 80 1B 0A 96 5D 00 00 00 00');
  assert.is(loading(bytes).readCTime().GetTime(), 0x5d960a1b);
});

test('ar >> CTime of any other first DWORD is a 32-bit time_t of VC6 - 7.1, signed (MFC 9 timecore.cpp)', () => {
  const ar = loading(fromHex('1B 0A 96 5D FF FF FF FF'));
  assert.is(ar.readCTime().GetTime(), 0x5d960a1b);
  assert.is(ar.readCTime().GetTime(), -1);
});

test('CTime.Serialize64 and CTimeSpan.Serialize64 store and load a LONGLONG by the archive\'s direction', () => {
  const bytes = stored((ar) => {
    new CTime(1_700_000_000).Serialize64(ar);
    new CTimeSpan(-5).Serialize64(ar);
  });
  assert.is(hex(bytes), '00 F1 53 65 00 00 00 00 FB FF FF FF FF FF FF FF');
  const ar = loading(bytes);
  const [t, span] = [new CTime(), new CTimeSpan()];
  t.Serialize64(ar);
  span.Serialize64(ar);
  assert.equal([t.GetTime(), span.GetTimeSpan()], [1_700_000_000, -5]);
});

test('ar << CTimeSpan stores 32 bits and ar >> reads them signed, as MFC does: 3,000,000,000 s comes back negative; beyond UINT_MAX is CInvalidArgException before any byte (MFC 9 timecore.cpp)', () => {
  const bytes = stored((ar) => ar.writeCTimeSpan(new CTimeSpan(3661)).writeCTimeSpan(new CTimeSpan(-1)).writeCTimeSpan(new CTimeSpan(3_000_000_000)));
  assert.is(hex(bytes), '4D 0E 00 00 FF FF FF FF 00 5E D0 B2');
  const ar = loading(bytes);
  assert.equal([ar.readCTimeSpan(), ar.readCTimeSpan(), ar.readCTimeSpan()].map((s) => s.GetTimeSpan()), [3661, -1, 3_000_000_000 - 2 ** 32]);
  const kept = stored((a) => {
    a.writeWORD(7);
    assert.throws(() => a.writeCTimeSpan(new CTimeSpan(2 ** 32)), (e: unknown) => e instanceof CInvalidArgException && /UINT_MAX/.test((e as Error).message));
  });
  assert.is(hex(kept), '07 00', 'nothing stored');
});

test('Hostile bytes: a 64-bit time beyond ±2^53 s is CArchiveException genericException naming it; a cut one is endOfFile', () => {
  const huge = loading(fromHex('0A 00 00 80 00 00 00 00 00 00 00 40'));
  assert.throws(() => huge.readCTime(), (e: unknown) => e instanceof CArchiveException && e.m_cause === CArchiveException.genericException && /4611686018427387904 seconds/.test((e as Error).message));
  const cut = loading(fromHex('0A 00 00 80 1B 0A'));
  assert.throws(() => cut.readCTime(), (e: unknown) => e instanceof CArchiveException && e.m_cause === CArchiveException.endOfFile);
});

test('writeCTime / writeCTimeSpan of anything else is CInvalidArgException before any byte is stored', () => {
  const bytes = stored((ar) => {
    ar.writeBYTE(1);
    for (const bad of [{}, null, 5, new CTimeSpan(1)]) assert.throws(() => ar.writeCTime(bad as CTime), (e: unknown) => e instanceof CInvalidArgException);
    for (const bad of [{}, undefined, new CTime(1)]) assert.throws(() => ar.writeCTimeSpan(bad as CTimeSpan), (e: unknown) => e instanceof CInvalidArgException);
  });
  assert.is(hex(bytes), '01');
});

test('CTime(nYear, …, nSec) is local time, nDST -1 letting the zone decide, 0 reading it as standard time, 1 as summer time (_mktime64)', () => {
  assert.is(new CTime(2026, 12, 3, 9, 30, 0).GetTime(), utcSeconds(2026, 12, 3, 8, 30, 0), 'CET, UTC+1');
  assert.is(new CTime(2026, 7, 1, 12, 0, 0).GetTime(), utcSeconds(2026, 7, 1, 10, 0, 0), 'CEST, UTC+2');
  assert.is(new CTime(2026, 7, 1, 12, 0, 0, 0).GetTime(), utcSeconds(2026, 7, 1, 11, 0, 0), 'read as standard time');
  assert.is(new CTime(2026, 12, 3, 9, 30, 0, 1).GetTime(), utcSeconds(2026, 12, 3, 7, 30, 0), 'read as summer time');
  assert.is(new CTime(2026, 2, 31, 0, 0, 0).GetTime(), utcSeconds(2026, 3, 2, 23, 0, 0), 'February 31 carries into March 3, as mktime does');
});

test('CTime: the local parts, GetDayOfWeek 1 = Sunday; a time the CRT cannot convert reads 0 / -1 and formats as ""', () => {
  const t = new CTime(2026, 12, 3, 9, 30, 5);
  assert.equal([t.GetYear(), t.GetMonth(), t.GetDay(), t.GetHour(), t.GetMinute(), t.GetSecond(), t.GetDayOfWeek()], [2026, 12, 3, 9, 30, 5, 5]);
  const before1970 = new CTime(-1);
  assert.equal([before1970.GetYear(), before1970.GetMonth(), before1970.GetDay(), before1970.GetHour(), before1970.GetMinute(), before1970.GetSecond(), before1970.GetDayOfWeek()], [0, 0, 0, -1, -1, -1, 0]);
  assert.is(before1970.Format('%Y'), '');
  assert.is(new CTime(32_535_216_000).FormatGmt('%Y'), '', 'after 3000-12-31 23:59:59 UTC');
  assert.is(new CTime(32_535_215_999).FormatGmt('%Y-%m-%d %H:%M:%S'), '3000-12-31 23:59:59');
});

test('CTime(nYear, …) out of ATLENSURE\'s ranges is COleException E_FAIL; a time _mktime64 cannot make is E_INVALIDARG (MFC\'s AtlThrow)', () => {
  assert.is(scodeOf(() => new CTime(1899, 12, 31, 0, 0, 0)), E_FAIL);
  for (const [mo, d, h, mi, s] of [[0, 1, 0, 0, 0], [13, 1, 0, 0, 0], [1, 0, 0, 0, 0], [1, 32, 0, 0, 0], [1, 1, 24, 0, 0], [1, 1, 0, 60, 0], [1, 1, 0, 0, 60]]) {
    assert.is(scodeOf(() => new CTime(2000, mo!, d!, h!, mi!, s!)), E_FAIL, `${mo}-${d} ${h}:${mi}:${s}`);
  }
  assert.is(scodeOf(() => new CTime(1969, 12, 31, 12, 0, 0)), E_INVALIDARG);
  assert.is(scodeOf(() => new CTime(3001, 1, 2, 0, 0, 0)), E_INVALIDARG);
  assert.is(E_FAIL, -2147467259, 'SCODEs are signed 32-bit, as in C');
  assert.throws(() => new CTime('2026' as unknown as number), (e: unknown) => e instanceof CInvalidArgException);
  assert.throws(() => new CTime(1.5), (e: unknown) => e instanceof CInvalidArgException);
});

test('CTime.Format is strftime in the "C" locale (MFC 9\'s CRT): every specifier, the # flag, %c and %#c, FormatGmt', () => {
  const t = new CTime(2026, 12, 3, 9, 30, 5);
  assert.is(t.Format('%Y-%m-%d %H:%M:%S'), '2026-12-03 09:30:05');
  assert.is(t.Format('%a %A %b %B %d %H %I %j %m %M %p %S %U %w %W %y %Y %%'), 'Thu Thursday Dec December 03 09 09 337 12 30 AM 05 48 4 48 26 2026 %');
  assert.is(t.Format('%c | %x | %X'), '12/03/26 09:30:05 | 12/03/26 | 09:30:05');
  assert.is(t.Format('%#c | %#x'), 'Thursday, December 3, 2026, 09:30:05 | Thursday, December 3, 2026');
  assert.is(t.Format('%#d.%#m.%#y %#H:%#M:%#S %#j'), '3.12.26 9:30:5 337');
  assert.is(t.Format('%Z'), 'Central European Standard Time');
  assert.is(new CTime(2026, 7, 1, 12, 0, 0).Format('%Z %I %p'), 'Central European Summer Time 12 PM');
  assert.is(t.FormatGmt('%H:%M %Z'), '08:30 Coordinated Universal Time');
  assert.is(t.Format('x'.repeat(127)), 'x'.repeat(127), '127 characters and the NUL fill the 128');
  assert.is(t.Format('x'.repeat(128)), '', 'one more does not fit: MFC gives ""');
  assert.is(t.Format(null), '', 'MFC returns the NULL it was given');
  assert.throws(() => t.Format('%Q'), (e: unknown) => e instanceof CInvalidArgException && /'%Q' is not a strftime format specifier/.test((e as Error).message));
});

test('CTimeSpan: the parts truncate toward zero as C\'s division does, negative spans included; Format %D %H %M %S %% and %# (atltime.h)', () => {
  const span = new CTimeSpan(1, 2, 3, 4);
  assert.equal([span.GetDays(), span.GetHours(), span.GetMinutes(), span.GetSeconds()], [1, 2, 3, 4]);
  assert.equal([span.GetTotalHours(), span.GetTotalMinutes(), span.GetTotalSeconds(), span.GetTimeSpan()], [26, 1563, 93784, 93784]);
  const back = new CTimeSpan(-93784);
  assert.equal([back.GetDays(), back.GetHours(), back.GetMinutes(), back.GetSeconds()], [-1, -2, -3, -4]);
  assert.is(span.Format('%D days, %H:%M:%S (100%%)'), '1 days, 02:03:04 (100%)');
  assert.is(span.Format('%#D %#H:%#M:%#S'), '1 2:3:4');
  assert.is(back.Format('%D %H:%M:%S'), '-1 -2:-3:-4');
  assert.is(scodeOf(() => span.Format('%Y')), E_FAIL, 'anything else after % fails MFC\'s ATLENSURE');
  assert.is(scodeOf(() => span.Format('50%')), E_FAIL, 'so does a % at the end');
  assert.throws(() => new CTimeSpan(0.5), (e: unknown) => e instanceof CInvalidArgException);
});

test('CTime and CTimeSpan arithmetic: plus, minus (a span, or the span between two times), add, subtract, equals; < and > compare through valueOf', () => {
  const t = new CTime(1_000_000);
  const day = new CTimeSpan(1, 0, 0, 0);
  const later = t.plus(day);
  assert.is(later.GetTime(), 1_086_400);
  assert.is(later.minus(t).GetTimeSpan(), 86_400);
  assert.is(later.minus(day).GetTime(), 1_000_000);
  assert.ok(t < later && later > t && t <= new CTime(1_000_000));
  assert.ok(t.equals(new CTime(1_000_000)) && !t.equals(later));
  assert.is(new CTime(5).add(new CTimeSpan(10)).subtract(new CTimeSpan(3)).GetTime(), 12);
  assert.is(day.plus(day).minus(new CTimeSpan(1)).GetTimeSpan(), 172_799);
  assert.is(new CTimeSpan(1).add(new CTimeSpan(2)).subtract(new CTimeSpan(4)).GetTimeSpan(), -1);
  assert.ok(new CTimeSpan(1) < day && day.equals(new CTimeSpan(86_400)));
});

test('CTime.GetCurrentTime() is the calendar: on virtual time the simulation\'s, 2000-01-01 00:00:00 UTC plus the virtual seconds, the same in every replay', async () => {
  assert.ok(CTime.GetCurrentTime().GetYear() >= 2026, 'on real time, the system\'s calendar');
  await withSimWorld({ seed: 1 }, (w) => {
    const start = CTime.GetCurrentTime();
    assert.is(start.GetTime(), 946_684_800 + Math.floor(currentClock().nowMs() / 1000));
    w.sim.runFor(5000);
    assert.is(CTime.GetCurrentTime().minus(start).GetTimeSpan(), 5);
    assert.is(start.FormatGmt('%Y-%m-%d'), '2000-01-01');
  });
});

test.run();
