// The per-thread last Winsock error. On Windows WSAGetLastError is GetLastError, so this is the
// pump's per-queue last-error slot (each simulated thread has its own).
import { GetLastError, SetLastError, fail } from '../../pump/internal.ts';

/** Emulates: WSAGetLastError — the calling thread's last error. */
export function WSAGetLastError(): number {
  return GetLastError();
}

/** Emulates: WSASetLastError. */
export function WSASetLastError(iError: number): void {
  SetLastError(iError);
}

/**
 * Sets the last error and returns `result`: how every Winsock facade call and every MFC socket
 * member fails. WSASetLastError is SetLastError, so this is the pump's one `fail`.
 */
export const wsaFail: <T>(error: number, result: T) => T = fail;

/**
 * Sets the last error to 0 and returns `result`: what the calls that Windows clears the error in
 * do when they succeed (windows-facts A.11). Wine's conformance tests, which pass on Windows, set
 * the error to 0xdeadbeef and find 0 after a successful send, sendto, recv, recvfrom, getsockopt,
 * setsockopt, getsockname (Windows 7 and later) and ioctlsocket (FIONBIO, FIONREAD, SIOCATMARK
 * through WSAIoctl); those calls end with this. The other calls leave the error as they found it
 * when they succeed: no test shows Windows clearing it there.
 */
export function wsaSucceed<T>(result: T): T {
  return fail(0, result);
}
