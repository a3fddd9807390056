// What every kernel object starts from — its socket id, the thread that owns it, the control block
// of its shared buffer — and how a node:dgram socket or a node:net server takes its port: the
// only error the bind reports is its own, and the local endpoint goes into the control block.
import type { EventEmitter } from 'node:events';
import type { NetError } from '../../network.ts';
import { netErrorOf } from '../shared/nodeErrors.ts';
import { CONTROL_INTS, LOCAL_ADDRESS, LOCAL_PORT } from '../shared/protocol.ts';

export abstract class KernelBase {
  readonly ctrl: Int32Array;
  /** The application closed it (it may linger until its last bytes are out). */
  released = false;

  constructor(
    readonly id: number,
    public owner: number,
    readonly sab: SharedArrayBuffer,
  ) {
    this.ctrl = new Int32Array(sab, 0, CONTROL_INTS);
  }

  /**
   * Binds `target`: `start` begins the bind and calls its argument once the port is held; then
   * `bound` sets the object up and returns the port, which is published with `address`, and
   * `done` is called — or `done` gets the bind's error.
   */
  protected bindWith(target: EventEmitter, start: (held: () => void) => void, address: number, bound: () => number, done: (error?: NetError) => void): void {
    target.once('error', (e: NodeJS.ErrnoException) => done(netErrorOf(e)));
    start(() => {
      target.removeAllListeners('error');
      // Later errors are not the bind's: a datagram socket listens for the one it reports (ICMP
      // port unreachable) itself, and a listener's connections report their own.
      target.on('error', () => {});
      const port = bound();
      Atomics.store(this.ctrl, LOCAL_ADDRESS, address);
      Atomics.store(this.ctrl, LOCAL_PORT, port);
      done();
    });
  }
}
