// A recorder of what the queue does — posted, sent, synthesized and dispatched messages with their
// nesting depth — for specs that compare against expected tables, and a Spy++-style printer.
import type { HWND, LPARAM, UINT, WPARAM } from './types.ts';
import { messageName } from './messageNames.ts';

/** What happened to a message: posted to a queue, sent to a procedure, made by a retrieval call, or dispatched. */
export type TraceKind = 'posted' | 'sent' | 'synthesized' | 'dispatched';

/** One recorded event of a queue. */
export interface TraceEvent {
  kind: TraceKind;
  threadId: number;
  hwnd: HWND;
  message: UINT;
  wParam: WPARAM;
  lParam: LPARAM;
  /** Dispatch nesting depth at the time of the event (0 = outermost loop). */
  depth: number;
}

/** Collects TraceEvents while attached to a queue (see startTrace in the pump's front door). */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  record(kind: TraceKind, threadId: number, hwnd: HWND, message: UINT, wParam: WPARAM, lParam: LPARAM, depth: number): void {
    this.events.push({ kind, threadId, hwnd, message, wParam, lParam, depth });
  }

  /** The events as compact rows `[kind, messageName, depth]`, the shape expected tables use. */
  rows(kinds: readonly TraceKind[] = ['posted', 'sent', 'synthesized', 'dispatched']): [TraceKind, string, number][] {
    return this.events.filter((e) => kinds.includes(e.kind)).map((e) => [e.kind, messageName(e.message), e.depth]);
  }

  clear(): void {
    this.events.length = 0;
  }
}

/** How formatTrace names windows and messages (defaults: hex handles, the registered names). */
export interface TraceNames {
  window?: (hwnd: HWND) => string;
  message?: (message: UINT) => string;
}

/**
 * Spy++-style lines: `<00012> 00010004 S WM_CREATE wParam:00000000 lParam:object`, indented by
 * nesting depth; P = posted, S = sent, R = made by the retrieval call, D = dispatched.
 */
export function formatTrace(events: readonly TraceEvent[], names: TraceNames = {}): string {
  const windowName = names.window ?? hex8;
  const msgName = names.message ?? messageName;
  const code: Record<TraceKind, string> = { posted: 'P', sent: 'S', synthesized: 'R', dispatched: 'D' };
  return events
    .map((e, i) => {
      const l = typeof e.lParam === 'number' ? hex8(e.lParam) : typeof e.lParam === 'function' ? 'proc' : 'object';
      return `<${String(i + 1).padStart(5, '0')}> ${'  '.repeat(e.depth)}${windowName(e.hwnd)} ${code[e.kind]} ${msgName(e.message)} wParam:${hex8(e.wParam)} lParam:${l}`;
    })
    .join('\n');
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
