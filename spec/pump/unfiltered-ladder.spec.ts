// The unfiltered retrieval (GetMessage(msg, 0, 0, 0), PeekMessage(msg, 0, 0, 0, PM_REMOVE)) takes
// a ladder of its own, with the filter tests folded away so that V8 compiles it whole (issue
// 18.2); every other call takes the general one. Both must retrieve the same messages in the same
// order with the same status bits: a seeded script of posts, quits, paints, timers, peeks and
// virtual time runs twice, drained once through the unfiltered calls and once through
// PeekMessage(…, PM_REMOVE | PM_NOYIELD), which means the same (PM_NOYIELD has no effect) and
// takes the general ladder, and the two records are compared line by line. The ladder itself is
// mfc-semantics §1.4 items 20-21 and windows-facts B.1.3, B.7.3 (retrieval-order.spec.ts).
import * as assert from 'uvu/assert';
import {
  createVisibleWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, GetQueueStatus, InvalidateRect, KillTimer,
  MSG, PeekMessage, PM_NOREMOVE, PM_NOYIELD, PM_REMOVE, PostMessage, PostQuitMessage, QS_ALLINPUT, QS_ALLPOSTMESSAGE, SetTimer, ValidateRect,
  WM_QUIT, WM_USER, type Simulation,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';

const test = pumpSuite('unfiltered-ladder');
const msg = new MSG();

/** A small seeded generator (the spec's own, so that the script is the same in both runs). */
function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

type Drain = 'unfiltered' | 'general';

/** Runs the script of `seed`, retrieving with `drain`; returns what every call saw. */
function runScript(sim: Simulation, seed: number, drain: Drain): string[] {
  const next = lcg(seed);
  const windows = [createVisibleWindow(DefWindowProc), createVisibleWindow(DefWindowProc)];
  for (const h of windows) ValidateRect(h, null);
  const name = (hwnd: number) => (hwnd === 0 ? 'thread' : `w${windows.indexOf(hwnd)}`);
  const record: string[] = [];
  // Both runs share the spec's virtual clock: times are recorded from the run's start.
  const start = Math.floor(sim.clock.nowMs());
  const take = (how: string) => {
    const got = drain === 'unfiltered' ? PeekMessage(msg, 0, 0, 0, PM_REMOVE) : PeekMessage(msg, 0, 0, 0, PM_REMOVE | PM_NOYIELD);
    record.push(`${how}: ${got ? `${name(msg.hwnd)} 0x${msg.message.toString(16)} ${msg.wParam} t=${msg.time - start}` : 'none'} status=0x${GetQueueStatus(QS_ALLINPUT | QS_ALLPOSTMESSAGE).toString(16)}`);
    if (got && msg.message !== WM_QUIT) DispatchMessage(msg);
    return got;
  };
  const timers = new Set<number>();
  for (let step = 0; step < 300; step++) {
    const op = next(100);
    if (op < 28) PostMessage(next(3) === 2 ? 0 : windows[next(2)]!, WM_USER + next(4), step, 0);
    else if (op < 30) PostQuitMessage(step);
    else if (op < 36) InvalidateRect(windows[next(2)]!, null, false);
    else if (op < 44) {
      const id = 1 + next(3);
      SetTimer(windows[0]!, id, 2 + next(10), null);
      timers.add(id);
    } else if (op < 46) {
      const id = 1 + next(3);
      KillTimer(windows[0]!, id);
      timers.delete(id);
    } else if (op < 60) sim.runFor(1 + next(20));
    else if (op < 67) {
      const got = PeekMessage(msg, 0, 0, 0, PM_NOREMOVE);
      record.push(`peek: ${got ? `${name(msg.hwnd)} 0x${msg.message.toString(16)}` : 'none'}`);
    } else if (op < 80 && drain === 'unfiltered' && GetQueueStatus(QS_ALLINPUT) >>> 16 !== 0 && PeekMessage(msg, 0, 0, 0, PM_NOREMOVE)) {
      // Something is there: GetMessage returns at once (its unfiltered form is the one under test).
      const r = GetMessage(msg, 0, 0, 0);
      record.push(`take: ${name(msg.hwnd)} 0x${msg.message.toString(16)} ${msg.wParam} t=${msg.time - start} status=0x${GetQueueStatus(QS_ALLINPUT | QS_ALLPOSTMESSAGE).toString(16)}`);
      if (r !== 0) DispatchMessage(msg);
    } else if (op < 80 && drain === 'general' && GetQueueStatus(QS_ALLINPUT) >>> 16 !== 0 && PeekMessage(msg, 0, 0, 0, PM_NOREMOVE)) {
      take('take');
    } else take('take');
  }
  for (const id of timers) KillTimer(windows[0]!, id);
  while (take('drain')) {
    // every posted message, the quit flag and the paints, until nothing is left
  }
  for (const h of windows) DestroyWindow(h);
  return record;
}

/** The message kinds the scripts retrieved, over all seeds (checked by the last test). */
const KINDS = [['posted', '0x400'], ['WM_QUIT', '0x12'], ['WM_PAINT', '0xf'], ['WM_TIMER', '0x113']] as const;
const seen = new Set<string>();

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
  test(`seed ${seed}: the unfiltered calls retrieve what the general ladder retrieves, call by call, with the same status bits`, ({ sim }) => {
    const unfiltered = runScript(sim, seed, 'unfiltered');
    const general = runScript(sim, seed, 'general');
    assert.ok(unfiltered.length > 50, `the script retrieves (${unfiltered.length} calls)`);
    for (const [kind, code] of KINDS) if (unfiltered.some((line) => line.includes(` ${code} `))) seen.add(kind);
    for (let i = 0; i < Math.max(unfiltered.length, general.length); i++) {
      if (unfiltered[i] !== general[i]) {
        assert.unreachable(`call ${i} differs:\n  unfiltered: ${unfiltered[i]}\n  general:    ${general[i]}\n  before it:  ${unfiltered.slice(Math.max(0, i - 3), i).join(' | ')}`);
      }
    }
  });
}

test('the scripts retrieved posted messages, WM_QUIT, WM_PAINT and WM_TIMER (so that every rung was compared)', () => {
  assert.equal([...seen].sort(), KINDS.map(([kind]) => kind).sort());
});

test.run();
