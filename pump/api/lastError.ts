// The calling thread's last-error value, and the one helper every Win32 facade uses to fail the
// Windows way: set the error, return the documented failure value.
import { currentQueue } from '../threadContext.ts';

/** Emulates: GetLastError — the calling thread's last error (simulated threads have their own). */
export function GetLastError(): number {
  return currentQueue().lastError;
}

/** Emulates: SetLastError. */
export function SetLastError(dwErrCode: number): void {
  currentQueue().lastError = dwErrCode >>> 0;
}

/** Emulates: GetCurrentThreadId (simulated threads have ids of their own). */
export function GetCurrentThreadId(): number {
  return currentQueue().threadId;
}

/** Sets the last error and returns `result` (false when omitted). */
export function fail(error: number): false;
export function fail<T>(error: number, result: T): T;
export function fail(error: number, result: unknown = false): unknown {
  currentQueue().lastError = error;
  return result;
}
