// One simulated TCP socket's sequence bookkeeping, in stream offsets (bytes ever sent or
// received, urgent ones included): as a sender, how far the peer has acknowledged and how far its
// receive window lets us send (TCP's SND.UNA and SND.UNA + SND.WND); as a receiver, how much has
// arrived and how many acknowledgements went out. Sent but unacknowledged bytes still fill the
// send buffer (SO_SNDBUF), as in a real stack, so FD_WRITE after WSAEWOULDBLOCK waits for the
// acknowledgement, not for the arrival (windows-facts A.3.3, A.3.6).

/** Sequence counters of one socket, for both directions. */
export class StreamWindow {
  /** Bytes handed to the network (sent at least once). */
  sentTotal = 0;
  /** Bytes the peer acknowledged. */
  private ackedTotal = 0;
  private windowEdge = 0;
  private lastSeq = -1;
  /** Bytes that arrived from the peer. */
  receivedTotal = 0;
  private acksSent = 0;

  /** The peer's receive window as its first segment of the handshake advertises it. */
  open(peerReceiveBufferBytes: number): void {
    this.windowEdge = Math.max(0, peerReceiveBufferBytes);
  }

  /** Sent bytes not yet acknowledged: they still take room in the send buffer. */
  get unacknowledged(): number {
    return this.sentTotal - this.ackedTotal;
  }

  /** How many more bytes the peer's window takes now (0 or less: none). */
  get usable(): number {
    return this.windowEdge - this.sentTotal;
  }

  /**
   * Applies an acknowledgement: the receiver's count of acknowledgements sent (so an overtaken one
   * is ignored: false), the bytes it has received, and the stream offset up to which it lets us
   * send. Three numbers rather than an object: one goes out per arrival and per read.
   */
  acknowledged(seq: number, ackedTotal: number, windowEdge: number): boolean {
    if (seq <= this.lastSeq) return false;
    this.lastSeq = seq;
    this.ackedTotal = Math.min(this.sentTotal, Math.max(this.ackedTotal, ackedTotal));
    this.windowEdge = windowEdge;
    return true;
  }

  /** The sequence number of the acknowledgement to send now (its other numbers: windowEdgeFor). */
  nextAcknowledgementSeq(): number {
    return this.acksSent++;
  }

  /** The window edge to advertise with `freeBytes` of room left in the receive buffer. */
  windowEdgeFor(freeBytes: number): number {
    return this.receivedTotal + Math.max(0, freeBytes);
  }
}
