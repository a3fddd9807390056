// PeekMessage on a large, changing backlog of posted messages: whatever the store does to be fast
// (a ring of slots that grows and compacts, indexes built on the first long filtered scan and
// dropped when the queue empties), every call returns what the plain rule says — the oldest
// posted message that the hWnd filter and the range take (mfc-semantics §1.4 items 16-17,
// windows-facts B.4 and B.5) — and leaves the rest in posting order. A seeded sequence of posts
// and filtered retrievals is checked against a list scanned from the front.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, HWND_TOPMOST, MSG, PeekMessage, PM_NOREMOVE, PM_REMOVE, PostMessage,
  WM_USER, type HWND,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';

const test = pumpSuite('posted-backlog');
const msg = new MSG();

interface Posted {
  hwnd: HWND;
  message: number;
  wParam: number;
}

/** A small seeded generator (no Math.random in specs: a failure must replay). */
function generator(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/** What PeekMessage must return: the first queued message the filter takes. */
function expected(queue: Posted[], hWnd: HWND, min: number, max: number): number {
  return queue.findIndex((m) => {
    const windowTaken = hWnd === 0 || (hWnd === HWND_TOPMOST ? m.hwnd === 0 : m.hwnd === hWnd);
    return windowTaken && ((min === 0 && max === 0) || (m.message >= min && m.message <= max));
  });
}

for (const seed of [1, 7, 42]) {
  test(`PeekMessage() with random filters on a backlog that grows, shrinks and empties returns the oldest message each filter takes (seed ${seed})`, () => {
    const windows = [createMessageWindow(DefWindowProc), createMessageWindow(DefWindowProc), createMessageWindow(DefWindowProc)];
    const targets = [0, ...windows];
    const filters = [0, HWND_TOPMOST, ...windows];
    const random = generator(seed);
    const queue: Posted[] = [];
    let wParam = 0;
    for (let step = 0; step < 30_000; step++) {
      // Long runs of posts build a backlog of thousands; long runs of retrievals empty it.
      const posting = Math.floor(step / 3000) % 2 === 0 ? random(10) < 8 : random(10) < 2;
      if (posting) {
        const m: Posted = { hwnd: targets[random(targets.length)]!, message: WM_USER + random(40), wParam: wParam++ };
        assert.ok(PostMessage(m.hwnd, m.message, m.wParam, 0));
        queue.push(m);
        continue;
      }
      const hWnd = filters[random(filters.length)]!;
      const shape = random(4);
      const min = shape === 0 ? 0 : WM_USER + random(40);
      const max = shape === 0 ? 0 : shape === 1 ? min : shape === 2 ? min + random(20) : min + 16 + random(30);
      const remove = random(4) !== 0;
      const at = expected(queue, hWnd, min, max);
      const got = PeekMessage(msg, hWnd, min, max, remove ? PM_REMOVE : PM_NOREMOVE);
      const what = `step ${step}: PeekMessage(hWnd=0x${hWnd.toString(16)}, 0x${min.toString(16)}, 0x${max.toString(16)}, ${remove ? 'PM_REMOVE' : 'PM_NOREMOVE'}) with ${queue.length} queued`;
      assert.is(got, at >= 0, what);
      if (at < 0) continue;
      assert.equal([msg.hwnd, msg.message, msg.wParam], [queue[at]!.hwnd, queue[at]!.message, queue[at]!.wParam], what);
      if (remove) queue.splice(at, 1);
    }
    const rest: Posted[] = [];
    while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) rest.push({ hwnd: msg.hwnd, message: msg.message, wParam: msg.wParam });
    assert.equal(rest, queue, 'what is left comes out in posting order');
    for (const h of windows) DestroyWindow(h);
  });
}

test('DestroyWindow() in the middle of an indexed backlog purges that window\'s messages and keeps the others in order', () => {
  const a = createMessageWindow(DefWindowProc);
  const b = createMessageWindow(DefWindowProc);
  for (let i = 0; i < 5000; i++) PostMessage(i % 2 ? a : b, WM_USER + (i % 5), i, 0);
  assert.ok(PeekMessage(msg, a, WM_USER + 4, WM_USER + 4, PM_REMOVE), 'a filtered look that indexes the backlog');
  assert.is(msg.wParam, 9);
  DestroyWindow(a);
  for (let i = 0; i < 100; i++) PostMessage(b, WM_USER + 9, 5000 + i, 0);
  assert.ok(PeekMessage(msg, b, WM_USER + 9, WM_USER + 9, PM_REMOVE));
  assert.is(msg.wParam, 5000);
  const rest: number[] = [];
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) rest.push(msg.wParam);
  const expectedRest = [...Array.from({ length: 2500 }, (_, i) => 2 * i), ...Array.from({ length: 99 }, (_, i) => 5001 + i)];
  assert.equal(rest, expectedRest);
  DestroyWindow(b);
});

test.run();
