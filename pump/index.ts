// afxsock/pump — the Win32 thread message queue: the public door of pump/. What lib/ needs beyond
// it (mailbox hooks for the network thread, event sources, the last-error helper) is in internal.ts,
// which package.json#exports does not list.
export * from './constants.ts';
export * from './types.ts';
export { RealClock, VirtualClock, realClock, tickCount, type Clock } from './clock.ts';
export { DeadlockError } from './errors.ts';
export { postMessageLimit, setPostMessageLimit } from './postMessageLimit.ts';
export { Simulation, SimThread } from './simulation.ts';
export { TraceRecorder, formatTrace, type TraceEvent, type TraceKind, type TraceNames } from './trace.ts';
export { messageName, nameMessage } from './messageNames.ts';
export * from './api/messages.ts';
export * from './api/windows.ts';
export * from './api/paint.ts';
export * from './api/visibility.ts';
export * from './api/timers.ts';
export { GetLastError, SetLastError, GetCurrentThreadId } from './api/lastError.ts';
export { waitUntil, currentClock } from './api/wait.ts';
export { runMessageLoopAsync, type AsyncLoopOptions } from './api/asyncLoop.ts';
export { startThread, getThreadData } from './api/threads.ts';
export { startTrace, stopTrace, describeThread, isThreadEmpty } from './api/inspect.ts';
