// CAsyncSocket: MFC's thin object around a SOCKET (mfc-semantics §3). Every member is a short
// translation into one call of the Winsock facade; notifications reach the OnXxx callbacks only
// when the thread's socket window dispatches WM_SOCKET_NOTIFY (SocketThreadState.ts).
import {
  FD_ACCEPT, FD_CLOSE, FD_CONNECT, FD_OOB, FD_READ, FD_WRITE, FIONBIO, INADDR_ANY, INADDR_BROADCAST,
  INVALID_SOCKET, PF_INET, SOCK_STREAM, SOCKADDR_IN, SOCKADDR_IN_SIZE, SOCKET_ERROR, SOL_SOCKET, WSAEFAULT, WSAEINVAL,
  WSAGETSELECTERROR, WSAGETSELECTEVENT, WSAAsyncSelect, WSAGetLastError, WSASetLastError, accept, bind,
  closesocket, connect, getpeername, getsockname, getsockopt, htonl, ioctlsocket, listen, recv, recvfrom, send,
  sendto, setsockopt, shutdown, socket, type IntRef, type SOCKADDR,
} from '../../winsock/index.ts';
import { toUint } from '../../winsock/argumentRules.ts';
import { wsaFail as fail } from '../../winsock/lastError.ts';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import type { ADDRINFOT } from './ADDRINFOT.ts';
import { ALL_SOCKET_EVENTS, WM_SOCKET_NOTIFY } from './constants.ts';
import { selectReadable } from './selectReadable.ts';
import { dottedOf, sockaddrFor, sockaddrOf } from './socketAddress.ts';
import {
  attachHandle, detachHandle, existingSocketThreadState, isDeadHandle, killSocket, lookupLiveHandle, setDoCallBack,
} from './SocketThreadState.ts';
import type { StringRef } from './StringRef.ts';

/**
 * An asynchronous Windows socket whose network events arrive as calls of the overridable OnXxx
 * members while the owning thread pumps messages.
 *
 * Emulates: MFC `CAsyncSocket` (afxsock.h, sockcore.cpp of later MFC): every member of
 * mfc-semantics §3.2 with its defaults, the per-thread handle maps and notification window, the
 * dead-handle map that drops notifications queued before Close, and later MFC's FD_READ rule
 * (OnReceive only when the socket is readable or the notification carries an error).
 *
 * The one C++ → TypeScript mapping: `BOOL` is `boolean`; `SOCKET`, `int`, `UINT` are numbers;
 * `void* lpBuf, int nBufLen` is a `Uint8Array` (or any ArrayBufferView, read as its bytes) and its length; out-parameters are caller-owned
 * objects the call fills — `CString&` a {@link StringRef}, `UINT&` / `int*` / `DWORD*` an `IntRef`
 * (`{ value }`), `SOCKADDR*` a `SOCKADDR_IN`; overloads keep one name and are told apart by the
 * type of the argument that differs; `CAsyncSocket::sends` is `CAsyncSocket.sends`; the destructor
 * is an explicit `Close()`. Callbacks are protected, as in MFC: override them in a subclass.
 * Differs: where MFC only ASSERTs (a second Create or Attach on an object that has a handle,
 * Accept into one that has a handle), the member returns false with WSAEINVAL and changes nothing.
 *
 * @example
 * class CMySocket extends CAsyncSocket {
 *   protected override OnReceive(nErrorCode: number): void {
 *     const buf = new Uint8Array(4096);
 *     const n = this.Receive(buf, buf.length);
 *     if (n === 0) this.Close();
 *   }
 * }
 * const s = new CMySocket();
 * s.Create();
 * s.Connect('beta', 7);
 */
export class CAsyncSocket extends CObject {
  /** `ShutDown` nHow: no more receives. */
  static readonly receives = 0;
  /** `ShutDown` nHow: no more sends (TCP sends FIN). */
  static readonly sends = 1;
  /** `ShutDown` nHow: neither. */
  static readonly both = 2;

  /** The attached SOCKET, or INVALID_SOCKET. Emulates: `CAsyncSocket::m_hSocket`. */
  m_hSocket = INVALID_SOCKET;
  /** Mirrors the socket's FIONBIO state, so DoCallBack's readability test never blocks. */
  #nonBlocking = false;

