// The documentation's "Example of Sockets Using Archives", ported line by line: one function that
// either sends nPackets packets (when arData is storing) or receives them (when it is loading),
// with the acknowledgments flowing the other way on arAck. mfc-semantics §7.3.
import type { CArchive } from '../../lib/index.ts';

/** What the example shows on screen: DisplayMessage lines and "Packet Failure" boxes. */
export interface Screen {
  DisplayMessage(text: string): void;
  PacketFailure(): void;
  /** The example's random-number source (rand_s), here seeded so runs repeat. */
  rand(): number;
}

export function PacketSerialize(nPackets: number, arData: CArchive, arAck: CArchive, screen: Screen): void {
  let bValue = 0;
  let nCopies = 0;
  if (arData.IsStoring()) {
    let strText: string;
    for (let p = 0; p < nPackets; p++) {
      bValue = screen.rand() % 256;
      nCopies = screen.rand() % 32000;
      // Send header information
      arData.writeBYTE(bValue).writeWORD(nCopies);
      for (let c = 0; c < nCopies; c++) {
        // Send data
        arData.writeBYTE(bValue);
      }
      strText = `Sender sent packet ${p + 1} of ${nPackets} (Value = ${bValue}, Copies = ${nCopies})`;
      // Send receipt string
      arData.writeCString(strText);
      arData.Flush();
      // Receive acknowledgment
      strText = arAck.readCString();
      // display it
      screen.DisplayMessage(strText);
    }
  } else {
    let strText: string;
    let bCheck: number;
    for (let p = 0; p < nPackets; p++) {
      // Receive header information
      bCheck = arData.readBYTE();
      nCopies = arData.readWORD();
      for (let c = 0; c < nCopies; c++) {
        // Receive data
        bValue = arData.readBYTE();
        if (bCheck !== bValue) screen.PacketFailure();
      }
      // Receive receipt string and display it
      strText = arData.readCString();
      screen.DisplayMessage(strText);
      strText = `Recipient received packet ${p + 1} of ${nPackets} (Value = ${bValue}, Copies = ${nCopies})`;
      // Send acknowledgment
      arAck.writeCString(strText);
      arAck.Flush();
    }
  }
}

/** A small seeded generator standing in for rand_s (the example only needs numbers that repeat). */
export function seededRand(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}
