// What the application threads and the network thread say to each other. Three channels, each
// for what it does best:
// - mailbox records (pump's cross-thread mailbox, 8 numbers each): every command to the network
//   thread, every reply, every readiness change — the only thing that wakes a waiting thread;
// - one SharedArrayBuffer per kernel object: a control block of Int32 words (below) and the
//   receive and send rings, which recv and send copy from and to without any message;
// - one BroadcastChannel per application thread ("afxsock.net.<thread id>"), whose only other
//   member is the network thread: it carries what numbers cannot (a SharedArrayBuffer, a host
//   name). A record that needs such a payload is written right after the payload is posted, and
//   the network thread takes the payload synchronously (receiveMessageOnPort) when it handles the
//   record, so the two channels never overtake each other.
import { UDP_PAYLOAD_MAX } from '../../datagramRules.ts';
import type { NetError } from '../../network.ts';

// Mailbox record kinds (pump's FIRST_EXTENSION_KIND and up; "N" 0x4e in the high byte).
/** [kind, op, from thread, socket id, token, a, b, c] to the network thread. */
export const RECORD_COMMAND = 0x4e01;
/** [kind, token, r0, r1, r2, r3, r4, r5] to the thread that asked. */
export const RECORD_REPLY = 0x4e02;
/** [kind, socket id, what] to the thread that owns the socket; the changes are in NOTIFY. */
export const RECORD_NOTIFY = 0x4e03;

/** `what` of RECORD_NOTIFY. */
export const NOTIFY_CHANGED = 0;
/** The socket was handed to another thread (SOCKET hand-off): forget it here. */
export const NOTIFY_HANDED_OFF = 1;

// Command ops. Those marked "payload" are preceded by one BroadcastChannel message.
export const OP_HELLO = 1; // reply when the thread's channel is open
export const OP_BIND_STREAM = 2; // payload {sab, reuse}; a: address, b: port → reply [error, address, port]
export const OP_LISTEN = 3; // a: backlog → reply [error]
export const OP_CONNECT_STREAM = 4; // payload {sab, options}; a: address, b: port; outcome by NOTIFY
export const OP_ACCEPT = 5; // payload {sab, childId} → reply [error]
export const OP_KICK = 6; // KICK bits say what to do
export const OP_SHUTDOWN = 7; // a: 1 receive, 2 send, 3 both
export const OP_CLOSE = 8; // a: 1 abortive
export const OP_SET_OPTION = 9; // a: OPTION_*, b: value
export const OP_BIND_DATAGRAM = 10; // payload {sab, reuse}; a: address, b: port → reply [error, address, port]
export const OP_CONNECT_DATAGRAM = 11; // a: address (0 dissolves), b: port
export const OP_RESOLVE = 12; // payload {name} → reply [found, address]
export const OP_BARRIER = 13; // reply after the network thread's event loop turned twice and then published its changes
export const OP_ADOPT = 14; // → reply [found]; then payload {sab, …} on the new owner's channel
export const OP_RELEASE = 15; // a transient user (resolve, barrier) is done
export const OP_CRASH = 16; // fault injection: the network thread dies of an uncaught exception
export const OP_SEND_BEYOND = 17; // payload {sab, length}: a send's bytes beyond the ring's room, written after the ring's
export const OP_HOLD_RECEIVES = 18; // fault injection: a: 1 stops reading every connection (as a busy kernel would), 0 reads again → reply []

export const OPTION_NO_DELAY = 1;
export const OPTION_KEEP_ALIVE = 2;
export const OPTION_BROADCAST = 3;

