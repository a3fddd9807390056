// WSAAsyncSelect() on one window with two sockets, recorded as one interleaved table
// (windows-facts A.10.5): a connection and a refused connect.
// Rule: on loopback the three legs of the handshake complete together; the window sees
// FD_ACCEPT(listener), FD_CONNECT and FD_WRITE of the client, then the accepted socket's FD_WRITE,
// which accept() — called from the FD_ACCEPT handler — posts (A.10.2, A.2.1, A.1.10). A refused
// connect posts FD_CONNECT with WSAECONNREFUSED and nothing else (A.2.7, C.4).
// Both networks, one body (spec/support/dualSuite.ts).
import * as W from '../../../lib/winsock/index.ts';
import { WM_USER } from '../../../pump/index.ts';
import { dualSuite } from '../../support/dualSuite.ts';
import { settleUntil } from '../../support/netWorld.ts';
import { ALL_EVENTS, expectRows, startConversation } from '../../support/conversation.ts';
import { check, getIntOption, loopback } from '../../support/simWorld.ts';

const test = dualSuite('WSAAsyncSelect sequences: connection');

test('WSAAsyncSelect() posts FD_ACCEPT, FD_CONNECT, FD_WRITE of the client, then FD_WRITE of the accepted socket, in one queue (A.10.2, A.1.10, A.2.1)', (w) => {
  const c = startConversation(w);
  expectRows(w, c.rec, [], 'nothing after the connection (A.1.2: one FD_ACCEPT; A.1.5: accept() of the last connection re-posts nothing)');
  c.close();
});

test('WSAAsyncSelect() posts FD_CONNECT with WSAECONNREFUSED to the client and nothing to the listener when the client connects to a port nobody listens on (A.2.7, C.4)', (w) => {
  const c = startConversation(w);
  const late = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  c.rec.label(late, 'refused');
  check(W.WSAAsyncSelect(late, w.hwnd, WM_USER, ALL_EVENTS), 'WSAAsyncSelect(refused)');
  const r = W.connect(late, loopback(w.unusedPort()), 16);
  if (r !== W.SOCKET_ERROR || W.WSAGetLastError() !== W.WSAEWOULDBLOCK) throw new Error(`connect returned ${r} (last error ${W.WSAGetLastError()}), not SOCKET_ERROR/WSAEWOULDBLOCK`);
  // Windows retries the SYN for about 2 s before it reports the refusal (A.2.7); wait for it.
  settleUntil(w, () => getIntOption(late, W.SOL_SOCKET, W.SO_ERROR) !== 0, () => 'the connect was never refused', 50);
  expectRows(w, c.rec, [['refused', 'FD_CONNECT', W.WSAECONNREFUSED]], 'the refused connect (A.2.7)');
  check(W.closesocket(late), 'closesocket(refused)');
  c.close();
});

test.run();
