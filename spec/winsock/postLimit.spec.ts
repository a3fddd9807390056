// WSAAsyncSelect() when the window's queue is at its posting limit (10,000 messages,
// mfc-semantics §1.1 item 7): the notification cannot be posted, so the event stays armed and is
// posted on the socket's next change, instead of being lost until the application happens to call
// recv. Windows does not document this case; losing the event for good is the one outcome a
// program could never recover from, so afxsock keeps it armed.
import * as assert from 'uvu/assert';
import { MSG, PeekMessage, PM_REMOVE, PostMessage, WM_USER } from 'afxsock/pump';
import * as W from 'afxsock';
import { dualSuite } from '../support/dualSuite.ts';
import { check, sendText, tcpSocketPair } from '../support/simWorld.ts';

const test = dualSuite('WSAAsyncSelect at the posting limit');

test('WSAAsyncSelect() keeps FD_READ armed when the queue is full, and posts it on the next arrival', (w) => {
  const { client, server } = tcpSocketPair(w);
  check(W.WSAAsyncSelect(server, w.hwnd, WM_USER, W.FD_READ), 'select');
  w.expect(server, [], 'nothing to read yet');
  // Fill the queue with unrelated messages.
  let filler = 0;
  while (PostMessage(w.hwnd, WM_USER + 1, 0, 0)) filler++;
  assert.is(filler, 10000);
  sendText(client, 'one');
  w.settle();
  // The FD_READ could not be posted. Drain the fillers; then data arrives again.
  const msg = new MSG();
  let drained = 0;
  while (PeekMessage(msg, w.hwnd, WM_USER + 1, WM_USER + 1, PM_REMOVE)) drained++;
  assert.is(drained, 10000);
  w.expect(server, [], 'the refused notification is not made up later by itself');
  sendText(client, 'two');
  w.expect(server, [['FD_READ', 0]], 'the next arrival posts it');
  W.closesocket(client);
  W.closesocket(server);
});

test.run();
