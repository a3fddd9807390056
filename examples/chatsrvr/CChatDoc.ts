// CHATTER's document (chatdoc.cpp), the socket parts, ported line by line: a CSocket with a
// CSocketFile and two CArchives; every message the server sends is shown, and the program's own
// `onMessage` (ours: the user at the keyboard) may answer it.
import { CArchive, CArchiveException, CFileException, CObject, CSocket, CSocketFile, IMPLEMENT_DYNAMIC, type POINT } from '../../lib/index.ts';
import { CMsg } from './CMsg.ts';

export class CChatSocket extends CSocket {
  constructor(private readonly m_pDoc: CChatDoc) {
    super();
  }

  protected override OnReceive(nErrorCode: number): void {
    super.OnReceive(nErrorCode);
    this.m_pDoc.ProcessPendingRead();
  }
}
IMPLEMENT_DYNAMIC(CChatSocket, CObject);

export class CChatDoc {
  m_pSocket: CChatSocket | null = null;
  m_pFile: CSocketFile | null = null;
  m_pArchiveIn: CArchive | null = null;
  m_pArchiveOut: CArchive | null = null;
  /** What the view showed, one line per message: text, points and scores. */
  readonly shown: string[] = [];

  constructor(readonly m_strHandle: string, private readonly onMessage: (doc: CChatDoc, msg: CMsg) => void) {}

  ConnectSocket(lpszAddress: string, nPort: number): boolean {
    this.m_pSocket = new CChatSocket(this);
    if (!this.m_pSocket.Create()) {
      this.m_pSocket = null;
      return false;
    }
    if (!this.m_pSocket.Connect(lpszAddress, nPort)) {
      this.m_pSocket.Close();
      this.m_pSocket = null;
      return false;
    }
    this.m_pFile = new CSocketFile(this.m_pSocket);
    this.m_pArchiveIn = new CArchive(this.m_pFile, CArchive.load);
    this.m_pArchiveOut = new CArchive(this.m_pFile, CArchive.store);
    return true;
  }

  ProcessPendingRead(): void {
    do {
      this.ReceiveMsg();
      if (this.m_pSocket === null) return;
    } while (!this.m_pArchiveIn!.IsBufferEmpty());
  }

  /** Sends a message with the pen strokes and score changes (the sample's SendMsg, with our members). */
  SendMsg(strText: string, points: readonly POINT[] = [], scores: Readonly<Record<string, number>> = {}): void {
    if (this.m_pArchiveOut === null) return;
    const msg = new CMsg();
    msg.m_strText = `${this.m_strHandle}: ${strText}`;
    for (const pt of points) msg.m_points.Add(pt);
    for (const [name, score] of Object.entries(scores)) msg.m_scores.SetAt(name, score);
    this.send(msg);
  }

  /** Leaves: a message with m_bClose, then the socket goes (the sample's OnCloseDocument). */
  Disconnect(): void {
    const msg = new CMsg();
    msg.m_bClose = true;
    this.send(msg);
    this.DeleteContents();
  }

  ReceiveMsg(): void {
    const msg = new CMsg();
    try {
      msg.Serialize(this.m_pArchiveIn!);
      const points = Array.from({ length: msg.m_points.GetSize() }, (_, i) => `(${msg.m_points.GetAt(i).x},${msg.m_points.GetAt(i).y})`);
      const scores: string[] = [];
      const pos = { value: msg.m_scores.GetStartPosition() };
      const name = { value: '' };
      const score = { value: 0 };
      while (pos.value) {
        msg.m_scores.GetNextAssoc(pos, name, score);
        scores.push(`${name.value}=${score.value}`);
      }
      this.shown.push(`${msg.m_strText} | ${points.join(' ')} | ${scores.join(' ')}`);
      this.onMessage(this, msg);
    } catch (e) {
      if (!(e instanceof CFileException || e instanceof CArchiveException)) throw e;
      this.m_pArchiveOut?.Abort();
      this.m_pArchiveOut = null;
      this.shown.push('Server has reset the connection.');
      this.DeleteContents();
    }
  }

  DeleteContents(): void {
    this.m_pArchiveIn?.Abort();
    this.m_pArchiveOut?.Abort();
    this.m_pArchiveIn = null;
    this.m_pArchiveOut = null;
    this.m_pFile?.Close();
    this.m_pFile = null;
    this.m_pSocket?.Close();
    this.m_pSocket = null;
  }

  private send(msg: CMsg): void {
    msg.Serialize(this.m_pArchiveOut!);
    this.m_pArchiveOut!.Flush();
  }
}
