// The real-network peer's thread: a worker with its own message queue that runs a PeerProgram.
// Its creator sends it WM_PEER_COMMAND (SendMessage to the control window, so the creator waits
// while the peer works); the command itself comes through the MessagePort given at start, read
// synchronously, and the answer goes back the same way before SendMessage returns.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createMessageWindow, DefWindowProc, DispatchMessage, GetMessage, getThreadData, MSG, PostThreadMessage } from '../../../pump/index.ts';
import { AfxSocketInit } from '../../index.ts';
import { answer } from './peerAnswer.ts';
import { PeerProgram, type PeerCommand, type PeerExtension } from './peerProgram.ts';
import { endThread, PEER_ENDED, PEER_READY, WM_PEER_COMMAND, WM_PEER_QUIT } from './peerMessages.ts';

const { port, creator, extension } = getThreadData<{ port: MessagePort; creator: number; extension?: string }>();
// The spec's own peer code, if any (peerThread.ts, ExtensionModule).
const loaded = extension ? ((await import(extension)) as { peerExtension?: PeerExtension }).peerExtension : undefined;
if (extension && !loaded) throw new Error(`peer: ${extension} exports no peerExtension`);
AfxSocketInit();
const program = new PeerProgram(loaded);
const control = createMessageWindow((h, m, w, l) => {
  if (m === WM_PEER_QUIT) return endThread(h);
  if (m !== WM_PEER_COMMAND) return DefWindowProc(h, m, w, l);
  const received = receiveMessageOnPort(port);
  if (!received) throw new Error('peer: WM_PEER_COMMAND without a command on the port');
  port.postMessage(answer(program, received.message as PeerCommand));
  return 0;
}, 'peer control');
PostThreadMessage(creator, PEER_READY, control, 0);
const msg = new MSG();
while (GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
port.close();
PostThreadMessage(creator, PEER_ENDED, 0, 0);
