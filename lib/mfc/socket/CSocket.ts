// CSocket: CAsyncSocket whose Accept, Connect, Receive, ReceiveFrom, Send and SendTo block. Each
// tries the non-blocking operation and, on WSAEWOULDBLOCK, spins a nested message pump on the same
// stack (PumpMessages) until this socket's awaited notification — or its FD_CLOSE — arrives, then
// tries again (mfc-semantics §4, later MFC's sockcore.cpp).
import {
  currentClock, DispatchMessage, MSG, PeekMessage, PM_NOREMOVE, PM_REMOVE, PostMessage, SetTimer, KillTimer, WM_PAINT, WM_TIMER,
} from '../../../pump/internal.ts';
import {
  FD_ACCEPT, FD_CLOSE, FD_CONNECT, FD_READ, FD_WRITE, INVALID_SOCKET, SOCK_STREAM, SOCKET_ERROR, WSAEINPROGRESS,
  WSAEFAULT, WSAEINTR, WSAENOTSOCK, WSAEWOULDBLOCK, WSAGETSELECTERROR, WSAGETSELECTEVENT, WSASetLastError, type IntRef,
  type SOCKADDR,
} from '../../winsock/index.ts';
import { bufferOfLength, byteView, toInt } from '../../winsock/argumentRules.ts';
import { wsaFail as fail } from '../../winsock/lastError.ts';
import { CException } from '../exceptions/CException.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { CAsyncSocket } from './CAsyncSocket.ts';
import { ALL_SOCKET_EVENTS, WM_SOCKET_DEAD, WM_SOCKET_NOTIFY } from './constants.ts';
import { waitForSocketMessage } from './pumpWait.ts';
import { auxQueueAdd, existingSocketThreadState, processAuxQueue } from './SocketThreadState.ts';

/** PumpMessages' timer on the socket window (MFC uses id 1 for every pump of the thread). */
const KICK_TIMER_ID = 1;
/**
 * On virtual time, how long user code run by the pump (an overridden OnMessagePending, or a
 * WM_PAINT the default one dispatched) may keep a call kicking with nothing else happening before
 * the deadlock probe runs anyway: one hour. Such code may end the call itself after a while (a
 * timeout that reads GetTickCount and calls CancelBlockingCall), so each kick is kept as on Windows
 * for that long; a program still kicking in vain after an hour of virtual time is taken as hung.
 */
const USER_CODE_KICKS_MS = 3_600_000;
const EVENT_NAMES: Record<number, string> = { [FD_READ]: 'FD_READ', [FD_WRITE]: 'FD_WRITE', [FD_ACCEPT]: 'FD_ACCEPT', [FD_CONNECT]: 'FD_CONNECT' };

/**
 * A socket whose calls block, so that code reads top to bottom; while a call waits, the thread's
 * other socket notifications are put aside and delivered after it, and other messages wait in the
 * queue (OnMessagePending sees them; by default only WM_PAINT is dispatched).
 *
 * Emulates: MFC `CSocket` (afxsock.h, later MFC's sockcore.cpp): Create, Attach, FromHandle,
 * IsBlocking, CancelBlockingCall (the call fails with WSAEINTR), OnMessagePending, m_nTimeOut
 * (2000 ms; a timer that only restarts the wait, never a timeout), the blocking Accept, Connect,
 * Receive, ReceiveFrom, Send (sends everything) and SendTo, Close (cancels a blocking call first),
 * and PumpMessages with the aux queue. A second blocking call on the same socket fails with
 * WSAEINPROGRESS and returns what MFC returns (0 / false; SOCKET_ERROR for SendTo). Blocking calls
 * are synchronous: `Receive` returns a number. OnConnect is never called for a completed Connect.
 * Differs: PumpMessages catches MFC exceptions (CException) thrown inside it and goes on, as MFC's
 * CATCH_ALL does; any other exception (DeadlockError included) ends the call, which then resets
 * IsBlocking and kills the timer — MFC would leave m_pbBlocking pointing into a dead frame.
 * On virtual time a call that can never finish ends in DeadlockError naming the socket and the
 * event it waits for (at the first kick of m_nTimeOut that cannot help), where MFC waits for ever;
 * for the same reason, kicks that would fall in a stretch of virtual time in which nothing at all
 * happens are skipped (the later ones stay on the m_nTimeOut grid). While user code runs at the
 * kicks (an overridden OnMessagePending offered a message that stays queued, or a WM_PAINT the
 * default one dispatches), every kick is kept, as on Windows, for one hour of virtual time, since
 * that code may end the call itself (a timeout that calls CancelBlockingCall); a call still
 * kicking in vain after that hour is a DeadlockError that says so.
 * On simulated threads, which share one stack, a blocking call that would bury another simulated
 * thread's ready call ends in DeadlockError naming both (pump/waitStack.ts), where Windows runs the
 * two threads side by side.
 * OnMessagePending returning TRUE makes MFC call CWinThread::OnIdle(-1); there is no CWinThread here.
 *
 * @example
 * const sock = new CSocket();
 * sock.Create();
 * if (sock.Connect('beta', 7)) {
 *   sock.Send(request, request.length);
 *   const n = sock.Receive(reply, reply.length); // waits, pumping socket notifications only
 * }
 * sock.Close();
 */
