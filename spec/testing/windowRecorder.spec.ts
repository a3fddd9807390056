// afxsock/testing: WindowRecorder records everything one window receives, in order, as one table
// across all its sockets (windows-facts A.10.5): notifications as [label, event, error], WM_TIMER
// and chosen posted messages when asked; recording only notifications it leaves the window's
// other messages queued. The notifications here are posted by hand (WSAMAKESELECTREPLY), so the
// recorder's own rules are checked apart from any network; the sequence specs under
// spec/winsock/sequences use it on both networks.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { createMessageWindow, DefWindowProc, DestroyWindow, KillTimer, MSG, PeekMessage, PM_REMOVE, PostMessage, SetTimer, Simulation, WM_APP, WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { SequenceMismatchError, WindowRecorder } from 'afxsock/testing';

/** A simulated thread with one message-only window, for `body`; the window is destroyed after. */
function withWindow(body: (hwnd: number, sim: Simulation) => void): void {
  const sim = new Simulation();
  const detach = sim.attachCurrentThread();
  const hwnd = createMessageWindow((h, m, w, l) => DefWindowProc(h, m, w, l), 'recorded');
  try {
    body(hwnd, sim);
  } finally {
    DestroyWindow(hwnd);
    detach();
  }
}

const notify = (hwnd: number, s: number, event: number, error = 0) => PostMessage(hwnd, WM_USER, s, W.WSAMAKESELECTREPLY(event, error));

test('WindowRecorder.take() returns the notifications of every socket in queue order, by label, the unlabelled in hex', () => {
  withWindow((hwnd) => {
    const rec = new WindowRecorder(hwnd).label(0x10, 'listener').label(0x14, 'client');
    notify(hwnd, 0x10, W.FD_ACCEPT);
    notify(hwnd, 0x14, W.FD_CONNECT);
    notify(hwnd, 0x99, W.FD_CLOSE, W.WSAECONNABORTED);
    assert.equal(rec.take(), [['listener', 'FD_ACCEPT', 0], ['client', 'FD_CONNECT', 0], ['0x99', 'FD_CLOSE', W.WSAECONNABORTED]]);
    assert.equal(rec.take(), []);
  });
});

test('WindowRecorder.on() runs a reaction where the handler would, and what it posts comes after what was queued', () => {
  withWindow((hwnd) => {
    const rec = new WindowRecorder(hwnd).label(0x10, 'listener').label(0x14, 'client');
    rec.on('listener', 'FD_ACCEPT', () => {
      rec.label(0x18, 'accepted');
      notify(hwnd, 0x18, W.FD_WRITE);
    });
    notify(hwnd, 0x10, W.FD_ACCEPT);
    notify(hwnd, 0x14, W.FD_CONNECT);
    rec.expect([['listener', 'FD_ACCEPT', 0], ['client', 'FD_CONNECT', 0], ['accepted', 'FD_WRITE', 0]]);
    assert.is(rec.handleOf('accepted'), 0x18);
    assert.throws(() => rec.handleOf('nobody'), /No socket is labelled "nobody": labelled are listener, client, accepted/);
  });
});

test('WindowRecorder leaves other messages queued unless asked, and then records WM_TIMER and the chosen posted messages in order', () => {
  withWindow((hwnd, sim) => {
    const plain = new WindowRecorder(hwnd);
    PostMessage(hwnd, WM_APP, 7, 0);
    notify(hwnd, 0x14, W.FD_READ);
    assert.equal(plain.take(), [['0x14', 'FD_READ', 0]]);
    const msg = new MSG();
    assert.ok(PeekMessage(msg, hwnd, WM_APP, WM_APP, PM_REMOVE), 'WM_APP is still queued');
    const rec = new WindowRecorder(hwnd, { timers: true, posted: [WM_APP] }).label(0x14, 'client').labelTimer(1, 'kick');
    SetTimer(hwnd, 1, 50, null);
    notify(hwnd, 0x14, W.FD_READ);
    sim.runFor(60);
    PostMessage(hwnd, WM_APP, 7, 0);
    const rows = rec.take();
    KillTimer(hwnd, 1);
    // Posted messages come before a due timer's WM_TIMER (windows-facts B.1: WM_TIMER is made on demand, last).
    assert.equal(rows, [['client', 'FD_READ', 0], ['window', 'WM_APP', 7], ['kick', 'WM_TIMER', 1]]);
  });
});

test('WindowRecorder refuses to grow past maxRows and expect() throws the positional diff as a SequenceMismatchError', () => {
  withWindow((hwnd) => {
    const rec = new WindowRecorder(hwnd, { maxRows: 2 });
    for (let i = 0; i < 3; i++) notify(hwnd, 0x14, W.FD_READ);
    assert.throws(() => rec.drain(), /WindowRecorder of window 0x[0-9a-f]+: more than 2 rows without take\(\); last: 0x14 FD_READ 0/);
    const e = (() => {
      try {
        rec.expect([['0x14', 'FD_WRITE', 0]], 'after the refusal');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    assert.ok(e instanceof SequenceMismatchError);
    assert.match((e as Error).message, /^after the refusal: sequence differs at row 0 \(expected 1 rows, got 2\)/);
  });
});

test('WindowRecorder.label() refuses INVALID_SOCKET with a message naming the label', () => {
  withWindow((hwnd) => {
    assert.throws(() => new WindowRecorder(hwnd).label(W.INVALID_SOCKET, 'client'), /Cannot label "client": the socket has no handle \(INVALID_SOCKET\)/);
  });
});

test.run();
