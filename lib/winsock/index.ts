// afxsock's Winsock facade: the Windows Sockets calls MFC uses, over either Network — the simulated
// one (lib/net/sim) or the real one (lib/net/os). WSAAsyncSelect's arming rules live in
// asyncSelect.ts, once, for every network; the rule for C arguments in argumentRules.ts.
export * from './constants.ts';
export { htons, htonl, ntohs, ntohl, inet_addr, inet_ntoa } from './byteOrder.ts';
export { SOCKADDR_IN, LINGER, in_addr, type SOCKADDR, type IntRef } from './sockaddr.ts';
export { WSAStartup, WSACleanup, WSADATA } from './startup.ts';
export { WSAGetLastError, WSASetLastError } from './lastError.ts';
export { socket, bind, listen, accept, connect, shutdown, closesocket } from './connection.ts';
export { send, recv, sendto, recvfrom } from './transfer.ts';
export { getsockopt, setsockopt, ioctlsocket } from './options.ts';
export { getsockname, getpeername, gethostbyname, type HOSTENT } from './names.ts';
export { WSAAsyncSelect, WSAMAKESELECTREPLY, WSAGETSELECTEVENT, WSAGETSELECTERROR } from './asyncSelect.ts';
export { useNetworkHost, setDefaultNetworkHost } from './hostBinding.ts';
export { describeSockets } from './describeSockets.ts';
