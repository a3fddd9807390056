// MFC's private socket messages (afxpriv.h) and the default event mask of CAsyncSocket's members
// (mfc-semantics §3.1 item 3, §3.4 item 1). The message names are registered with the pump so
// that traces and world dumps print WM_SOCKET_NOTIFY rather than 0x0373.
import { nameMessage } from '../../../pump/internal.ts';
import { FD_ACCEPT, FD_CLOSE, FD_CONNECT, FD_OOB, FD_READ, FD_WRITE } from '../../winsock/index.ts';

/**
 * The message every socket of a thread is selected with: wParam = SOCKET, lParam =
 * WSAMAKESELECTREPLY(event, error). wParam 0 and lParam 0 is CSocket's "kick" that makes the
 * socket window replay the aux queue.
 * Emulates: `WM_SOCKET_NOTIFY` (afxpriv.h, 0x0373).
 */
export const WM_SOCKET_NOTIFY = 0x0373;

/**
 * Posted by Close and Detach (wParam = the released SOCKET): once it is processed, notifications
 * for that handle value are delivered again.
 * Emulates: `WM_SOCKET_DEAD` (afxpriv.h, 0x0374).
 */
export const WM_SOCKET_DEAD = 0x0374;

/** `FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE`, the default lEvent (0x3F). */
export const ALL_SOCKET_EVENTS = FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE;

nameMessage(WM_SOCKET_NOTIFY, 'WM_SOCKET_NOTIFY');
nameMessage(WM_SOCKET_DEAD, 'WM_SOCKET_DEAD');
