// No byte is lost or reordered on a connection that stays up: 100 MB stream through CSocket each
// way between an afxsock program and a plain node:net peer, with a SHA-256 digest of each side.
// The sender's CSocket.Send sends everything (blocking, mfc-semantics §4.1); the receiver's
// CSocket.Receive returns what is there. SO_SNDBUF / SO_RCVBUF of 1 MiB size the rings. And
// non-blocking sends of every size through a small send buffer: each is taken whole or fails with
// WSAEWOULDBLOCK (windows-facts A.3.3), and the bytes arrive in order.
// Source: issue 7 "Faults" (the 100 MB digest); DESIGN.md "Blocking calls are synchronous".
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { CSocket } from 'afxsock';
import * as W from 'afxsock';
import { pump } from '../../mfc/socket/socketWorld.ts';
import { dualSuite } from '../../support/dualSuite.ts';
import { intOption } from '../../support/simWorld.ts';
import { pattern } from './fixtures/pattern.ts';
import { ALL_EVENTS, listeningCSocket, withRawPeer } from './osSpecSupport.ts';

const test = dualSuite('OS network: 100 MB through CSocket');
const TOTAL = 100 * (1 << 20);

function bigBuffers(s: CSocket): void {
  assert.ok(s.SetSockOpt(W.SO_SNDBUF, intOption(1 << 20), 4));
  assert.ok(s.SetSockOpt(W.SO_RCVBUF, intOption(1 << 20), 4));
}

test.realOnly('CSocket.Send() streams 100 MB to a node:net peer whose SHA-256 matches the sender\'s', () =>
  withRawPeer(async (peer) => {
    const port = await peer.listen({ hashOnly: true });
    const s = new CSocket();
    assert.ok(s.Create(0, W.SOCK_STREAM, ALL_EVENTS, '127.0.0.1'));
    bigBuffers(s);
    assert.ok(s.Connect('127.0.0.1', port));
    const hash = createHash('sha256');
    for (const chunk of pattern(TOTAL, 0x5eed)) {
      hash.update(chunk);
      assert.is(s.Send(chunk, chunk.length), chunk.length);
    }
    s.Close();
    const got = await peer.ask<{ count: number; digest: string }>('waitEnd', { index: 0, limitMs: 60_000 });
    assert.equal([got.count, got.digest], [TOTAL, hash.digest('hex')]);
    pump(20);
  }),
);

test.realOnly('CSocket.Receive() takes 100 MB from a node:net peer in order: the SHA-256 of what arrived matches the peer\'s', () =>
  withRawPeer(async (peer) => {
    const { listener, port } = listeningCSocket(bigBuffers);
    const connected = peer.ask('connect', { port, script: { sendPattern: { bytes: TOTAL, seed: 0xbeef } } });
    const s = new CSocket();
    assert.ok(listener.Accept(s));
    const hash = createHash('sha256');
    const buf = new Uint8Array(1 << 20);
    let total = 0;
    // Bounded: 100 MB cannot take more Receive calls than bytes.
    for (let i = 0; i < TOTAL + 1; i++) {
      const n = s.Receive(buf, buf.length);
      assert.ok(n >= 0, `Receive failed with ${W.WSAGetLastError()}`);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      total += n;
    }
    await connected;
    const expected = createHash('sha256');
    for (const chunk of pattern(TOTAL, 0xbeef)) expected.update(chunk);
    assert.equal([total, hash.digest('hex')], [TOTAL, expected.digest('hex')]);
    s.Close();
    listener.Close();
    pump(20);
  }),
);

test.realOnly('send() on a non-blocking socket with an 8 KiB SO_SNDBUF takes each buffer of 1 byte to 300 KiB whole or not at all, and 20 MB arrive in order (windows-facts A.3.3)', () =>
  withRawPeer(async (peer) => {
    const port = await peer.listen({ hashOnly: true });
    const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
    assert.is(W.setsockopt(s, W.SOL_SOCKET, W.SO_SNDBUF, intOption(8192), 4), 0);
    assert.is(W.connect(s, new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr('127.0.0.1'))), 16), 0);
    assert.is(W.ioctlsocket(s, W.FIONBIO, { value: 1 }), 0);
    const total = 20 * (1 << 20);
    const [stream] = pattern(total, 0xcafe, total);
    const hash = createHash('sha256').update(stream!);
    let size = 1;
    let wouldBlock = 0;
    for (let at = 0; at < total; ) {
      // Sizes from 1 byte to 300 KiB, below and far above the send buffer, in a fixed scramble.
      size = ((size * 7919) % 307_200) + 1;
      const n = Math.min(size, total - at);
      const r = W.send(s, stream!.subarray(at, at + n), n, 0);
      if (r === W.SOCKET_ERROR) {
        assert.is(W.WSAGetLastError(), W.WSAEWOULDBLOCK);
        wouldBlock++;
        pump(1);
        continue;
      }
      assert.is(r, n, 'the whole buffer or nothing');
      at += n;
    }
    assert.ok(wouldBlock > 0, 'the send buffer filled');
    assert.is(W.closesocket(s), 0);
    const got = await peer.ask<{ count: number; digest: string }>('waitEnd', { index: 0, limitMs: 60_000 });
    assert.equal([got.count, got.digest], [total, hash.digest('hex')]);
    pump(20);
  }),
);

test.run();
