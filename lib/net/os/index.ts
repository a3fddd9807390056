// The real network: node:net and node:dgram sockets on a network thread, behind the same kernel
// interface as the simulated network (DESIGN.md "Blocking calls are synchronous"). It is the
// default network host of every thread that does not choose another (lib/winsock/hostBinding.ts).
//
// Layout, by the thread each file runs on: app/ runs on the application's threads (the sockets'
// application side and the link that starts and wakes the network thread), thread/ runs on the
// network thread (kernel objects over node:net and node:dgram), and shared/ is what both sides
// read and write (the protocol, the byte rings, the registry). app/ and thread/ never import each
// other.
//
// How it works: the first thread that needs it starts the network thread (a worker; started by the
// main thread it never keeps the process alive); it stops after two idle seconds without sockets.
// Node ends a worker's own workers when that worker ends, so a worker thread that started it stays
// up, its code done, until the network thread stops (a worker ended with terminate() or
// process.exit() still takes it along: every socket then fails with WSAENETDOWN). Each socket's
// receive and send buffers are rings in a SharedArrayBuffer: recv and send copy from and to them
// on the calling thread and never wait (a full send ring is EWOULDBLOCK, and 'writable' follows
// when it drains), and a TCP send that finds nothing queued ahead of it writes straight to the OS
// socket's descriptor, which the network thread lends it while it holds nothing itself
// (shared/directWriteGate.ts); readiness changes reach the owning thread's mailbox and wake its wait; bind,
// listen, accept and host-name lookups ask the network thread and wait for its answer.
//
// Known deviations (each is an executable todo in spec/net/os or spec/winsock):
// - Urgent (out-of-band) data: Node can neither send nor receive TCP urgent data. send and recv
//   with MSG_OOB fail with WSAEOPNOTSUPP ("operation not supported"), the code Winsock gives for a
//   flag the socket type does not support; FD_OOB is never posted, and an urgent byte a peer sends
//   is lost (Linux keeps it out of line and Node never asks for it); SIOCATMARK is always TRUE.
// - Listen backlog: the OS completes the handshake before Node sees a connection, so a connection
//   beyond the backlog, or one to a socket that is bound but not listening, is reset where Windows
//   refuses it (WSAECONNREFUSED): the client's connect fails with WSAECONNRESET (FD_CONNECT with
//   WSAECONNRESET) when the reset wins the race with the completion, as it usually does on
//   loopback, or succeeds and is then reset.
// - Ephemeral ports come from the OS's range (Linux: 32768-60999), not 49152-65535; SO_REUSEADDR
//   is the OS's (Linux never lets a second socket take a listening port).
// - A reset that arrives while a socket's receive ring is full (the application is not reading, so
//   the network thread stopped reading that socket to hold the peer back) is seen only once the
//   application reads again; Node cannot watch a socket for errors without reading from it.
// A reset that arrives right behind bytes the network thread has not read yet is read by libuv
// as the end of the stream (a short read with POLLHUP is EOF); the network thread then reads once
// more, and the OS's pending ECONNRESET makes it a reset, as on Windows. A reset after the peer's
// FIN, when the network thread reads no more, fails the next send (its direct write meets it)
// (thread/osDescriptor.ts endedByReset, spec/net/os/reset-as-eof.spec.ts).
//
// What the network thread reads is published per socket, not as Node reports it: bytes, the FIN
// or reset behind them and the change bits become visible together once a poll of its loop has
// passed without news for the socket (thread/changePublication.ts), because libuv reads the end
// of a stream only on the poll after a short read, and what the OS delivered together must reach
// the application together (windows-facts A.6.4).
// - SO_RCVBUF / SO_SNDBUF size the rings when a connection is made (or a datagram socket bound);
//   a larger value set later is read back but the ring keeps its size.
// - The Winsock-only state of a socket (blocking mode, SO_LINGER, its WSAAsyncSelect registration)
//   is per thread in lib/winsock, so a thread that takes a socket over starts with the defaults.
export { OsNetwork, osNetwork, osHost } from './app/osNetwork.ts';
export { OsHost } from './app/osHost.ts';
