// THE implementation of the WSAAsyncSelect arming rules (windows-facts C.8, corrected to what
// modern Windows does in §A), shared by every network. Per socket: the window, the message, the
// event mask and the set of *armed* events. A level condition that is true while its event is
// armed is posted once and disarmed; the documented re-enabling calls re-arm it (and, when the
// condition still holds, that posts it again at once). FD_CONNECT is an edge, never re-armed.
import { ERROR_NOT_ENOUGH_QUOTA, IsWindow, PostMessage, GetLastError, SetLastError } from '../../pump/internal.ts';
import type { NetChange } from '../net/index.ts';
import {
  FD_ACCEPT,
  FD_CLOSE,
  FD_CONNECT,
  FD_OOB,
  FD_READ,
  FD_WRITE,
  SOCK_DGRAM,
  SOCKET_ERROR,
  WSAECONNABORTED,
  WSAEINVAL,
} from './constants.ts';
import { toInt, toUint } from './argumentRules.ts';
import { wsaErrorOf } from './errorMap.ts';
import { wsaFail } from './lastError.ts';
import { setChangeHandler, socketOf, type WinSocket } from './socketTable.ts';

/** Emulates: WSAMAKESELECTREPLY — lParam of a notification: MAKELONG(event, error). */
export function WSAMAKESELECTREPLY(event: number, error: number): number {
  return ((event & 0xffff) | ((error & 0xffff) << 16)) >>> 0;
}

/** Emulates: WSAGETSELECTEVENT — LOWORD(lParam). */
export function WSAGETSELECTEVENT(lParam: number): number {
  return lParam & 0xffff;
}

/** Emulates: WSAGETSELECTERROR — HIWORD(lParam). */
export function WSAGETSELECTERROR(lParam: number): number {
  return (lParam >>> 16) & 0xffff;
}

/**
 * Requests a message `wMsg` to `hWnd` (wParam = s, lParam = WSAMAKESELECTREPLY(event, error)) for
 * each network event in `lEvent`; replaces any earlier registration; forces non-blocking mode.
 * Every currently true condition of the new mask is posted at once (FD_CONNECT never is), in the
 * order FD_ACCEPT, FD_OOB, FD_READ, FD_WRITE, FD_CLOSE.
 * Emulates: WSAAsyncSelect (windows-facts A.1.3, A.2.2, A.3.1, A.4.2, A.5.2, A.6.1, C.1, C.8).
 * Differs from the documentation: FD_CLOSE is posted as soon as the peer's FIN arrives, even with
 * unread data (as modern Windows does, windows-facts A.6.4), and after a reset it carries
 * WSAECONNABORTED, not WSAECONNRESET (A.6.8).
 * `wMsg` and `lEvent` are converted as C converts a UINT and a long; either one no number, or a
 * non-zero lEvent with no window: WSAEINVAL (argumentRules.ts).
 *
 * @example
 * WSAAsyncSelect(s, hwnd, WM_USER, FD_READ | FD_CLOSE);
 */
export function WSAAsyncSelect(s: number, hWnd: number, wMsg: number, lEvent: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const message = toUint(wMsg);
  const events = toInt(lEvent);
  if (message === undefined || events === undefined) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  if (events !== 0 && !IsWindow(hWnd)) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  ws.hWnd = hWnd;
  ws.wMsg = message;
  ws.lEvent = events;
  ws.armed = ALL_EVENTS;
  ws.nonBlocking = true;
  evaluate(ws, 0, 0);
  return 0;
}

const ALL_EVENTS = FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE;
// Posting order of level events within one change (windows-facts C.4 event_bitorder), as
// evaluate() tests them: FD_ACCEPT, FD_OOB, FD_READ, FD_WRITE, FD_CLOSE.

/** Re-arms `events` (the re-enabling calls: recv, accept, a send that would block, …) and posts what holds. */
export function rearm(ws: WinSocket, events: number): void {
  ws.armed |= events;
  evaluate(ws, 0, 0);
}

/** Gives an accepted socket the listener's registration, all armed, and posts its conditions (C.5). */
export function inheritSelection(child: WinSocket, listener: WinSocket): void {
  child.hWnd = listener.hWnd;
  child.wMsg = listener.wMsg;
  child.lEvent = listener.lEvent;
  child.nonBlocking = listener.nonBlocking;
  child.armed = ALL_EVENTS;
  evaluate(child, 0, 0);
}

/** A kernel change: the connect edge first, then every armed level condition that now holds. */
function socketChanged(ws: WinSocket, change: NetChange): void {
  if (change === 'connected') evaluate(ws, FD_CONNECT, 0);
  else if (change === 'connectFailed') evaluate(ws, FD_CONNECT, wsaErrorOf(ws.net.connectError ?? 'ECONNREFUSED'));
  else evaluate(ws, 0, 0);
}
setChangeHandler(socketChanged);

function evaluate(ws: WinSocket, edge: number, edgeError: number): void {
  // Nothing selected is armed or an edge (a socket whose one event is posted and not re-enabled yet).
  if ((ws.lEvent & (ws.armed | edge)) === 0) return;
  if (edge & ws.lEvent) post(ws, edge, edgeError);
  // The selected and armed events, read once: posting one changes only its own armed bit. In
  // posting order, one test each (every recv and every arrival comes here).
  const levels = ws.lEvent & ws.armed;
  if (levels & FD_ACCEPT) level(ws, FD_ACCEPT);
  if (levels & FD_OOB) level(ws, FD_OOB);
  if (levels & FD_READ) level(ws, FD_READ);
  if (levels & FD_WRITE) level(ws, FD_WRITE);
  if (levels & FD_CLOSE) level(ws, FD_CLOSE);
}

/** Posts an armed level event whose condition holds, and disarms it. */
function level(ws: WinSocket, event: number): void {
  if (!holds(ws, event)) return;
  ws.armed &= ~event;
  // A queue at its posting limit refuses the message: stay armed, so the next change of the
  // socket posts it again instead of losing the notification for good.
  if (!post(ws, event, event === FD_CLOSE && ws.net.resetError ? WSAECONNABORTED : 0)) ws.armed |= event;
}

/** Whether the level condition of `event` is true now. */
function holds(ws: WinSocket, event: number): boolean {
  const net = ws.net;
  switch (event) {
    case FD_READ:
      return net.hasReadable;
    case FD_OOB:
      return net.urgentBytes > 0;
    case FD_ACCEPT:
      return net.state === 'listening' && net.pendingConnections > 0;
    case FD_WRITE:
      // Datagram sockets are always writable; a stream once connected and while its buffer has room.
      return ws.type === SOCK_DGRAM ? net.writable : net.state === 'connected' && net.writable;
    case FD_CLOSE:
      return ws.type !== SOCK_DGRAM && (net.peerClosed || net.resetError !== undefined);
    default:
      return false;
  }
}

/**
 * Posts one notification; false only when the window's queue is full. A destroyed window drops it
 * silently (C.4); the caller's last error is kept.
 */
function post(ws: WinSocket, event: number, error: number): boolean {
  const saved = GetLastError();
  const posted = PostMessage(ws.hWnd, ws.wMsg, ws.handle, WSAMAKESELECTREPLY(event, error));
  const full = !posted && GetLastError() === ERROR_NOT_ENOUGH_QUOTA;
  SetLastError(saved);
  return !full;
}
