// afxsock's public front door for the socket and MFC layers (the message queue is `afxsock/pump`):
// the Winsock facade, choosing a network (simulated or real), and MFC's socket, archive, object,
// collection and exception classes. The kernel interface's internals (its sockets, changes and
// errors, the IPv4 helpers behind inet_addr / inet_ntoa, the PRNG) stay behind it.
export * from './winsock/index.ts';
export type { Network, NetHost, SocketKind, SocketOptions } from './net/index.ts';
export * from './net/sim/index.ts';
export * from './net/os/index.ts';
export * from './mfc/archive/index.ts';
export * from './mfc/socket/index.ts';
