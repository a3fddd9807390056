// CInvalidArgException: an argument that cannot be right (MFC 9's AfxThrowInvalidArgException,
// which later MFC throws where MFC 6 only asserted). Here also: a byte count larger than the buffer
// it names (in C it would read or write past the end of that buffer), and an argument that C's
// types would not have let through (wrongArgument.ts).
import { CException } from './CException.ts';

/**
 * Emulates: MFC `CInvalidArgException` (MFC 8 and later), thrown as `AfxThrowInvalidArgException()`.
 *
 * @example
 * ar.Read(new Uint8Array(4), 8); // throws CInvalidArgException: nMax 8 is more than lpBuf's 4 bytes
 */
export class CInvalidArgException extends CException {
  constructor(detail = '') {
    super(`CInvalidArgException${detail ? `: ${detail}` : ''}`);
    this.name = 'CInvalidArgException';
  }
}

/** Emulates: `AfxThrowInvalidArgException()`; `detail` (ours) says which argument, with its value. */
export function AfxThrowInvalidArgException(detail = ''): never {
  throw new CInvalidArgException(detail);
}