  /** Emulates: `CAsyncSocket::Create` — Socket then Bind; a failed Bind closes the socket and keeps its error. */
  Create(nSocketPort = 0, nSocketType = SOCK_STREAM, lEvent = ALL_SOCKET_EVENTS, lpszSocketAddress: string | null = null): boolean {
    if (this.Socket(nSocketType, lEvent)) {
      if (this.Bind(nSocketPort, lpszSocketAddress)) return true;
      const nResult = CAsyncSocket.GetLastError();
      this.Close();
      WSASetLastError(nResult);
    }
    return false;
  }

  /** Emulates: `CAsyncSocket::CreateEx` — Socket with the family, type and protocol of `pAI`; NULL: WSAEINVAL. */
  CreateEx(pAI: ADDRINFOT | null, lEvent = ALL_SOCKET_EVENTS): boolean {
    if (!pAI) return fail(WSAEINVAL, false);
    return this.Socket(pAI.ai_socktype, lEvent, pAI.ai_protocol, pAI.ai_family);
  }

  /** Emulates: `CAsyncSocket::Socket` — a new handle, registered on this thread, then AsyncSelect(lEvent). */
  Socket(nSocketType = SOCK_STREAM, lEvent = ALL_SOCKET_EVENTS, nProtocolType = 0, nAddressFormat = PF_INET): boolean {
    if (this.m_hSocket !== INVALID_SOCKET) return fail(WSAEINVAL, false);
    this.m_hSocket = socket(nAddressFormat, nSocketType, nProtocolType);
    if (this.m_hSocket === INVALID_SOCKET) return false;
    attachHandle(this.m_hSocket, this);
    return this.AsyncSelect(lEvent);
  }

  /**
   * Emulates: `CAsyncSocket::Bind`, both forms. The string form takes dotted text only (no name
   * lookup; anything else fails with WSAEINVAL); NULL means INADDR_ANY.
   */
  Bind(nSocketPort: number, lpszSocketAddress?: string | null): boolean;
  Bind(lpSockAddr: SOCKADDR | null, nSockAddrLen: number): boolean;
  Bind(a: number | SOCKADDR | null, b: string | number | null = null): boolean {
    if (typeof a !== 'number') return bind(this.m_hSocket, a, b as number) !== SOCKET_ERROR;
    const sa = b === null ? sockaddrFor(htonl(INADDR_ANY), a) : sockaddrOf(String(b), a, false);
    return sa ? this.Bind(sa, SOCKADDR_IN_SIZE) : fail(WSAEINVAL, false);
  }

  /** Emulates: `CAsyncSocket::Listen` (stream sockets; a datagram socket fails with WSAEOPNOTSUPP). */
  Listen(nConnectionBacklog = 5): boolean {
    return listen(this.m_hSocket, nConnectionBacklog) !== SOCKET_ERROR;
  }

  /**
   * Takes the first pending connection into `rConnectedSocket` (constructed, not created), which
   * inherits this socket's selection: same window, WM_SOCKET_NOTIFY and events.
   * Emulates: `CAsyncSocket::Accept`, with its placeholder: `rConnectedSocket` is registered under
   * INVALID_SOCKET during accept() and re-keyed to the new handle; a failure restores the error.
   */
  Accept(rConnectedSocket: CAsyncSocket, lpSockAddr: SOCKADDR | null = null, lpSockAddrLen: IntRef | null = null): boolean {
    if (rConnectedSocket.m_hSocket !== INVALID_SOCKET) return fail(WSAEINVAL, false);
    if (!attachHandle(INVALID_SOCKET, rConnectedSocket)) return false;
    const hTemp = accept(this.m_hSocket, lpSockAddr, lpSockAddrLen);
    if (hTemp === INVALID_SOCKET) {
      const dwProblem = WSAGetLastError();
      detachHandle(INVALID_SOCKET);
      rConnectedSocket.m_hSocket = INVALID_SOCKET;
      WSASetLastError(dwProblem);
    } else if (lookupLiveHandle(INVALID_SOCKET) !== undefined) {
      rConnectedSocket.m_hSocket = hTemp;
      detachHandle(INVALID_SOCKET);
      attachHandle(hTemp, rConnectedSocket);
    }
    if (hTemp !== INVALID_SOCKET) rConnectedSocket.#nonBlocking = this.#nonBlocking;
    return hTemp !== INVALID_SOCKET;
  }

