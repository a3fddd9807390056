// What a UDP socket checks and does the same way on the simulated and on the OS network: the
// order of sendto's and recvfrom's failures, the end of a recvfrom (the sender's address, a
// datagram cut to the caller's buffer), and shutdown. Where the datagrams live is each network's.
import { BROADCAST_ADDRESS, LOOPBACK_BROADCAST_ADDRESS, type Endpoint } from './ipv4.ts';
import type { NetError } from './network.ts';

/** Largest UDP payload over IPv4: 65,535 - 20 (IP header) - 8 (UDP header). */
export const UDP_PAYLOAD_MAX = 65507;

/** The parts of a datagram socket the rules read and write. */
export interface DatagramEnds {
  released: boolean;
  sendShut: boolean;
  receiveShut: boolean;
  remoteEndpoint: Endpoint | undefined;
}

/**
 * The broadcast addresses a datagram socket knows, which need SO_BROADCAST: the limited broadcast
 * 255.255.255.255 and the loopback network's 127.255.255.255 (windows-facts A.13.4: a subnet's
 * broadcast address is a broadcast, not a unicast to a host).
 */
export function isBroadcastAddress(address: number): boolean {
  return address === BROADCAST_ADDRESS || address === LOOPBACK_BROADCAST_ADDRESS;
}

/**
 * sendto's checks, in Winsock's order: the destination, or why the datagram cannot go. A
 * broadcast destination needs SO_BROADCAST; `down` is a network that is gone. Port 0 is a
 * destination like any other (windows-facts A.13.1: Windows sends it and returns the length);
 * nobody can listen there, so the networks let it vanish.
 */
export function datagramDestination(
  socket: DatagramEnds,
  size: number,
  to: Endpoint | undefined,
  broadcastAllowed: boolean,
  down = false,
): Endpoint | NetError {
  if (socket.released) return 'EINVAL';
  if (socket.sendShut) return 'ESHUTDOWN';
  if (down) return 'ENETDOWN';
  const dest = to ?? socket.remoteEndpoint;
  if (!dest) return 'EDESTADDRREQ';
  if (size > UDP_PAYLOAD_MAX) return 'EMSGSIZE';
  // Known broadcast addresses fail at once without SO_BROADCAST, as Windows reports it.
  if (isBroadcastAddress(dest.address) && !broadcastAllowed) return 'EACCES';
  return dest;
}

/**
 * recvfrom's checks before a datagram is looked at (EWOULDBLOCK is the caller's). `unreachable`
 * counts ICMP port-unreachable reports not yet taken: each fails one recv/recvfrom with
 * ECONNRESET (WSAECONNRESET), before any datagram still queued (windows-facts A.13.5); the caller
 * takes one off when this returns ECONNRESET.
 */
export function datagramReceiveRefused(socket: DatagramEnds, urgent: boolean, down = false, unreachable = 0): NetError | undefined {
  if (urgent) return 'EOPNOTSUPP';
  if (socket.receiveShut) return 'ESHUTDOWN';
  if (down) return 'ENETDOWN';
  if (unreachable > 0) return 'ECONNRESET';
  return undefined;
}

/**
 * The end of a recvfrom that copied `copied` bytes of a `length`-byte datagram into a buffer of
 * `room`: the sender goes into `from`, and a datagram is read whole or not at all — the part that
 * did not fit is discarded (EMSGSIZE).
 */
export function datagramReceived(length: number, room: number, copied: number, sender: Endpoint, from: Endpoint | undefined): number | NetError {
  if (from) {
    from.address = sender.address;
    from.port = sender.port;
  }
  return length > room ? 'EMSGSIZE' : copied;
}

/** shutdown of a datagram socket: it only stops this side's sends and receives. */
export function shutdownDatagram(socket: DatagramEnds, how: 'receive' | 'send' | 'both'): undefined {
  if (how !== 'send') socket.receiveShut = true;
  if (how !== 'receive') socket.sendShut = true;
  return undefined;
}
