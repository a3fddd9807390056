// Front door of MFC's Windows Sockets classes: AfxSocketInit, CAsyncSocket, CSocket and the
// private socket messages. The per-thread state, the aux queue and the helpers stay internal.
export { AfxSocketInit, AfxSocketTerm } from './AfxSocketInit.ts';
export { WM_SOCKET_DEAD, WM_SOCKET_NOTIFY } from './constants.ts';
export { CAsyncSocket } from './CAsyncSocket.ts';
export { CSocket } from './CSocket.ts';
export { CSocketFile } from './CSocketFile.ts';
export { setSocketExceptionHandler, type SocketExceptionHandler } from './SocketThreadState.ts';
export type { StringRef } from './StringRef.ts';
export type { ADDRINFOT } from './ADDRINFOT.ts';
