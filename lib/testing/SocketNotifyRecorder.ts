// The notifications MFC's hidden socket window dispatches to CAsyncSocket objects, in order, as
// one table labelled by object: [label, event name, error] per WM_SOCKET_NOTIFY. MFC creates that
// window itself and its own pump (the program's, or CSocket's nested one) retrieves the messages,
// so the recorder cannot take them from the queue as WindowRecorder does; it watches dispatch
// through the queue's trace (startTrace), the pump's own observation point, which changes nothing
// of what the pump does. The label is resolved when the message is dispatched — before the
// callback runs, while the object still has its handle (an accepted object got it in Accept()).
import { startTrace, stopTrace, type TraceRecorder } from '../../pump/index.ts';
import { WM_SOCKET_NOTIFY } from '../mfc/socket/index.ts';
import { WSAGETSELECTERROR, WSAGETSELECTEVENT } from '../winsock/index.ts';
import { assertSequence, type SequenceExpectation, type SequenceRow } from './sequenceDiff.ts';
import { socketEventName } from './socketEventNames.ts';
import type { HasSocketHandle } from './WindowRecorder.ts';

const DEFAULT_MAX_ROWS = 10_000;

/**
 * Records every WM_SOCKET_NOTIFY the calling thread dispatches, as rows labelled by
 * CAsyncSocket object. One per thread at a time, and not with another startTrace() user: it
 * takes over the thread's trace until stop().
 *
 * Differs: notifications CSocket deferred to its aux queue during a blocking call are replayed
 * by CSocket::ProcessAuxQueue without a dispatch, so they are not recorded (the callbacks still
 * run); record the callbacks themselves to see those.
 *
 * @example
 * const rec = new SocketNotifyRecorder().label(listener, 'listener').label(client, 'client').label(accepted, 'accepted');
 * // …pump the messages, then:
 * rec.expect([['listener', 'FD_ACCEPT', 0], ['client', 'FD_CONNECT', 0], ['client', 'FD_WRITE', 0], ['accepted', 'FD_WRITE', 0]]);
 * rec.stop();
 */
export class SocketNotifyRecorder {
  readonly #objects = new Map<string, HasSocketHandle>();
  readonly #trace: TraceRecorder;
  readonly #maxRows: number;
  #rows: SequenceRow[] = [];
  #overflow = false;

  constructor(options: { readonly maxRows?: number } = {}) {
    this.#maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.#trace = startTrace();
    // Only dispatches of WM_SOCKET_NOTIFY are kept, so a long run does not pile up trace events.
    this.#trace.record = (kind, _threadId, _hwnd, message, wParam, lParam) => {
      if (kind !== 'dispatched' || message !== WM_SOCKET_NOTIFY || typeof lParam !== 'number') return;
      if (wParam === 0 && lParam === 0) return; // CSocket's kick, not a notification
      if (this.#rows.length >= this.#maxRows) {
        this.#overflow = true;
        return;
      }
      this.#rows.push([this.labelOf(wParam), socketEventName(WSAGETSELECTEVENT(lParam)), WSAGETSELECTERROR(lParam)]);
    };
  }

  /** Names a socket object (a CAsyncSocket or CSocket); its current handle is looked up at each dispatch. */
  label(socket: HasSocketHandle, name: string): this {
    this.#objects.set(name, socket);
    return this;
  }

  /** The label of the object holding `handle` now, else `0x…`. */
  labelOf(handle: number): string {
    for (const [name, socket] of this.#objects) if (socket.m_hSocket === handle) return name;
    return `0x${handle.toString(16)}`;
  }

  /** The rows recorded since the last take(), forgotten; throws if more than maxRows came. */
  take(): SequenceRow[] {
    const rows = this.#rows;
    this.#rows = [];
    if (this.#overflow) {
      this.#overflow = false;
      throw new RangeError(`SocketNotifyRecorder: more than ${this.#maxRows} notifications without take(); the rest were not recorded`);
    }
    return rows;
  }

  /** take(), then compares with a table or `{ anyOf }`; throws a SequenceMismatchError with the positional diff. */
  expect(expected: SequenceExpectation, context = ''): void {
    assertSequence(this.take(), expected, context);
  }

  /** Stops recording (gives the thread's trace back). */
  stop(): void {
    stopTrace();
  }
}
