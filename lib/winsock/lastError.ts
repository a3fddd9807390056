// The per-thread last Winsock error. On Windows WSAGetLastError is GetLastError, so this is the
// pump's per-queue last-error slot (each simulated thread has its own).
import { GetLastError, SetLastError } from '../../pump/internal.ts';

/** Emulates: WSAGetLastError — the calling thread's last error. */
export function WSAGetLastError(): number {
  return GetLastError();
}

/** Emulates: WSASetLastError. */
export function WSASetLastError(iError: number): void {
  SetLastError(iError);
}

/** Sets the last error and returns `result`: how every Winsock facade call fails. */
export function wsaFail<T>(error: number, result: T): T {
  SetLastError(error);
  return result;
}
