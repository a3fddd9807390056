// A conformance spec of the CHATSRVR port, written as a user writes one: it imports afxsock only
// by its package names ('afxsock', 'afxsock/pump', 'afxsock/testing') and the program's own files,
// and runs ONE body on both networks — the simulated one (seeded; a fault rule loses the first
// data segment, which TCP sends again) and real 127.0.0.1 sockets. The body is the conversation of
// runChatsrvr.ts, driven step by step from the spec so that it can hold the network while ann
// speaks: nobody hears her until the network is released. What the clients hear is recorded as
// one interleaved table across both, compared step by step with the positional diff of
// afxsock/testing (assertSequence; where the network may order two connections either way, with
// `{ anyOf }`); a wrong row fails with the row, the expected and the actual cells. README "Writing conformance specs" walks through this file.
//
// Run it with node's own test runner: node --conditions=afxsock-source --import tsx --test examples/chatsrvr/chatsrvr.conformance.spec.ts
// (in this repository: npm test -- chatsrvr.conformance)
// (SEED=… replays another seed on the simulated network).
import { test } from 'node:test';
import { DispatchMessage, MSG, PeekMessage, PM_REMOVE } from 'afxsock/pump';
import { AfxSocketInit, AfxSocketTerm } from 'afxsock';
import {
  assertSequence, bothNetworks, settleUntil, SocketNotifyRecorder, type AllowedOrders, type NetWorld, type SequenceExpectation, type SequenceRow,
} from 'afxsock/testing';
import { CChatDoc } from './CChatDoc.ts';
import { CServerDoc } from './CServerDoc.ts';

const msg = new MSG();

/** The program's message loop, for one look: dispatches everything queued. */
function dispatchQueued(): void {
  while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
}

/** Dispatches what is queued, letting the network's time pass, until `done()` (bounded). */
function pumpUntil(w: NetWorld, done: () => boolean, what: string): void {
  settleUntil(w, () => (dispatchQueued(), done()), () => `CHATSRVR: ${what} did not happen`);
}

/**
 * Both clients hear `text`. The server writes to ann's connection, then to bob's, but which of
 * two TCP connections delivers first is the network's choice (real loopback varies run to run),
 * so either order is allowed.
 */
function bothHear(text: string): AllowedOrders {
  const ann: SequenceRow = ['ann', 'hears', text];
  const bob: SequenceRow = ['bob', 'hears', text];
  return { anyOf: [[ann, bob], [bob, ann]] };
}

/** Dispatches what is queued for `rounds` looks, 5 ms of the network's time apart. */
function pumpFor(w: NetWorld, rounds: number): void {
  for (let i = 0; i < rounds; i++, w.settle(5)) dispatchQueued();
}

bothNetworks(test, 'CHATSRVR relays every message to every client, in order, and a held message arrives once the network is released', (w) => {
  if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
  // One table for everything the program sees, in the order it sees it, compared step by step.
  const rows: SequenceRow[] = [];
  const heard = (doc: CChatDoc, text: string) => rows.push([doc.m_strHandle, 'hears', text]);
  const step = (what: string, expected: SequenceExpectation) => assertSequence(rows.splice(0), expected, `${what} (${w.kind} network)`);
  const server = new CServerDoc();
  const ann = new CChatDoc('ann', (me, msg) => heard(me, msg.m_strText));
  const bob = new CChatDoc('bob', (me, msg) => heard(me, msg.m_strText));
  try {
    const port = server.Listen('127.0.0.1', 0);
    if (port === 0) throw new Error('CHATSRVR could not listen on 127.0.0.1');
    if (!ann.ConnectSocket('127.0.0.1', port)) throw new Error('ann could not connect');
    // The notifications MFC's socket window dispatches to the clients' CSocket objects. How many
    // FD_READs a message takes depends on how the network cuts it, so the spec compares what does
    // not: each client's first notification, and that none carries an error.
    const notified = new SocketNotifyRecorder().label(ann.m_pSocket!, 'ann');
    ann.SendMsg('joined');
    pumpUntil(w, () => ann.shown.length === 1, 'ann hearing her own join');
    step('ann joins', [['ann', 'hears', 'ann: joined']]);
    if (!bob.ConnectSocket('127.0.0.1', port)) throw new Error('bob could not connect');
    notified.label(bob.m_pSocket!, 'bob');
    bob.SendMsg('joined');
    pumpUntil(w, () => bob.shown.length === 1 && ann.shown.length === 2, 'both hearing bob join');
    step('bob joins', bothHear('bob: joined'));
    // Held, ann's message waits (not lost); released, it reaches the server and both clients.
    w.hold();
    ann.SendMsg('hello', [{ x: 1, y: 2 }], { ann: 3 });
    pumpFor(w, 20);
    step('while the network is held', []);
    w.release();
    pumpUntil(w, () => bob.shown.length === 2 && ann.shown.length === 3, 'both hearing ann after the release');
    step('once it is released', bothHear('ann: hello'));

    bob.SendMsg('hi ann', [{ x: -5, y: 7 }], { bob: 2 });
    pumpUntil(w, () => ann.shown.length === 4 && bob.shown.length === 3, 'both hearing bob');
    step('bob answers', bothHear('bob: hi ann'));
    const clientRows = notified.take().filter(([label]) => label === 'ann' || label === 'bob');
    notified.stop();
    const firsts = ['ann', 'bob'].map((name) => clientRows.find(([label]) => label === name) ?? [name, 'nothing', 0]);
    assertSequence(firsts, [['ann', 'FD_WRITE', 0], ['bob', 'FD_WRITE', 0]], 'a connected CSocket is first told it may send');
    assertSequence(clientRows.filter(([, , error]) => error !== 0), [], 'notifications with an error');
    ann.Disconnect();
    bob.Disconnect();
    pumpUntil(w, () => server.m_connectionList.IsEmpty(), 'the server seeing both leave');

    step('leaving', []);
    assertSequence(server.m_msgList.map((text) => ['server', 'logs', text]), [
      ['server', 'logs', 'ann: joined'],
      ['server', 'logs', 'bob: joined'],
      ['server', 'logs', 'ann: hello'],
      ['server', 'logs', 'bob: hi ann'],
    ], 'the server log');
  } finally {
    for (const doc of [ann, bob]) doc.DeleteContents();
    server.Close();
    AfxSocketTerm();
  }
}, {
  // The simulated half: a seed (else SEED, else the default) and a fault rule.
  sim: { seed: 7, faults: [{ name: 'lose the first data segment', match: (p) => p.kind === 'data', action: 'drop', times: 1 }] },
});
