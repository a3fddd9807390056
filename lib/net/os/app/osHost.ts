// The one machine of the OS network: this computer. Sockets are created here, host names resolve
// through the system resolver (on the network thread), and a socket handed over by another thread
// is taken over here (SOCKET hand-off: lib/winsock asks when a thread uses a handle it never had).
import { hostname } from 'node:os';
import { currentClock } from '../../../../pump/internal.ts';
import { LOOPBACK_ADDRESS, parseIPv4 } from '../../ipv4.ts';
import type { NetHost, SocketKind } from '../../network.ts';
import { acquireLink, release } from './networkLink.ts';
import { OsDatagramSocket } from './osDatagramSocket.ts';
import type { AdoptedSocket, OsSocket } from './osSocket.ts';
import { OsStreamSocket } from './osStreamSocket.ts';
import { OP_ADOPT, OP_RESOLVE, OS_HANDLE_BASE } from '../shared/protocol.ts';

/**
 * This computer as a NetHost: sockets of the OS network, the system resolver, and taking over a
 * socket another thread hands on (Detach / Attach).
 *
 * @example
 * const s = osHost.createSocket('stream'); // what socket(AF_INET, SOCK_STREAM, 0) gets by default
 */
export class OsHost implements NetHost {
  /** The computer's name (os.hostname()). */
  readonly name = hostname();

  get addresses(): readonly number[] {
    return [LOOPBACK_ADDRESS];
  }

  createSocket(kind: SocketKind): OsSocket {
    return kind === 'stream' ? new OsStreamSocket() : new OsDatagramSocket();
  }

  /**
   * Dotted text, or a name for the system resolver ("localhost" included: dns.lookup on the
   * network thread; the calling thread waits, as gethostbyname blocks on Windows). Names under the reserved
   * top-level domain ".invalid" never resolve and are not looked up (RFC 6761 §6.4).
   */
  resolve(name: string): number | undefined {
    const dotted = parseIPv4(name);
    if (dotted !== undefined) return dotted;
    if (name === '' || /(^|\.)invalid\.?$/i.test(name)) return undefined;
    const link = acquireLink();
    if (!link) return undefined;
    const reply = link.request(OP_RESOLVE, 0, 0, 0, 0, { name });
    release(link);
    return reply && reply[0] === 1 ? reply[1]! >>> 0 : undefined;
  }

  nameOf(address: number): string | undefined {
    return address === LOOPBACK_ADDRESS ? 'localhost' : undefined;
  }

  /**
   * Takes over the socket behind `handle` from the thread that has it (its readiness changes come
   * here from now on; the other thread's copy of the handle stops working). Undefined when the
   * handle is not a live socket of the OS network.
   */
  adoptSocket(handle: number): OsSocket | undefined {
    if (handle < OS_HANDLE_BASE || (handle - OS_HANDLE_BASE) % 4 !== 0 || currentClock().isVirtual) return undefined;
    const id = (handle - OS_HANDLE_BASE) / 4;
    const link = acquireLink();
    if (!link) return undefined;
    const reply = link.request(OP_ADOPT, id);
    release(link);
    if (!reply || reply[0] !== 1) return undefined;
    const payload = link.receive<AdoptedSocket>();
    if (!payload) return undefined;
    const socket = payload.kind === 'stream' ? new OsStreamSocket(id) : new OsDatagramSocket(id);
    socket.takeOver(link, payload);
    return socket;
  }
}
