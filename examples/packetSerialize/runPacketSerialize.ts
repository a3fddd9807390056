// Runs the documentation's PacketSerialize exchange over real sockets on 127.0.0.1: the receiver
// is a blocking CSocket server on this thread; the sender is a CSocket client on a worker thread.
// Both sides run the very same PacketSerialize function, each with a CSocketFile and two archives.
import { AfxSocketInit, AfxSocketTerm, CArchive, CSocket, CSocketFile, type IntRef, type StringRef } from '../../lib/index.ts';
import { DispatchMessage, GetCurrentThreadId, GetMessage, MSG, startThread, WM_USER } from '../../pump/index.ts';
import { PacketSerialize } from './PacketSerialize.ts';

export interface PacketResult {
  /** What the receiver displayed (the sender's receipts). */
  receiver: string[];
  /** What the sender displayed (the receiver's acknowledgments). */
  sender: string[];
  failures: number;
}

export async function runPacketSerialize(nPackets: number, seed: number): Promise<PacketResult> {
  if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
  const sockSrvr = new CSocket();
  if (!sockSrvr.Create(0, undefined, '127.0.0.1') || !sockSrvr.Listen()) throw new Error(`The server could not listen: ${CSocket.GetLastError()}`);
  const port: IntRef = { value: 0 };
  sockSrvr.GetSockName({ value: '' } as StringRef, port);

  const lines = new SharedArrayBuffer(1 << 20);
  const { worker } = startThread(new URL('./senderThread.ts', import.meta.url), { port: port.value, nPackets, seed, creator: GetCurrentThreadId(), lines });
  const exited = new Promise((resolve) => worker.on('exit', resolve));

  const receiver: string[] = [];
  let failures = 0;
  const sockRecv = new CSocket();
  if (sockSrvr.Accept(sockRecv)) {
    const file = new CSocketFile(sockRecv);
    const arData = new CArchive(file, CArchive.load);
    const arAck = new CArchive(file, CArchive.store);
    PacketSerialize(nPackets, arData, arAck, { DisplayMessage: (t) => receiver.push(t), PacketFailure: () => failures++, rand: () => 0 });
    arAck.Close();
    arData.Close();
  }
  // The sender says it is done with a thread message carrying the length of its report. Until it
  // comes, this is the thread's message loop: the socket notifications the exchange queued (one
  // for each recv that left data behind, up to the queue's 10,000) are dispatched, as an MFC
  // program's loop would, so the queue has room for the sender's message.
  const msg = new MSG();
  while (GetMessage(msg, 0, 0, 0) > 0 && !(msg.hwnd === 0 && msg.message === WM_USER)) DispatchMessage(msg);
  if (msg.message !== WM_USER) throw new Error('The message loop ended before the sender reported');
  const report = JSON.parse(new TextDecoder().decode(new Uint8Array(lines, 0, msg.wParam))) as { shown: string[]; failures: number };
  sockRecv.Close();
  sockSrvr.Close();
  AfxSocketTerm();
  await exited;
  return { receiver, sender: report.shown, failures: failures + report.failures };
}
