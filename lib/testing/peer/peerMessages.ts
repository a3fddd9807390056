// The messages between a spec and its peer thread, and how the peer's thread ends.
import { DestroyWindow, PostQuitMessage, WM_APP } from '../../../pump/index.ts';
import { AfxSocketTerm } from '../../index.ts';

/** To the peer's control window: run the command that comes with it. */
export const WM_PEER_COMMAND = WM_APP + 0x50;
/** From a real peer thread to its creator (thread message): ready; wParam is the control window. */
export const PEER_READY = WM_APP + 0x51;
/** From a real peer thread to its creator (thread message): its program has ended and closed its sockets. */
export const PEER_ENDED = WM_APP + 0x52;
/** To the peer's control window: end the thread (after the program's 'end'). */
export const WM_PEER_QUIT = WM_APP + 0x53;

/** The peer thread's side of WM_PEER_QUIT: its control window goes, Winsock ends, WM_QUIT follows. */
export function endThread(control: number): number {
  DestroyWindow(control);
  AfxSocketTerm();
  PostQuitMessage(0);
  return 0;
}
