// One simulated TCP socket's sequence bookkeeping, in stream offsets (bytes ever sent or
// received, urgent ones included): as a sender, how far the peer has acknowledged and how far its
// receive window lets us send (TCP's SND.UNA and SND.UNA + SND.WND); as a receiver, how much has
// arrived and how many acknowledgements went out. Sent but unacknowledged bytes still fill the
// send buffer (SO_SNDBUF), as in a real stack, so FD_WRITE after WSAEWOULDBLOCK waits for the
// acknowledgement, not for the arrival (windows-facts A.3.3, A.3.6).

/** An acknowledgement: what the receiver has taken, and the edge of its receive window. */
export interface Acknowledgement {
  /** The receiver's count of acknowledgements sent, so an overtaken one is ignored. */
  seq: number;
  /** Bytes received so far. */
  ackedTotal: number;
  /** Stream offset up to which the sender may send. */
  windowEdge: number;
}

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

  /** Applies an acknowledgement; false when a newer one already arrived. */
  acknowledged(ack: Acknowledgement): boolean {
    if (ack.seq <= this.lastSeq) return false;
    this.lastSeq = ack.seq;
    this.ackedTotal = Math.min(this.sentTotal, Math.max(this.ackedTotal, ack.ackedTotal));
    this.windowEdge = ack.windowEdge;
    return true;
  }

  /** The acknowledgement to send now, with `freeBytes` of room left in the receive buffer. */
  nextAcknowledgement(freeBytes: number): Acknowledgement {
    return { seq: this.acksSent++, ackedTotal: this.receivedTotal, windowEdge: this.receivedTotal + Math.max(0, freeBytes) };
  }
}
