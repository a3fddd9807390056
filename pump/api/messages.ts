// Win32 message functions: posting, sending, retrieving, waiting and dispatching.
import {
  ERROR_INVALID_FLAGS, ERROR_INVALID_THREAD_ID, ERROR_INVALID_WINDOW_HANDLE,
  ERROR_MESSAGE_SYNC_ONLY, ERROR_NOT_ENOUGH_QUOTA, HWND_BOTTOM, HWND_BROADCAST, HWND_MESSAGE, HWND_NOTOPMOST,
  HWND_TOPMOST, PM_REMOVE, QS_ALLINPUT, WM_CHAR, WM_KEYDOWN, WM_KEYUP, WM_SYSCHAR, WM_SYSKEYDOWN, WM_SYSKEYUP, QS_ALLPOSTMESSAGE, QS_SMRESULT, WM_QUIT, WM_USER,
} from '../constants.ts';
import { tickCount } from '../clock.ts';
import { dispatchMessage } from '../dispatch.ts';
import { postMessageLimit } from '../postMessageLimit.ts';
import { RECORD_POST, RECORD_SEND_NOTIFY, type Mailbox } from '../mailbox.ts';
import type { MessageQueue } from '../queue.ts';
import { checkHandle, checkMsgPointer, uintArg } from './arguments.ts';
import { fail } from './lastError.ts';
import { currentQueue, localQueueOfThread, mailboxOfThread, sendAcrossThreads } from '../threadContext.ts';
import type { HWND, LPARAM, LRESULT, MSG, UINT, WPARAM } from '../types.ts';
import { localWindow, localWindows, ownerThreadOf, type Window } from '../window.ts';

const THREAD_ONLY: readonly HWND[] = [0];
const NOTHING: readonly HWND[] = [];

/** HWND_BROADCAST, and HWND_TOPMOST, which Windows' send and post functions take for it too. */
function isBroadcast(hWnd: HWND): boolean {
  return hWnd === HWND_BROADCAST || hWnd === HWND_TOPMOST;
}

/** WM_USER to 0xBFFF: a window class's own messages, which a broadcast never delivers. */
function isPrivateMessage(Msg: UINT): boolean {
  return Msg >= WM_USER && Msg < 0xc000;
}

/**
 * Places a message in the queue of the thread that owns hWnd and returns at once. hWnd 0 posts a
 * thread message to the calling thread; HWND_BROADCAST (and HWND_TOPMOST, as on Windows) posts to
 * every top-level window, except a private message (WM_USER to 0xBFFF), which goes nowhere and
 * still returns TRUE (Wine's msg.c test_broadcast, which passes on Windows).
 * Emulates: PostMessage. Fails (false) with ERROR_INVALID_WINDOW_HANDLE or ERROR_NOT_ENOUGH_QUOTA
 * (10,000 messages in the target queue).
 * Differs: to another JavaScript thread lParam must be a number (threads share no objects), else
 * ERROR_MESSAGE_SYNC_ONLY; HWND_BROADCAST reaches the top-level windows of the calling JavaScript thread;
 * an hWnd or Msg that is not a number C could pass throws a TypeError naming it.
 */
export function PostMessage(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  checkHandle('PostMessage', 'hWnd', hWnd);
  uintArg('PostMessage', 'Msg', Msg);
  if (hWnd === 0) return postTo(currentQueue(), 0, Msg, wParam, lParam);
  // HWND_BROADCAST is no window handle (those are even numbers from 0x10000 up): not found here.
  const w = localWindow(hWnd);
  return w ? postTo(w.queue, hWnd, Msg, wParam, lParam) : postBeyondThread(hWnd, Msg, wParam, lParam);
}

/** PostMessage to HWND_BROADCAST, to a window of another thread, or to no window. */
function postBeyondThread(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  if (isBroadcast(hWnd)) {
    if (!isPrivateMessage(Msg >>> 0)) for (const w of topLevelWindows()) postTo(w.queue, w.hwnd, Msg, wParam, lParam);
    return true;
  }
  const owner = ownerThreadOf(hWnd);
  if (owner === 0) return fail(ERROR_INVALID_WINDOW_HANDLE);
  return postAcross(mailboxOfThread(owner), hWnd, Msg, wParam, lParam);
}

/**
 * Posts a thread message (hwnd NULL) to the thread with id idThread.
 * Emulates: PostThreadMessage. Fails with ERROR_INVALID_THREAD_ID if the thread has no queue.
 */
