// afxsock's public front door for the socket and MFC layers. The message queue is `afxsock/pump`.
export * from './winsock/index.ts';
export * from './net/index.ts';
export * from './net/sim/index.ts';
export * from './net/os/index.ts';
export * from './mfc/archive/index.ts';
export * from './mfc/socket/index.ts';