  /** Emulates: `CAsyncSocket::AsyncSelect` — WSAAsyncSelect to this thread's socket window; forces non-blocking mode. */
  AsyncSelect(lEvent = ALL_SOCKET_EVENTS): boolean {
    const hWnd = existingSocketThreadState()?.hSocketWindow ?? 0;
    if (WSAAsyncSelect(this.m_hSocket, hWnd, WM_SOCKET_NOTIFY, lEvent) === SOCKET_ERROR) return false;
    this.#nonBlocking = true;
    return true;
  }

  /**
   * Emulates: `CAsyncSocket::Attach` — registers a raw handle (from Detach, maybe on another
   * thread) with this object and returns AsyncSelect(lEvent). INVALID_SOCKET: false, error unchanged.
   * Differs: a handle already attached to another object of this thread fails with WSAEINVAL.
   */
  Attach(hSocket: number, lEvent = ALL_SOCKET_EVENTS): boolean {
    if (hSocket === INVALID_SOCKET) return false;
    if (this.m_hSocket !== INVALID_SOCKET || lookupLiveHandle(hSocket) !== undefined) return fail(WSAEINVAL, false);
    this.m_hSocket = hSocket;
    attachHandle(hSocket, this);
    return this.AsyncSelect(lEvent);
  }

  /**
   * Emulates: `CAsyncSocket::Detach` — AsyncSelect(0), then the handle is released from this object
   * (counted dead until WM_SOCKET_DEAD is processed) and returned; INVALID_SOCKET if AsyncSelect failed.
   * Differs from the documentation ("sets m_hSocket to NULL"): m_hSocket becomes INVALID_SOCKET, as MFC's code does.
   */
  Detach(): number {
    const hSocket = this.m_hSocket;
    if (!this.AsyncSelect(0)) return INVALID_SOCKET;
    killSocket(hSocket, this);
    this.m_hSocket = INVALID_SOCKET;
    return hSocket;
  }

  /**
   * Emulates: `CAsyncSocket::Close` — closesocket, then notifications already queued for the
   * handle are dropped (WM_SOCKET_DEAD); a no-op without a handle. Call it where C++ destroys the object.
   */
  Close(): void {
    if (this.m_hSocket === INVALID_SOCKET) return;
    closesocket(this.m_hSocket);
    killSocket(this.m_hSocket, this);
    this.m_hSocket = INVALID_SOCKET;
  }

  /**
   * Emulates: `CAsyncSocket::Connect`, both forms. The string form takes dotted text or a host
   * name (gethostbyname); NULL or a name that does not resolve fails with WSAEINVAL. A pending
   * connect returns false with WSAEWOULDBLOCK and OnConnect reports the outcome.
   */
  Connect(lpszHostAddress: string | null, nHostPort: number): boolean;
  Connect(lpSockAddr: SOCKADDR, nSockAddrLen: number): boolean;
  Connect(a: string | SOCKADDR | null, b: number): boolean {
    if (a instanceof SOCKADDR_IN) return this.ConnectHelper(a, b);
    const sa = a === null ? undefined : sockaddrOf(a, b, true);
    return sa ? this.Connect(sa, SOCKADDR_IN_SIZE) : fail(WSAEINVAL, false);
  }

  /** Emulates: `CAsyncSocket::Receive` — recv: a count, 0 once the peer closed, or SOCKET_ERROR. */
  Receive(lpBuf: ArrayBufferView, nBufLen: number, nFlags = 0): number {
    return recv(this.m_hSocket, lpBuf, nBufLen, nFlags);
  }