export function PostThreadMessage(idThread: number, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  uintArg('PostThreadMessage', 'Msg', Msg);
  const q = localQueueOfThread(idThread);
  if (q) return postTo(q, 0, Msg, wParam, lParam);
  const mb = mailboxOfThread(idThread);
  if (!mb) return fail(ERROR_INVALID_THREAD_ID);
  return postAcross(mb, 0, Msg, wParam, lParam);
}

function postTo(q: MessageQueue, hwnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  return q.post(hwnd, Msg >>> 0, wParam, lParam) || fail(ERROR_NOT_ENOUGH_QUOTA);
}

function postAcross(mb: Mailbox | undefined, hwnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  if (typeof lParam !== 'number') return fail(ERROR_MESSAGE_SYNC_ONLY);
  if (!mb) return fail(ERROR_INVALID_WINDOW_HANDLE);
  const me = currentQueue();
  return mb.write(RECORD_POST, hwnd, Msg >>> 0, wParam, lParam, tickCount(me.clock), me.threadId, 0, postMessageLimit()) || fail(ERROR_NOT_ENOUGH_QUOTA);
}

/**
 * Calls the window procedure and returns its result. Same thread: a direct call that does not
 * run other threads' pending sent messages. Another thread: waits until that thread's retrieval
 * call runs the procedure, running messages sent to this thread meanwhile.
 * Emulates: SendMessage. Invalid window: 0 with ERROR_INVALID_WINDOW_HANDLE.
 * Differs: an hWnd or Msg that is not a number C could pass throws a TypeError naming it.
 */
export function SendMessage(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): LRESULT {
  checkHandle('SendMessage', 'hWnd', hWnd);
  uintArg('SendMessage', 'Msg', Msg);
  return send(hWnd, Msg, wParam, lParam, true);
}

/**
 * Like SendMessage on the same thread; to another thread it queues the sent message and returns
 * at once without a result.
 * Emulates: SendNotifyMessage.
 */
export function SendNotifyMessage(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM): boolean {
  checkHandle('SendNotifyMessage', 'hWnd', hWnd);
  uintArg('SendNotifyMessage', 'Msg', Msg);
  return send(hWnd, Msg, wParam, lParam, false) !== undefined;
}

function send(hWnd: HWND, Msg: UINT, wParam: WPARAM, lParam: LPARAM, wait: boolean): LRESULT {
  const me = currentQueue();
  if (isBroadcast(hWnd)) {
    if (!isPrivateMessage(Msg >>> 0)) for (const w of topLevelWindows()) send(w.hwnd, Msg, wParam, lParam, wait);
    return wait ? 0 : 1;
  }
  const w = localWindow(hWnd);
  if (w && w.queue === me) {
    const r = me.invokeWindow(w, Msg >>> 0, wParam, lParam, 'sent');
    return wait ? r : 1;
  }
  if (w) return sendToSimulatedThread(me, w, Msg >>> 0, wParam, lParam, wait);
  const owner = ownerThreadOf(hWnd);
  if (owner === 0) return fail(ERROR_INVALID_WINDOW_HANDLE, 0);
  if (typeof lParam !== 'number') return fail(ERROR_MESSAGE_SYNC_ONLY, 0);
  me.recorder?.record('sent', me.threadId, hWnd, Msg, wParam, lParam, me.depth);
  if (!wait) {
    const ok = mailboxOfThread(owner)?.write(RECORD_SEND_NOTIFY, hWnd, Msg >>> 0, wParam, lParam, 0, me.threadId, 0);
    return ok ? 1 : fail(ERROR_INVALID_WINDOW_HANDLE, 0);
  }
  return sendAcrossThreads(owner, hWnd, Msg >>> 0, wParam, lParam) ?? fail(ERROR_INVALID_WINDOW_HANDLE, 0);
}

// Another queue of this JavaScript thread (a simulated thread): the receiver runs the message in
// its next retrieval call, which the simulation makes happen while this thread waits.
function sendToSimulatedThread(me: MessageQueue, w: Window, Msg: UINT, wParam: WPARAM, lParam: LPARAM, wait: boolean): LRESULT {
  let done = false;
  let result = 0;
  w.queue.receiveSent({ hwnd: w.hwnd, message: Msg, wParam, lParam, reply: wait ? (r) => ((done = true), (result = r)) : null });
  if (!wait) return 1;
  me.waiter.waitUntil(me, () => (me.deliverSent(), done), undefined, `SendMessage(0x${Msg.toString(16)}) to thread ${w.queue.threadId}`, true);
  return result;
}

