// The Winsock part of a world dump: every open handle, its registration and its kernel socket.
import { openSockets } from './socketTable.ts';

/** One line per open SOCKET, for failure messages and the empty-world check. */
export function describeSockets(): string[] {
  return openSockets().map((ws) => {
    const sel = ws.lEvent ? ` select(hwnd ${ws.hWnd}, msg 0x${ws.wMsg.toString(16)}, events 0x${ws.lEvent.toString(16)}, armed 0x${ws.armed.toString(16)})` : '';
    return `SOCKET 0x${ws.handle.toString(16)} ${ws.nonBlocking ? 'non-blocking' : 'blocking'}${sel}: ${ws.net.describe()}`;
  });
}
