// Everything one window receives, in the order it receives it, as rows of one table: each
// WSAAsyncSelect notification as [socket label, event name, error], and — when asked — WM_TIMER
// and other posted messages. One table across every socket on the window, because the order
// *between* sockets is part of what a ported program sees (windows-facts A.10.5; the Wine
// harness's message list, A.0). The recorder retrieves the window's messages itself, with
// PeekMessage(hwnd, PM_REMOVE) in queue order, as a GetMessage loop would; a reaction registered
// with on() runs where the program's handler would (so an accept() in the FD_ACCEPT handler
// queues the accepted socket's notifications behind what is already there, A.10.2).
import { DispatchMessage, messageName, MSG, PeekMessage, PM_REMOVE, WM_TIMER, WM_USER } from '../../pump/index.ts';
import { accept, INVALID_SOCKET, WSAGetLastError, WSAGETSELECTERROR, WSAGETSELECTEVENT } from '../winsock/index.ts';
import { assertSequence, type SequenceExpectation, type SequenceRow } from './sequenceDiff.ts';
import { socketEventName } from './socketEventNames.ts';

/** What a WindowRecorder records besides the socket notifications. */
export interface WindowRecorderOptions {
  /** The message number the sockets were selected with (WSAAsyncSelect's wMsg); default WM_USER. */
  readonly message?: number;
  /** Record WM_TIMER as [timer label, 'WM_TIMER', idEvent] (default false: dispatched unrecorded). */
  readonly timers?: boolean;
  /** Other posted messages to record, by number, as ['window', messageName, wParam]. */
  readonly posted?: readonly number[];
  /** Most rows a recorder keeps before it refuses to go on (a runaway notification loop); default 10 000. */
  readonly maxRows?: number;
}

/** What on() reactions get: the socket the notification is for, its error, and the recorder. */
export type SocketReaction = (socket: number, error: number, recorder: WindowRecorder) => void;

/** Anything with a socket handle, such as a CAsyncSocket (labelled through its m_hSocket). */
export interface HasSocketHandle {
  readonly m_hSocket: number;
}

const DEFAULT_MAX_ROWS = 10_000;

/**
 * Records, in order, everything a Winsock notification window receives, as one interleaved
 * table across all its sockets.
 *
 * Rows: `[label, 'FD_CONNECT', error]` for a notification (label: the one given with label(),
 * else the handle in hex); `[label, 'WM_TIMER', idEvent]` for a timer when `timers` is on;
 * `['window', messageName, wParam]` for a posted message listed in `posted`. Recording only
 * notifications, it retrieves only the notification message and leaves the rest queued; with
 * `timers` or `posted` it retrieves everything for the window, and what it does not record is
 * dispatched to the window procedure, so WM_PAINT and the like take their usual course.
 *
 * @example
 * const rec = new WindowRecorder(hwnd).label(listener, 'listener').label(client, 'client').acceptOn('listener', 'accepted');
 * connect(client, addr, 16);
 * // …let the network settle, then:
 * rec.expect([
 *   ['listener', 'FD_ACCEPT', 0], // accept() runs here and labels the new socket 'accepted'
 *   ['client', 'FD_CONNECT', 0],
 *   ['client', 'FD_WRITE', 0],
 *   ['accepted', 'FD_WRITE', 0],
 * ], 'connection (windows-facts A.10.2)');
 */
export class WindowRecorder {
  /** The window whose messages are recorded. */
  readonly hwnd: number;
  readonly #message: number;
  readonly #timers: boolean;
  readonly #posted: ReadonlySet<number>;
  readonly #maxRows: number;
  readonly #labels = new Map<number, string>();
  readonly #timerLabels = new Map<number, string>();
  readonly #reactions = new Map<string, SocketReaction[]>();
  readonly #accepted: number[] = [];
  #rows: SequenceRow[] = [];
  readonly #msg = new MSG();

