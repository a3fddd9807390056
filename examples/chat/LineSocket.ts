// A CAsyncSocket that speaks text lines ("…\n"), written the way MFC programs do it: OnReceive
// reads once and keeps the unfinished tail for next time; SendLine queues the bytes and OnSend
// sends until the queue is empty or Send says WSAEWOULDBLOCK (then the next OnSend resumes).
import { CAsyncSocket, INVALID_SOCKET, SOCKET_ERROR, WSAEWOULDBLOCK } from '../../lib/index.ts';

export abstract class LineSocket extends CAsyncSocket {
  private pending = '';
  private outgoing: Uint8Array[] = [];
  private readonly buffer = new Uint8Array(4096);

  /** One complete line arrived (without its "\n"). */
  protected abstract OnLine(line: string): void;

  /** Queues a line and sends as much as the socket takes now. */
  SendLine(line: string): void {
    this.outgoing.push(new TextEncoder().encode(`${line}\n`));
    this.SendQueued();
  }

  protected override OnReceive(nErrorCode: number): void {
    if (nErrorCode !== 0) return;
    const nRead = this.Receive(this.buffer, this.buffer.length);
    if (nRead === SOCKET_ERROR || nRead === 0) return; // WSAEWOULDBLOCK, or the close comes as OnClose
    this.pending += new TextDecoder().decode(this.buffer.subarray(0, nRead));
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      this.OnLine(line);
      if (this.m_hSocket === INVALID_SOCKET) return; // the handler closed us: touch nothing more
    }
  }

  protected override OnSend(nErrorCode: number): void {
    if (nErrorCode === 0) this.SendQueued();
  }

  private SendQueued(): void {
    while (this.outgoing.length > 0) {
      const chunk = this.outgoing[0]!;
      const sent = this.Send(chunk, chunk.length);
      if (sent === SOCKET_ERROR) {
        if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK) this.Close();
        return; // OnSend resumes
      }
      if (sent < chunk.length) this.outgoing[0] = chunk.subarray(sent);
      else this.outgoing.shift();
    }
  }
}
