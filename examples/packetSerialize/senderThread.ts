// The sending side, as a worker thread: a CSocket client in a thread of its own with its own
// message queue — the pattern MFC's documentation recommends for blocking sockets. It connects,
// runs PacketSerialize as the sender, then tells its creator what it displayed.
import { AfxSocketInit, CArchive, CSocket, CSocketFile } from '../../lib/index.ts';
import { ERROR_NOT_ENOUGH_QUOTA, getThreadData, GetLastError, PostThreadMessage, WM_USER } from '../../pump/index.ts';
import { PacketSerialize, seededRand } from './PacketSerialize.ts';

const { port, nPackets, seed, creator, lines } = getThreadData<{ port: number; nPackets: number; seed: number; creator: number; lines: SharedArrayBuffer }>();

const shown: string[] = [];
let failures = 0;
if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
const sockClient = new CSocket();
sockClient.Create();
if (sockClient.Connect('127.0.0.1', port)) {
  const file = new CSocketFile(sockClient);
  const arData = new CArchive(file, CArchive.store);
  const arAck = new CArchive(file, CArchive.load);
  PacketSerialize(nPackets, arData, arAck, { DisplayMessage: (t) => shown.push(t), PacketFailure: () => failures++, rand: seededRand(seed) });
  arAck.Close();
  arData.Close();
}
sockClient.Close();
// Hand the lines back through shared memory (only numbers travel in thread messages).
const bytes = new TextEncoder().encode(JSON.stringify({ shown, failures }));
new Uint8Array(lines).set(bytes);
// The creator's queue may be full (each recv that left data behind posted a notification there):
// a Windows program retries a refused post a moment later.
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!PostThreadMessage(creator, WM_USER, bytes.length, 0)) {
  if (GetLastError() !== ERROR_NOT_ENOUGH_QUOTA) throw new Error(`PostThreadMessage to the creator failed: ${GetLastError()}`);
  Atomics.wait(pause, 0, 0, 1);
}
