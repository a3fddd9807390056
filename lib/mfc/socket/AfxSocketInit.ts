// AfxSocketInit / AfxSocketTerm: MFC's Winsock start-up, once per thread (statically linked MFC
// keeps this state per thread; mfc-semantics §3.1 item 4).
import { GetCurrentThreadId } from '../../../pump/internal.ts';
import { WSACleanup, WSADATA, WSAStartup } from '../../winsock/index.ts';

const WINSOCK_1_1 = 0x0101;
const started = new Set<number>();

/**
 * Starts Winsock 1.1 for the calling thread; later calls on the same thread only return true.
 * Emulates: `AfxSocketInit(WSADATA* lpwsaData = NULL)` — WSAStartup(MAKEWORD(1, 1)), failing (and
 * undoing the start-up) unless exactly version 1.1 is granted. `lpwsaData` is filled by the first call.
 *
 * @example
 * if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
 */
export function AfxSocketInit(lpwsaData: WSADATA | null = null): boolean {
  const id = GetCurrentThreadId();
  if (started.has(id)) return true;
  const data = lpwsaData ?? new WSADATA();
  if (WSAStartup(WINSOCK_1_1, data) !== 0) return false;
  if ((data.wVersion & 0xff) !== 1 || data.wVersion >>> 8 !== 1) {
    WSACleanup();
    return false;
  }
  started.add(id);
  return true;
}

/**
 * Ends what AfxSocketInit started on the calling thread (WSACleanup); nothing if it was not called.
 * Emulates: `AfxSocketTerm`, which MFC runs when the application (or, statically linked, the thread) ends.
 */
export function AfxSocketTerm(): void {
  if (started.delete(GetCurrentThreadId())) WSACleanup();
}
