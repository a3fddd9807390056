// COleException: an HRESULT failure. MFC builds route ATL's AtlThrow here (atlexcept.h under _AFX:
// E_OUTOFMEMORY becomes CMemoryException, every other HRESULT COleException), which is what a
// CTime given an impossible date throws.
import { CException } from './CException.ts';

/** `E_FAIL`, the HRESULT of a failed ATLENSURE. */
export const E_FAIL = 0x80004005 | 0;
/** `E_INVALIDARG`. */
export const E_INVALIDARG = 0x80070057 | 0;

/**
 * Emulates: MFC `COleException`, thrown as `AfxThrowOleException(sc)`; `m_sc` is the SCODE, a
 * signed 32-bit value as in C (E_FAIL reads -2147467259).
 *
 * @example
 * try { new CTime(1899, 1, 1, 0, 0, 0); } catch (e) { if (e instanceof COleException) console.log(e.m_sc === E_FAIL); }
 */
export class COleException extends CException {
  /** Emulates: `COleException::m_sc`. */
  readonly m_sc: number;

  constructor(sc: number, detail = '') {
    super(`COleException 0x${(sc >>> 0).toString(16).toUpperCase()}${detail ? `: ${detail}` : ''}`);
    this.name = 'COleException';
    this.m_sc = sc | 0;
  }
}

/** Emulates: `AfxThrowOleException(sc)`; `detail` (ours) says what failed. */
export function AfxThrowOleException(sc: number, detail = ''): never {
  throw new COleException(sc, detail);
}