/**
 * Checks the queue without waiting: runs pending sent messages, then fills lpMsg with the first
 * message by the documented priority (posted, quit, paint, timer) and returns true, or false.
 * Emulates: PeekMessage (PM_REMOVE, PM_NOREMOVE, PM_NOYIELD, PM_QS_*; hWnd filters NULL, -1 and
 * the odd values of windows-facts B.4.2; ranges as in {@link GetMessage}).
 * Differs: lpMsg that is not an object, or an hWnd, filter or wRemoveMsg that is not a number C
 * could pass, throws a TypeError naming the parameter and the value (Windows faults on a NULL
 * lpMsg).
 */
export function PeekMessage(lpMsg: MSG, hWnd: HWND, wMsgFilterMin: UINT, wMsgFilterMax: UINT, wRemoveMsg: UINT): boolean {
  checkMsgPointer('PeekMessage', lpMsg);
  checkHandle('PeekMessage', 'hWnd', hWnd);
  const min = uintArg('PeekMessage', 'wMsgFilterMin', wMsgFilterMin);
  const max = uintArg('PeekMessage', 'wMsgFilterMax', wMsgFilterMax);
  const flags = uintArg('PeekMessage', 'wRemoveMsg', wRemoveMsg);
  const q = currentQueue();
  if (hWnd === 0 && min === 0 && max === 0 && flags === PM_REMOVE) return q.retrieveNext(lpMsg);
  const windows = hWnd === 0 ? null : filterOf(q, hWnd);
  if (windows === undefined) return fail(ERROR_INVALID_WINDOW_HANDLE);
  return q.retrieve(lpMsg, windows, min, max, flags);
}

/**
 * Waits for a matching message and removes it. Returns 1, 0 for WM_QUIT, -1 for an invalid hWnd
 * (ERROR_INVALID_WINDOW_HANDLE): loops must test `!== 0` and handle -1. The range is
 * [wMsgFilterMin, wMsgFilterMax], compared on all 32 bits; (0, 0) means every message, and a range
 * whose min is above its max matches no message. WM_QUIT from PostQuitMessage comes whatever the
 * range (mfc-semantics §1.4 item 18).
 * Emulates: GetMessage (windows-facts B.5; the comparison is Wine's `check_msg_filter`, since no
 * test of Wine's msg.c tries a range beyond 16 bits or an inverted one — B.5.3). On virtual time a
 * wait that can never end throws DeadlockError.
 * Differs: lpMsg that is not an object, or an hWnd or filter that is not a number C could pass,
 * throws a TypeError naming the parameter and the value (Windows faults on a NULL lpMsg).
 */
export function GetMessage(lpMsg: MSG, hWnd: HWND, wMsgFilterMin: UINT, wMsgFilterMax: UINT): number {
  checkMsgPointer('GetMessage', lpMsg);
  checkHandle('GetMessage', 'hWnd', hWnd);
  const min = uintArg('GetMessage', 'wMsgFilterMin', wMsgFilterMin);
  const max = uintArg('GetMessage', 'wMsgFilterMax', wMsgFilterMax);
  const q = currentQueue();
  if (hWnd !== 0 || min !== 0 || max !== 0) return getFiltered(q, lpMsg, hWnd, min, max);
  while (!q.retrieveNext(lpMsg)) waitForMessage(q, hWnd, min, max);
  return lpMsg.message === WM_QUIT ? 0 : 1;
}

/** GetMessage with a window or a range (apart, so that the loop's GetMessage(&msg, NULL, 0, 0) compiles small). */
function getFiltered(q: MessageQueue, lpMsg: MSG, hWnd: HWND, min: UINT, max: UINT): number {
  const windows = hWnd === 0 ? null : filterOf(q, hWnd);
  if (windows === undefined) return fail(ERROR_INVALID_WINDOW_HANDLE, -1);
  while (!q.retrieve(lpMsg, windows, min, max, PM_REMOVE)) waitForMessage(q, hWnd, min, max);
  return lpMsg.message === WM_QUIT ? 0 : 1;
}

/** GetMessage's wait (apart, so that a GetMessage that finds a message compiles small). */
function waitForMessage(q: MessageQueue, hWnd: HWND, min: UINT, max: UINT): void {
  q.waiter.waitUntil(q, () => q.hasNewInput(), undefined, `GetMessage(hWnd=0x${hWnd.toString(16)}, ${min}..${max})`, true);
}

/**
 * Waits until a new message arrives: messages already in the queue when it was last examined do
 * not count (mfc-semantics §1.6).
 * Emulates: WaitMessage.
 */
