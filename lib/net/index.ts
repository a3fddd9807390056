// The kernel interface shared by the simulated and the real network. Windows-agnostic: no WSAE
// codes, no FD_ bits — lib/winsock maps these to the Windows surface.
export * from './ipv4.ts';
export { isNetError } from './network.ts';
export type {
  NetChange,
  NetError,
  NetHost,
  NetSocket,
  Network,
  SocketKind,
  SocketListener,
  SocketOptions,
  SocketState,
} from './network.ts';
