// afxsock's public front door for the socket and MFC layers. The message queue is `afxsock/pump`.
export * from './mfc/archive/index.ts';
