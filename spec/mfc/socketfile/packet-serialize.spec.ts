// The documentation's "Example of Sockets Using Archives": PacketSerialize(nPackets, arData, arAck)
// ported line by line, run between two CSockets, each with a CSocketFile and one archive per
// direction. The sender writes a header (BYTE value, WORD copies), the copies, a CString receipt
// and Flushes (which sends the packet), then waits for the acknowledgment string; the receiver
// checks every copy against the header, reads the receipt and answers with its own string.
// The main thread runs PacketSerialize itself (a blocking CSocket client, as in the example); the
// server runs on the peer's thread and, being driven by notifications, takes one packet (or one
// acknowledgment) per OnReceive, looping while its archive buffer holds more (IsBufferEmpty). The
// example's code, and the server, are in fixtures/packetSerialize.ts (the peer's extension module).
// Each test runs on the simulated network (the server on a simulated thread, host "beta") and on
// real 127.0.0.1 loopback sockets (the server on a real worker thread).
// Source: mfc-semantics §7.3 (PacketSerialize), §7.2 (the programming model), §7.1 (Sequence of
// Operations), §5.1 item 5; the documentation page "Windows Sockets: Example of Sockets Using Archives".
import * as assert from 'uvu/assert';
import { CSocket } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { SEED } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { pump } from '../socket/socketWorld.ts';
import { archivesOn, PacketSerialize, peerExtension, screenOf } from './fixtures/packetSerialize.ts';
import { eventually } from '../socket/peerConnection.ts';
import { type NetWorld, startPeer } from 'afxsock/testing';

const test = dualSuite('CSocketFile and CArchive: PacketSerialize');

/** The texts both screens must show, from the sender's random numbers (replayed with the same seed). */
function expectedScreens(seed: number, nPackets: number): { sender: Row[]; receiver: Row[] } {
  const rand = screenOf(seed).rand;
  const sender: Row[] = [];
  const receiver: Row[] = [];
  let last = 0;
  for (let p = 0; p < nPackets; p++) {
    const bValue = rand() % 256;
    const nCopies = rand() % 32000;
    if (nCopies > 0) last = bValue;
    receiver.push([`Sender sent packet ${p + 1} of ${nPackets} (Value = ${bValue}, Copies = ${nCopies})`]);
    sender.push([`Recipient received packet ${p + 1} of ${nPackets} (Value = ${last}, Copies = ${nCopies})`]);
  }
  return { sender, receiver };
}

type ServerScreen = { lines: string[]; failures: number };

/**
 * The server on the peer's thread: a CSocket listener on `port` (the real network picks one) that
 * accepts one CSocket and gives it a CSocketFile and two archives, storing the packets
 * (`dataIsStoring`, rand_s seeded with SEED) or loading them.
 */
function packetServer(w: NetWorld, port: number, dataIsStoring: boolean) {
  const peer = startPeer(w, 'packet server', { url: new URL('./fixtures/packetSerialize.ts', import.meta.url), peerExtension });
  const bound = peer.call<number>('listen', w.kind === 'real' ? 0 : port, dataIsStoring, SEED, nPackets);
  return {
    host: peer.host,
    port: bound,
    /** What the server displayed, once it shows `lines` lines. */
    screen: (lines: number) => eventually(() => peer.call<ServerScreen>('screen'), (s) => s.lines.length >= lines, `the server to display ${lines} lines`),
    end() {
      peer.call('finish');
      peer.end();
    },
  };
}

const nPackets = 4;

test('PacketSerialize() as the storing side on a blocking CSocket client: every packet arrives intact and every acknowledgment comes back (§7.3)', (w) => {
  const srv = packetServer(w, 7201, false);
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  assert.ok(sockClient.Connect(srv.host, srv.port));
  const { arData, arAck } = archivesOn(sockClient, true);
  const client = screenOf(SEED);
  PacketSerialize(nPackets, arData, arAck, client);
  const server = srv.screen(nPackets);
  const expected = expectedScreens(SEED, nPackets);
  assertSequence(client.lines.map((l) => [l]), expected.sender, 'the sender displays the acknowledgments');
  assertSequence(server.lines.map((l) => [l]), expected.receiver, 'the receiver displays the receipts');
  assert.is(server.failures, 0, 'no "Packet Failure"');
  assert.ok(arAck.IsBufferEmpty());
  arData.Close();
  arAck.Close();
  sockClient.Close();
  pump();
  srv.end();
});

test('PacketSerialize() as the loading side on a blocking CSocket client: every copy matches its header and each receipt is acknowledged (§7.3)', (w) => {
  const srv = packetServer(w, 7202, true);
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  assert.ok(sockClient.Connect(srv.host, srv.port));
  const { arData, arAck } = archivesOn(sockClient, false);
  const client = { lines: [] as string[], failures: 0, rand: () => 0 };
  PacketSerialize(nPackets, arData, arAck, client);
  pump(); // the last acknowledgment reaches the server
  const server = srv.screen(nPackets);
  const expected = expectedScreens(SEED, nPackets);
  assertSequence(client.lines.map((l) => [l]), expected.receiver, 'the receiver displays the receipts');
  assertSequence(server.lines.map((l) => [l]), expected.sender, 'the sender displays the acknowledgments');
  assert.is(client.failures, 0, 'no "Packet Failure"');
  assert.ok(arData.IsBufferEmpty(), 'nothing left over');
  arData.Close();
  arAck.Close();
  sockClient.Close();
  pump();
  srv.end();
});

test.run();
