// CArchiveException and its causes (mfc-semantics §5.4): the values follow MFC's enum order.
import { CException } from './CException.ts';

const causeNames = [
  'none', 'genericException', 'readOnly', 'endOfFile', 'writeOnly', 'badIndex', 'badClass', 'badSchema', 'bufferFull',
] as const;

/**
 * A serialization failure.
 *
 * Emulates: MFC `CArchiveException` with `m_cause` and `m_strFileName`; thrown the way
 * `AfxThrowArchiveException(cause, lpszArchiveName)` throws it.
 *
 * @example
 * try { ar.readLONG(); } catch (e) {
 *   if (e instanceof CArchiveException && e.m_cause === CArchiveException.endOfFile) { ... }
 * }
 */
export class CArchiveException extends CException {
  static readonly none = 0;
  static readonly genericException = 1;
  /** The deprecated alias MFC keeps for `genericException`. */
  static readonly generic = 1;
  /** A write was attempted on an archive opened for loading. */
  static readonly readOnly = 2;
  static readonly endOfFile = 3;
  /** A read was attempted on an archive opened for storing. */
  static readonly writeOnly = 4;
  /** Invalid file format (an object or class id that was never defined). */
  static readonly badIndex = 5;
  /** Wrong object type, or a class nobody registered. */
  static readonly badClass = 6;
  /** The stored class version does not match the class's schema. */
  static readonly badSchema = 7;
  static readonly bufferFull = 8;

  m_cause: number;
  m_strFileName: string;

  /** Emulates: `CArchiveException(int cause = none, LPCTSTR lpszArchiveName = NULL)`; `detail` is ours. */
  constructor(cause: number = CArchiveException.none, lpszArchiveName = '', detail = '') {
    const name = causeNames[cause] ?? `cause ${cause}`;
    super(`CArchiveException ${name}${lpszArchiveName ? ` in ${lpszArchiveName}` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'CArchiveException';
    this.m_cause = cause;
    this.m_strFileName = lpszArchiveName;
  }
}

/** Emulates: `AfxThrowArchiveException(int cause, LPCTSTR lpszArchiveName = NULL)`. */
export function AfxThrowArchiveException(cause: number, lpszArchiveName = '', detail = ''): never {
  throw new CArchiveException(cause, lpszArchiveName, detail);
}

/**
 * Thrown (beyond MFC) by a loading archive inside a read transaction when the message is not
 * complete yet: the buffer ran dry and the file had no more bytes available without blocking.
 * `CArchive.rollbackTransaction()` absorbs it; outside a transaction it never occurs. It is a
 * `CArchiveException` with cause `endOfFile`, so code that only knows MFC's causes still treats it
 * as "not enough data".
 */
export class ArchiveIncompleteError extends CArchiveException {
  /** How many more bytes the failed read needed when it stopped. */
  readonly bytesMissing: number;

  constructor(bytesMissing: number, lpszArchiveName = '') {
    super(CArchiveException.endOfFile, lpszArchiveName, `message incomplete, ${bytesMissing} more byte(s) needed`);
    this.name = 'ArchiveIncompleteError';
    this.bytesMissing = bytesMissing;
  }
}
