// Errors that callers are meant to catch. Misuse of our own core throws TypeError / RangeError;
// emulated Win32 calls fail the Windows way (return value plus GetLastError) instead.

/**
 * A wait on virtual time that can never end: no message can arrive, no timer is due, and no
 * simulated event is scheduled. The message lists what is blocked and what is queued.
 */
export class DeadlockError extends Error {
  /**
   * @param threadId the thread whose wait found the deadlock (the innermost wait on the stack), so
   * that a caller further down the stack can tell an error about its own wait from one about a
   * wait above it.
   */
  constructor(message: string, readonly threadId = 0) {
    super(message);
    this.name = 'DeadlockError';
  }
}
