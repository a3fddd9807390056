// afxsock's Winsock facade: the Windows Sockets calls MFC uses, over either network (the real one
// by default, or a simulated host; hostBinding.ts). WSAAsyncSelect's arming rules live in asyncSelect.ts, once, for every network.
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
