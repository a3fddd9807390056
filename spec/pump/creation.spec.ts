// CreateWindowEx: the messages a new window gets before CreateWindowEx returns.
// Rule (windows-facts B.13.1; Wine msg.c WmCreateOverlappedSeq, which passes on Windows):
// WM_GETMINMAXINFO — only for a style with WS_THICKFRAME, or with neither WS_POPUP nor WS_CHILD —
// then WM_NCCREATE, WM_NCCALCSIZE with wParam 0, WM_CREATE. A window created with WS_VISIBLE is
// then shown: WM_SHOWWINDOW (wParam 1) as ShowWindow sends it (Wine msg.c WmShowOverlappedSeq),
// and its whole client area is invalid (B.13.2). The rest of the show sequence needs a screen.
import * as assert from 'uvu/assert';
import {
  createMessageWindow, createVisibleWindow, CreateWindowEx, DefWindowProc, DestroyWindow, GetUpdateRect, GetWindowLongPtr, GWL_STYLE, HWND_MESSAGE, messageName,
  MINMAXINFO, RECT, RegisterClassEx, UnregisterClass, WM_CREATE, WM_GETMINMAXINFO, WM_NCCALCSIZE, WM_NCCREATE,
  WS_CHILD, WS_OVERLAPPEDWINDOW, WS_POPUP, WS_THICKFRAME, WS_VISIBLE, type HWND, type WNDPROC,
} from 'afxsock/pump';
import { pumpSuite } from '../support/pumpWorld.ts';
import { assertSequence } from '../support/sequence.ts';

const test = pumpSuite('creation');

const CREATION = ['WM_NCCREATE', 'WM_NCCALCSIZE', 'WM_CREATE'].map((m) => [m, 0] as const);
const MINMAX = [['WM_GETMINMAXINFO', 0] as const];

/** Style, parent, and the messages (name, wParam) the window gets during CreateWindowEx. */
const cases: [string, number, 'top' | 'child' | 'message', (readonly [string, number])[]][] = [
  ['an overlapped window (style 0)', 0, 'top', [...MINMAX, ...CREATION]],
  ['a WS_OVERLAPPEDWINDOW window', WS_OVERLAPPEDWINDOW, 'top', [...MINMAX, ...CREATION]],
  ['a message-only window with style 0', 0, 'message', [...MINMAX, ...CREATION]],
  ['a WS_POPUP window', WS_POPUP, 'top', CREATION],
  ['a WS_POPUP | WS_THICKFRAME window', WS_POPUP | WS_THICKFRAME, 'top', [...MINMAX, ...CREATION]],
  ['a WS_CHILD window', WS_CHILD, 'child', CREATION],
  ['a WS_CHILD | WS_THICKFRAME window', WS_CHILD | WS_THICKFRAME, 'child', [...MINMAX, ...CREATION]],
  ['a WS_VISIBLE overlapped window', WS_VISIBLE, 'top', [...MINMAX, ...CREATION, ['WM_SHOWWINDOW', 1]]],
];

/** Registers a class whose procedure logs (message name, wParam) for `log`. */
function loggingClass(name: string, log: (readonly [string, number])[]): void {
  RegisterClassEx({ lpszClassName: name, lpfnWndProc: (h, m, w, l) => (log.push([messageName(m), w]), DefWindowProc(h, m, w, l)) });
}

for (const [what, style, parentKind, expected] of cases) {
  test(`CreateWindowEx() of ${what} sends ${expected.map(([m]) => m).join(', ')} before it returns (windows-facts B.13.1)`, () => {
    RegisterClassEx({ lpszClassName: 'CreationParent', lpfnWndProc: DefWindowProc });
    const parent = parentKind === 'child' ? CreateWindowEx(0, 'CreationParent', '', 0, 0, 0, 50, 50, 0, 0, 0, null) : 0;
    const log: (readonly [string, number])[] = [];
    loggingClass('CreationSeq', log);
    const h = CreateWindowEx(0, 'CreationSeq', '', style, 0, 0, 40, 30, parentKind === 'message' ? HWND_MESSAGE : parent, 1, 0, null);
    assert.ok(h);
    assertSequence(log, expected, what);
    DestroyWindow(h);
    if (parent) DestroyWindow(parent);
    UnregisterClass('CreationSeq');
    UnregisterClass('CreationParent');
  });
}

