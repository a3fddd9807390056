// runMessageLoopAsync: an outermost loop that lets Node's event loop run while the queue is idle.
// Rule: DESIGN.md "Time and the one wait point" (Atomics.waitAsync for the outermost loop).
import * as assert from 'uvu/assert';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, GetCurrentThreadId, KillTimer, PostMessage, PostQuitMessage,
  SetTimer, runMessageLoopAsync, startThread, waitUntil, WM_TIMER, WM_USER, WM_QUIT, PostThreadMessage,
} from 'afxsock/pump';
import { realSuite } from '../support/realWorld.ts';

const test = realSuite('async-loop');

test('runMessageLoopAsync() dispatches while Node callbacks keep running, and resolves with the WM_QUIT exit code', async () => {
  const log: string[] = [];
  const h = createMessageWindow((w, m, wp, lp) => {
    if (m === WM_USER) {
      log.push(`WM_USER ${wp}`);
      if (wp === 3) PostQuitMessage(77);
      return 0;
    }
    return DefWindowProc(w, m, wp, lp);
  });
  // Node timers post into the queue: they can only run if the loop yields to Node's event loop.
  setTimeout(() => PostMessage(h, WM_USER, 1, 0), 5);
  setTimeout(() => PostMessage(h, WM_USER, 2, 0), 10);
  setTimeout(() => PostMessage(h, WM_USER, 3, 0), 15);
  assert.is(await runMessageLoopAsync(), 77);
  assert.equal(log, ['WM_USER 1', 'WM_USER 2', 'WM_USER 3']);
  DestroyWindow(h);
});

test('runMessageLoopAsync() wakes for a due SetTimer timer on real time', async () => {
  let ticks = 0;
  const h = createMessageWindow((w, m, wp, lp) => {
    if (m === WM_TIMER && ++ticks === 3) {
      KillTimer(w, 1);
      PostQuitMessage(0);
    }
    return DefWindowProc(w, m, wp, lp);
  });
  SetTimer(h, 1, 10, null);
  assert.is(await runMessageLoopAsync(), 0);
  assert.is(ticks, 3);
  DestroyWindow(h);
});

test('runMessageLoopAsync() wakes for a thread message posted by another thread and shows it to preTranslateMessage', async () => {
  const t = startThread(new URL('./fixtures/echoThread.ts', import.meta.url), { creator: GetCurrentThreadId() });
  const exited = new Promise((resolve) => t.worker.on('exit', resolve));
  PostThreadMessage(t.threadId, WM_USER, 9, 0);
  const seen: [number, number][] = [];
  const code = await runMessageLoopAsync({
    preTranslateMessage: (msg) => {
      if (msg.hwnd === 0) seen.push([msg.message, msg.wParam]);
      if (msg.hwnd === 0 && msg.message === WM_USER) PostQuitMessage(5);
      return msg.hwnd === 0;
    },
  });
  assert.is(code, 5);
  assert.equal(seen, [[WM_USER + 100, seen[0]![1]], [WM_USER, 9]]);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await exited;
});

test('runMessageLoopAsync() still wakes for another thread after a Node callback ran a synchronous wait inside it', async () => {
  const t = startThread(new URL('./fixtures/echoThread.ts', import.meta.url), { creator: GetCurrentThreadId() });
  const exited = new Promise((resolve) => t.worker.on('exit', resolve));
  const seen: number[] = [];
  let ready = false;
  const done = runMessageLoopAsync({
    preTranslateMessage: (msg) => {
      if (msg.hwnd !== 0) return false;
      if (msg.message === WM_USER + 100) ready = true;
      if (msg.message === WM_USER) {
        seen.push(msg.wParam);
        PostQuitMessage(0);
      }
      return true;
    },
  });
  // Once the worker is up: a nested synchronous wait (as a blocking CSocket call would make),
  // then ask the worker for an echo, which must wake the pending async wait.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (!ready) return;
      clearInterval(poll);
      waitUntil(() => false, 20, 'a nested synchronous wait');
      PostThreadMessage(t.threadId, WM_USER, 42, 0);
      resolve();
    }, 5);
  });
  assert.is(await done, 0);
  assert.equal(seen, [42]);
  PostThreadMessage(t.threadId, WM_QUIT, 0, 0);
  await exited;
});

test.run();
