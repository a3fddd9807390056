// How a blocking socket call waits: at the pump's one wait point, without dispatching messages,
// until the kernel state it needs holds. The wait may run other simulated threads, which may
// close this very socket, so the caller re-checks it afterwards (STYLE.md 8).
import { waitUntil } from '../../pump/internal.ts';
import { isOpen, type WinSocket } from './socketTable.ts';

/**
 * Waits until `ready()` or until the socket is closed under the call. Returns false in the second
 * case (the caller fails with WSAEINTR, as a blocking call interrupted by closesocket does).
 */
export function blockUntil(ws: WinSocket, ready: () => boolean, what: string): boolean {
  ws.blockingCalls++;
  try {
    waitUntil(() => !isOpen(ws) || ready(), undefined, `${what} on socket 0x${ws.handle.toString(16)} (${ws.net.describe()})`);
  } finally {
    ws.blockingCalls--;
  }
  return isOpen(ws);
}