  /**
   * Emulates: `CAsyncSocket::ReceiveFrom`, both forms; the CString form reports the dotted address
   * and host-order port, and only when the result is not SOCKET_ERROR.
   */
  ReceiveFrom(lpBuf: ArrayBufferView, nBufLen: number, rSocketAddress: StringRef, rSocketPort: IntRef, nFlags?: number): number;
  ReceiveFrom(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, lpSockAddrLen: IntRef | null, nFlags?: number): number;
  ReceiveFrom(lpBuf: ArrayBufferView, nBufLen: number, a: StringRef | SOCKADDR | null, b: IntRef | null, nFlags = 0): number {
    if (a === null || a instanceof SOCKADDR_IN) return this.ReceiveFromHelper(lpBuf, nBufLen, a, b, nFlags);
    return throughSockaddr((sa, len) => this.ReceiveFrom(lpBuf, nBufLen, sa, len, nFlags), SOCKET_ERROR, a, b);
  }

  /** Emulates: `CAsyncSocket::ReceiveFromEx` — IPv4 only here, so the CString form of ReceiveFrom. */
  ReceiveFromEx(lpBuf: ArrayBufferView, nBufLen: number, rSocketAddress: StringRef, rSocketPort: IntRef, nFlags = 0): number {
    return this.ReceiveFrom(lpBuf, nBufLen, rSocketAddress, rSocketPort, nFlags);
  }

  /** Emulates: `CAsyncSocket::Send` — send: the count accepted (streams may take fewer bytes) or SOCKET_ERROR. */
  Send(lpBuf: ArrayBufferView, nBufLen: number, nFlags = 0): number {
    return send(this.m_hSocket, lpBuf, nBufLen, nFlags);
  }

  /**
   * Emulates: `CAsyncSocket::SendTo`, both forms. The string form: NULL is INADDR_BROADCAST, else
   * dotted text or a host name; one that does not resolve fails with WSAEINVAL (SOCKET_ERROR, as MFC 6 on).
   */
  SendTo(lpBuf: ArrayBufferView, nBufLen: number, nHostPort: number, lpszHostAddress?: string | null, nFlags?: number): number;
  SendTo(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, nSockAddrLen: number, nFlags?: number): number;
  SendTo(lpBuf: ArrayBufferView, nBufLen: number, a: number | SOCKADDR | null, b: string | number | null = null, nFlags = 0): number {
    if (typeof a !== 'number') return this.SendToHelper(lpBuf, nBufLen, a, b as number, nFlags);
    const sa = b === null ? sockaddrFor(htonl(INADDR_BROADCAST), a) : sockaddrOf(String(b), a, true);
    return sa ? this.SendTo(lpBuf, nBufLen, sa, SOCKADDR_IN_SIZE, nFlags) : fail(WSAEINVAL, SOCKET_ERROR);
  }

  /** Emulates: `CAsyncSocket::SendToEx` — SendTo's string form, except that NULL fails with WSAEINVAL. */
  SendToEx(lpBuf: ArrayBufferView, nBufLen: number, nHostPort: number, lpszHostAddress: string | null = null, nFlags = 0): number {
    if (lpszHostAddress === null) return fail(WSAEINVAL, SOCKET_ERROR);
    return this.SendTo(lpBuf, nBufLen, nHostPort, lpszHostAddress, nFlags);
  }

  /** Emulates: `CAsyncSocket::ShutDown` (CAsyncSocket.receives, .sends — the default — or .both). */
  ShutDown(nHow: number = CAsyncSocket.sends): boolean {
    return shutdown(this.m_hSocket, nHow) !== SOCKET_ERROR;
  }

  /** Emulates: `CAsyncSocket::GetPeerName`, both forms (not connected: WSAENOTCONN). */
  GetPeerName(rPeerAddress: StringRef, rPeerPort: IntRef): boolean;
  GetPeerName(lpSockAddr: SOCKADDR, lpSockAddrLen: IntRef): boolean;
  GetPeerName(a: StringRef | SOCKADDR, b: IntRef): boolean {
    if (a instanceof SOCKADDR_IN) return getpeername(this.m_hSocket, a, b) !== SOCKET_ERROR;
    return throughSockaddr((sa, len) => this.GetPeerName(sa, len), false, a, b);
  }

  /** Emulates: `CAsyncSocket::GetPeerNameEx` — IPv4 only here, so the CString form of GetPeerName. */
  GetPeerNameEx(rPeerAddress: StringRef, rPeerPort: IntRef): boolean {
    return this.GetPeerName(rPeerAddress, rPeerPort);
  }