export class CSocket extends CAsyncSocket {
  /** Milliseconds between the kicks that restart a blocking call's wait. Emulates: `CSocket::m_nTimeOut` (2000). */
  m_nTimeOut = 2000;
  /** The running blocking call's "still blocking" flag, or null. Emulates: `CSocket::m_pbBlocking`. */
  protected m_pbBlocking: { value: boolean } | null = null;
  /** The error FD_CONNECT carried, or -1 while unknown. Emulates: `CSocket::m_nConnectError`. */
  protected m_nConnectError = -1;
  /** The blocking member running (for DeadlockError's text). */
  #operation = '';
  /** The last pump of this call ended by the kick timer (see waitForSocketMessage). */
  #idleKick = false;
  /** The default OnMessagePending dispatched a WM_PAINT, i.e. a window procedure ran. */
  #paintDispatched = false;
  /** On virtual time: when this call's kicks began to retry it in vain, or -1 (see USER_CODE_KICKS_MS). */
  #vainKicksSinceMs = -1;

  /** Emulates: `CSocket::Create` — CAsyncSocket::Create with all six events (the lEvent form is CAsyncSocket's, called explicitly). */
  override Create(nSocketPort?: number, nSocketType?: number, lpszSocketAddress?: string | null): boolean;
  override Create(nSocketPort: number, nSocketType: number, lEvent: number, lpszSocketAddress?: string | null): boolean;
  override Create(nSocketPort = 0, nSocketType = SOCK_STREAM, third: string | number | null = null, fourth: string | null = null): boolean {
    if (typeof third === 'number') return super.Create(nSocketPort, nSocketType, third, fourth);
    return super.Create(nSocketPort, nSocketType, ALL_SOCKET_EVENTS, third);
  }

  /** Emulates: `CSocket::Attach` — CAsyncSocket::Attach with all six events. */
  override Attach(hSocket: number): boolean {
    return super.Attach(hSocket, ALL_SOCKET_EVENTS);
  }

  /**
   * Emulates: `CSocket::FromHandle` — the CSocket attached to the handle on this thread, or null, as
   * documented ("NULL if no CSocket is attached"; MFC's code casts whatever CAsyncSocket it finds).
   */
  static override FromHandle(hSocket: number): CSocket | null {
    const s = CAsyncSocket.FromHandle(hSocket);
    return s instanceof CSocket ? s : null;
  }

  /** Emulates: `CSocket::IsBlocking` — true while a blocking call of this socket waits. */
  IsBlocking(): boolean {
    return this.m_pbBlocking !== null;
  }

  /** Emulates: `CSocket::CancelBlockingCall` — the waiting call ends as soon as it can, failing with WSAEINTR. */
  CancelBlockingCall(): void {
    if (this.m_pbBlocking === null) return;
    this.m_pbBlocking.value = false;
    this.m_pbBlocking = null;
  }

