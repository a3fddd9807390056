// The process's SOCKET handles. Values are as Windows hands them out: small multiples of 4
// (kernel handles), starting at 0x100 here, and never reused by this process (a closed handle
// stays invalid, so a stale handle reliably fails with WSAENOTSOCK rather than reaching a new
// socket). Each handle owns one kernel socket and the Winsock-only state around it.
import type { NetChange, NetSocket, SocketListener } from '../net/index.ts';
import { INVALID_SOCKET, SOCK_DGRAM, SOCK_STREAM, WSAENOTSOCK, WSANOTINITIALISED } from './constants.ts';
import { currentNetworkHost } from './hostBinding.ts';
import { wsaFail } from './lastError.ts';
import { isWinsockStarted } from './startup.ts';

/** First handle value; handles grow by 4. */
export const FIRST_SOCKET_HANDLE = 0x100;

/** Hook set by asyncSelect.ts: the one place that turns kernel changes into notifications. */
let onChange: (ws: WinSocket, change: NetChange) => void = () => {};

export function setChangeHandler(handler: (ws: WinSocket, change: NetChange) => void): void {
  onChange = handler;
}

/** One SOCKET: the kernel socket plus what only Winsock knows. */
export class WinSocket implements SocketListener {
  /** Sockets are blocking until FIONBIO or WSAAsyncSelect says otherwise. */
  nonBlocking = false;
  // WSAAsyncSelect registration (windows-facts C.8): window, message, event mask, armed events.
  hWnd = 0;
  wMsg = 0;
  lEvent = 0;
  armed = 0;
  // Options the kernel does not need.
  lingerOnOff = 0;
  lingerSeconds = 0;
  debug = false;
  dontRoute = false;
  /** A blocking call is running on this socket (its wait may run other threads' code). */
  blockingCalls = 0;
  /** Still the socket of its handle: cleared when the table forgets it (isOpen, without a lookup). */
  inTable = true;

  constructor(
    readonly handle: number,
    readonly net: NetSocket,
    /** SOCK_STREAM or SOCK_DGRAM. */
    readonly type: number,
  ) {}

  socketChanged(_socket: NetSocket, change: NetChange): void {
    onChange(this, change);
  }
}

const table = new Map<number, WinSocket>();
let nextHandle = FIRST_SOCKET_HANDLE;
/**
 * The table's own handles again, by (handle - 0x100) / 4: every send and recv looks its socket
 * up, and an array read is cheaper than a Map's hash. Handles are handed out in order, so the
 * slots stay dense up to a cap (512 KB of slots); later handles are found in the Map alone. A slot
 * is cleared when the table forgets its socket, and a lookup checks the handle it holds.
 */
const slots: (WinSocket | undefined)[] = [];
const SLOTS_MAX = 65536;

/** A handle's slot; what is no handle of ours lands on a slot that does not hold it, or past the end. */
function slotIndex(handle: number): number {
  return (handle - FIRST_SOCKET_HANDLE) >>> 2;
}

function forget(handle: number): void {
  const ws = table.get(handle);
  if (!ws) return;
  table.delete(handle);
  ws.inTable = false;
  const i = slotIndex(handle);
  if (slots[i] === ws) slots[i] = undefined;
}

/** Registers a kernel socket under a fresh handle (or the process-wide one its kernel chose). */
export function addSocket(net: NetSocket, type: number): WinSocket {
  let handle = net.handle;
  if (handle === undefined) {
    handle = nextHandle;
    nextHandle += 4;
    if (nextHandle >= 0x7ffffffc) nextHandle = FIRST_SOCKET_HANDLE; // after 500 million sockets
  }
  const ws = new WinSocket(handle, net, type);
  // A handle the kernel chose may replace a socket this thread had under it (handed over and back).
  forget(handle);
  table.set(handle, ws);
  const i = slotIndex(handle);
  // Slots are filled in handle order, so they stay a dense array.
  if (net.handle === undefined && i <= slots.length && i < SLOTS_MAX) slots[i] = ws;
  net.listener = ws;
  return ws;
}

/** Forgets a handle (closesocket). */
export function removeSocket(ws: WinSocket): void {
  if (table.get(ws.handle) === ws) forget(ws.handle);
  ws.inTable = false;
  ws.net.listener = null;
}

/**
 * The socket behind `s`, or undefined after setting WSANOTINITIALISED / WSAENOTSOCK — the first
 * check of every call that takes a SOCKET.
 */
export function socketOf(s: number): WinSocket | undefined {
  // Every send and recv: a handle of this thread's slots, its socket not handed over. The rest
  // (and every failure) is the full lookup below, apart so that this compiles into the caller.
  if (isWinsockStarted()) {
    const ws = slots[slotIndex(s)];
    if (ws !== undefined && ws.handle === s && !ws.net.handedOff) return ws;
  }
  return lookUpSocket(s);
}

function lookUpSocket(s: number): WinSocket | undefined {
  if (!isWinsockStarted()) return wsaFail(WSANOTINITIALISED, undefined);
  // A slot holds only its own handle; anything else (2.5, "256", an OS handle) asks the Map.
  let ws = slots[slotIndex(s)];
  if (ws === undefined || ws.handle !== s) ws = table.get(s);
  // Another thread took the socket over: the handle is its now.
  if (ws?.net.handedOff) {
    forget(s);
    ws = undefined;
  }
  // A handle this thread never had may be one another thread hands over (Detach / Attach).
  ws ??= adoptFromAnotherThread(s);
  if (!ws) return wsaFail(WSAENOTSOCK, undefined);
  return ws;
}

function adoptFromAnotherThread(s: number): WinSocket | undefined {
  const net = currentNetworkHost().adoptSocket?.(s);
  return net ? addSocket(net, net.kind === 'stream' ? SOCK_STREAM : SOCK_DGRAM) : undefined;
}

/** True while `ws` is still the socket of its handle (a handler or another thread may close it). */
export function isOpen(ws: WinSocket): boolean {
  return ws.inTable;
}

/** Open handles, for world dumps. */
export function openSockets(): WinSocket[] {
  return [...table.values()].filter((ws) => !ws.net.handedOff).sort((a, b) => a.handle - b.handle);
}

export { INVALID_SOCKET };