  /** Emulates: `CAsyncSocket::GetSockName`, both forms (not bound: WSAEINVAL). */
  GetSockName(rSocketAddress: StringRef, rSocketPort: IntRef): boolean;
  GetSockName(lpSockAddr: SOCKADDR, lpSockAddrLen: IntRef): boolean;
  GetSockName(a: StringRef | SOCKADDR, b: IntRef): boolean {
    if (a instanceof SOCKADDR_IN) return getsockname(this.m_hSocket, a, b) !== SOCKET_ERROR;
    return throughSockaddr((sa, len) => this.GetSockName(sa, len), false, a, b);
  }

  /** Emulates: `CAsyncSocket::GetSockNameEx` — IPv4 only here, so the CString form of GetSockName. */
  GetSockNameEx(rSocketAddress: StringRef, rSocketPort: IntRef): boolean {
    return this.GetSockName(rSocketAddress, rSocketPort);
  }

  /** Emulates: `CAsyncSocket::GetSockOpt` — the option's memory image into lpOptionValue, its size into lpOptionLen. */
  GetSockOpt(nOptionName: number, lpOptionValue: ArrayBufferView, lpOptionLen: IntRef, nLevel = SOL_SOCKET): boolean {
    return getsockopt(this.m_hSocket, nLevel, nOptionName, lpOptionValue, lpOptionLen) !== SOCKET_ERROR;
  }

  /** Emulates: `CAsyncSocket::SetSockOpt` (SO_REUSEADDR matters only before Bind). */
  SetSockOpt(nOptionName: number, lpOptionValue: ArrayBufferView, nOptionLen: number, nLevel = SOL_SOCKET): boolean {
    return setsockopt(this.m_hSocket, nLevel, nOptionName, lpOptionValue, nOptionLen) !== SOCKET_ERROR;
  }

  /** Emulates: `CAsyncSocket::IOCtl` — FIONBIO (back to blocking needs AsyncSelect(0) first), FIONREAD, SIOCATMARK. */
  IOCtl(lCommand: number, lpArgument: IntRef): boolean {
    if (ioctlsocket(this.m_hSocket, lCommand, lpArgument) === SOCKET_ERROR) return false;
    // The facade took the value as C takes a u_long (0.5 is 0, blocking); mirror that reading.
    if ((lCommand | 0) === FIONBIO) this.#nonBlocking = toUint(lpArgument.value) !== 0;
    return true;
  }

  /** Emulates: `CAsyncSocket::FromHandle` — the object attached to the handle on this thread, or null. */
  static FromHandle(hSocket: number): CAsyncSocket | null {
    return (lookupLiveHandle(hSocket) as CAsyncSocket | undefined) ?? null;
  }

  /** Emulates: `CAsyncSocket::GetLastError` — the thread's last Winsock error (WSAGetLastError). */
  static GetLastError(): number {
    return WSAGetLastError();
  }

