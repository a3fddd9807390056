// The Win32 data types of the queue, with the one mapping from C: handles and integers are
// numbers; a pointer-sized LPARAM is a number or, between windows of one thread, any object (as a
// pointer would be); out-parameters are caller-owned objects that the call fills.

/** A window handle. 0 is NULL. */
export type HWND = number;
/** An unsigned 32-bit integer (message ids, flags). */
export type UINT = number;
/** A message parameter that is always a number. */
export type WPARAM = number;
/**
 * A message parameter. Across threads only numbers travel (JavaScript threads share no objects);
 * on one thread an object may be passed, as C code passes a pointer. For WM_TIMER it is the
 * TIMERPROC, as on Windows.
 */
export type LPARAM = number | object;
/** What a window procedure returns. */
export type LRESULT = number;
/** A Win32 BOOL as an argument: nonzero or true is TRUE. */
export type BOOL = number | boolean;
/** A registered class atom. */
export type ATOM = number;
/** A pointer-sized unsigned integer (timer ids). */
export type UINT_PTR = number;

/** A window procedure. */
export type WNDPROC = (hWnd: HWND, uMsg: UINT, wParam: WPARAM, lParam: LPARAM) => LRESULT;
/** A timer callback, called by DispatchMessage for a WM_TIMER whose lParam is the callback. */
export type TIMERPROC = (hWnd: HWND, uMsg: UINT, idEvent: UINT_PTR, dwTime: number) => void;

/** A point (x, y). */
export class POINT {
  constructor(
    public x = 0,
    public y = 0,
  ) {}
}

/** A rectangle: left and top inclusive, right and bottom exclusive. */
export class RECT {
  constructor(
    public left = 0,
    public top = 0,
    public right = 0,
    public bottom = 0,
  ) {}
}

/** A queued message, filled in by GetMessage / PeekMessage. */
export class MSG {
  hwnd: HWND = 0;
  message: UINT = 0;
  wParam: WPARAM = 0;
  lParam: LPARAM = 0;
  /** GetTickCount-style milliseconds when the message was posted (or synthesized). */
  time = 0;
  pt = new POINT();
}

/** What WM_CREATE and WM_NCCREATE receive in lParam. */
export interface CREATESTRUCT {
  lpCreateParams: unknown;
  hInstance: number;
  hMenu: number;
  hwndParent: HWND;
  cy: number;
  cx: number;
  y: number;
  x: number;
  style: number;
  lpszName: string;
  lpszClass: string;
  dwExStyle: number;
}

/** Registration data for RegisterClassEx. */
export interface WNDCLASSEX {
  lpfnWndProc: WNDPROC;
  lpszClassName: string;
  style?: number;
  /** Bytes of extra window memory, reachable with Get/SetWindowLongPtr at offsets 0, 8, 16, … */
  cbWndExtra?: number;
  hInstance?: number;
}

/**
 * What WM_GETMINMAXINFO receives in lParam: the sizes a window may take. The procedure may change
 * the points it is given.
 */
export class MINMAXINFO {
  ptReserved = new POINT();
  ptMaxSize = new POINT();
  ptMaxPosition = new POINT();
  ptMinTrackSize = new POINT();
  ptMaxTrackSize = new POINT();
}

/** Filled in by BeginPaint. */
export class PAINTSTRUCT {
  hdc = 0;
  fErase: BOOL = false;
  rcPaint = new RECT();
}