  /** Emulates: `CSocket::Close` — cancels a blocking call, stops the notifications, closes. */
  override Close(): void {
    if (this.m_hSocket === INVALID_SOCKET) return;
    this.CancelBlockingCall();
    this.AsyncSelect(0);
    super.Close();
    this.m_hSocket = INVALID_SOCKET;
  }

  /** Emulates: `CSocket::Accept` — waits for a connection (FD_ACCEPT). */
  override Accept(rConnectedSocket: CAsyncSocket, lpSockAddr: SOCKADDR | null = null, lpSockAddrLen: IntRef | null = null): boolean {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, false);
    this.#begin('Accept');
    while (!super.Accept(rConnectedSocket, lpSockAddr, lpSockAddrLen)) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK || !this.PumpMessages(FD_ACCEPT)) return false;
    }
    return true;
  }

  /** Emulates: `CSocket::Receive` — waits for data (FD_READ); returns 0 once the peer has closed. */
  override Receive(lpBuf: ArrayBufferView, nBufLen: number, nFlags = 0): number {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, 0);
    this.#begin('Receive');
    let nResult: number;
    while ((nResult = super.Receive(lpBuf, nBufLen, nFlags)) === SOCKET_ERROR) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK || !this.PumpMessages(FD_READ)) return SOCKET_ERROR;
    }
    return nResult;
  }

  /**
   * Emulates: `CSocket::Send` — sends all nBufLen bytes, chunk after chunk, and returns nBufLen.
   * The arguments follow the facade's one rule (argumentRules.ts), checked once before the first
   * chunk, so CSocket answers as CAsyncSocket does: no byte buffer, an nBufLen that is no number
   * or runs past the buffer: SOCKET_ERROR with WSAEFAULT; nBufLen 2.5 sends 2 bytes and returns 2.
   * A negative nBufLen (of a byte buffer) returns 0 and sends nothing, as MFC's loop does: it
   * never calls send.
   * Every round sends at least one byte or ends the call, so the loop ends.
   */
  override Send(lpBuf: ArrayBufferView, nBufLen: number, nFlags = 0): number {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, 0);
    // A string or other non-buffer is WSAEFAULT whatever the length, as CAsyncSocket.Send answers.
    if (byteView(lpBuf) === undefined) return fail(WSAEFAULT, SOCKET_ERROR);
    const length = toInt(nBufLen);
    if (length !== undefined && length < 0) return 0;
    const buffer = bufferOfLength(lpBuf, length);
    if (buffer === WSAEFAULT) return fail(WSAEFAULT, SOCKET_ERROR);
    this.#begin('Send');
    let nLeft = buffer.length;
    while (nLeft > 0) {
      const nWritten = this.SendChunk(buffer.subarray(buffer.length - nLeft), nLeft, nFlags);
      if (nWritten === SOCKET_ERROR) return nWritten;
      // send takes 1..nLeft bytes or fails (a stream takes the whole buffer, windows-facts A.3.3);
      // a chunk that took nothing would repeat for ever, so the count so far is returned instead.
      if (!(nWritten > 0 && nWritten <= nLeft)) break;
      nLeft -= nWritten;
    }
    return buffer.length - nLeft;
  }

  /** Emulates: `CSocket::SendChunk` — one send, waiting for FD_WRITE while it would block. */
  SendChunk(lpBuf: ArrayBufferView, nBufLen: number, nFlags: number): number {
    let nResult: number;
    while ((nResult = super.Send(lpBuf, nBufLen, nFlags)) === SOCKET_ERROR) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK || !this.PumpMessages(FD_WRITE)) return SOCKET_ERROR;
    }
    return nResult;
  }

  /** Emulates: `CSocket::ProcessAuxQueue` — delivers the notifications put aside by blocking calls; returns how many. */
  static ProcessAuxQueue(): number {
    return processAuxQueue();
  }

  /** Emulates: `CSocket::AuxQueueAdd` — puts a notification aside for ProcessAuxQueue. */
  protected static AuxQueueAdd(message: number, wParam: number, lParam: number): void {
    auxQueueAdd(message, wParam, lParam);
  }

  /**
   * Called while a blocking call waits and messages are queued; returns true if it handled one.
   * Emulates: `CSocket::OnMessagePending` — the default dispatches one WM_PAINT and returns false
   * (MFC: "OnIdle usually causes WM_PAINTs"). Overrides return true or the base class's result.
   */
  protected OnMessagePending(): boolean {
    const msg = new MSG();
    if (PeekMessage(msg, 0, WM_PAINT, WM_PAINT, PM_REMOVE)) {
      DispatchMessage(msg);
      this.#paintDispatched = true;
    }
    return false;
  }

  /** Emulates: `CSocket::ConnectHelper` — a pending connect waits for FD_CONNECT and fails with its error. */
  protected override ConnectHelper(lpSockAddr: SOCKADDR, nSockAddrLen: number): boolean {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, false);
    this.#begin('Connect');
    this.m_nConnectError = -1;
    if (super.ConnectHelper(lpSockAddr, nSockAddrLen)) return true;
    if (CAsyncSocket.GetLastError() === WSAEWOULDBLOCK) {
      while (this.PumpMessages(FD_CONNECT)) {
        if (this.m_nConnectError !== -1) {
          WSASetLastError(this.m_nConnectError);
          return this.m_nConnectError === 0;
        }
      }
    }
    return false;
  }

  /** Emulates: `CSocket::ReceiveFromHelper` — waits for a datagram (FD_READ). */
  protected override ReceiveFromHelper(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, lpSockAddrLen: IntRef | null, nFlags: number): number {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, 0);
    this.#begin('ReceiveFrom');
    let nResult: number;
    while ((nResult = super.ReceiveFromHelper(lpBuf, nBufLen, lpSockAddr, lpSockAddrLen, nFlags)) === SOCKET_ERROR) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK || !this.PumpMessages(FD_READ)) return SOCKET_ERROR;
    }
    return nResult;
  }

  /** Emulates: `CSocket::SendToHelper` — waits for FD_WRITE while the send would block. */
  protected override SendToHelper(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, nSockAddrLen: number, nFlags: number): number {
    if (this.m_pbBlocking !== null) return fail(WSAEINPROGRESS, SOCKET_ERROR);
    this.#begin('SendTo');
    let nResult: number;
    while ((nResult = super.SendToHelper(lpBuf, nBufLen, lpSockAddr, nSockAddrLen, nFlags)) === SOCKET_ERROR) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK || !this.PumpMessages(FD_WRITE)) return SOCKET_ERROR;
    }
    return nResult;
  }

  /**
   * The nested pump of a blocking call: true when the call should try again (its event, its
   * FD_CLOSE or the kick timer arrived), false when it was cancelled (WSAEINTR).
   * Emulates: `CSocket::PumpMessages` of later MFC (mfc-semantics §4.3 items 5-8): this socket's
   * `uStopFlag` or FD_CLOSE ends the wait and is consumed; every other WM_SOCKET_NOTIFY and
   * WM_SOCKET_DEAD goes to the aux queue; a WM_TIMER of the socket window ends the wait; other
   * messages stay queued and are offered to OnMessagePending; with nothing to do it waits as
   * WaitMessage does. On the way out it posts WM_SOCKET_NOTIFY(0, 0), which makes the socket window
   * replay the aux queue.
   */
  protected PumpMessages(uStopFlag: number): boolean {
    const hWnd = existingSocketThreadState()?.hSocketWindow ?? 0;
    if (hWnd === 0) return fail(WSAENOTSOCK, false); // not a socket of this thread (MFC ASSERTs)
    const bBlocking = { value: true };
    this.m_pbBlocking = bBlocking;
    const nTimerID = SetTimer(hWnd, KICK_TIMER_ID, this.m_nTimeOut);
    const timerSetAtMs = currentClock().nowMs();
    let finished = false;
    try {
      this.#pump(hWnd, uStopFlag, bBlocking, timerSetAtMs);
      finished = true;
    } finally {
      KillTimer(hWnd, nTimerID);
      if (!finished && this.m_pbBlocking === bBlocking) this.m_pbBlocking = null;
    }
    if (!bBlocking.value) return fail(WSAEINTR, false);
    this.m_pbBlocking = null;
    PostMessage(hWnd, WM_SOCKET_NOTIFY, 0, 0);
    return true;
  }

  #pump(hWnd: number, uStopFlag: number, bBlocking: { value: boolean }, timerSetAtMs: number): void {
    const msg = new MSG();
    const overridden = this.OnMessagePending !== CSocket.prototype.OnMessagePending;
    // One deadlock probe after a kick that did not help, unless user code runs first (waitForSocketMessage)
    // and has not yet had USER_CODE_KICKS_MS of vain kicks to end the call.
    let probe = this.#idleKick;
    this.#idleKick = false;
    const clock = currentClock();
    if (!probe) this.#vainKicksSinceMs = -1;
    else if (this.#vainKicksSinceMs < 0) this.#vainKicksSinceMs = clock.nowMs();
    const userCodeMayEndIt = !clock.isVirtual || clock.nowMs() - this.#vainKicksSinceMs < USER_CODE_KICKS_MS;
    let bPeek = true;
    while (bBlocking.value) {
      try {
        if (PeekMessage(msg, hWnd, WM_SOCKET_NOTIFY, WM_SOCKET_DEAD, PM_REMOVE)) {
          const lParam = msg.lParam as number;
          if (msg.message === WM_SOCKET_NOTIFY && msg.wParam === this.m_hSocket) {
            if (WSAGETSELECTEVENT(lParam) === FD_CLOSE) break;
            if (WSAGETSELECTEVENT(lParam) === uStopFlag) {
              if (uStopFlag === FD_CONNECT) this.m_nConnectError = WSAGETSELECTERROR(lParam);
              break;
            }
          }
          if (msg.wParam !== 0 || lParam !== 0) CSocket.AuxQueueAdd(msg.message, msg.wParam, lParam);
          bPeek = true;
        } else if (PeekMessage(msg, hWnd, WM_TIMER, WM_TIMER, PM_REMOVE)) {
          this.#idleKick = true;
          break;
        }
        if (bPeek && PeekMessage(msg, 0, 0, 0, PM_NOREMOVE)) {
          this.#paintDispatched = false;
          const handled = this.OnMessagePending();
          if ((overridden || this.#paintDispatched) && userCodeMayEndIt) probe = false;
          if (!handled) bPeek = false;
        } else {
          bPeek = true;
          waitForSocketMessage(hWnd, KICK_TIMER_ID, timerSetAtMs, this.m_nTimeOut, probe, this.#describeWait(uStopFlag, userCodeMayEndIt));
          if (probe) this.#vainKicksSinceMs = -1; // something else happened: the kicks may help again
          probe = false;
        }
      } catch (e) {
        if (!(e instanceof CException)) throw e;
        bPeek = true;
      }
    }
  }

  /** Starts a blocking member: names it for DeadlockError and forgets the previous call's kicks. */
  #begin(operation: string): void {
    this.#operation = operation;
    this.#idleKick = false;
  }

  #describeWait(uStopFlag: number, userCodeMayEndIt: boolean): string {
    const h = `0x${this.m_hSocket.toString(16)}`;
    const what = `${this.constructor.name || 'CSocket'} socket ${h} blocked in ${this.#operation}(): waiting for ${EVENT_NAMES[uStopFlag] ?? uStopFlag} or FD_CLOSE on socket ${h}`;
    if (userCodeMayEndIt) return what;
    const code = this.OnMessagePending !== CSocket.prototype.OnMessagePending ? 'its OnMessagePending' : 'the WM_PAINT handlers its OnMessagePending dispatched';
    return `${what}; ${code} ran at every kick for ${USER_CODE_KICKS_MS / 60_000} minutes of virtual time without ending the call`;
  }
}

IMPLEMENT_DYNAMIC(CSocket, CAsyncSocket);
