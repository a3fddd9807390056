// Win32 window functions: classes, creation and destruction, window longs, DefWindowProc.
import {
  CW_USEDEFAULT, ERROR_ACCESS_DENIED, ERROR_CANNOT_FIND_WND_CLASS, ERROR_CLASS_ALREADY_EXISTS, ERROR_CLASS_DOES_NOT_EXIST,
  ERROR_CLASS_HAS_WINDOWS, ERROR_INVALID_INDEX, ERROR_INVALID_PARAMETER, ERROR_INVALID_WINDOW_HANDLE,
  ERROR_NO_MORE_USER_HANDLES, GWL_EXSTYLE, GWL_STYLE, GWLP_HINSTANCE, GWLP_HWNDPARENT, GWLP_ID, GWLP_USERDATA,
  GWLP_WNDPROC, HWND_MESSAGE, WM_CLOSE, WM_CREATE, WM_DESTROY, WM_GETMINMAXINFO, WM_NCCALCSIZE, WM_NCCREATE,
  WM_NCDESTROY, WM_PAINT, WS_CHILD, WS_OVERLAPPEDWINDOW, WS_POPUP, WS_THICKFRAME, WS_VISIBLE,
} from '../constants.ts';
import { fail } from './lastError.ts';
import { currentQueue } from '../threadContext.ts';
import { MINMAXINFO, RECT, type ATOM, type CREATESTRUCT, type HWND, type LPARAM, type LRESULT, type UINT, type WNDCLASSEX, type WNDPROC, type WPARAM } from '../types.ts';
import { addLocalWindow, allocHandle, localWindow, ownerThreadOf, releaseWindow, Window, type WindowClass } from '../window.ts';
import { BeginPaint, EndPaint } from './paint.ts';
import { setVisible, syncPaintable } from '../windowVisibility.ts';
import { PAINTSTRUCT } from '../types.ts';
// Loaded wherever a window can be made: its mailbox handler answers other threads' SetTimer and
// KillTimer on this thread's windows, which would otherwise wait for ever.
import './timers.ts';

/** A pointer-sized window long: a number, or (for GWLP_USERDATA and extra bytes) any object. */
export type LONG_PTR = number | object;

const classes = new Map<string, WindowClass>();
let nextAtom = 0xc000;

/**
 * Registers a window class for this thread.
 * Emulates: RegisterClassEx. Returns the class atom, or 0 with ERROR_CLASS_ALREADY_EXISTS.
 * Differs: classes belong to the JavaScript thread that registers them (procedures cannot cross
 * threads), so a worker registers its own.
 */
export function RegisterClassEx(wc: WNDCLASSEX): ATOM {
  if (typeof wc?.lpfnWndProc !== 'function' || typeof wc.lpszClassName !== 'string' || wc.lpszClassName === '') {
    currentQueue().lastError = ERROR_INVALID_PARAMETER;
    return 0;
  }
  const key = wc.lpszClassName.toLowerCase();
  if (classes.has(key)) {
    currentQueue().lastError = ERROR_CLASS_ALREADY_EXISTS;
    return 0;
  }
  classes.set(key, { name: wc.lpszClassName, wndProc: wc.lpfnWndProc, style: wc.style ?? 0, cbWndExtra: wc.cbWndExtra ?? 0, hInstance: wc.hInstance ?? 0, windows: 0 });
  return nextAtom++;
}

/** Emulates: UnregisterClass. Fails with ERROR_CLASS_HAS_WINDOWS while windows of the class exist. */
export function UnregisterClass(lpClassName: string, hInstance = 0): boolean {
  void hInstance;
  const key = lpClassName.toLowerCase();
  const cls = classes.get(key);
  if (!cls) return fail(ERROR_CLASS_DOES_NOT_EXIST);
  if (cls.windows > 0) return fail(ERROR_CLASS_HAS_WINDOWS);
  classes.delete(key);
  return true;
}

/**
 * Creates a window owned by the calling thread. Before it returns it sends, in this order:
 * WM_GETMINMAXINFO (lParam a MINMAXINFO; only for a style with WS_THICKFRAME, or with neither
 * WS_POPUP nor WS_CHILD), WM_NCCREATE (lParam the CREATESTRUCT; FALSE fails the creation),
 * WM_NCCALCSIZE (wParam 0, lParam the window RECT, which becomes the client area), WM_CREATE (-1
 * fails the creation); for WS_VISIBLE then WM_SHOWWINDOW (TRUE, 0), and the client area is invalid.
 * A procedure that sets itself up in WM_NCCREATE meets WM_GETMINMAXINFO first, as on Windows.
 * Emulates: CreateWindowEx (windows-facts B.13.1; Wine msg.c WmCreateOverlappedSeq, and
 * WmShowOverlappedSeq for the WM_SHOWWINDOW of a visible window). Use HWND_MESSAGE as parent for a
 * message-only window: it has no client area and is never visible (B.14.1).
 * Differs: no screen, so no WM_SIZE / WM_MOVE / activation messages; CW_USEDEFAULT sizes are 0
 * (such a window has an empty client area, so give a size to a window that paints); the
 * MINMAXINFO's points are 0; a parent must belong to this thread.
 */