// Control block: Int32 words at the start of every kernel object's SharedArrayBuffer.
// Counters are unsigned 32-bit and wrap; (tail - head) >>> 0 is the number of bytes held.
export const RX_HEAD = 0; // app: bytes consumed
export const RX_TAIL = 1; // network: bytes produced
export const RX_LIMIT = 2; // app: SO_RCVBUF (≤ capacity)
export const RX_CAPACITY = 3;
export const TX_HEAD = 4; // network: bytes taken
export const TX_TAIL = 5; // app: bytes queued
export const TX_LIMIT = 6; // app: SO_SNDBUF (≤ capacity)
export const TX_CAPACITY = 7;
export const FLAGS = 8; // network: FLAG_* bits
export const RESET_CODE = 9; // network: errorCode() of the reset
export const NOTIFY = 10; // network → app: CHANGE_* bits not yet taken
export const KICK = 11; // app → network: KICK_* bits not yet taken
export const WANT_WRITABLE = 12; // app: a send found the ring full; network clears it and reports 'writable'
export const WANT_RX_SPACE = 13; // network: it holds bytes the ring had no room for; app clears it and kicks
export const RX_DATAGRAMS = 14; // datagrams in the receive ring (network adds, app subtracts)
export const RX_DATAGRAM_BYTES = 15; // their payload bytes
export const PENDING = 16; // listener: connections waiting for accept
export const LOCAL_ADDRESS = 17;
export const LOCAL_PORT = 18;
export const REMOTE_ADDRESS = 19;
export const REMOTE_PORT = 20;
export const CONNECT_CODE = 21; // network: errorCode() of a failed connect
export const TX_BEYOND = 22; // app: bytes handed to the network thread beyond the send ring (running total)
export const TX_BEYOND_DONE = 23; // network: of those, bytes Node is done with (running total)
export const RX_UNREACHABLE = 24; // datagram: ICMP port-unreachable reports (network adds, a failed receive subtracts)
export const DIRECT = 25; // both: who may write the OS socket (DIRECT_*, directWriteGate.ts)
export const SOCKET_FD = 26; // network: the connection's OS descriptor, written before the gate first opens
export const CONTROL_INTS = 27;
export const CONTROL_BYTES = CONTROL_INTS * 4;

export const FLAG_FIN = 1; // the peer's FIN arrived and every byte before it is in the ring
export const FLAG_RESET = 2; // reset or aborted (RESET_CODE says why)

// Readiness changes, in the order the application applies them.
export const CHANGE_CONNECTED = 1;
export const CHANGE_CONNECT_FAILED = 2;
export const CHANGE_ACCEPTABLE = 4;
export const CHANGE_READABLE = 8;
export const CHANGE_WRITABLE = 16;
export const CHANGE_PEER_CLOSED = 32;
export const CHANGE_RESET = 64;

// DIRECT: the gate of a connection's direct writes (directWriteGate.ts).
export const DIRECT_SHUT = 0; // the network thread writes: it has bytes queued, or is not connected yet
export const DIRECT_OPEN = 1; // nothing is queued: the application may write to the OS socket itself
export const DIRECT_WRITING = 2; // the application is writing to it
export const DIRECT_GONE = 3; // never again: the descriptor is closing (or the network thread is dying)

export const KICK_SEND = 1; // bytes (or datagrams) wait in the send ring
export const KICK_RECEIVE_SPACE = 2; // the app made room in the receive ring

/** Bytes of a datagram's header in a ring: payload length, address, port (Uint32 each). */
export const DATAGRAM_HEADER_BYTES = 12;
/** Largest UDP payload over IPv4. */
export const DATAGRAM_PAYLOAD_MAX = UDP_PAYLOAD_MAX;

/** SOCKET values of the OS network: 0x40000000 + 4 × id, far from lib/winsock's own (from 0x100). */
export const OS_HANDLE_BASE = 0x40000000;

const ERRORS: readonly (NetError | '')[] = [
  '',
  'EWOULDBLOCK',
  'EINVAL',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'EACCES',
  'EALREADY',
  'EISCONN',
  'ENOTCONN',
  'ESHUTDOWN',
  'EMSGSIZE',
  'EDESTADDRREQ',
  'EOPNOTSUPP',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETDOWN',
];

/** A NetError as a number for shared memory and records (0: none). */
export function errorCode(error: NetError | undefined): number {
  return error ? ERRORS.indexOf(error) : 0;
}

/** The NetError of a number from shared memory or a record (undefined for 0). */
export function errorName(code: number): NetError | undefined {
  return (ERRORS[code] || undefined) as NetError | undefined;
}

/**
 * The memory a ring of `capacity` bytes takes: the next power of two. A ring position is its
 * 32-bit counter modulo this size, which stays continuous when the counter wraps (after 4 GiB
 * through one socket) only for a power of two.
 */
export function ringBytes(capacity: number): number {
  return capacity <= 1 ? 1 : 2 ** Math.ceil(Math.log2(capacity));
}

/** The SharedArrayBuffer of a kernel object: control block, receive ring, send ring. */
export function allocateShared(receiveCapacity: number, sendCapacity: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(CONTROL_BYTES + ringBytes(receiveCapacity) + ringBytes(sendCapacity));
  const ctrl = new Int32Array(sab, 0, CONTROL_INTS);
  ctrl[RX_CAPACITY] = receiveCapacity;
  ctrl[RX_LIMIT] = receiveCapacity;
  ctrl[TX_CAPACITY] = sendCapacity;
  ctrl[TX_LIMIT] = sendCapacity;
  return sab;
}
