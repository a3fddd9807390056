// The queue of a listening simulated TCP socket: connections whose handshake is still under way
// (SYN received, SYN-ACK sent, the final ACK not yet arrived) and connections whose handshake is
// complete and that wait for accept(). Only complete ones are acceptable (windows-facts A.10.1);
// both count against the backlog, so a SYN beyond it is refused.

/** Half-open and complete connections of one listener, in arrival order. */
export class ListenQueue<T> {
  /** Handshake complete, waiting for accept(), oldest first. */
  private readonly complete: T[] = [];
  /** SYN received, final ACK not yet. */
  private readonly halfOpen: T[] = [];

  constructor(
    /** The backlog: how many connections (of either kind) the listener holds at most. */
    readonly max: number,
  ) {}

  /** Connections accept() can take now. */
  get completeCount(): number {
    return this.complete.length;
  }

  get halfOpenCount(): number {
    return this.halfOpen.length;
  }

  /** True when one more SYN may be answered. */
  get hasRoom(): boolean {
    return this.complete.length + this.halfOpen.length < this.max;
  }

  addHalfOpen(connection: T): void {
    this.halfOpen.push(connection);
  }

  /** The final ACK arrived: the connection moves to the end of the complete list. */
  promote(connection: T): boolean {
    if (!this.forget(connection)) return false;
    this.complete.push(connection);
    return true;
  }

  /** Removes a half-open connection that was given up; false when it was not half-open here. */
  forget(connection: T): boolean {
    const i = this.halfOpen.indexOf(connection);
    if (i < 0) return false;
    this.halfOpen.splice(i, 1);
    return true;
  }

  /** The oldest complete connection, removed; undefined when none is complete. */
  take(): T | undefined {
    return this.complete.shift();
  }

  /** Removes and returns every connection (the listener is closing), complete ones first. */
  drain(): T[] {
    const all = [...this.complete, ...this.halfOpen];
    this.complete.length = 0;
    this.halfOpen.length = 0;
    return all;
  }
}