export function CreateWindowEx(
  dwExStyle: number, lpClassName: string, lpWindowName: string, dwStyle: number,
  X: number, Y: number, nWidth: number, nHeight: number,
  hWndParent: HWND, hMenu: number, hInstance: number, lpParam: unknown,
): HWND {
  const q = currentQueue();
  const cls = classes.get(String(lpClassName).toLowerCase());
  if (!cls) return fail(ERROR_CANNOT_FIND_WND_CLASS, 0);
  let parent: Window | null = null;
  if (hWndParent !== 0 && hWndParent !== HWND_MESSAGE) {
    parent = localWindow(hWndParent) ?? null;
    if (!parent) return fail(ERROR_INVALID_WINDOW_HANDLE, 0);
  } else if (dwStyle & WS_CHILD && hWndParent === 0) {
    return fail(ERROR_INVALID_PARAMETER, 0);
  }
  const hwnd = allocHandle(q.threadId);
  if (hwnd === 0) return fail(ERROR_NO_MORE_USER_HANDLES, 0);
  const messageOnly = hWndParent === HWND_MESSAGE;
  const x = X === CW_USEDEFAULT ? 0 : X;
  const y = Y === CW_USEDEFAULT ? 0 : Y;
  const cx = nWidth === CW_USEDEFAULT ? 0 : nWidth;
  const cy = nHeight === CW_USEDEFAULT ? 0 : nHeight;
  // WS_VISIBLE is set once WM_CREATE succeeded, by the show that follows it (as Wine's
  // CreateWindowEx calls ShowWindow then): the creation messages run on a window not visible yet.
  const w = new Window(hwnd, cls, cls.wndProc, parent, dwStyle & ~WS_VISIBLE, dwExStyle, lpWindowName ?? '', new RECT(), q);
  w.messageOnly = messageOnly;
  w.id = dwStyle & WS_CHILD ? hMenu : 0;
  parent?.children.push(w);
  addLocalWindow(w);
  cls.windows++;
  q.windowCount++;
  const cs: CREATESTRUCT = {
    lpCreateParams: lpParam, hInstance, hMenu, hwndParent: hWndParent, cy, cx, y: Y, x: X,
    style: dwStyle, lpszName: lpWindowName ?? '', lpszClass: cls.name, dwExStyle,
  };
  if (dwStyle & WS_THICKFRAME || !(dwStyle & (WS_POPUP | WS_CHILD))) {
    q.invokeWindow(w, WM_GETMINMAXINFO, 0, new MINMAXINFO(), 'sent');
    if (w.dead) return 0;
  }
  if (!q.invokeWindow(w, WM_NCCREATE, 0, cs, 'sent')) {
    releaseWindow(w);
    return 0;
  }
  if (w.dead) return 0;
  const rc = new RECT(x, y, x + cx, y + cy);
  q.invokeWindow(w, WM_NCCALCSIZE, 0, rc, 'sent');
  if (w.dead) return 0;
  // A message-only window has no client area (windows-facts B.14.1).
  if (!messageOnly) Object.assign(w.clientRect, new RECT(0, 0, Math.max(0, rc.right - rc.left), Math.max(0, rc.bottom - rc.top)));
  if (q.invokeWindow(w, WM_CREATE, 0, cs, 'sent') === -1) {
    DestroyWindow(hwnd);
    return 0;
  }
  if (w.dead) return 0;
  if (dwStyle & WS_VISIBLE) setVisible(w, true);
  return w.dead ? 0 : hwnd;
}

/**
 * A message-only window whose procedure is `wndProc` — the short form of RegisterClassEx plus
 * CreateWindowEx(…, HWND_MESSAGE, …) for code that just needs a target for messages (ours, not a
 * Win32 function). The procedure sees every message from the first, WM_GETMINMAXINFO, on, as
 * the procedure of a class of its own does (windows-facts B.13.1); returns 0 on failure.
 *
 * @example
 * const hWnd = createMessageWindow((hWnd, uMsg, wParam, lParam) => DefWindowProc(hWnd, uMsg, wParam, lParam));
 */
export function createMessageWindow(wndProc: WNDPROC, name = ''): HWND {
  return createWithProc(wndProc, () => CreateWindowEx(0, PROC_CLASS, name, 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, wndProc));
}

