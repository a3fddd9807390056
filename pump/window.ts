// Window objects of this JavaScript thread and the handle mapping. Handles are process-wide (the
// owner of each handle index is in shared memory, so other threads can validate and route to it);
// the objects themselves live on the thread that created them.
import { sharedState } from './sharedState.ts';
import type { MessageQueue } from './queue.ts';
import { RECT, type HWND, type WNDPROC } from './types.ts';

const HANDLE_BASE = 0x10000;

export interface WindowClass {
  name: string;
  wndProc: WNDPROC;
  style: number;
  cbWndExtra: number;
  hInstance: number;
  windows: number;
}

export class Window {
  children: Window[] = [];
  userData: number | object = 0;
  extra: (number | object)[];
  id = 0;
  /**
   * Update region, kept as its bounding rectangle and clipped to the client area; `invalid` says
   * whether it is non-empty. WM_PAINT is due only while the window is visible (windowVisibility.ts).
   */
  invalid = false;
  readonly updateRect = new RECT();
  erase = false;
  /** DestroyWindow has begun (guards against destroying twice from inside WM_DESTROY). */
  destroyStarted = false;
  /** WM_NCDESTROY has been sent: the handle is dead. */
  dead = false;
  /** Created with HWND_MESSAGE as parent: no client area, never visible, never a broadcast target (windows-facts B.14.1). */
  messageOnly = false;

  constructor(
    readonly hwnd: HWND,
    readonly cls: WindowClass,
    public wndProc: WNDPROC,
    public parent: Window | null,
    public style: number,
    public exStyle: number,
    readonly name: string,
    readonly clientRect: RECT,
    readonly queue: MessageQueue,
  ) {
    this.extra = new Array(Math.ceil(cls.cbWndExtra / 8)).fill(0);
    this.alone = [hwnd];
  }

  private readonly alone: readonly HWND[];

  /** This window and all its descendants (the hWnd filter of GetMessage matches children too). */
  subtree(): readonly HWND[] {
    if (this.children.length === 0) return this.alone;
    const out: HWND[] = [];
    const walk = (w: Window) => {
      out.push(w.hwnd);
      for (const c of w.children) walk(c);
    };
    walk(this);
    return out;
  }
}

const local = new Map<HWND, Window>();
/** The same windows by handle index: the lookup every post and dispatch makes, without hashing. */
const byIndex: (Window | undefined)[] = [];

export function handleToIndex(hwnd: HWND): number {
  const i = (hwnd - HANDLE_BASE) / 2;
  return Number.isInteger(i) && i > 0 ? i : 0;
}

/** Registers a new window object under a fresh process-wide handle; 0 when handles ran out. */
export function allocHandle(ownerThreadId: number): HWND {
  const i = sharedState().allocWindowIndex();
  if (i === 0) return 0;
  Atomics.store(sharedState().windowOwner, i, ownerThreadId);
  return HANDLE_BASE + 2 * i;
}

export function addLocalWindow(w: Window): void {
  local.set(w.hwnd, w);
  byIndex[handleToIndex(w.hwnd)] = w;
}

/** Marks a handle dead for every thread. */
export function freeHandle(hwnd: HWND): void {
  local.delete(hwnd);
  const i = handleToIndex(hwnd);
  if (i) {
    if (byIndex[i]?.hwnd === hwnd) byIndex[i] = undefined;
    Atomics.store(sharedState().windowOwner, i, 0);
  }
}

/** The live window object for a handle of this JavaScript thread. */
export function localWindow(hwnd: HWND): Window | undefined {
  // Any other number (0, odd, fractional, negative, beyond the handles) finds nothing or a window
  // whose handle differs.
  const w = byIndex[((hwnd - HANDLE_BASE) / 2) >>> 0];
  return w !== undefined && w.hwnd === hwnd && !w.dead ? w : undefined;
}

/** The owning thread id of a live handle of any thread, or 0. */
export function ownerThreadOf(hwnd: HWND): number {
  const i = handleToIndex(hwnd);
  return i && i < sharedState().windowOwner.length ? Atomics.load(sharedState().windowOwner, i) : 0;
}

/**
 * Ends a window without sending it anything: its posted messages, timers and paint state go,
 * its handle dies, its parent forgets it. DestroyWindow calls this after WM_NCDESTROY.
 */
export function releaseWindow(w: Window): void {
  if (w.dead) return;
  w.dead = true;
  w.queue.purgeWindow(w.hwnd);
  w.queue.invalidWindows.delete(w);
  w.queue.windowCount--;
  w.cls.windows--;
  if (w.parent) w.parent.children = w.parent.children.filter((c) => c !== w);
  freeHandle(w.hwnd);
}

/**
 * A thread has ended: its windows are destroyed with it, as Windows does, without messages (no
 * thread is left to run them).
 */
export function releaseThreadWindows(q: MessageQueue): void {
  for (const w of [...local.values()]) if (w.queue === q) releaseWindow(w);
}

/** Every live window of this JavaScript thread, in creation order. */
export function localWindows(): IterableIterator<Window> {
  return local.values();
}
