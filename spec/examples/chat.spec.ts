// The chat example (examples/chat): a CAsyncSocket server with two clients on one message loop.
// Each step of the conversation waits for a line, so the transcript is the same whatever the
// segmentation — checked across seeds of the simulated network (DESIGN.md "The simulated network")
// and over real loopback sockets.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { runChat } from '../../examples/chat/runChat.ts';
import { assertSequence } from '../support/sequence.ts';

const expected = [
  '[alice] * alice joined',
  '[alice] * bob joined',
  '[alice] alice: hello bob',
  '[alice] bob: hi alice, see you',
  '[alice] alice: bye',
  '[alice] * bob left',
  '[bob]   * bob joined',
  '[bob]   alice: hello bob',
  '[bob]   bob: hi alice, see you',
  '[bob]   alice: bye',
];

for (const seed of [1, 2, 3]) {
  test(`runChat() on the simulated network (seed ${seed}) carries the whole conversation to both clients`, () => {
    const { transcript, trace } = runChat({ network: 'sim', seed });
    assertSequence(transcript.map((l) => [l]), expected.map((l) => [l]));
    assert.ok(trace.some((l) => l.includes('server listener') && l.includes('FD_ACCEPT')), 'the trace names the listener');
    assert.ok(trace.some((l) => l.includes('FD_CLOSE')), 'and shows the closes');
  });
}

test('runChat() over real sockets on 127.0.0.1 carries the same conversation', () => {
  const { transcript, trace } = runChat({ network: 'real' });
  assertSequence(transcript.map((l) => [l]), expected.map((l) => [l]));
  assert.ok(trace.some((l) => l.includes('server listener') && l.includes('FD_ACCEPT')));
});

test.run();
