// CNotSupportedException: a request for an unsupported operation (for example WriteClass of a
// class that is not serializable, or Seek on a socket file).
import { CException } from './CException.ts';

/**
 * Emulates: MFC `CNotSupportedException`, thrown as `AfxThrowNotSupportedException()` throws it.
 *
 * @example
 * assert.throws(() => ar.WriteClass(RUNTIME_CLASS(CObject)), (e) => e instanceof CNotSupportedException);
 */
export class CNotSupportedException extends CException {
  constructor(detail = '') {
    super(`CNotSupportedException${detail ? `: ${detail}` : ''}`);
    this.name = 'CNotSupportedException';
  }
}

/** Emulates: `AfxThrowNotSupportedException()`; `detail` (ours) says what was not supported. */
export function AfxThrowNotSupportedException(detail = ''): never {
  throw new CNotSupportedException(detail);
}
