// One thread's message queue and its retrieval ladder. The ladder is the documented order
// (mfc-semantics §1.4 item 20-21, windows-facts B.1.3), one named step per line in retrieve().
import type { Clock } from './clock.ts';
import { tickCount } from './clock.ts';
import {
  PM_REMOVE, QS_ALLINPUT, QS_ALLPOSTMESSAGE, QS_HOTKEY, QS_INPUT, QS_PAINT, QS_POSTMESSAGE,
  QS_SENDMESSAGE, QS_TIMER, WM_PAINT, WM_QUIT, WM_TIMER,
} from './constants.ts';
import { postMessageLimit } from './postMessageLimit.ts';
import { PostedMessages } from './postedMessages.ts';
import { TimerSet } from './timers.ts';
import type { TraceKind, TraceRecorder } from './trace.ts';
import type { HWND, LPARAM, LRESULT, MSG, UINT, WPARAM } from './types.ts';
import { localWindow, type Window } from './window.ts';

/** A message sent to this thread by another thread, waiting for a retrieval call to run it. */
export interface SentMessage {
  hwnd: HWND;
  message: UINT;
  wParam: WPARAM;
  lParam: LPARAM;
  /** Called with the window procedure's result; null for SendNotifyMessage. */
  reply: ((result: LRESULT) => void) | null;
}

/** What a queue needs from whatever drives its waits (the simulation, or the real thread). */
export interface Waiter {
  /**
   * Blocks until `isDone()` or the deadline; false at the deadline. `runsSent` says that messages
   * sent to the waiting thread may run meanwhile (true for GetMessage, WaitMessage, SendMessage;
   * false for a blocking socket call, which on Windows runs nothing).
   */
  waitUntil(queue: MessageQueue, isDone: () => boolean, deadlineMs: number | undefined, what: string, runsSent?: boolean): boolean;
}

/** What a retrieval that looks at posted messages clears (windows-facts B.11.4); with no range, QS_ALLPOSTMESSAGE too. */
const CLEARED_BY_POSTED = QS_POSTMESSAGE | QS_HOTKEY | QS_TIMER;
const CLEARED_BY_POSTED_UNRANGED = CLEARED_BY_POSTED | QS_ALLPOSTMESSAGE;

export class MessageQueue {
  lastError = 0;
  readonly posted = new PostedMessages();
  readonly timers = new TimerSet();
  /** Windows of this thread whose update region is not empty, in the order they became invalid. */
  readonly invalidWindows = new Set<Window>();
  readonly pendingSent: SentMessage[] = [];
  /** Nesting depth of window procedure calls on this thread. */
  depth = 0;
  /** How many waits of this thread are on the stack (a simulated thread in a wait cannot be pumped). */
  waiting = 0;
  /** How many times the simulation is running this thread's code on the stack. */
  running = 0;
  /** How many sent messages this thread has run (a wait that runs them can tell that one did). */
  sentRun = 0;
  windowCount = 0;
  recorder: TraceRecorder | null = null;
  lastMessageTime = 0;
  /** Drains cross-thread input (the mailbox) into this queue; set by the thread that owns it. */
  drainIncoming: () => void = () => {};
  /**
   * Called when something arrives from this very thread while it waits asynchronously (a Node
   * callback posting to the queue): the async loop sets it to wake its Atomics.waitAsync.
   */
  onArrival: (() => void) | null = null;
  /** Publishes the posted-message count for other threads' quota checks. */
  publishPostedCount: (count: number) => void = () => {};
  /** Posts other threads have written to this queue's mailbox that are not in it yet (0 for a simulated thread). */
  incomingPosts: () => number = () => 0;

  private seq = 1;
  private quitPending = false;
  private quitCode = 0;
  /** Windows keeps reporting QS_POSTMESSAGE once after WM_QUIT was retrieved (windows-facts B.2.6). */
  private quitEcho = false;
  private changed = 0;
  private timerSeenMs = -Infinity;
  /** Posted messages newer than this rank after WM_PAINT and WM_TIMER (windows-facts B.7.3); see hit(). */
  private seenWatermark = Infinity;

