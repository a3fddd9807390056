// CHATSRVR's document (srvrdoc.cpp), the socket parts, ported line by line: it keeps its clients
// in a CPtrList (as a CTypedPtrList over it), reads every message a client sent, adds it to the
// log and sends each message to every client. The scoreboard each message carries is merged into
// the document's own CMap, and every broadcast carries the merged one.
import { CArchiveException, CFileException, CMap, CPtrList, CTypedPtrList, type POSITION } from '../../lib/index.ts';
import { CClientSocket } from './CClientSocket.ts';
import { CListeningSocket } from './CListeningSocket.ts';
import { CMsg } from './CMsg.ts';

export class CServerDoc {
  m_pSocket: CListeningSocket | null = null;
  // C++: CPtrList m_connectionList; (here typed, as CTypedPtrList<CPtrList, CClientSocket*>)
  m_connectionList = new CTypedPtrList<CPtrList, CClientSocket>(CPtrList);
  m_msgList: string[] = [];
  m_scores = new CMap('CString', 'int');
  private served = 0;
  /** Ours: called when the last client has gone (after one came). */
  onEmpty: () => void = () => {};

  /** OnNewDocument's socket part: listen on the port (0: any), return the port or 0. */
  Listen(lpszAddress: string, nPort: number): number {
    this.m_pSocket = new CListeningSocket(this);
    if (!this.m_pSocket.Create(nPort, undefined, lpszAddress) || !this.m_pSocket.Listen()) return 0;
    const port = { value: 0 };
    this.m_pSocket.GetSockName({ value: '' }, port);
    return port.value;
  }

  ProcessPendingAccept(): void {
    const pSocket = new CClientSocket(this);
    if (this.m_pSocket!.Accept(pSocket)) {
      pSocket.Init();
      this.m_connectionList.AddTail(pSocket);
      this.served++;
    } else {
      pSocket.Close();
    }
  }

  ProcessPendingRead(pSocket: CClientSocket): void {
    do {
      const pMsg = this.ReadMsg(pSocket);
      if (pMsg === null) return;
      if (pMsg.m_bClose) {
        this.CloseSocket(pSocket);
        break;
      }
    } while (!pSocket.m_pArchiveIn!.IsBufferEmpty());
  }

  /** Reads one message; a broken connection closes the socket (the sample's CATCH of CFileException). */
  ReadMsg(pSocket: CClientSocket): CMsg | null {
    const msg = new CMsg();
    try {
      pSocket.ReceiveMsg(msg);
      if (!msg.m_bClose) {
        this.m_msgList.push(msg.m_strText);
        const pos = { value: msg.m_scores.GetStartPosition() };
        const name = { value: '' };
        const score = { value: 0 };
        while (pos.value) {
          msg.m_scores.GetNextAssoc(pos, name, score);
          const old = { value: 0 };
          this.m_scores.SetAt(name.value, (this.m_scores.Lookup(name.value, old) ? old.value : 0) + score.value);
        }
        this.UpdateClients(msg);
      }
    } catch (e) {
      if (!(e instanceof CFileException || e instanceof CArchiveException)) throw e;
      pSocket.Abort();
      this.CloseSocket(pSocket);
      return null;
    }
    return msg;
  }

  UpdateClients(pMsg: CMsg): void {
    const out = new CMsg();
    out.m_strText = pMsg.m_strText;
    for (let i = 0; i < pMsg.m_points.GetSize(); i++) out.m_points.Add(pMsg.m_points.GetAt(i));
    const pos = { value: this.m_scores.GetStartPosition() };
    const name = { value: '' };
    const score = { value: 0 };
    while (pos.value) {
      this.m_scores.GetNextAssoc(pos, name, score);
      out.m_scores.SetAt(name.value, score.value);
    }
    const at: { value: POSITION } = { value: this.m_connectionList.GetHeadPosition() };
    while (at.value) {
      const pSocket = this.m_connectionList.GetNext(at);
      pSocket.SendMsg(out);
    }
  }

  CloseSocket(pSocket: CClientSocket): void {
    pSocket.Destroy();
    const pos = this.m_connectionList.Find(pSocket);
    if (pos !== null) this.m_connectionList.RemoveAt(pos);
    if (this.served > 0 && this.m_connectionList.IsEmpty()) this.onEmpty();
  }

  /** DeleteContents' socket part: the listener and every client. */
  Close(): void {
    while (!this.m_connectionList.IsEmpty()) this.m_connectionList.RemoveHead().Destroy();
    this.m_pSocket?.Close();
    this.m_pSocket = null;
  }
}
