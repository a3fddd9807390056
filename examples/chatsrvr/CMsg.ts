// CMsg: the message CHATSRVR and CHATTER exchange (Microsoft's MFC samples, msg.cpp), ported line
// by line, with two members of this port's own: the sender's pen strokes, a
// `CArray<POINT, POINT>`, and the scoreboard, a `CMap<CString, LPCTSTR, int, int>`, so that the
// template collections' bytes travel through CSocketFile and CArchive (mfc-semantics 5.10).
import { CArray, CMap, CObject, CStringList, IMPLEMENT_DYNCREATE, type CArchive } from '../../lib/index.ts';

export class CMsg extends CObject {
  m_bClose = false;
  m_strText = '';
  m_msgList = new CStringList();
  // C++: CArray<POINT, POINT> m_points;
  m_points = new CArray('POINT');
  // C++: CMap<CString, LPCTSTR, int, int> m_scores;
  m_scores = new CMap('CString', 'int');

  /** CMsg::Init(): back to an empty message. */
  Init(): void {
    this.m_bClose = false;
    this.m_strText = '';
    this.m_msgList.RemoveAll();
    this.m_points.RemoveAll();
    this.m_scores.RemoveAll();
  }

  override Serialize(ar: CArchive): void {
    if (ar.IsStoring()) {
      ar.writeWORD(this.m_bClose ? 1 : 0);
      ar.writeCString(this.m_strText);
    } else {
      const wd = ar.readWORD();
      this.m_bClose = wd !== 0;
      this.m_strText = ar.readCString();
    }
    this.m_msgList.Serialize(ar);
    this.m_points.Serialize(ar);
    this.m_scores.Serialize(ar);
  }
}
IMPLEMENT_DYNCREATE(CMsg, CObject);
