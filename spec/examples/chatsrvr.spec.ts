// The CHATSRVR / CHATTER port (examples/chatsrvr; Microsoft's MFC samples, socket parts, line by
// line): the server keeps its clients in a CPtrList (CTypedPtrList<CPtrList, CClientSocket*>),
// its socket classes take their document in the constructor (IMPLEMENT_DYNAMIC), and every CMsg
// carries a CArray<POINT, POINT> and a CMap<CString, LPCTSTR, int, int> through CSocketFile and
// CArchive (issue 14, "done when"; mfc-semantics 5.10, 7.1). The conversation reads the same on
// the simulated network (several seeds, 5-byte segments) and on real loopback; the bytes ann's
// first message puts on the wire are MFC's, worked out by hand from mfc-semantics 5.5-5.7 and the
// MFC 9 Serialize rules in spec/mfc/archive/template-collections.spec.ts, and a plain node:net
// peer standing in for the MFC server receives exactly those bytes and is understood back.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { CMsg } from '../../examples/chatsrvr/CMsg.ts';
import { CChatDoc } from '../../examples/chatsrvr/CChatDoc.ts';
import { runChatsrvr } from '../../examples/chatsrvr/runChatsrvr.ts';
import { AfxSocketInit } from 'afxsock';
import { DispatchMessage, PeekMessage, PM_REMOVE, MSG, waitUntil } from 'afxsock/pump';
import { fromHex, hex, loading, stored } from '../mfc/archive/archiveSupport.ts';
import { withRawPeer } from '../net/os/osSpecSupport.ts';

const conversation = [
  '[ann] ann: joined |  | ',
  '[ann] bob: joined |  | ',
  '[ann] ann: hello | (1,2) (300,-1) | ann=3',
  '[ann] bob: hi ann | (-5,7) | bob=2 ann=4',
  '[ann] ann: bye |  | bob=2 ann=4',
  '[bob] bob: joined |  | ',
  '[bob] ann: hello | (1,2) (300,-1) | ann=3',
  '[bob] bob: hi ann | (-5,7) | bob=2 ann=4',
  '[bob] ann: bye |  | bob=2 ann=4',
];

// ann's first message: WORD m_bClose, CString m_strText, CStringList m_msgList (empty),
// CArray<POINT, POINT> (count, two 8-byte points), CMap<CString, LPCTSTR, int, int> (count, key, value).
const annHello = [
  '00 00',
  'FF FE FF 0A 61 00 6E 00 6E 00 3A 00 20 00 68 00 65 00 6C 00 6C 00 6F 00',
  '00 00',
  '02 00 01 00 00 00 02 00 00 00 2C 01 00 00 FF FF FF FF',
  '01 00 FF FE FF 03 61 00 6E 00 6E 00 03 00 00 00',
].join(' ');

// What the server broadcasts after bob's answer: the merged scoreboard in MFC 9's table order
// ("bob": 98·33² + 111·33 + 98 = 110383 → bucket 2; "ann": 109373 → bucket 12: bob first).
const broadcast = [
  '00 00',
  'FF FE FF 0B 62 00 6F 00 62 00 3A 00 20 00 68 00 69 00 20 00 61 00 6E 00 6E 00',
  '00 00',
  '01 00 FB FF FF FF 07 00 00 00',
  '02 00 FF FE FF 03 62 00 6F 00 62 00 02 00 00 00 FF FE FF 03 61 00 6E 00 6E 00 04 00 00 00',
].join(' ');

test('CMsg.Serialize() stores ann\'s first message as MFC does, and loads it back', () => {
  const msg = new CMsg();
  msg.m_strText = 'ann: hello';
  msg.m_points.Add({ x: 1, y: 2 });
  msg.m_points.Add({ x: 300, y: -1 });
  msg.m_scores.SetAt('ann', 3);
  assert.is(hex(stored((ar) => msg.Serialize(ar))), annHello);
  const back = new CMsg();
  back.Serialize(loading(fromHex(broadcast)));
  assert.is(back.m_strText, 'bob: hi ann');
  assert.equal(back.m_points.GetData(), [{ x: -5, y: 7 }]);
  const v = { value: 0 };
  assert.ok(back.m_scores.Lookup('bob', v));
  assert.is(v.value, 2);
  assert.is(hex(stored((ar) => back.Serialize(ar))), broadcast, 'stored again, the loaded map keeps MFC\'s order');
});

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`runChatsrvr() on the simulated network (seed ${seed}) holds the whole conversation`, () => {
    const r = runChatsrvr({ network: 'sim', seed });
    assert.equal(r.shown, conversation, `seed ${seed}`);
    assert.equal(r.serverLog, ['ann: joined', 'bob: joined', 'ann: hello', 'bob: hi ann', 'ann: bye']);
  });
}

test('runChatsrvr() on the simulated network with 5-byte segments holds the whole conversation (CSocket blocks mid-message)', () => {
  for (const seed of [1, 4, 9]) assert.equal(runChatsrvr({ network: 'sim', seed, segmentBytes: 5 }).shown, conversation, `seed ${seed}`);
});

test('runChatsrvr() on real loopback sockets holds the same conversation', () => {
  const r = runChatsrvr({ network: 'real' });
  assert.equal(r.shown, conversation);
  assert.equal(r.serverLog, ['ann: joined', 'bob: joined', 'ann: hello', 'bob: hi ann', 'ann: bye']);
});

test('CChatDoc puts MFC\'s bytes on the wire to a node:net server and reads the bytes it broadcasts', () =>
  withRawPeer(async (peer) => {
    assert.ok(AfxSocketInit());
    const port = await peer.listen({ send: [...fromHex(broadcast)] });
    const ann = new CChatDoc('ann', () => {});
    assert.ok(ann.ConnectSocket('127.0.0.1', port));
    ann.SendMsg('hello', [{ x: 1, y: 2 }, { x: 300, y: -1 }], { ann: 3 });
    const msg = new MSG();
    const shown = waitUntil(() => {
      while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
      return ann.shown.length > 0;
    }, 10_000, 'the broadcast from the node:net server');
    assert.ok(shown, 'the broadcast arrived');
    assert.equal(ann.shown, ['bob: hi ann | (-5,7) | bob=2 ann=4']);
    ann.DeleteContents();
    const got = await peer.ask<{ bytes: number[] }>('waitEnd', { index: 0 });
    assert.is(hex(Uint8Array.from(got.bytes)), annHello);
    while (PeekMessage(msg, 0, 0, 0, PM_REMOVE)) DispatchMessage(msg);
  }),
);

test.run();
