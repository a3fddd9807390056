// The server's socket for one client (CHATSRVR's clntsock.cpp): a CSocket with a CSocketFile and
// two CArchives over it; OnReceive hands the work to the document, as the sample does.
import { CArchive, CObject, CSocket, CSocketFile, IMPLEMENT_DYNAMIC } from '../../lib/index.ts';
import type { CMsg } from './CMsg.ts';
import type { CServerDoc } from './CServerDoc.ts';

export class CClientSocket extends CSocket {
  m_nMsgCount = 0;
  m_pFile: CSocketFile | null = null;
  m_pArchiveIn: CArchive | null = null;
  m_pArchiveOut: CArchive | null = null;

  constructor(private readonly m_pDoc: CServerDoc) {
    super();
  }

  Init(): void {
    this.m_pFile = new CSocketFile(this);
    this.m_pArchiveIn = new CArchive(this.m_pFile, CArchive.load);
    this.m_pArchiveOut = new CArchive(this.m_pFile, CArchive.store);
  }

  Abort(): void {
    if (this.m_pArchiveOut !== null) {
      this.m_pArchiveOut.Abort();
      this.m_pArchiveOut = null;
    }
  }

  SendMsg(pMsg: CMsg): void {
    if (this.m_pArchiveOut !== null) {
      pMsg.Serialize(this.m_pArchiveOut);
      this.m_pArchiveOut.Flush();
    }
  }

  ReceiveMsg(pMsg: CMsg): void {
    pMsg.Serialize(this.m_pArchiveIn!);
  }

  protected override OnReceive(nErrorCode: number): void {
    super.OnReceive(nErrorCode);
    this.m_pDoc.ProcessPendingRead(this);
  }

  /** ~CClientSocket: the archives and the file go with the socket. */
  Destroy(): void {
    this.m_pArchiveOut?.Abort();
    this.m_pArchiveIn?.Abort();
    this.m_pFile?.Close();
    this.Close();
  }
}
// CClientSocket's constructor takes its document, so it is IMPLEMENT_DYNAMIC, as in the sample.
IMPLEMENT_DYNAMIC(CClientSocket, CObject);