  constructor(
    readonly threadId: number,
    readonly clock: Clock,
    readonly waiter: Waiter,
    readonly name: string,
  ) {}

  // ---- arrivals ---------------------------------------------------------------------------

  /**
   * Appends a posted message; false when the queue is at its limit (10,000 by default). A message from another
   * thread's mailbox passed the quota check when it was written, so it is never refused here.
   */
  post(hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM, time = tickCount(this.clock), fromMailbox = false): boolean {
    // The thread's own post counts what other threads' posts already hold in its mailbox, as
    // theirs count its queue (Mailbox.write): the quota is one for the queue (mfc-semantics §1.1 item 7).
    if (!fromMailbox && this.posted.count + this.incomingPosts() >= postMessageLimit()) return false;
    this.posted.add(hwnd, message, wParam, lParam, time, this.seq++);
    // A record from the mailbox was published as taken (Mailbox.publishPosted): moving it into the
    // queue leaves the published sum as it was.
    if (!fromMailbox) this.publishPostedCount(this.posted.count);
    this.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
    if (this.recorder !== null || this.onArrival !== null) this.announcePost(hwnd, message, wParam, lParam);
    return true;
  }

  /** Tells a trace and an async wait about a post (apart, so that posting stays small enough to inline). */
  private announcePost(hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM): void {
    this.recorder?.record('posted', this.threadId, hwnd, message, wParam, lParam, this.depth);
    this.onArrival?.();
  }

  postQuit(exitCode: number): void {
    this.quitPending = true;
    this.quitCode = exitCode;
    this.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
    this.onArrival?.();
  }

  receiveSent(m: SentMessage): void {
    this.pendingSent.push(m);
    this.changed |= QS_SENDMESSAGE;
    this.onArrival?.();
  }

  invalidated(w: Window): void {
    this.invalidWindows.add(w);
    this.changed |= QS_PAINT;
    this.onArrival?.();
  }

  // ---- the retrieval ladder ---------------------------------------------------------------

  /**
   * PeekMessage's core: fills `out` with the first message by the documented priority and
   * returns true, or returns false. `windows` null = any window and thread messages. Steps 1 and 2
   * are here and steps 3 to 7 in laterSteps(), each a method of its own: a pump loop whose
   * messages are posted runs a body small enough to be compiled into its caller.
   */
  retrieve(out: MSG, windows: readonly HWND[] | null, min: UINT, max: UINT, flags: number): boolean {
    const remove = (flags & PM_REMOVE) !== 0;
    const kinds = flags >>> 16 || QS_ALLINPUT;
    this.beginRetrieval(kinds, min === 0 && max === 0);
    // 1. Sent messages are run here and never returned; with PM_QS_* the call then ends.
    if (this.pendingSent.length > 0 && this.deliverSent() && flags >>> 16) return false;
    // 2. Posted messages, oldest first, except those newer than an already-seen PM_NOREMOVE hit.
    const p = kinds & QS_POSTMESSAGE ? this.posted.find(windows, min, max, this.seenWatermark) : -1;
    return p >= 0 ? this.takePosted(out, p, remove, true) : this.laterSteps(out, windows, min, max, kinds, remove);
  }

  /**
   * retrieve(out, null, 0, 0, PM_REMOVE): the unfiltered, removing call of every message loop
   * (GetMessage(&msg, NULL, 0, 0), the simulation's and the async loop's pumps). The same ladder
   * with the filter tests folded away, so that its compiled code is small enough for the loop's
   * caller to take in whole (issue 18.2).
   */
  retrieveNext(out: MSG): boolean {
    this.beginRetrieval(QS_ALLINPUT, true);
    // 1. Sent messages are run here and never returned.
    if (this.pendingSent.length > 0) this.deliverSent();
    // 2. Posted messages, oldest first, except those newer than an already-seen PM_NOREMOVE hit.
    const p = this.posted.first(this.seenWatermark);
    return p >= 0 ? this.takePosted(out, p, true, true) : this.laterSteps(out, null, 0, 0, QS_ALLINPUT, true);
  }

