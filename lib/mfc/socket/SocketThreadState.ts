// MFC's per-thread socket state (_AFX_SOCK_THREAD_STATE, mfc-semantics §3.4): the map of live
// sockets, the map of dead handles, the aux queue of deferred notifications, and the hidden
// "Socket Notification Sink" window that every socket of the thread is selected to. The state is
// per (simulated or real) thread, keyed by GetCurrentThreadId(), which is why a socket object
// cannot move between threads and Detach / Attach hands over the raw handle instead.
import {
  CreateWindowEx, DefWindowProc, DestroyWindow, GetCurrentThreadId, GetLastError, PostMessage,
  RegisterClassEx, SetLastError, WS_OVERLAPPED, type HWND, type LPARAM, type LRESULT, type UINT, type WPARAM,
} from '../../../pump/internal.ts';
import { CException } from '../exceptions/CException.ts';
import { WM_SOCKET_DEAD, WM_SOCKET_NOTIFY } from './constants.ts';

/** What the live map holds: a CAsyncSocket (typed by its handle so this file sits below the class). */
export interface SocketObject {
  m_hSocket: number;
}

/** A deferred WM_SOCKET_NOTIFY or WM_SOCKET_DEAD (MFC keeps a copy of the MSG). */
export interface AuxMessage {
  message: UINT;
  wParam: WPARAM;
  lParam: number;
}

/** One thread's socket state. */
export class SocketThreadState {
  /** The hidden notification window; 0 while the thread has no socket. */
  hSocketWindow: HWND = 0;
  /** m_pmapSocketHandle: handle → object; the Accept placeholder is keyed INVALID_SOCKET. */
  readonly live = new Map<number, SocketObject>();
  /** m_pmapDeadSockets: handle → how many WM_SOCKET_DEADs for it are still queued. */
  readonly dead = new Map<number, number>();
  /** m_plistSocketNotifications: notifications a CSocket's blocking call put aside, oldest first. */
  readonly aux: AuxMessage[] = [];

  constructor(readonly threadId: number) {}
}

const states = new Map<number, SocketThreadState>();

/** The calling thread's socket state, created on first use. */
export function socketThreadState(): SocketThreadState {
  const id = GetCurrentThreadId();
  let state = states.get(id);
  if (!state) states.set(id, (state = new SocketThreadState(id)));
  return state;
}

/** The calling thread's state if it has one (nothing is created). */
export function existingSocketThreadState(): SocketThreadState | undefined {
  return states.get(GetCurrentThreadId());
}

/**
 * CAsyncSocket::AttachHandle: a live entry (the first one creates the window) or one more
 * reference in the dead map. False when the window cannot be created, where MFC throws
 * CResourceException.
 */
export function attachHandle(hSocket: number, socket: SocketObject, bDead = false): boolean {
  const state = socketThreadState();
  if (bDead) {
    state.dead.set(hSocket, (state.dead.get(hSocket) ?? 0) + 1);
    return true;
  }
  if (state.live.size === 0 && state.hSocketWindow === 0) {
    state.hSocketWindow = createSocketWindow();
    if (state.hSocketWindow === 0) return false;
  }
  state.live.set(hSocket, socket);
  return true;
}

/**
 * CAsyncSocket::DetachHandle: removes a live entry — the last one destroys the window, which
 * drops the notifications still queued to it, and clears the dead map and the aux queue — or
 * takes one reference off a dead entry.
 */
export function detachHandle(hSocket: number, bDead = false): void {
  const state = existingSocketThreadState();
  if (!state) return;
  if (bDead) {
    const count = (state.dead.get(hSocket) ?? 0) - 1;
    if (count > 0) state.dead.set(hSocket, count);
    else state.dead.delete(hSocket);
    return;
  }
  state.live.delete(hSocket);
  if (state.live.size > 0 || state.hSocketWindow === 0) return;
  const hWnd = state.hSocketWindow;
  state.hSocketWindow = 0;
  state.dead.clear();
  state.aux.length = 0;
  states.delete(state.threadId);
  const saved = GetLastError();
  DestroyWindow(hWnd);
  SetLastError(saved);
}

/** CAsyncSocket::LookupHandle(h, FALSE): the live object for a handle of this thread. */
export function lookupLiveHandle(hSocket: number): SocketObject | undefined {
  return existingSocketThreadState()?.live.get(hSocket);
}

/** CAsyncSocket::LookupHandle(h, TRUE): true while WM_SOCKET_DEADs for the handle are queued. */
export function isDeadHandle(hSocket: number): boolean {
  return existingSocketThreadState()?.dead.has(hSocket) ?? false;
}

/**
 * CAsyncSocket::KillSocket (Close, Detach): forget the live entry and, if the window survives,
 * post WM_SOCKET_DEAD and count the handle dead. The queue is FIFO, so every notification
 * posted for the handle before this point is dispatched — and dropped — before WM_SOCKET_DEAD.
 */
export function killSocket(hSocket: number, socket: SocketObject): void {
  detachHandle(hSocket, false);
  const state = existingSocketThreadState();
  if (!state || state.hSocketWindow === 0) return;
  PostMessage(state.hSocketWindow, WM_SOCKET_DEAD, hSocket, 0);
  attachHandle(hSocket, socket, true);
}