test('CreateWindowEx() sends WM_GETMINMAXINFO before WM_NCCREATE, so a procedure that sets itself up in WM_NCCREATE meets it first (windows-facts B.13.1)', () => {
  // The classic pattern: the object is attached at WM_NCCREATE; before that there is none.
  const seenBeforeSetup: string[] = [];
  let attached: object | null = null;
  const proc: WNDPROC = (h, m, w, l) => {
    if (m === WM_NCCREATE) attached = {};
    else if (!attached) seenBeforeSetup.push(messageName(m));
    return DefWindowProc(h, m, w, l);
  };
  RegisterClassEx({ lpszClassName: 'SetupInNcCreate', lpfnWndProc: proc });
  const h = CreateWindowEx(0, 'SetupInNcCreate', '', WS_OVERLAPPEDWINDOW, 0, 0, 10, 10, 0, 0, 0, null);
  assert.ok(h);
  assert.equal(seenBeforeSetup, ['WM_GETMINMAXINFO']);
  DestroyWindow(h);
  UnregisterClass('SetupInNcCreate');
});

test('CreateWindowEx() passes a MINMAXINFO in WM_GETMINMAXINFO and the window rectangle in WM_NCCALCSIZE, which becomes the client area', () => {
  let minMax: unknown;
  let proposed: RECT | undefined;
  RegisterClassEx({
    lpszClassName: 'CalcSize',
    lpfnWndProc: (h, m, w, l) => {
      if (m === WM_GETMINMAXINFO) minMax = l;
      if (m === WM_NCCALCSIZE) {
        const r = l as RECT;
        proposed = new RECT(r.left, r.top, r.right, r.bottom);
        r.right -= 4; // a frame of 4 pixels on the right, as a window with borders would take
      }
      return DefWindowProc(h, m, w, l);
    },
  });
  const h = CreateWindowEx(0, 'CalcSize', '', WS_VISIBLE, 10, 20, 40, 30, 0, 0, 0, null);
  assert.instance(minMax, MINMAXINFO);
  assert.equal(proposed, new RECT(10, 20, 50, 50), 'the window rectangle in its parent');
  const update = new RECT();
  assert.ok(GetUpdateRect(h, update, false), 'created visible, so invalid (windows-facts B.13.2)');
  assert.equal(update, new RECT(0, 0, 36, 30), 'the client area that WM_NCCALCSIZE left');
  DestroyWindow(h);
  UnregisterClass('CalcSize');
});

// WS_VISIBLE comes from the ShowWindow that follows WM_CREATE (B.13.1's "then gets its show
// sequence"; Wine's CreateWindowEx creates the window without it and calls ShowWindow after
// WM_CREATE): no test in Wine's msg.c reads the style inside WM_CREATE, so this pins our model.
test('CreateWindowEx() sends WM_CREATE to a window that is not visible yet; WS_VISIBLE is set once it succeeded', () => {
  const styles: [string, number][] = [];
  let hwnd: HWND = 0;
  RegisterClassEx({
    lpszClassName: 'VisibleLater',
    lpfnWndProc: (h, m, w, l) => {
      if (m === WM_CREATE) styles.push(['WM_CREATE', (GetWindowLongPtr(h, GWL_STYLE) as number) & WS_VISIBLE]);
      return DefWindowProc(h, m, w, l);
    },
  });
  hwnd = CreateWindowEx(0, 'VisibleLater', '', WS_VISIBLE, 0, 0, 10, 10, 0, 0, 0, null);
  styles.push(['returned', (GetWindowLongPtr(hwnd, GWL_STYLE) as number) & WS_VISIBLE]);
  assertSequence(styles, [['WM_CREATE', 0], ['returned', WS_VISIBLE]]);
  DestroyWindow(hwnd);
  UnregisterClass('VisibleLater');
});

test('createMessageWindow() and createVisibleWindow() hand the procedure every creation message, WM_GETMINMAXINFO first, as a class of its own would (windows-facts B.13.1)', () => {
  const log: (readonly [string, number])[] = [];
  const proc: WNDPROC = (h, m, w, l) => (log.push([messageName(m), w]), DefWindowProc(h, m, w, l));
  const message = createMessageWindow(proc);
  assertSequence(log, [...MINMAX, ...CREATION], 'createMessageWindow');
  log.length = 0;
  const visible = createVisibleWindow(proc);
  assertSequence(log, [...MINMAX, ...CREATION, ['WM_SHOWWINDOW', 1]], 'createVisibleWindow');
  // A window made inside another one's creation messages gets its own procedure, and the outer keeps its.
  const inner: string[] = [];
  const outer: string[] = [];
  let nested = 0;
  const h = createMessageWindow((hw, m, w, l) => {
    outer.push(messageName(m));
    if (m === WM_GETMINMAXINFO) nested = createMessageWindow((h2, m2, w2, l2) => (inner.push(messageName(m2)), DefWindowProc(h2, m2, w2, l2)));
    return DefWindowProc(hw, m, w, l);
  });
  assert.equal([inner, outer], [['WM_GETMINMAXINFO', 'WM_NCCREATE', 'WM_NCCALCSIZE', 'WM_CREATE'], ['WM_GETMINMAXINFO', 'WM_NCCREATE', 'WM_NCCALCSIZE', 'WM_CREATE']]);
  for (const w of [message, visible, nested, h]) DestroyWindow(w);
});

test.run();