  /** What every retrieval call does first: takes in other threads' input and clears the status bits it looks at. */
  private beginRetrieval(kinds: number, unranged: boolean): void {
    this.drainIncoming();
    this.clearChanged(kinds, unranged);
    this.quitEcho = false;
  }

  /** The retrieval ladder after the posted messages: what is made on demand, then what step 2 held back. */
  private laterSteps(out: MSG, windows: readonly HWND[] | null, min: UINT, max: UINT, kinds: number, remove: boolean): boolean {
    return (
      // 3. The quit flag, whatever the filters (mfc-semantics §1.4 item 18).
      this.takeQuit(out, kinds, remove) ||
      // 4. Hardware input: there is none.
      // 5. WM_PAINT for an invalid window (stays until validated, so never removed here).
      this.takePaint(out, kinds, windows, min, max, remove) ||
      // 6. WM_TIMER from a due timer; removing it restarts the timer (late periods coalesce).
      this.takeTimer(out, kinds, windows, min, max, remove) ||
      // 7. Posted messages held back by the already-seen rule.
      this.takeSeen(out, kinds, windows, min, max, remove)
    );
  }

  private takeQuit(out: MSG, kinds: number, remove: boolean): boolean {
    if (!(kinds & QS_POSTMESSAGE && this.quitPending)) return false;
    fill(out, 0, WM_QUIT, this.quitCode, 0, tickCount(this.clock));
    if (remove) {
      this.quitPending = false;
      this.quitEcho = true;
    }
    return this.synthesized(out, remove);
  }

  private takePaint(out: MSG, kinds: number, windows: readonly HWND[] | null, min: UINT, max: UINT, remove: boolean): boolean {
    const w = kinds & QS_PAINT && inRange(WM_PAINT, min, max) ? this.paintCandidate(windows) : undefined;
    if (!w) return false;
    fill(out, w.hwnd, WM_PAINT, 0, 0, tickCount(this.clock));
    return this.synthesized(out, remove);
  }

  private takeTimer(out: MSG, kinds: number, windows: readonly HWND[] | null, min: UINT, max: UINT, remove: boolean): boolean {
    if (!(kinds & QS_TIMER && inRange(WM_TIMER, min, max))) return false;
    const now = this.clock.nowMs();
    const t = this.timers.firstDue(now, (x) => windows === null || windows.includes(x.hwnd));
    if (!t) return false;
    fill(out, t.hwnd, WM_TIMER, t.id, t.proc ?? 0, tickCount(this.clock));
    if (remove) this.timers.restart(t, now);
    return this.synthesized(out, remove);
  }

  private takeSeen(out: MSG, kinds: number, windows: readonly HWND[] | null, min: UINT, max: UINT, remove: boolean): boolean {
    if (!(kinds & QS_POSTMESSAGE && this.seenWatermark !== Infinity)) return false;
    const p = this.posted.find(windows, min, max, Infinity);
    return p >= 0 && this.takePosted(out, p, remove, false);
  }

  /** Runs every pending sent message; true if any ran. */
  deliverSent(): boolean {
    if (this.pendingSent.length === 0) return false;
    this.changed &= ~QS_SENDMESSAGE;
    while (this.pendingSent.length > 0) {
      const s = this.pendingSent.shift()!;
      this.sentRun++;
      const result = this.callWindow(s.hwnd, s.message, s.wParam, s.lParam, 'sent');
      s.reply?.(result);
    }
    return true;
  }

