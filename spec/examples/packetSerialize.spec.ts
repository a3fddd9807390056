// The PacketSerialize example (examples/packetSerialize): mfc-semantics §7.3 between a blocking
// CSocket server on this thread and a CSocket client on a worker thread, over real loopback
// sockets — every copy checked by the receiver, every receipt and acknowledgment displayed.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { runPacketSerialize } from '../../examples/packetSerialize/runPacketSerialize.ts';

test('runPacketSerialize() exchanges every packet and acknowledgment between two threads without a failure', async () => {
  const { receiver, sender, failures } = await runPacketSerialize(4, 11);
  assert.is(failures, 0);
  assert.is(receiver.length, 4);
  assert.is(sender.length, 4);
  for (let p = 0; p < 4; p++) {
    const sent = /^Sender sent packet (\d+) of 4 \(Value = (\d+), Copies = (\d+)\)$/.exec(receiver[p]!);
    assert.ok(sent, receiver[p]);
    assert.is(Number(sent![1]), p + 1);
    assert.is(sender[p], `Recipient received packet ${p + 1} of 4 (Value = ${sent![2]}, Copies = ${sent![3]})`);
  }
});

test.run();
