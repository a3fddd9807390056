// Socket options and ioctlsocket: every option of mfc-semantics §3.2. Option values travel as
// their memory image (optval bytes, little-endian int or LINGER), with optlen as an in/out
// IntRef, so a short buffer fails with WSAEFAULT exactly where C code would. Arguments follow the
// one rule of argumentRules.ts; each call that succeeds sets the last error to 0 (windows-facts
// A.11: Wine's test_set_getsockopt, test_fionread_siocatmark and test_fionbio find it 0).
import {
  FIONBIO,
  FIONREAD,
  IPPROTO_IP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SIOCATMARK,
  SO_ACCEPTCONN,
  SO_BROADCAST,
  SO_DEBUG,
  SO_DONTLINGER,
  SO_DONTROUTE,
  SO_ERROR,
  SO_KEEPALIVE,
  SO_LINGER,
  SO_OOBINLINE,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_SNDBUF,
  SO_TYPE,
  SOCKET_ERROR,
  SOL_SOCKET,
  TCP_NODELAY,
  WSAEFAULT,
  WSAEINVAL,
  WSAENOPROTOOPT,
} from './constants.ts';
import { byteView, intAt, toInt } from './argumentRules.ts';
import { wsaErrorOf } from './errorMap.ts';
import { wsaFail, wsaSucceed } from './lastError.ts';
import { LINGER, type IntRef } from './sockaddr.ts';
import { socketOf, type WinSocket } from './socketTable.ts';

/**
 * Emulates: getsockopt. SOL_SOCKET: SO_ACCEPTCONN, SO_BROADCAST, SO_DEBUG, SO_DONTLINGER,
 * SO_DONTROUTE, SO_ERROR, SO_KEEPALIVE, SO_LINGER, SO_OOBINLINE, SO_RCVBUF, SO_REUSEADDR,
 * SO_SNDBUF, SO_TYPE; IPPROTO_TCP: TCP_NODELAY. Anything else: WSAENOPROTOOPT, at a level no
 * AF_INET socket has: WSAEINVAL. A buffer under the
 * option's size, an optval that is no byte buffer, an optlen that is no IntRef holding a number:
 * WSAEFAULT; a level or optname that is no number: WSAEINVAL. Success sets the last error to 0.
 * Differs from the documentation: reading SO_ERROR does not clear it, and it keeps a failed
 * connect's error until a connect succeeds (as Windows does, windows-facts A.2.7).
 */
export function getsockopt(s: number, level: number, optname: number, optval: ArrayBufferView, optlen: IntRef): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const nLevel = toInt(level);
  const nName = toInt(optname);
  if (nLevel === undefined || nName === undefined || !KNOWN_LEVELS.has(nLevel)) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  const into = byteView(optval);
  const room = intAt(optlen);
  if (into === undefined || room === undefined) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  const value = readOption(ws, nLevel, nName);
  if (value === undefined) return wsaFail(WSAENOPROTOOPT, SOCKET_ERROR);
  const bytes = value instanceof LINGER ? value.toBytes() : intBytes(value);
  if (room < bytes.length || into.length < bytes.length) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  into.set(bytes);
  optlen.value = bytes.length;
  return wsaSucceed(0);
}

/**
 * The levels an AF_INET socket has. Any other level (0xffffffff, 0x8000, …) is WSAEINVAL, not
 * WSAENOPROTOOPT (Wine's test_set_getsockopt and test_extendedSocketOptions, passing on Windows).
 */
const KNOWN_LEVELS = new Set([SOL_SOCKET, IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP]);

function readOption(ws: WinSocket, level: number, optname: number): number | LINGER | undefined {
  const net = ws.net;
  if (level === IPPROTO_TCP) return optname === TCP_NODELAY ? bool(net.getOption('noDelay')) : undefined;
  if (level !== SOL_SOCKET) return undefined;
  switch (optname) {
    case SO_ACCEPTCONN:
      return bool(net.state === 'listening');
    case SO_BROADCAST:
      return bool(net.getOption('broadcast'));
    case SO_DEBUG:
      return bool(ws.debug);
    case SO_DONTLINGER:
      return bool(ws.lingerOnOff === 0);
    case SO_DONTROUTE:
      return bool(ws.dontRoute);
    case SO_ERROR:
      return net.connectError ? wsaErrorOf(net.connectError) : 0;
    case SO_KEEPALIVE:
      return bool(net.getOption('keepAlive'));
    case SO_LINGER:
      return new LINGER(ws.lingerOnOff, ws.lingerSeconds);
    case SO_OOBINLINE:
      return bool(net.getOption('urgentInline'));
    case SO_RCVBUF:
      return net.getOption('receiveBufferBytes');
    case SO_REUSEADDR:
      return bool(net.getOption('reuseAddress'));
    case SO_SNDBUF:
      return net.getOption('sendBufferBytes');
    case SO_TYPE:
      return ws.type;
    default:
      return undefined;
  }
}