  /** Calls the procedure of a window of this thread; 0 if the window is gone. */
  callWindow(hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM, kind: TraceKind): LRESULT {
    const w = localWindow(hwnd);
    return w ? this.invokeWindow(w, message, wParam, lParam, kind) : 0;
  }

  invokeWindow(w: Window, message: UINT, wParam: WPARAM, lParam: LPARAM, kind: TraceKind): LRESULT {
    if (this.recorder !== null) this.recordCall(kind, w.hwnd, message, wParam, lParam);
    this.depth++;
    try {
      return w.wndProc(w.hwnd, message, wParam, lParam);
    } finally {
      this.depth--;
    }
  }

  /** Traces a window procedure call (apart, so that calling one stays small enough to inline). */
  private recordCall(kind: TraceKind, hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM): void {
    this.recorder?.record(kind, this.threadId, hwnd, message, wParam, lParam, this.depth);
  }

  private takePosted(out: MSG, p: number, remove: boolean, fromPostedStep: boolean): boolean {
    this.posted.copyTo(out, p);
    if (remove) {
      this.posted.remove(p);
      this.publishPostedCount(this.posted.count);
    }
    return this.hit(out, remove, fromPostedStep);
  }

  /**
   * Bookkeeping of a successful retrieval. The already-seen watermark is set by a PM_NOREMOVE hit
   * of WM_TIMER and cleared by a removing hit from any step but the posted one — the rule that
   * reproduces every case of windows-facts B.7.3 and B.6.1 (a peeked WM_QUIT sets nothing).
   */
  private hit(out: MSG, remove: boolean, fromPostedStep: boolean): boolean {
    // A later PM_NOREMOVE hit of WM_TIMER keeps the mark where the first one set it: a message
    // posted between two such peeks still comes after the WM_TIMER (windows-facts B.7.3; msg.c
    // test_PeekMessage3, first block).
    if (!remove && out.message === WM_TIMER) this.seenWatermark = Math.min(this.seenWatermark, this.seq - 1);
    else if (remove && !fromPostedStep) this.seenWatermark = Infinity;
    this.lastMessageTime = out.time;
    return true;
  }

  /** A hit of a message made on demand (WM_QUIT, WM_PAINT, WM_TIMER), which the trace shows. */
  private synthesized(out: MSG, remove: boolean): boolean {
    this.recorder?.record('synthesized', this.threadId, out.hwnd, out.message, out.wParam, out.lParam, this.depth);
    return this.hit(out, remove, false);
  }

  /** The first invalid window that the filter takes and whose ancestors are all valid (B.4.5). */
  private paintCandidate(windows: readonly HWND[] | null): Window | undefined {
    for (const w of this.invalidWindows) {
      if (windows !== null && !windows.includes(w.hwnd)) continue;
      let p = w.parent;
      while (p && !p.invalid) p = p.parent;
      if (!p) return w;
    }
    return undefined;
  }

  // ---- status bits ------------------------------------------------------------------------

  /** QS_* bits for what is in the queue now. */
  currentBits(): number {
    let bits = 0;
    if (this.posted.count > 0 || this.quitPending || this.quitEcho) bits |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
    if (this.invalidWindows.size > 0) bits |= QS_PAINT;
    if (this.timers.firstDue(this.clock.nowMs(), () => true)) bits |= QS_TIMER;
    if (this.pendingSent.length > 0) bits |= QS_SENDMESSAGE;
    return bits;
  }

  /** QS_* bits that became set since they were last cleared. */
  changedBits(): number {
    if (this.timers.size > 0) {
      const now = this.clock.nowMs();
      if (this.timers.anyDueSince(this.timerSeenMs, now)) this.changed |= QS_TIMER;
      this.timerSeenMs = now;
    }
    return this.changed;
  }

  /** GetQueueStatus: MAKELONG(changed & flags, current & flags), clearing the changed bits asked for. */
  queueStatus(flags: number): number {
    this.drainIncoming();
    const changed = this.changedBits() & flags;
    this.changed &= ~flags;
    return (((this.currentBits() & flags) << 16) | changed) >>> 0;
  }

