// Win32 numeric values used by the queue: message ids, PeekMessage flags, QS_* bits, window
// handles with special meaning, window-long indexes and error codes. Values are the SDK's.

// Messages (winuser.h).
export const WM_NULL = 0x0000;
export const WM_CREATE = 0x0001;
export const WM_DESTROY = 0x0002;
export const WM_MOVE = 0x0003;
export const WM_SIZE = 0x0005;
export const WM_PAINT = 0x000f;
export const WM_CLOSE = 0x0010;
export const WM_QUIT = 0x0012;
export const WM_ERASEBKGND = 0x0014;
export const WM_SHOWWINDOW = 0x0018;
export const WM_GETMINMAXINFO = 0x0024;
export const WM_NCCREATE = 0x0081;
export const WM_NCDESTROY = 0x0082;
export const WM_NCCALCSIZE = 0x0083;
export const WM_NCPAINT = 0x0085;
export const WM_KEYDOWN = 0x0100;
export const WM_KEYUP = 0x0101;
export const WM_CHAR = 0x0102;
export const WM_SYSKEYDOWN = 0x0104;
export const WM_SYSKEYUP = 0x0105;
export const WM_SYSCHAR = 0x0106;
export const WM_COMMAND = 0x0111;
export const WM_TIMER = 0x0113;
export const WM_USER = 0x0400;
export const WM_APP = 0x8000;

// PeekMessage wRemoveMsg.
export const PM_NOREMOVE = 0x0000;
export const PM_REMOVE = 0x0001;
export const PM_NOYIELD = 0x0002;

// Queue status bits (GetQueueStatus, PM_QS_*, MsgWait masks).
export const QS_KEY = 0x0001;
export const QS_MOUSEMOVE = 0x0002;
export const QS_MOUSEBUTTON = 0x0004;
export const QS_POSTMESSAGE = 0x0008;
export const QS_TIMER = 0x0010;
export const QS_PAINT = 0x0020;
export const QS_SENDMESSAGE = 0x0040;
export const QS_HOTKEY = 0x0080;
export const QS_ALLPOSTMESSAGE = 0x0100;
export const QS_RAWINPUT = 0x0400;
export const QS_TOUCH = 0x0800;
export const QS_POINTER = 0x1000;
export const QS_SMRESULT = 0x8000;
export const QS_MOUSE = QS_MOUSEMOVE | QS_MOUSEBUTTON;
export const QS_INPUT = QS_MOUSE | QS_KEY | QS_RAWINPUT | QS_TOUCH | QS_POINTER;
export const QS_ALLEVENTS = QS_INPUT | QS_POSTMESSAGE | QS_TIMER | QS_PAINT | QS_HOTKEY;
export const QS_ALLINPUT = QS_ALLEVENTS | QS_SENDMESSAGE;

export const PM_QS_INPUT = QS_INPUT << 16;
export const PM_QS_POSTMESSAGE = (QS_POSTMESSAGE | QS_HOTKEY | QS_TIMER) << 16;
export const PM_QS_PAINT = QS_PAINT << 16;
export const PM_QS_SENDMESSAGE = QS_SENDMESSAGE << 16;

// Special window handles.
export const HWND_TOP = 0;
export const HWND_BOTTOM = 1;
export const HWND_TOPMOST = -1;
export const HWND_NOTOPMOST = -2;
export const HWND_MESSAGE = -3;
export const HWND_BROADCAST = 0xffff;

// Window styles and CreateWindowEx defaults.
export const WS_OVERLAPPED = 0x00000000;
export const WS_POPUP = 0x80000000 | 0;
export const WS_CHILD = 0x40000000;
export const WS_VISIBLE = 0x10000000;
export const WS_THICKFRAME = 0x00040000;
export const WS_OVERLAPPEDWINDOW = 0x00cf0000;
export const CW_USEDEFAULT = 0x80000000 | 0;

// ShowWindow nCmdShow (winuser.h).
export const SW_HIDE = 0;
export const SW_SHOWNORMAL = 1;
export const SW_NORMAL = 1;
export const SW_SHOWMINIMIZED = 2;
export const SW_SHOWMAXIMIZED = 3;
export const SW_MAXIMIZE = 3;
export const SW_SHOWNOACTIVATE = 4;
export const SW_SHOW = 5;
export const SW_MINIMIZE = 6;
export const SW_SHOWMINNOACTIVE = 7;
export const SW_SHOWNA = 8;
export const SW_RESTORE = 9;
export const SW_SHOWDEFAULT = 10;
export const SW_FORCEMINIMIZE = 11;
export const SW_MAX = 11;

// GetWindowLongPtr / SetWindowLongPtr indexes.
export const GWLP_WNDPROC = -4;
export const GWLP_HINSTANCE = -6;
export const GWLP_HWNDPARENT = -8;
export const GWLP_ID = -12;
export const GWL_STYLE = -16;
export const GWL_EXSTYLE = -20;
export const GWLP_USERDATA = -21;

// Timers.
export const USER_TIMER_MINIMUM = 0x0000000a;
export const USER_TIMER_MAXIMUM = 0x7fffffff;

/** Default per-queue limit on posted messages (the USERPostMessageLimit registry default). */
export const POSTED_MESSAGE_QUOTA = 10000;

// Error codes (winerror.h).
export const ERROR_SUCCESS = 0;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_INVALID_HANDLE = 6;
export const ERROR_NOT_ENOUGH_MEMORY = 8;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INVALID_FLAGS = 1004;
export const ERROR_NO_MORE_USER_HANDLES = 1158;
export const ERROR_MESSAGE_SYNC_ONLY = 1159;
export const ERROR_INVALID_WINDOW_HANDLE = 1400;
export const ERROR_CANNOT_FIND_WND_CLASS = 1407;
export const ERROR_CLASS_ALREADY_EXISTS = 1410;
export const ERROR_CLASS_DOES_NOT_EXIST = 1411;
export const ERROR_CLASS_HAS_WINDOWS = 1412;
export const ERROR_INVALID_INDEX = 1413;
export const ERROR_INVALID_THREAD_ID = 1444;
export const ERROR_TIMEOUT = 1460;
export const ERROR_NOT_ENOUGH_QUOTA = 1816;
