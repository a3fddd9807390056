// CMemoryException: an allocation failed. Thrown where MFC throws it: a CMemFile that may not grow
// (nGrowBytes 0) is asked to, or a serializable class's constructor fails while loading.
import { CException } from './CException.ts';

/**
 * Emulates: MFC `CMemoryException` (`AfxThrowMemoryException()`).
 *
 * @example
 * const f = new CMemFile(new Uint8Array(4), 4, 0);
 * f.Write(new Uint8Array(8), 8); // throws CMemoryException: the file may not grow
 */
export class CMemoryException extends CException {
  constructor(detail = '') {
    super(`CMemoryException${detail ? `: ${detail}` : ''}`);
    this.name = 'CMemoryException';
  }
}

/** Emulates: `AfxThrowMemoryException()`; `detail` (ours) says what could not be allocated. */
export function AfxThrowMemoryException(detail = ''): never {
  throw new CMemoryException(detail);
}