export function WaitMessage(): boolean {
  const q = currentQueue();
  q.waiter.waitUntil(q, () => q.hasNewInput(), undefined, 'WaitMessage', true);
  return true;
}

/**
 * MAKELONG(bits changed since last asked, bits now set), for the QS_* flags asked for.
 * Emulates: GetQueueStatus. Invalid flags: 0 with ERROR_INVALID_FLAGS.
 */
export function GetQueueStatus(flags: UINT): number {
  if (flags & ~(QS_ALLINPUT | QS_ALLPOSTMESSAGE | QS_SMRESULT)) return fail(ERROR_INVALID_FLAGS, 0);
  return currentQueue().queueStatus(flags);
}

/**
 * Calls the window procedure of lpMsg.hwnd (or the TIMERPROC in lParam of a WM_TIMER, whose
 * exceptions are swallowed) and returns its result; a thread message is not dispatched.
 * Emulates: DispatchMessage.
 * Differs: lpMsg that is not an object throws a TypeError saying so (Windows faults on NULL).
 */
export function DispatchMessage(lpMsg: MSG): LRESULT {
  checkMsgPointer('DispatchMessage', lpMsg);
  return dispatchMessage(currentQueue(), lpMsg);
}

/**
 * Posts the character message for a key message: WM_KEYDOWN → WM_CHAR, WM_SYSKEYDOWN →
 * WM_SYSCHAR, with the key message's lParam. Returns true for every key message (down or up),
 * false for others, as Windows does.
 * Emulates: TranslateMessage.
 * Differs: there is no keyboard, so the keyboard state is "no key held" (letters come out lower
 * case) and the layout is US: letters, digits, the numeric pad, space, Enter, Backspace, Tab and
 * Escape make characters; other keys make none. lpMsg that is not an object throws a TypeError
 * saying so (Windows faults on NULL).
 */
export function TranslateMessage(lpMsg: MSG): boolean {
  checkMsgPointer('TranslateMessage', lpMsg);
  const m = lpMsg.message;
  if (m !== WM_KEYDOWN && m !== WM_KEYUP && m !== WM_SYSKEYDOWN && m !== WM_SYSKEYUP) return false;
  const ch = m === WM_KEYDOWN || m === WM_SYSKEYDOWN ? characterOfKey(lpMsg.wParam) : undefined;
  if (ch !== undefined) PostMessage(lpMsg.hwnd, m === WM_KEYDOWN ? WM_CHAR : WM_SYSCHAR, ch, lpMsg.lParam);
  return true;
}

/** The character a virtual key makes with no modifier held on a US layout, or undefined. */
function characterOfKey(vk: number): number | undefined {
  if (vk >= 0x41 && vk <= 0x5a) return vk + 0x20; // 'A'..'Z' keys: lower-case letters
  if (vk >= 0x30 && vk <= 0x39) return vk; // digits
  if (vk >= 0x60 && vk <= 0x69) return vk - 0x30; // VK_NUMPAD0..9
  if (vk === 0x20 || vk === 0x0d || vk === 0x08 || vk === 0x09 || vk === 0x1b) return vk; // space, Enter, Backspace, Tab, Escape
  return undefined;
}

/**
 * Sets the thread's quit flag: WM_QUIT (wParam = nExitCode) is made once the posted messages are
 * gone, whatever the filters; repeated calls coalesce.
 * Emulates: PostQuitMessage.
 */
export function PostQuitMessage(nExitCode: number): void {
  currentQueue().postQuit(nExitCode);
}

/** Emulates: GetMessageTime — the time of the last message retrieved by this thread. */
export function GetMessageTime(): number {
  return currentQueue().lastMessageTime;
}

/** The windows a retrieval filter matches: null = all, undefined = invalid handle. */
function filterOf(q: MessageQueue, hWnd: HWND): readonly HWND[] | null | undefined {
  if (hWnd === 0) return null;
  if (hWnd === HWND_TOPMOST || hWnd === HWND_BOTTOM || hWnd === HWND_BROADCAST) return THREAD_ONLY;
  if (hWnd === HWND_NOTOPMOST || hWnd === HWND_MESSAGE) return NOTHING;
  const w = localWindow(hWnd);
  if (!w || w.queue !== q) return ownerThreadOf(hWnd) ? NOTHING : undefined;
  return w.subtree();
}

function* topLevelWindows(): IterableIterator<Window> {
  for (const w of [...localWindows()]) if (!w.parent && !w.messageOnly && !w.dead) yield w;
}