/**
 * A visible top-level window (WS_OVERLAPPEDWINDOW | WS_VISIBLE) of cx × cy pixels whose procedure
 * is `wndProc` — the short form for code that paints (ours, not a Win32 function): it is invalid
 * from the start, so its first WM_PAINT comes once the posted messages are gone, or at once from
 * UpdateWindow. The procedure sees every message from WM_GETMINMAXINFO on; returns 0 on failure.
 *
 * @example
 * const hWnd = createVisibleWindow(DefWindowProc, 200, 100);
 * UpdateWindow(hWnd); // WM_PAINT with rcPaint = (0, 0, 200, 100)
 */
export function createVisibleWindow(wndProc: WNDPROC, cx = 100, cy = 100, name = ''): HWND {
  return createWithProc(wndProc, () => CreateWindowEx(0, PROC_CLASS, name, WS_OVERLAPPEDWINDOW | WS_VISIBLE, 0, 0, cx, cy, 0, 0, 0, wndProc));
}

const PROC_CLASS = 'AfxsockProcWindow';

/** The class of createMessageWindow and createVisibleWindow, registered on first use. */
function registerProcClass(): void {
  if (!classes.has(PROC_CLASS.toLowerCase())) RegisterClassEx({ lpszClassName: PROC_CLASS, lpfnWndProc: procClassWndProc });
}

/** The procedure of the window createWithProc is creating, until its first message installs it. */
let procToInstall: WNDPROC | null = null;

/**
 * Runs `create` (a CreateWindowEx of PROC_CLASS) so that `wndProc` gets the window's first message
 * on: the procedure of a class of its own would see WM_GETMINMAXINFO before WM_NCCREATE
 * (windows-facts B.13.1), and WM_GETMINMAXINFO has no lpCreateParams to carry it.
 */
function createWithProc(wndProc: WNDPROC, create: () => HWND): HWND {
  registerProcClass();
  const outer = procToInstall; // a window created inside another one's creation messages
  procToInstall = wndProc;
  try {
    return create();
  } finally {
    procToInstall = outer;
  }
}

// The first message of a PROC_CLASS window installs the caller's procedure and goes to it.
function procClassWndProc(hWnd: HWND, uMsg: UINT, wParam: WPARAM, lParam: LPARAM): LRESULT {
  const proc = procToInstall ?? (uMsg === WM_NCCREATE ? ((lParam as CREATESTRUCT).lpCreateParams as WNDPROC) : null);
  if (!proc) return DefWindowProc(hWnd, uMsg, wParam, lParam);
  procToInstall = null;
  SetWindowLongPtr(hWnd, GWLP_WNDPROC, proc);
  return proc(hWnd, uMsg, wParam, lParam);
}

/**
 * Destroys a window of the calling thread: sends WM_DESTROY (the window, then its children) and
 * WM_NCDESTROY (children first), removes its posted messages and timers — the first WM_QUIT
 * posted to it survives as the thread's quit flag (windows-facts B.6.4).
 * Emulates: DestroyWindow. Another thread's window: FALSE with ERROR_ACCESS_DENIED.
 */
export function DestroyWindow(hWnd: HWND): boolean {
  const w = localWindow(hWnd);
  if (!w) return fail(ownerThreadOf(hWnd) ? ERROR_ACCESS_DENIED : ERROR_INVALID_WINDOW_HANDLE);
  if (w.queue !== currentQueue()) return fail(ERROR_ACCESS_DENIED);
  if (w.destroyStarted) return true;
  const sendDestroy = (x: Window) => {
    x.destroyStarted = true;
    x.queue.invokeWindow(x, WM_DESTROY, 0, 0, 'sent');
    for (const c of [...x.children]) if (!c.destroyStarted) sendDestroy(c);
  };
  const sendNcDestroy = (x: Window) => {
    for (const c of [...x.children]) sendNcDestroy(c);
    x.queue.invokeWindow(x, WM_NCDESTROY, 0, 0, 'sent');
    releaseWindow(x);
  };
  sendDestroy(w);
  sendNcDestroy(w);
  return true;
}

/** Emulates: IsWindow — true for a live window of any thread of this process. */
export function IsWindow(hWnd: HWND): boolean {
  return localWindow(hWnd) !== undefined || ownerThreadOf(hWnd) !== 0;
}

/** Emulates: IsChild — true if hWnd is a descendant of hWndParent. */
export function IsChild(hWndParent: HWND, hWnd: HWND): boolean {
  for (let p = localWindow(hWnd)?.parent; p; p = p.parent) if (p.hwnd === hWndParent) return true;
  return false;
}

