// A tour of the message pump, written the way a Win32 program is: a visible window painted by
// UpdateWindow as WinMain does, a window procedure, a timer, posted and sent messages, WM_PAINT,
// a nested message loop, PostQuitMessage — then the
// Spy++-style trace of what the queue did. Runs on virtual time, so the output is the same
// every run.
import {
  BeginPaint, createVisibleWindow, DefWindowProc, DestroyWindow, DispatchMessage, EndPaint, formatTrace, GetMessage,
  InvalidateRect, KillTimer, messageName, MSG, PAINTSTRUCT, PeekMessage, PM_REMOVE, PostMessage, PostQuitMessage,
  SendMessage, SetTimer, Simulation, startTrace, stopTrace, TranslateMessage, UpdateWindow, WM_DESTROY, WM_PAINT, WM_TIMER, WM_USER,
  type HWND, type LPARAM, type WPARAM,
} from '../pump/index.ts';

const WM_APP_WORK = WM_USER + 1;
const WM_APP_NESTED = WM_USER + 2;
const WM_APP_QUERY = WM_USER + 3;
// The program's own message names, for its trace (nameMessage would register them for everyone).
const names: Record<number, string> = { [WM_APP_WORK]: 'WM_APP_WORK', [WM_APP_NESTED]: 'WM_APP_NESTED', [WM_APP_QUERY]: 'WM_APP_QUERY' };

export function runPumpTour(print: (line: string) => void): number {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread('tour');
  let ticks = 0;

  function WndProc(hWnd: HWND, message: number, wParam: WPARAM, lParam: LPARAM): number {
    switch (message) {
      case WM_TIMER:
        print(`  t=${sim.clock.nowMs()} ms  WM_TIMER #${++ticks}`);
        if (ticks === 3) {
          KillTimer(hWnd, 1);
          PostMessage(hWnd, WM_APP_NESTED, 0, 0);
        }
        return 0;
      case WM_APP_WORK:
        print(`  t=${sim.clock.nowMs()} ms  WM_APP_WORK ${wParam}; asks itself a question: ${SendMessage(hWnd, WM_APP_QUERY, wParam, 0)}`);
        return 0;
      case WM_APP_QUERY:
        return (wParam as number) * 10;
      case WM_APP_NESTED: {
        // A nested loop, as a modal dialog or CSocket's blocking call runs one.
        print(`  t=${sim.clock.nowMs()} ms  WM_APP_NESTED: a nested loop runs until its own work is done`);
        PostMessage(hWnd, WM_APP_WORK, 99, 0);
        InvalidateRect(hWnd, null, false);
        const inner = new MSG();
        while (PeekMessage(inner, 0, 0, 0, PM_REMOVE)) DispatchMessage(inner);
        PostQuitMessage(0);
        return 0;
      }
      case WM_PAINT: {
        const ps = new PAINTSTRUCT();
        BeginPaint(hWnd, ps);
        const r = ps.rcPaint;
        print(`  t=${sim.clock.nowMs()} ms  WM_PAINT of (${r.left}, ${r.top})-(${r.right}, ${r.bottom}), validated by BeginPaint`);
        EndPaint(hWnd, ps);
        return 0;
      }
      case WM_DESTROY:
        return 0;
    }
    return DefWindowProc(hWnd, message, wParam, lParam);
  }

  const trace = startTrace();
  // Only a visible window is painted (a message-only one never is); created visible, it is invalid,
  // and UpdateWindow paints it at once, as WinMain's CreateWindow / ShowWindow / UpdateWindow do.
  const hWnd = createVisibleWindow(WndProc, 320, 200, 'tour');
  print('UpdateWindow:');
  UpdateWindow(hWnd);
  PostMessage(hWnd, WM_APP_WORK, 1, 0);
  PostMessage(hWnd, WM_APP_WORK, 2, 0);
  SetTimer(hWnd, 1, 100, null);
  print('Message loop:');
  const msg = new MSG();
  let result: number;
  while ((result = GetMessage(msg, 0, 0, 0)) !== 0) {
    if (result === -1) break;
    TranslateMessage(msg);
    DispatchMessage(msg);
  }
  DestroyWindow(hWnd);
  stopTrace();
  print(`WM_QUIT after ${sim.clock.nowMs()} ms of virtual time, exit code ${msg.wParam}.`);
  print('');
  print('Spy++-style trace (P posted, S sent, R made by the retrieval call, D dispatched; indented by nesting):');
  print(
    formatTrace(trace.events, {
      window: (h) => (h === hWnd ? 'tour    ' : h === 0 ? '(thread)' : h.toString(16)),
      message: (m) => names[m] ?? messageName(m),
    }),
  );
  detach();
  return msg.wParam;
}
