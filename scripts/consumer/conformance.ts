// A user's conformance spec, outside the repository, with the installed package only: one body
// run on both networks by bothNetworks() (a plain register, no test framework), a seed and a fault
// rule on the simulated network, a peer on a simulated thread or a real worker (the .js worker
// from dist/), and the notifications compared as a table. With the right table both halves pass;
// with a wrong one both fail with a positional diff, the simulated one with its replay line.
// Prints "conformance ok" when every check held.
import assert from 'node:assert/strict';
import * as W from 'afxsock';
import { WM_USER } from 'afxsock/pump';
import {
  assertSequence, bothNetworks, SequenceMismatchError, settleUntil, startPeer, WindowRecorder, type NetWorld, type SequenceRow,
} from 'afxsock/testing';

const SEED = 11;
const RIGHT: SequenceRow[] = [['client', 'FD_CONNECT', 0], ['client', 'FD_WRITE', 0], ['client', 'FD_READ', 0]];
const WRONG: SequenceRow[] = [['client', 'FD_CONNECT', 0], ['client', 'FD_WRITE', 0], ['client', 'FD_CLOSE', 0]];

/** Connects to an upper-casing peer, sends "hi", reads "HI", and compares the client's notifications with `expected`. */
function conversation(w: NetWorld, expected: SequenceRow[]): void {
  const peer = startPeer(w);
  const port = peer.listen(7000, { reply: 'upper' });
  const s = W.socket(W.AF_INET, W.SOCK_STREAM, 0);
  const rec = new WindowRecorder(w.hwnd).label(s, 'client');
  assert.equal(W.WSAAsyncSelect(s, w.hwnd, WM_USER, W.FD_CONNECT | W.FD_READ | W.FD_WRITE | W.FD_CLOSE), 0);
  W.connect(s, new W.SOCKADDR_IN(W.AF_INET, W.htons(port), new W.in_addr(W.inet_addr(peer.dotted))), 16);
  const rows: SequenceRow[] = [];
  settleUntil(w, () => (rows.push(...rec.take()), rows.length >= 2), () => 'no FD_CONNECT and FD_WRITE');
  assert.equal(W.send(s, new TextEncoder().encode('hi'), 2, 0), 2);
  settleUntil(w, () => (rows.push(...rec.take()), rows.length >= 3), () => 'no FD_READ');
  const buf = new Uint8Array(8);
  const n = W.recv(s, buf, 8, 0);
  assert.equal(new TextDecoder().decode(buf.subarray(0, n)), 'HI');
  W.closesocket(s);
  peer.end();
  assertSequence(rows, expected, `the conversation on ${w.kind}`);
}

const tests: { title: string; fn: () => Promise<void> }[] = [];
const register = (title: string, fn: () => Promise<void>) => void tests.push({ title, fn });
const options = { sim: { seed: SEED, faults: [{ name: 'lose the first data segment', match: (p: W.PacketInfo) => p.kind === 'data', action: 'drop' as const, times: 1 }] } };
bothNetworks(register, 'right', (w) => conversation(w, RIGHT), options);
bothNetworks(register, 'wrong', (w) => conversation(w, WRONG), options);

for (const { title, fn } of tests) {
  if (title.startsWith('right')) await fn();
  else {
    await assert.rejects(fn(), (e: unknown) => {
      assert.ok(e instanceof SequenceMismatchError, String(e));
      assert.match(e.message, /sequence differs at row 2/);
      assert.match(e.message, /> 2 +client +FD_CLOSE +0 +\| +client +FD_READ +0/);
      if (title.endsWith('[sim]')) assert.match(e.message, new RegExp(`replay with SEED=${SEED}`));
      return true;
    });
  }
}
assert.deepEqual(tests.map((t) => t.title), ['right [sim]', 'right [real]', 'wrong [sim]', 'wrong [real]']);
console.log('conformance ok');