/** Emulates: GetParent (0 for a top-level or message-only window). */
export function GetParent(hWnd: HWND): HWND {
  return localWindow(hWnd)?.parent?.hwnd ?? 0;
}

/** Emulates: GetWindowThreadProcessId (the process id is the Node process id). */
export function GetWindowThreadProcessId(hWnd: HWND, lpdwProcessId?: { value: number }): number {
  const tid = ownerThreadOf(hWnd);
  if (tid && lpdwProcessId) lpdwProcessId.value = process.pid;
  if (!tid) currentQueue().lastError = ERROR_INVALID_WINDOW_HANDLE;
  return tid;
}

/**
 * The default window procedure: validates on WM_PAINT, destroys on WM_CLOSE, accepts WM_NCCREATE.
 * Emulates: DefWindowProc.
 */
export function DefWindowProc(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): LRESULT {
  void wParam;
  void lParam;
  switch (Msg) {
    case WM_NCCREATE:
      return 1;
    case WM_PAINT: {
      const ps = new PAINTSTRUCT();
      BeginPaint(hWnd, ps);
      EndPaint(hWnd, ps);
      return 0;
    }
    case WM_CLOSE:
      DestroyWindow(hWnd);
      return 0;
    default:
      return 0;
  }
}

/** Emulates: CallWindowProc — calls a (previous) window procedure, for subclassing. */
export function CallWindowProc(lpPrevWndFunc: WNDPROC, hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): LRESULT {
  return lpPrevWndFunc(hWnd, Msg, wParam, lParam);
}

/**
 * Emulates: GetWindowLongPtr. 0 with ERROR_INVALID_WINDOW_HANDLE or ERROR_INVALID_INDEX on failure.
 * Differs: a window of another JavaScript thread is 0 with ERROR_ACCESS_DENIED for every index
 * (Windows answers within a process; its procedure and user data are no numbers to send).
 */
export function GetWindowLongPtr(hWnd: HWND, nIndex: typeof GWLP_WNDPROC): WNDPROC | 0;
export function GetWindowLongPtr(hWnd: HWND, nIndex: number): LONG_PTR;
export function GetWindowLongPtr(hWnd: HWND, nIndex: number): LONG_PTR | WNDPROC {
  return windowLong(hWnd, nIndex, undefined);
}

/**
 * Emulates: SetWindowLongPtr — returns the previous value. GWLP_WNDPROC takes a procedure
 * (subclassing: keep the previous one and forward with CallWindowProc).
 */
export function SetWindowLongPtr(hWnd: HWND, nIndex: typeof GWLP_WNDPROC, dwNewLong: WNDPROC): WNDPROC | 0;
export function SetWindowLongPtr(hWnd: HWND, nIndex: number, dwNewLong: LONG_PTR): LONG_PTR;
export function SetWindowLongPtr(hWnd: HWND, nIndex: number, dwNewLong: LONG_PTR | WNDPROC): LONG_PTR | WNDPROC {
  return windowLong(hWnd, nIndex, { value: dwNewLong });
}

function windowLong(hWnd: HWND, nIndex: number, set: { value: LONG_PTR | WNDPROC } | undefined): LONG_PTR | WNDPROC {
  const w = localWindow(hWnd);
  if (!w) return fail(ownerThreadOf(hWnd) ? ERROR_ACCESS_DENIED : ERROR_INVALID_WINDOW_HANDLE, 0);
  const v = set?.value;
  let old: LONG_PTR | WNDPROC;
  switch (nIndex) {
    case GWLP_WNDPROC:
      old = w.wndProc;
      if (set) {
        if (typeof v !== 'function') return fail(ERROR_INVALID_PARAMETER, 0);
        w.wndProc = v as WNDPROC;
      }
      return old;
    case GWLP_USERDATA:
      old = w.userData;
      if (set) w.userData = v as LONG_PTR;
      return old;
    case GWLP_ID:
      old = w.id;
      if (set) w.id = Number(v);
      return old;
    case GWL_STYLE:
      old = w.style;
      if (set) {
        w.style = Number(v) | 0;
        syncPaintable(w); // WS_VISIBLE set or cleared here shows or hides without messages (windows-facts B.14.2)
      }
      return old;
    case GWL_EXSTYLE:
      old = w.exStyle;
      if (set) w.exStyle = Number(v);
      return old;
    case GWLP_HWNDPARENT:
      return w.parent?.hwnd ?? 0;
    case GWLP_HINSTANCE:
      return w.cls.hInstance;
  }
  if (nIndex < 0 || nIndex % 8 !== 0 || nIndex / 8 >= w.extra.length) return fail(ERROR_INVALID_INDEX, 0);
  old = w.extra[nIndex / 8]!;
  if (set) w.extra[nIndex / 8] = v as LONG_PTR;
  return old;
}


