// The peer of the socket specs (afxsock/testing startPeer): the same CAsyncSocket program on a simulated
// thread and on a real worker thread answers a CSocket, and reports its callbacks.
import * as assert from 'uvu/assert';
import { CSocket } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { peerExtension } from './fixtures/countingPeer.ts';
import { pump } from './socketWorld.ts';
import { startPeer } from 'afxsock/testing';

const test = dualSuite('peer smoke');

test('a CSocket talks to an upper-casing peer that answers after 50 ms', (w) => {
  const peer = startPeer(w);
  const port = peer.listen(7007, { reply: 'upper', delayMs: 50 });
  const c = new CSocket();
  assert.ok(c.Create());
  assert.ok(c.Connect(peer.host, port));
  const hi = new TextEncoder().encode('hello');
  assert.is(c.Send(hi, 5), 5);
  const buf = new Uint8Array(16);
  const n = c.Receive(buf, 16);
  assert.is(new TextDecoder().decode(buf.subarray(0, n)), 'HELLO');
  peer.awaitConnections(1);
  peer.sends(new TextEncoder().encode('more'));
  assert.is(c.Receive(buf, 16), 4);
  c.Close();
  pump();
  // The child's FD_WRITE and FD_READ race on real sockets (the data may be there before Accept).
  const callbacks = peer.log().map((r) => r[1]);
  assert.equal([callbacks[0], callbacks.at(-1), [...callbacks.slice(1, -1)].sort()], ['OnAccept', 'OnClose', ['OnReceive', 'OnSend']]);
  peer.end();
});

test('the peer runs the spec\'s own code (an extension module) on its thread', (w) => {
  const peer = startPeer(w, 'counting peer', { url: new URL('./fixtures/countingPeer.ts', import.meta.url), peerExtension });
  const port = peer.call<number>('listen', w.kind === 'real' ? 0 : 7008);
  const c = new CSocket();
  assert.ok(c.Create());
  assert.ok(c.Connect(peer.host, port));
  const buf = new Uint8Array(16);
  const answers: string[] = [];
  for (const piece of ['abc', 'de']) {
    assert.is(c.Send(new TextEncoder().encode(piece), piece.length), piece.length);
    answers.push(new TextDecoder().decode(buf.subarray(0, c.Receive(buf, 16))));
  }
  assert.equal(answers, ['3', '5']);
  assert.throws(() => peer.call('nothing'), /no extension function nothing/);
  c.Close();
  pump();
  peer.end();
});

test.run();