/**
 * Emulates: setsockopt. SOL_SOCKET: SO_BROADCAST, SO_DEBUG, SO_DONTLINGER, SO_DONTROUTE,
 * SO_KEEPALIVE, SO_LINGER, SO_OOBINLINE, SO_RCVBUF, SO_REUSEADDR, SO_SNDBUF; IPPROTO_TCP:
 * TCP_NODELAY. Read-only or unknown options: WSAENOPROTOOPT (at an unknown level: WSAEINVAL); a value under 4 bytes, an optval
 * that is no byte buffer, an optlen that is no number: WSAEFAULT; a level or optname that is no
 * number: WSAEINVAL. Success sets the last error to 0.
 * Differs: Windows also takes 1 to 3 bytes for the boolean options (and 0 for some of them, Wine's
 * test_set_getsockopt); here every option needs 4.
 */
export function setsockopt(s: number, level: number, optname: number, optval: ArrayBufferView, optlen: number): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const value = byteView(optval);
  const n = toInt(optlen);
  if (value === undefined || n === undefined || n < 4 || value.length < n) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  const nLevel = toInt(level);
  const nName = toInt(optname);
  if (nLevel === undefined || nName === undefined || !KNOWN_LEVELS.has(nLevel)) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  const error = writeOption(ws, nLevel, nName, value);
  return error === 0 ? wsaSucceed(0) : wsaFail(error, SOCKET_ERROR);
}

/** Applies one option value (at least 4 bytes); 0 or the Winsock error. */
function writeOption(ws: WinSocket, level: number, optname: number, optval: Uint8Array): number {
  const int = new DataView(optval.buffer, optval.byteOffset, 4).getInt32(0, true);
  const net = ws.net;
  if (level === IPPROTO_TCP) {
    if (optname !== TCP_NODELAY) return WSAENOPROTOOPT;
    net.setOption('noDelay', int !== 0);
    return 0;
  }
  if (level !== SOL_SOCKET) return WSAENOPROTOOPT;
  switch (optname) {
    case SO_BROADCAST:
      net.setOption('broadcast', int !== 0);
      return 0;
    case SO_DEBUG:
      ws.debug = int !== 0;
      return 0;
    case SO_DONTLINGER:
      ws.lingerOnOff = int !== 0 ? 0 : 1;
      return 0;
    case SO_DONTROUTE:
      ws.dontRoute = int !== 0;
      return 0;
    case SO_KEEPALIVE:
      net.setOption('keepAlive', int !== 0);
      return 0;
    case SO_LINGER: {
      const linger = LINGER.fromBytes(optval);
      ws.lingerOnOff = linger.l_onoff;
      ws.lingerSeconds = linger.l_linger;
      return 0;
    }
    case SO_OOBINLINE:
      net.setOption('urgentInline', int !== 0);
      return 0;
    case SO_RCVBUF:
    case SO_SNDBUF: {
      if (int < 0) return WSAEINVAL;
      net.setOption(optname === SO_RCVBUF ? 'receiveBufferBytes' : 'sendBufferBytes', int);
      return 0;
    }
    case SO_REUSEADDR:
      net.setOption('reuseAddress', int !== 0);
      return 0;
    default:
      return WSAENOPROTOOPT;
  }
}

/**
 * Emulates: ioctlsocket. FIONBIO: non-zero makes the socket non-blocking; going back to blocking
 * while WSAAsyncSelect is active fails with WSAEINVAL (windows-facts A.8.1). FIONREAD: bytes one
 * recv would return (datagram: size of the first). SIOCATMARK: TRUE when no urgent byte waits.
 * Anything else (or a cmd that is no number): WSAEINVAL. An argp that is no IntRef, or for FIONBIO
 * holds no number: WSAEFAULT (as Wine's test_fionbio finds for a bad pointer); its value is
 * converted as C converts a u_long. Success sets the last error to 0 (windows-facts A.11).
 */
export function ioctlsocket(s: number, cmd: number, argp: IntRef): number {
  const ws = socketOf(s);
  if (!ws) return SOCKET_ERROR;
  const command = toInt(cmd);
  if (command !== FIONBIO && command !== FIONREAD && command !== SIOCATMARK) return wsaFail(WSAEINVAL, SOCKET_ERROR);
  if (typeof argp !== 'object' || argp === null) return wsaFail(WSAEFAULT, SOCKET_ERROR);
  switch (command) {
    case FIONBIO: {
      const on = intAt(argp, true);
      if (on === undefined) return wsaFail(WSAEFAULT, SOCKET_ERROR);
      if (on === 0 && ws.lEvent !== 0) return wsaFail(WSAEINVAL, SOCKET_ERROR);
      ws.nonBlocking = on !== 0;
      break;
    }
    case FIONREAD:
      argp.value = ws.net.readableBytes;
      break;
    case SIOCATMARK:
      argp.value = bool(ws.net.urgentBytes === 0);
      break;
  }
  return wsaSucceed(0);
}

function bool(b: boolean): number {
  return b ? 1 : 0;
}

function intBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, n, true);
  return bytes;
}