  constructor(hwnd: number, options: WindowRecorderOptions = {}) {
    this.hwnd = hwnd;
    this.#message = options.message ?? WM_USER;
    this.#timers = options.timers ?? false;
    this.#posted = new Set(options.posted ?? []);
    this.#maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  }

  /**
   * Names a socket in the rows (a handle, or an object with m_hSocket such as a CAsyncSocket,
   * whose current handle is used). A label names one socket; giving it again moves it.
   */
  label(socket: number | HasSocketHandle, name: string): this {
    const handle = typeof socket === 'number' ? socket : socket.m_hSocket;
    if (handle === INVALID_SOCKET) throw new RangeError(`Cannot label "${name}": the socket has no handle (INVALID_SOCKET)`);
    for (const [h, n] of this.#labels) if (n === name && h !== handle) this.#labels.delete(h);
    this.#labels.set(handle, name);
    return this;
  }

  /** Names a timer (by idEvent) in WM_TIMER rows; unnamed timers read `timer <id>`. */
  labelTimer(idEvent: number, name: string): this {
    this.#timerLabels.set(idEvent, name);
    return this;
  }

  /** The label rows use for `handle`: the one given, else `0x…`. */
  labelOf(handle: number): string {
    return this.#labels.get(handle) ?? `0x${handle.toString(16)}`;
  }

  /** The handle labelled `name`; throws if none is. */
  handleOf(name: string): number {
    for (const [h, n] of this.#labels) if (n === name) return h;
    throw new RangeError(`No socket is labelled "${name}": labelled are ${[...this.#labels.values()].join(', ') || 'none'}`);
  }

  /**
   * Runs `reaction` when the socket labelled `label` gets `event` (e.g. 'FD_READ'), right after
   * its row is recorded — where a ported program's handler would run.
   */
  on(label: string, event: string, reaction: SocketReaction): this {
    const key = `${label}\u0000${event}`;
    const list = this.#reactions.get(key) ?? [];
    list.push(reaction);
    this.#reactions.set(key, list);
    return this;
  }

  /**
   * On FD_ACCEPT for `listener`, calls accept() as an OnAccept handler would and labels the new
   * socket `acceptedLabel` (the second one accepted `acceptedLabel 2`, and so on).
   */
  acceptOn(listener: string, acceptedLabel: string): this {
    return this.on(listener, 'FD_ACCEPT', (s) => {
      const a = accept(s, null, null);
      if (a === INVALID_SOCKET) throw new Error(`accept() in the FD_ACCEPT handler of "${listener}" failed: WSAGetLastError() is ${WSAGetLastError()}`);
      this.#accepted.push(a);
      this.label(a, this.#accepted.length === 1 ? acceptedLabel : `${acceptedLabel} ${this.#accepted.length}`);
    });
  }

  /** The sockets acceptOn() accepted, in order (the spec closes them). */
  get accepted(): readonly number[] {
    return this.#accepted;
  }

  /**
   * Retrieves every message queued for the window now, in order, recording what is asked and
   * dispatching the rest; reactions may queue more, which are retrieved too. Returns how many
   * rows were added.
   */
  drain(): number {
    const before = this.#rows.length;
    // Recording notifications only, the recorder leaves the window's other messages queued (a
    // range filter on the notification message); asked for more, it takes everything in order.
    const all = this.#timers || this.#posted.size > 0;
    const min = all ? 0 : this.#message;
    const max = all ? 0 : this.#message;
    while (PeekMessage(this.#msg, this.hwnd, min, max, PM_REMOVE)) this.#handle(this.#msg);
    return this.#rows.length - before;
  }

  /** drain(), then returns the rows recorded since the last take() and forgets them. */
  take(): SequenceRow[] {
    this.drain();
    const rows = this.#rows;
    this.#rows = [];
    return rows;
  }

  /**
   * take(), then compares with the expected table (or `{ anyOf: [...] }`, the orders the network
   * may legitimately produce); throws a SequenceMismatchError whose message is the positional diff.
   */
  expect(expected: SequenceExpectation, context = ''): void {
    assertSequence(this.take(), expected, context);
  }

  #handle(msg: MSG): void {
    if (msg.message === this.#message) {
      const lParam = msg.lParam as number;
      const event = socketEventName(WSAGETSELECTEVENT(lParam));
      const label = this.labelOf(msg.wParam);
      const error = WSAGETSELECTERROR(lParam);
      this.#push([label, event, error]);
      for (const reaction of this.#reactions.get(`${label}\u0000${event}`) ?? []) reaction(msg.wParam, error, this);
      return;
    }
    if (msg.message === WM_TIMER && this.#timers) {
      this.#push([this.#timerLabels.get(msg.wParam) ?? `timer ${msg.wParam}`, 'WM_TIMER', msg.wParam]);
      return;
    }
    if (this.#posted.has(msg.message)) {
      this.#push(['window', messageName(msg.message), msg.wParam]);
      return;
    }
    DispatchMessage(msg);
  }

  #push(row: SequenceRow): void {
    if (this.#rows.length >= this.#maxRows) {
      throw new RangeError(`WindowRecorder of window 0x${this.hwnd.toString(16)}: more than ${this.#maxRows} rows without take(); last: ${row.join(' ')}`);
    }
    this.#rows.push(row);
  }
}