/** CSocket::AuxQueueAdd: defers a notification (or a WM_SOCKET_DEAD) to the end of the aux queue. */
export function auxQueueAdd(message: UINT, wParam: WPARAM, lParam: number): void {
  socketThreadState().aux.push({ message, wParam, lParam });
}

/**
 * CSocket::ProcessAuxQueue: delivers the aux queue head first until it is empty — re-checking
 * each time, because a callback may add to it (a nested blocking call), close the last socket
 * (which clears it) or run ProcessAuxQueue itself. Returns how many it processed.
 */
export function processAuxQueue(): number {
  let count = 0;
  for (;;) {
    const state = existingSocketThreadState();
    const next = state?.aux.shift();
    if (!next) return count;
    count++;
    deliverAux(next.message, next.wParam, next.lParam);
  }
}

/** One message taken from the aux queue: a notification to DoCallBack, a WM_SOCKET_DEAD to the dead map. */
function deliverAux(message: UINT, wParam: WPARAM, lParam: number): void {
  if (message === WM_SOCKET_NOTIFY) doCallBack(wParam, lParam);
  else detachHandle(wParam, true);
}

/**
 * CSocketWnd::OnSocketNotify / OnSocketDead: AuxQueueAdd, then ProcessAuxQueue. With the aux queue
 * empty the message would be its head at once and be taken off before its callback runs, so it is
 * delivered without the trip through the queue (no record per notification); what the callback
 * adds is processed after it, as ProcessAuxQueue would.
 */
function auxQueueAddAndProcess(message: UINT, wParam: WPARAM, lParam: number): void {
  if (existingSocketThreadState()?.aux.length !== 0) {
    auxQueueAdd(message, wParam, lParam);
    processAuxQueue();
    return;
  }
  deliverAux(message, wParam, lParam);
  processAuxQueue();
}

/** Set by CAsyncSocket.ts: CAsyncSocket::DoCallBack, which calls the protected OnXxx members. */
let doCallBack: (wParam: WPARAM, lParam: number) => void = () => {};

export function setDoCallBack(callBack: (wParam: WPARAM, lParam: number) => void): void {
  doCallBack = callBack;
}

/** Receives a CException that a socket callback threw, as CWinApp::ProcessWndProcException would. */
export type SocketExceptionHandler = (e: CException, message: UINT, wParam: WPARAM, lParam: number) => void;

let exceptionHandler: SocketExceptionHandler = () => {};

/**
 * Chooses what happens to a CException thrown by a socket callback (OnReceive, …) while the socket
 * window handles a notification. MFC's window procedure wrapper catches it and reports it in a
 * message box; the default here drops it. Other exceptions propagate out of DispatchMessage.
 * Returns a function that restores the previous handler.
 *
 * @example
 * const restore = setSocketExceptionHandler((e) => failures.push(e.GetErrorMessage()));
 */
export function setSocketExceptionHandler(handler: SocketExceptionHandler): () => void {
  const previous = exceptionHandler;
  exceptionHandler = handler;
  return () => void (exceptionHandler = previous);
}

const SOCKET_WINDOW_CLASS = 'AfxSocketNotificationSink';
let classRegistered = false;

function createSocketWindow(): HWND {
  const saved = GetLastError();
  if (!classRegistered) {
    // Window classes belong to the JavaScript thread; simulated threads share them.
    RegisterClassEx({ lpszClassName: SOCKET_WINDOW_CLASS, lpfnWndProc: socketWndProc });
    classRegistered = true;
  }
  // A hidden top-level window, as MFC creates it (not a message-only window).
  const hWnd = CreateWindowEx(0, SOCKET_WINDOW_CLASS, 'Socket Notification Sink', WS_OVERLAPPED, 0, 0, 0, 0, 0, 0, 0, null);
  SetLastError(saved);
  return hWnd;
}

/** CSocketWnd: OnSocketNotify and OnSocketDead append the message to the aux queue and replay it. */
function socketWndProc(hWnd: HWND, uMsg: UINT, wParam: WPARAM, lParam: LPARAM): LRESULT {
  if (uMsg !== WM_SOCKET_NOTIFY && uMsg !== WM_SOCKET_DEAD) return DefWindowProc(hWnd, uMsg, wParam, lParam);
  try {
    auxQueueAddAndProcess(uMsg, wParam, lParam as number);
  } catch (e) {
    // AfxCallWndProc catches MFC exceptions; anything else is a bug in the caller's code and goes on.
    if (!(e instanceof CException)) throw e;
    exceptionHandler(e, uMsg, wParam, lParam as number);
  }
  return 0;
}

/**
 * What MFC's per-thread socket state does when its thread ends (the _AFX_SOCK_THREAD_STATE
 * destructor): the hidden socket window is destroyed, dropping the notifications still queued to
 * it, and the live and dead maps and the aux queue are forgotten. The CAsyncSocket objects keep
 * their handles; nothing is closed. For a thread that goes on running (a test harness starting a
 * fresh world on the same thread) this is the clean slate a new thread would have.
 */
export function endSocketThreadState(): void {
  const state = existingSocketThreadState();
  if (!state) return;
  states.delete(state.threadId);
  state.live.clear();
  state.dead.clear();
  state.aux.length = 0;
  if (state.hSocketWindow !== 0) {
    const saved = GetLastError();
    DestroyWindow(state.hSocketWindow);
    SetLastError(saved);
    state.hSocketWindow = 0;
  }
}