  /**
   * Turns one notification into a callback; called by the socket window for each WM_SOCKET_NOTIFY.
   * Emulates: `CAsyncSocket::DoCallBack` of later MFC: (0, 0) is CSocket's kick and is ignored; a
   * handle counted dead is ignored (queued before Close); an unknown handle binds the Accept
   * placeholder; FD_READ calls OnReceive only when select() finds the socket readable or an error is set.
   * Differs: an unknown handle with no Accept in progress is ignored (MFC's ENSURE throws).
   */
  static DoCallBack(wParam: number, lParam: number): void {
    if (wParam === 0 && lParam === 0) return;
    if (isDeadHandle(wParam)) return;
    let pSocket = lookupLiveHandle(wParam) as CAsyncSocket | undefined;
    if (!pSocket) {
      // "Must be in the middle of an Accept call."
      pSocket = lookupLiveHandle(INVALID_SOCKET) as CAsyncSocket | undefined;
      if (!pSocket) return;
      pSocket.m_hSocket = wParam;
      detachHandle(INVALID_SOCKET);
      attachHandle(wParam, pSocket);
    }
    let nErrorCode = WSAGETSELECTERROR(lParam);
    switch (WSAGETSELECTEVENT(lParam)) {
      case FD_READ: {
        const nReady = selectReadable(pSocket.m_hSocket, pSocket.#nonBlocking);
        if (nReady === SOCKET_ERROR) nErrorCode = WSAGetLastError();
        if (nReady === 1 || nErrorCode !== 0) pSocket.OnReceive(nErrorCode);
        break;
      }
      case FD_WRITE:
        pSocket.OnSend(nErrorCode);
        break;
      case FD_OOB:
        pSocket.OnOutOfBandData(nErrorCode);
        break;
      case FD_ACCEPT:
        pSocket.OnAccept(nErrorCode);
        break;
      case FD_CONNECT:
        pSocket.OnConnect(nErrorCode);
        break;
      case FD_CLOSE:
        pSocket.OnClose(nErrorCode);
        break;
    }
  }

  /** Emulates: `CAsyncSocket::OnReceive` — FD_READ: data (or end of stream) can be read. The base does nothing. */
  protected OnReceive(nErrorCode: number): void {}
  /** Emulates: `CAsyncSocket::OnSend` — FD_WRITE: Send may be called again. The base does nothing. */
  protected OnSend(nErrorCode: number): void {}
  /** Emulates: `CAsyncSocket::OnOutOfBandData` — FD_OOB: an urgent byte waits (Receive with MSG_OOB). */
  protected OnOutOfBandData(nErrorCode: number): void {}
  /** Emulates: `CAsyncSocket::OnAccept` — FD_ACCEPT: Accept will take a pending connection. */
  protected OnAccept(nErrorCode: number): void {}
  /** Emulates: `CAsyncSocket::OnConnect` — FD_CONNECT: the outcome of a pending Connect (0 = connected). */
  protected OnConnect(nErrorCode: number): void {}
  /** Emulates: `CAsyncSocket::OnClose` — FD_CLOSE: the peer closed (0) or the connection failed. */
  protected OnClose(nErrorCode: number): void {}

  /** Emulates: `CAsyncSocket::ConnectHelper` — connect(); CSocket overrides it to block. */
  protected ConnectHelper(lpSockAddr: SOCKADDR, nSockAddrLen: number): boolean {
    return connect(this.m_hSocket, lpSockAddr, nSockAddrLen) !== SOCKET_ERROR;
  }

  /** Emulates: `CAsyncSocket::ReceiveFromHelper` — recvfrom(); CSocket overrides it to block. */
  protected ReceiveFromHelper(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, lpSockAddrLen: IntRef | null, nFlags: number): number {
    return recvfrom(this.m_hSocket, lpBuf, nBufLen, nFlags, lpSockAddr, lpSockAddrLen);
  }

  /** Emulates: `CAsyncSocket::SendToHelper` — sendto(); CSocket overrides it to block. */
  protected SendToHelper(lpBuf: ArrayBufferView, nBufLen: number, lpSockAddr: SOCKADDR | null, nSockAddrLen: number, nFlags: number): number {
    return sendto(this.m_hSocket, lpBuf, nBufLen, nFlags, lpSockAddr, nSockAddrLen);
  }
}

IMPLEMENT_DYNAMIC(CAsyncSocket, CObject);
setDoCallBack((wParam, lParam) => CAsyncSocket.DoCallBack(wParam, lParam));

/**
 * MFC's CString forms: call the SOCKADDR form with a zeroed SOCKADDR_IN, and on success report its
 * dotted address and host-order port through the CString& / UINT& out-parameters. An
 * out-parameter that is no object fails with WSAEFAULT before the call, as a bad pointer would.
 */
function throughSockaddr<T>(call: (sa: SOCKADDR_IN, len: IntRef) => T, failure: T, rAddress: StringRef, rPort: IntRef | null): T {
  if (typeof rAddress !== 'object' || rAddress === null || typeof rPort !== 'object' || rPort === null) return fail(WSAEFAULT, failure);
  const sa = new SOCKADDR_IN(0);
  const result = call(sa, { value: SOCKADDR_IN_SIZE });
  if (result !== failure) {
    const { address, port } = dottedOf(sa);
    rAddress.value = address;
    rPort.value = port;
  }
  return result;
}
