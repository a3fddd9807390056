// CFileException: a file failure, with MFC's cause values (mfc-semantics §5.4) and the operating
// system's error in m_lOsError. Node reports POSIX error names; they are translated to the Win32
// error a Windows program would have seen, so ported code that switches on m_lOsError still works.
import { CException } from './CException.ts';

const causeNames = [
  'none', 'genericException', 'fileNotFound', 'badPath', 'tooManyOpenFiles', 'accessDenied', 'invalidFile',
  'removeCurrentDir', 'directoryFull', 'badSeek', 'hardIO', 'sharingViolation', 'lockViolation', 'diskFull', 'endOfFile',
] as const;

// Win32 error codes (winerror.h) that the translations below produce.
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_PATH_NOT_FOUND = 3;
const ERROR_TOO_MANY_OPEN_FILES = 4;
const ERROR_ACCESS_DENIED = 5;
const ERROR_INVALID_HANDLE = 6;
const ERROR_SHARING_VIOLATION = 32;
const ERROR_LOCK_VIOLATION = 33;
const ERROR_HANDLE_EOF = 38;
const ERROR_HANDLE_DISK_FULL = 39;
const ERROR_FILE_EXISTS = 80;
const ERROR_INVALID_PARAMETER = 87;
const ERROR_DISK_FULL = 112;
const ERROR_INVALID_NAME = 123;
const ERROR_NEGATIVE_SEEK = 131;
const ERROR_DIR_NOT_EMPTY = 145;
const ERROR_DIRECTORY = 267;

/** Node's `err.code` → the Win32 error Windows reports for the same failure. */
const win32ErrorOfNodeCode: Record<string, number> = {
  ENOENT: ERROR_FILE_NOT_FOUND,
  ENOTDIR: ERROR_PATH_NOT_FOUND,
  EMFILE: ERROR_TOO_MANY_OPEN_FILES,
  ENFILE: ERROR_TOO_MANY_OPEN_FILES,
  EACCES: ERROR_ACCESS_DENIED,
  EPERM: ERROR_ACCESS_DENIED,
  EISDIR: ERROR_ACCESS_DENIED,
  EROFS: ERROR_ACCESS_DENIED,
  EBADF: ERROR_INVALID_HANDLE,
  EBUSY: ERROR_SHARING_VIOLATION,
  EEXIST: ERROR_FILE_EXISTS,
  ENOSPC: ERROR_DISK_FULL,
  EDQUOT: ERROR_DISK_FULL,
  EINVAL: ERROR_INVALID_PARAMETER,
  ENAMETOOLONG: ERROR_INVALID_NAME,
  ENOTEMPTY: ERROR_DIR_NOT_EMPTY,
};

/**
 * A file failure.
 *
 * Emulates: MFC `CFileException` (`m_cause`, `m_lOsError` defaulting to -1, `m_strFileName`,
 * `OsErrorToException`, `ThrowOsError`).
 * Differs: `OsErrorToException` knows the common Win32 errors listed in this file, not MFC's whole
 * table; others map to `genericException`.
 *
 * @example
 * const e = new CFileException();
 * if (!file.Open('missing.dat', CFile.modeRead, e)) console.log(e.m_cause === CFileException.fileNotFound);
 */
export class CFileException extends CException {
  static readonly none = 0;
  static readonly genericException = 1;
  static readonly generic = 1;
  static readonly fileNotFound = 2;
  static readonly badPath = 3;
  static readonly tooManyOpenFiles = 4;
  static readonly accessDenied = 5;
  static readonly invalidFile = 6;
  static readonly removeCurrentDir = 7;
  static readonly directoryFull = 8;
  static readonly badSeek = 9;
  static readonly hardIO = 10;
  static readonly sharingViolation = 11;
  static readonly lockViolation = 12;
  static readonly diskFull = 13;
  static readonly endOfFile = 14;

  m_cause: number;
  m_lOsError: number;
  m_strFileName: string;

  /** Emulates: `CFileException(int cause = none, LONG lOsError = -1, LPCTSTR lpszArchiveName = NULL)`. */
  constructor(cause: number = CFileException.none, lOsError = -1, lpszArchiveName = '') {
    super('');
    this.name = 'CFileException';
    this.m_cause = cause;
    this.m_lOsError = lOsError;
    this.m_strFileName = lpszArchiveName;
    this.message = this.describe();
  }

  /** Refreshes `message` after the public fields were filled in (as `CFile.Open` does). */
  describe(): string {
    const name = causeNames[this.m_cause] ?? `cause ${this.m_cause}`;
    this.message = `CFileException ${name}${this.m_strFileName ? ` on ${this.m_strFileName}` : ''}: OS error ${this.m_lOsError}`;
    return this.message;
  }

  /** Emulates: `CFileException::OsErrorToException(LONG lOsError)`: a Win32 error → a cause. */
  static OsErrorToException(lOsError: number): number {
    switch (lOsError) {
      case 0: return CFileException.none;
      case ERROR_FILE_NOT_FOUND: case ERROR_INVALID_HANDLE: return CFileException.fileNotFound;
      case ERROR_PATH_NOT_FOUND: case ERROR_INVALID_NAME: case ERROR_DIRECTORY: return CFileException.badPath;
      case ERROR_TOO_MANY_OPEN_FILES: return CFileException.tooManyOpenFiles;
      case ERROR_ACCESS_DENIED: case ERROR_FILE_EXISTS: return CFileException.accessDenied;
      case ERROR_DIR_NOT_EMPTY: return CFileException.removeCurrentDir;
      case ERROR_NEGATIVE_SEEK: return CFileException.badSeek;
      case ERROR_SHARING_VIOLATION: return CFileException.sharingViolation;
      case ERROR_LOCK_VIOLATION: return CFileException.lockViolation;
      case ERROR_HANDLE_EOF: return CFileException.endOfFile;
      case ERROR_HANDLE_DISK_FULL: case ERROR_DISK_FULL: return CFileException.diskFull;
      default: return CFileException.genericException;
    }
  }

  /** Emulates: `CFileException::ThrowOsError(LONG lOsError, LPCTSTR lpszFileName = NULL)`. */
  static ThrowOsError(lOsError: number, lpszFileName = ''): never {
    throw new CFileException(CFileException.OsErrorToException(lOsError), lOsError, lpszFileName);
  }

  /** Ours: the Win32 error a Node `fs` error corresponds to (generic failure 1 when unknown). */
  static win32ErrorOf(err: unknown): number {
    const code = (err as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? (win32ErrorOfNodeCode[code] ?? 1) : 1;
  }
}

/** Emulates: `AfxThrowFileException(int cause, LONG lOsError = -1, LPCTSTR lpszFileName = NULL)`. */
export function AfxThrowFileException(cause: number, lOsError = -1, lpszFileName = ''): never {
  throw new CFileException(cause, lOsError, lpszFileName);
}

/** The Win32 error for a negative seek, used by CFile.Seek. */
export const ERROR_NEGATIVE_SEEK_CODE = ERROR_NEGATIVE_SEEK;
