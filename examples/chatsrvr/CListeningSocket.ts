// The server's listening socket (CHATSRVR's lstnsock.cpp): OnAccept hands the work to the document.
import { CObject, CSocket, IMPLEMENT_DYNAMIC } from '../../lib/index.ts';
import type { CServerDoc } from './CServerDoc.ts';

export class CListeningSocket extends CSocket {
  constructor(private readonly m_pDoc: CServerDoc) {
    super();
  }

  protected override OnAccept(nErrorCode: number): void {
    super.OnAccept(nErrorCode);
    this.m_pDoc.ProcessPendingAccept();
  }
}
IMPLEMENT_DYNAMIC(CListeningSocket, CObject);
