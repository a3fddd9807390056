// The OS network as a Network: its one host, the world-dump and empty-world views for specs, and
// the network thread's controls that specs need (a barrier, and fault injection).
import { mailboxOfThread } from '../../../../pump/internal.ts';
import type { Network } from '../../network.ts';
import { acquireLink, networkRecordsSeen, ownedSockets, release } from './networkLink.ts';
import { OsHost } from './osHost.ts';
import type { OsSocket } from './osSocket.ts';
import { OP_BARRIER, OP_CRASH, OP_HOLD_RECEIVES } from '../shared/protocol.ts';
import { networkThreadId, userCount } from '../shared/registry.ts';

/**
 * The real network: this computer's sockets through node:net and node:dgram on the network thread.
 * Its one host is the default network host of every thread (see lib/winsock's useNetworkHost).
 *
 * @example
 * osNetwork.barrier(); // the network thread has handled everything this thread asked of it
 */
export class OsNetwork implements Network {
  /** This computer. */
  readonly localHost = new OsHost();

  /** The computer, by its name or "localhost". */
  host(name: string): OsHost | undefined {
    return name.toLowerCase() === 'localhost' || name.toLowerCase() === this.localHost.name.toLowerCase() ? this.localHost : undefined;
  }

  describe(): string[] {
    const thread = networkThreadId();
    const lines = [`OS network: network thread ${thread === 0 ? 'not running' : `0x${thread.toString(16)}`}, ${userCount()} kernel object(s) and request(s) in the process`];
    for (const s of ownedSockets() as unknown as OsSocket[]) lines.push(`  ${s.describe()}`);
    return lines;
  }

  /** The pump thread id of the running network thread, or 0 when none runs. */
  networkThreadId(): number {
    return networkThreadId();
  }

  /**
   * Kernel objects not yet released by the network thread, process-wide (lingering closes
   * included); 0 while no network thread runs — a dead one's objects died with it. (The dying
   * thread clears the count itself; the check here covers one that could not, such as a network
   * thread ended along with the worker that started it.)
   */
  openSocketCount(): number {
    const thread = networkThreadId();
    return thread === 0 || mailboxOfThread(thread) === undefined ? 0 : userCount();
  }

  pendingEventCount(): number {
    return 0;
  }

  /**
   * Waits until the network thread has handled every command this thread sent it, has turned its
   * event loop twice (so I/O that was ready by then is handled) and has published what that
   * changed (thread/changePublication.ts). False if it is not running.
   */
  barrier(): boolean {
    const link = acquireLink();
    if (!link) return false;
    const reply = link.request(OP_BARRIER, 0);
    release(link);
    return reply !== undefined;
  }

  /** How many records from the network thread this thread has handled (changes and replies). */
  recordsSeen(): number {
    return networkRecordsSeen();
  }

  /**
   * Fault injection: the network thread stops reading from every connection open now (`hold`
   * true) — what arrives waits in the OS, as it does while a kernel is busy — or reads again.
   * What the OS delivered meanwhile then reaches the application at once (a spec's way to have
   * bytes and a FIN delivered together). A barrier() before reading again makes sure that what
   * the sockets sent meanwhile has reached the OS. It returns once the network thread holds (or
   * reads again): a send that writes straight to the OS socket must not overtake the hold.
   *
   * @example
   * osNetwork.holdReceives(true);
   * W.send(client, bytes, bytes.length, 0);
   * W.closesocket(client);
   * osNetwork.barrier(); // the bytes and the FIN wait in the OS
   * osNetwork.holdReceives(false);
   */
  holdReceives(hold: boolean): void {
    const link = acquireLink();
    if (!link) return;
    link.request(OP_HOLD_RECEIVES, 0, hold ? 1 : 0);
    release(link);
  }

  /**
   * Fault injection: the network thread dies of an uncaught exception, as a crash would end it.
   * Every socket then fails with ENETDOWN; the next socket starts a new network thread.
   */
  crashNetworkThread(): void {
    const link = acquireLink();
    if (!link) return;
    link.command(OP_CRASH, 0);
  }
}

/** The process's OS network (its host is the default network host of every thread). */
export const osNetwork = new OsNetwork();

/** This computer, as a NetHost. */
export const osHost: OsHost = osNetwork.localHost;
