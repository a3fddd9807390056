// Winsock's numeric values, exactly as winsock.h / winsock2.h / ws2def.h define them for a
// 32-bit-compatible build (mfc-semantics §2.1, §3.1, §3.2, §8). Names and values are a promise.

// Error codes (WSABASEERR + n).
export const WSABASEERR = 10000;
export const WSAEINTR = 10004;
export const WSAEBADF = 10009;
export const WSAEACCES = 10013;
export const WSAEFAULT = 10014;
export const WSAEINVAL = 10022;
export const WSAEMFILE = 10024;
export const WSAEWOULDBLOCK = 10035;
export const WSAEINPROGRESS = 10036;
export const WSAEALREADY = 10037;
export const WSAENOTSOCK = 10038;
export const WSAEDESTADDRREQ = 10039;
export const WSAEMSGSIZE = 10040;
export const WSAEPROTOTYPE = 10041;
export const WSAENOPROTOOPT = 10042;
export const WSAEPROTONOSUPPORT = 10043;
export const WSAESOCKTNOSUPPORT = 10044;
export const WSAEOPNOTSUPP = 10045;
export const WSAEPFNOSUPPORT = 10046;
export const WSAEAFNOSUPPORT = 10047;
export const WSAEADDRINUSE = 10048;
export const WSAEADDRNOTAVAIL = 10049;
export const WSAENETDOWN = 10050;
export const WSAENETUNREACH = 10051;
export const WSAENETRESET = 10052;
export const WSAECONNABORTED = 10053;
export const WSAECONNRESET = 10054;
export const WSAENOBUFS = 10055;
export const WSAEISCONN = 10056;
export const WSAENOTCONN = 10057;
export const WSAESHUTDOWN = 10058;
export const WSAETOOMANYREFS = 10059;
export const WSAETIMEDOUT = 10060;
export const WSAECONNREFUSED = 10061;
export const WSAELOOP = 10062;
export const WSAENAMETOOLONG = 10063;
export const WSAEHOSTDOWN = 10064;
export const WSAEHOSTUNREACH = 10065;
export const WSAENOTEMPTY = 10066;
export const WSAEPROCLIM = 10067;
export const WSAEUSERS = 10068;
export const WSAEDQUOT = 10069;
export const WSAESTALE = 10070;
export const WSAEREMOTE = 10071;
export const WSASYSNOTREADY = 10091;
export const WSAVERNOTSUPPORTED = 10092;
export const WSANOTINITIALISED = 10093;
export const WSAEDISCON = 10101;
export const WSAHOST_NOT_FOUND = 11001;
export const WSATRY_AGAIN = 11002;
export const WSANO_RECOVERY = 11003;
export const WSANO_DATA = 11004;

// WSAAsyncSelect event bits.
export const FD_READ = 0x01;
export const FD_WRITE = 0x02;
export const FD_OOB = 0x04;
export const FD_ACCEPT = 0x08;
export const FD_CONNECT = 0x10;
export const FD_CLOSE = 0x20;

// Handles and results.
/** (SOCKET)~0 as a 32-bit build sees it. */
export const INVALID_SOCKET = 0xffffffff;
export const SOCKET_ERROR = -1;

// Families, types, protocols.
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const PF_INET = AF_INET;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const IPPROTO_IP = 0;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

// send/recv flags.
export const MSG_OOB = 0x1;
export const MSG_PEEK = 0x2;
export const MSG_DONTROUTE = 0x4;

// shutdown how.
export const SD_RECEIVE = 0;
export const SD_SEND = 1;
export const SD_BOTH = 2;

// Socket options.
export const SOL_SOCKET = 0xffff;
export const SO_DEBUG = 0x0001;
export const SO_ACCEPTCONN = 0x0002;
export const SO_REUSEADDR = 0x0004;
export const SO_KEEPALIVE = 0x0008;
export const SO_DONTROUTE = 0x0010;
export const SO_BROADCAST = 0x0020;
export const SO_USELOOPBACK = 0x0040;
export const SO_LINGER = 0x0080;
export const SO_OOBINLINE = 0x0100;
/** (int)(~SO_LINGER). */
export const SO_DONTLINGER = ~SO_LINGER;
export const SO_SNDBUF = 0x1001;
export const SO_RCVBUF = 0x1002;
export const SO_SNDLOWAT = 0x1003;
export const SO_RCVLOWAT = 0x1004;
export const SO_SNDTIMEO = 0x1005;
export const SO_RCVTIMEO = 0x1006;
export const SO_ERROR = 0x1007;
export const SO_TYPE = 0x1008;
export const TCP_NODELAY = 0x0001;

// ioctlsocket commands, as the signed long a C caller passes.
export const FIONREAD = 0x4004667f;
export const FIONBIO = 0x8004667e | 0;
export const SIOCATMARK = 0x40047307;

// Addresses (host order, as the SDK defines them before htonl).
export const INADDR_ANY = 0x00000000;
export const INADDR_LOOPBACK = 0x7f000001;
export const INADDR_BROADCAST = 0xffffffff;
export const INADDR_NONE = 0xffffffff;

/** WinSock 1.1's backlog maximum, which MFC documents ("valid range 1 to 5"). */
export const SOMAXCONN = 5;

/** sizeof(SOCKADDR_IN) and sizeof(SOCKADDR). */
export const SOCKADDR_IN_SIZE = 16;
