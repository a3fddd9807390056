// CAsyncSocket on MFC's hidden socket window, recorded as one interleaved table by object
// (SocketNotifyRecorder; windows-facts A.10.5): the same connection, data and close sequence as
// the raw Winsock specs beside this file — MFC's window is one window with all its sockets.
// Rules: A.10.2 and A.1.10 (connection: FD_ACCEPT, then — Accept() in OnAccept — the client's
// FD_CONNECT and FD_WRITE, then the accepted socket's FD_WRITE); A.4.1 (FD_READ to the receiver
// only); A.6.4 (FD_READ then FD_CLOSE at once when the peer sends and closes).
// Both networks, one body (spec/support/dualSuite.ts).
import * as assert from 'uvu/assert';
import { CAsyncSocket } from 'afxsock';
import { SocketNotifyRecorder } from 'afxsock/testing';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { CONNECTION_TABLE } from '../../support/conversation.ts';
import { portOf, pump, receiveText, sendText } from '../../mfc/socket/socketWorld.ts';

const test = dualSuite('CAsyncSocket sequences on the socket window');

/** A listener whose OnAccept accepts into `accepted`, as a ported server does. */
class AcceptingSocket extends CAsyncSocket {
  constructor(private readonly accepted: CAsyncSocket) {
    super();
  }
  protected override OnAccept(nErrorCode: number): void {
    if (nErrorCode === 0 && !this.Accept(this.accepted)) throw new Error(`Accept failed with ${CAsyncSocket.GetLastError()}`);
  }
}

test('CAsyncSocket notifications on the socket window read as one table: connection, data, then the peer sends and closes (A.10.2, A.4.1, A.6.4)', () => {
  const accepted = new CAsyncSocket();
  const listener = new AcceptingSocket(accepted);
  const client = new CAsyncSocket();
  const rec = new SocketNotifyRecorder().label(listener, 'listener').label(client, 'client').label(accepted, 'accepted');
  try {
    assert.ok(listener.Create(0, W.SOCK_STREAM, undefined, '127.0.0.1'), 'listener.Create');
    assert.ok(listener.Listen(), 'Listen');
    assert.ok(client.Create(), 'client.Create');
    assert.not.ok(client.Connect('127.0.0.1', portOf(listener)), 'a non-blocking Connect is pending');
    assert.is(CAsyncSocket.GetLastError(), W.WSAEWOULDBLOCK);
    pump();
    rec.expect(CONNECTION_TABLE, 'the connection (A.10.2, A.1.10)');
    assert.is(sendText(client, 'HELLO'), 5);
    pump();
    rec.expect([['accepted', 'FD_READ', 0]], 'the client sends (A.4.1)');
    assert.equal(receiveText(accepted, 16), [5, 'HELLO']);
    assert.is(sendText(client, 'BYE'), 3);
    client.Close();
    pump();
    rec.expect([['accepted', 'FD_READ', 0], ['accepted', 'FD_CLOSE', 0]], 'the client sends and closes (A.6.4)');
    assert.equal(receiveText(accepted, 16), [3, 'BYE']);
  } finally {
    rec.stop();
    for (const s of [client, accepted, listener]) s.Close();
  }
});

test.run();