  /** What a retrieval call clears (windows-facts B.11.4). */
  private clearChanged(kinds: number, unranged: boolean): void {
    const clear = (kinds & QS_POSTMESSAGE ? (unranged ? CLEARED_BY_POSTED_UNRANGED : CLEARED_BY_POSTED) : 0) | (kinds & (QS_INPUT | QS_PAINT));
    this.changed &= ~clear;
    // Timers that fell due until now are seen from now on: no need to look for them first.
    if (clear & QS_TIMER && this.timers.size > 0) this.seeTimers();
  }

  private seeTimers(): void {
    this.timerSeenMs = this.clock.nowMs();
  }

  /** True when something arrived since the queue was last examined (what WaitMessage waits for). */
  hasNewInput(): boolean {
    this.drainIncoming();
    return (this.changedBits() & QS_ALLINPUT) !== 0;
  }

  /**
   * When a waiting thread must next wake up for a timer: the first due time after now (a timer
   * already due cannot end a wait — a pumping wait would have seen it — so it never counts).
   */
  nextTimerMs(): number | undefined {
    return this.timers.size > 0 ? this.timers.nextDueAfter(Math.max(this.timerSeenMs, this.clock.nowMs())) : undefined;
  }

  /** True when a pump of this thread would find something to do. */
  hasWork(): boolean {
    return (
      this.pendingSent.length > 0 ||
      this.posted.count > 0 ||
      this.quitPending ||
      this.invalidWindows.size > 0 ||
      this.timers.firstDue(this.clock.nowMs(), () => true) !== undefined
    );
  }

  get isQuitPending(): boolean {
    return this.quitPending;
  }

  /** Drops the posted messages of a destroyed window; the first WM_QUIT among them becomes the quit flag. */
  purgeWindow(hwnd: HWND): void {
    this.drainIncoming(); // posts still in the mailbox are purged too
    let quitCode: number | undefined;
    for (const p of this.posted.positions()) {
      if (this.posted.hwndAt(p) !== hwnd) continue;
      if (this.posted.messageAt(p) === WM_QUIT && quitCode === undefined) quitCode = this.posted.wParamAt(p);
      this.posted.remove(p);
    }
    this.publishPostedCount(this.posted.count);
    this.timers.deleteWindow(hwnd);
    if (quitCode !== undefined && !this.quitPending) this.postQuit(quitCode);
  }

  /** A readable dump of everything queued, for DeadlockError and spec failures. */
  describe(): string[] {
    const lines = [`thread ${this.threadId} (${this.name}): ${this.posted.count} posted, ${this.timers.size} timers, ${this.pendingSent.length} sent pending, ${this.invalidWindows.size} invalid windows, ${this.windowCount} windows${this.quitPending ? ', quit pending' : ''}, ${this.waiting} waits on the stack`];
    let n = 0;
    for (const p of this.posted.positions()) {
      if (n++ === 20) {
        lines.push(`  … ${this.posted.count - 20} more`);
        break;
      }
      lines.push(`  posted hwnd=0x${this.posted.hwndAt(p).toString(16)} msg=0x${this.posted.messageAt(p).toString(16)} wParam=${this.posted.wParamAt(p)}`);
    }
    for (const t of this.timers.all()) lines.push(`  timer hwnd=0x${t.hwnd.toString(16)} id=${t.id} period=${t.periodMs} ms due at ${t.dueMs} ms`);
    return lines;
  }
}

function inRange(message: UINT, min: UINT, max: UINT): boolean {
  return (min === 0 && max === 0) || (message >= min && message <= max);
}

function fill(out: MSG, hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM, time: number): void {
  out.hwnd = hwnd;
  out.message = message;
  out.wParam = wParam;
  out.lParam = lParam;
  out.time = time;
}
