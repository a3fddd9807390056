// The documentation's "Example of Sockets Using Archives": PacketSerialize(nPackets, arData, arAck)
// ported line by line, run between two CSockets, each with a CSocketFile and one archive per
// direction. The sender writes a header (BYTE value, WORD copies), the copies, a CString receipt
// and Flushes (which sends the packet), then waits for the acknowledgment string; the receiver
// checks every copy against the header, reads the receipt and answers with its own string.
// The main thread runs PacketSerialize itself (a blocking CSocket client, as in the example); the
// server runs on a simulated thread and, being driven by notifications, takes one packet (or one
// acknowledgment) per OnReceive, looping while its archive buffer holds more (IsBufferEmpty).
// Source: mfc-semantics §7.3 (PacketSerialize), §7.2 (the programming model), §7.1 (Sequence of
// Operations), §5.1 item 5; the documentation page "Windows Sockets: Example of Sockets Using Archives".
import * as assert from 'uvu/assert';
import { CSocketFile } from '../../../lib/mfc/socket/CSocketFile.ts';
import { CArchive } from '../../../lib/index.ts';
import { CSocket } from '../../../lib/mfc/socket/index.ts';
import { WSAGetLastError } from '../../../lib/winsock/index.ts';
import { SEED, simSuite, type SimWorld } from '../../support/simWorld.ts';
import { assertSequence, type Row } from '../../support/sequence.ts';
import { SeededRandom } from '../archive/seededRandom.ts';
import { pump, serverThread, TestCSocket } from '../socket/socketWorld.ts';

const test = simSuite('CSocketFile and CArchive: PacketSerialize');

/** What the example shows: DisplayMessage lines and AfxMessageBox("Packet Failure") calls. */
interface Screen {
  lines: string[];
  failures: number;
  /** `rand_s` of the example: the next unsigned 32-bit random number. */
  rand: () => number;
}

/** The sender's loop body up to the Flush: header, copies, receipt. */
function sendPacket(p: number, nPackets: number, arData: CArchive, screen: Screen): void {
  const bValue = screen.rand() % 256;
  const nCopies = screen.rand() % 32000;
  // Send header information
  arData.writeBYTE(bValue).writeWORD(nCopies);
  for (let c = 0; c < nCopies; c++) {
    // Send data
    arData.writeBYTE(bValue);
  }
  const strText = `Sender sent packet ${p + 1} of ${nPackets} (Value = ${bValue}, Copies = ${nCopies})`;
  // Send receipt string
  arData.writeCString(strText);
  arData.Flush();
}

/** The receiver's loop body; `bValue` is carried from packet to packet, as the example's local is. */
function receivePacket(p: number, nPackets: number, arData: CArchive, arAck: CArchive, screen: Screen, state: { bValue: number }): void {
  // Receive header information
  const bCheck = arData.readBYTE();
  const nCopies = arData.readWORD();
  for (let c = 0; c < nCopies; c++) {
    // Receive data
    state.bValue = arData.readBYTE();
    if (bCheck !== state.bValue) screen.failures++; // AfxMessageBox(_T("Packet Failure"))
  }
  // Receive receipt string and display it
  screen.lines.push(arData.readCString());
  const strText = `Recipient received packet ${p + 1} of ${nPackets} (Value = ${state.bValue}, Copies = ${nCopies})`;
  // Send acknowledgment
  arAck.writeCString(strText);
  arAck.Flush();
}

/** The example's function: either side, by the direction of arData. */
function PacketSerialize(nPackets: number, arData: CArchive, arAck: CArchive, screen: Screen): void {
  if (arData.IsStoring()) {
    for (let p = 0; p < nPackets; p++) {
      sendPacket(p, nPackets, arData, screen);
      // Receive acknowledgment and display it
      screen.lines.push(arAck.readCString());
    }
  } else {
    const state = { bValue: 0 };
    for (let p = 0; p < nPackets; p++) receivePacket(p, nPackets, arData, arAck, screen, state);
  }
}

function screenOf(seed: number): Screen {
  const random = new SeededRandom(seed);
  return { lines: [], failures: 0, rand: () => random.nextUint32() };
}

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

/** Each CSocket's pair of archives on one CSocketFile (§7.2 steps 4-5). */
function archivesOn(socket: CSocket, dataIsStoring: boolean): { file: CSocketFile; arData: CArchive; arAck: CArchive } {
  const file = new CSocketFile(socket);
  const arData = new CArchive(file, dataIsStoring ? CArchive.store : CArchive.load);
  const arAck = new CArchive(file, dataIsStoring ? CArchive.load : CArchive.store);
  return { file, arData, arAck };
}

/**
 * The server thread: a CSocket listener on beta:`port` that accepts one CSocket and gives it a
 * CSocketFile and two archives; `onReady` runs after the Accept, `onReceive` for each OnReceive.
 */
function packetServer(w: SimWorld, port: number, dataIsStoring: boolean, onReady: (a: ReturnType<typeof archivesOn>) => void, onReceive: (a: ReturnType<typeof archivesOn>) => void) {
  let sockRecv: TestCSocket | undefined;
  let archives: ReturnType<typeof archivesOn> | undefined;
  const thread = serverThread(w.sim, 'packet server', w.beta, () => {
    const sockSrvr = new TestCSocket('sockSrvr', [], {
      OnAccept: (self) => {
        sockRecv = new TestCSocket('sockRecv', [], { OnReceive: () => onReceive(archives!) });
        if (!self.Accept(sockRecv)) throw new Error(`Accept failed with ${WSAGetLastError()}`);
        self.Close();
        archives = archivesOn(sockRecv, dataIsStoring);
        onReady(archives);
      },
    });
    if (!sockSrvr.Create(port) || !sockSrvr.Listen()) throw new Error(`packet server: ${WSAGetLastError()}`);
  });
  return {
    end: () => thread.end(() => {
      archives?.arData.Abort();
      archives?.arAck.Abort();
      sockRecv?.Close();
    }),
  };
}

const nPackets = 4;

test('PacketSerialize() as the storing side on a blocking CSocket client: every packet arrives intact and every acknowledgment comes back (§7.3)', (w) => {
  const server = { lines: [] as string[], failures: 0, rand: () => 0 };
  let p = 0;
  const state = { bValue: 0 };
  const srv = packetServer(w, 7201, false, () => {}, ({ arData, arAck }) => {
    // One OnReceive may find the start of several packets; take each whole one (the receiver loop, one turn per packet).
    do receivePacket(p++, nPackets, arData, arAck, server, state);
    while (!arData.IsBufferEmpty());
  });
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  assert.ok(sockClient.Connect('beta', 7201));
  const { arData, arAck } = archivesOn(sockClient, true);
  const client = screenOf(SEED);
  PacketSerialize(nPackets, arData, arAck, client);
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
  const server = screenOf(SEED);
  let sent = 0;
  const srv = packetServer(w, 7202, true, ({ arData }) => sendPacket(sent++, nPackets, arData, server), ({ arData, arAck }) => {
    do {
      server.lines.push(arAck.readCString());
      if (sent < nPackets) sendPacket(sent++, nPackets, arData, server);
    } while (!arAck.IsBufferEmpty());
  });
  const sockClient = new CSocket();
  assert.ok(sockClient.Create());
  assert.ok(sockClient.Connect('beta', 7202));
  const { arData, arAck } = archivesOn(sockClient, false);
  const client = { lines: [] as string[], failures: 0, rand: () => 0 };
  PacketSerialize(nPackets, arData, arAck, client);
  pump(); // the last acknowledgment reaches the server
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
