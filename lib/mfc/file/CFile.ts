// CFile: an unbuffered binary file on disk (synchronous node:fs), and the base class of every file
// an archive can sit on (CMemFile here, CSocketFile later). The archive asks its file two things
// beyond reading and writing: GetBufferPtr(bufferCheck) (MFC's own question, mfc-semantics §5.3
// item 9) and readableBytesNow() (ours, for read transactions).
import * as fs from 'node:fs';
import { basename } from 'node:path';
import { CObject } from '../object/CObject.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { CFileException, ERROR_NEGATIVE_SEEK_CODE } from '../exceptions/CFileException.ts';
import { CNotSupportedException } from '../exceptions/CNotSupportedException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { bufferBytes, bufferCount } from './byteCount.ts';

/** Win32 ERROR_DISK_FULL. */
const ERROR_DISK_FULL = 112;

/**
 * A binary file on disk, and the base class of archive-compatible files.
 *
 * Emulates: MFC `CFile` — the OpenFlags, SeekPosition and BufferCommand values, Open (FALSE plus a
 * filled CFileException) and the opening constructor (throws), Read (0 at the end), Write, Seek,
 * SeekToBegin, SeekToEnd, GetLength, SetLength, GetPosition, Flush, Close, Abort, Remove, Rename.
 * Differs: the share flags are accepted and ignored (POSIX has no share modes); LockRange and
 * UnlockRange throw CNotSupportedException; `m_hFile` is a Node file descriptor; Read and Write take
 * a `Uint8Array` in place of a pointer.
 *
 * @example
 * const f = new CFile('data.bin', CFile.modeCreate | CFile.modeWrite);
 * f.Write(new Uint8Array([1, 2, 3]), 3);
 * f.Close();
 */
export class CFile extends CObject {
  static readonly modeRead = 0x00000;
  static readonly modeWrite = 0x00001;
  static readonly modeReadWrite = 0x00002;
  static readonly shareCompat = 0x00000;
  static readonly shareExclusive = 0x00010;
  static readonly shareDenyWrite = 0x00020;
  static readonly shareDenyRead = 0x00030;
  static readonly shareDenyNone = 0x00040;
  static readonly modeNoInherit = 0x00080;
  static readonly typeUnicode = 0x00400;
  static readonly modeCreate = 0x01000;
  static readonly modeNoTruncate = 0x02000;
  static readonly typeText = 0x04000;
  static readonly typeBinary = 0x08000;
  static readonly osNoBuffer = 0x10000;
  static readonly osWriteThrough = 0x20000;
  static readonly osRandomAccess = 0x40000;
  static readonly osSequentialScan = 0x80000;

  static readonly begin = 0;
  static readonly current = 1;
  static readonly end = 2;

  static readonly bufferRead = 0;
  static readonly bufferWrite = 1;
  static readonly bufferCommit = 2;
  static readonly bufferCheck = 3;
  /** GetBufferPtr(bufferCheck) flag: the file is memory the archive may use directly. */
  static readonly bufferDirect = 0x01;
  /** GetBufferPtr(bufferCheck) flag: a Read may wait for data, so the archive reads only what it needs. */
  static readonly bufferBlocking = 0x02;

  static readonly hFileNull = -1;

  m_hFile: number = CFile.hFileNull;
  m_bCloseOnDelete = false;
  protected m_strFileName = '';
  private position = 0;

  /**
   * Emulates: `CFile()`, `CFile(HANDLE hFile)` and `CFile(LPCTSTR lpszFileName, UINT nOpenFlags)`;
   * the last throws CFileException when the file cannot be opened.
   */
  constructor(hFileOrName?: number | string, nOpenFlags = CFile.modeRead) {
    super();
    if (typeof hFileOrName === 'number') this.m_hFile = hFileOrName;
    else if (typeof hFileOrName === 'string') {
      const e = new CFileException();
      if (!this.Open(hFileOrName, nOpenFlags, e)) throw e;
    }
  }

  /** Emulates: `CFile::Open`: FALSE on failure, with `pError` (if given) filled in. */
  Open(lpszFileName: string, nOpenFlags: number, pError: CFileException | null = null): boolean {
    let flags = (nOpenFlags & 3) === CFile.modeWrite ? fs.constants.O_WRONLY
      : (nOpenFlags & 3) === CFile.modeReadWrite ? fs.constants.O_RDWR : fs.constants.O_RDONLY;
    if (nOpenFlags & CFile.modeCreate) {
      flags |= fs.constants.O_CREAT;
      if (!(nOpenFlags & CFile.modeNoTruncate)) flags |= fs.constants.O_TRUNC;
    }
    try {
      this.m_hFile = fs.openSync(lpszFileName, flags, 0o666);
    } catch (err) {
      if (pError) {
        pError.m_lOsError = CFileException.win32ErrorOf(err);
        pError.m_cause = CFileException.OsErrorToException(pError.m_lOsError);
        pError.m_strFileName = lpszFileName;
        pError.describe();
      }
      return false;
    }
    this.m_strFileName = lpszFileName;
    this.m_bCloseOnDelete = true;
    this.position = 0;
    return true;
  }

  /**
   * Emulates: `CFile::Read`: up to `nCount` bytes into `lpBuf`; fewer only at the end of the file.
   * `nCount` is a UINT as C converts it; more than `lpBuf` holds is CInvalidArgException (issue 15.4).
   */
  Read(lpBuf: ArrayBufferView, nCount: number): number {
    const bytes = bufferBytes(lpBuf, 'CFile.Read');
    nCount = bufferCount(bytes, nCount, 'CFile.Read', 'nCount');
    let total = 0;
    while (total < nCount) {
      const n = this.os(() => fs.readSync(this.m_hFile, bytes, total, nCount - total, this.position));
      if (n === 0) break;
      total += n;
      this.position += n;
    }
    return total;
  }

  /**
   * Emulates: `CFile::Write`: all `nCount` bytes of `lpBuf`, or a CFileException (diskFull, …).
   * `nCount` is a UINT as C converts it; more than `lpBuf` holds is CInvalidArgException.
   */
  Write(lpBuf: ArrayBufferView, nCount: number): void {
    const bytes = bufferBytes(lpBuf, 'CFile.Write');
    nCount = bufferCount(bytes, nCount, 'CFile.Write', 'nCount');
    let done = 0;
    while (done < nCount) {
      const n = this.os(() => fs.writeSync(this.m_hFile, bytes, done, nCount - done, this.position + done));
      // A write that takes nothing would repeat for ever: Windows reports a full disk.
      if (n <= 0) throw new CFileException(CFileException.diskFull, ERROR_DISK_FULL, this.m_strFileName);
      done += n;
    }
    this.position += nCount;
  }

  /** Emulates: `CFile::Seek(LONGLONG lOff, UINT nFrom)`: the new position; before the start is badSeek. */
  Seek(lOff: number, nFrom: number): number {
    if (!Number.isFinite(lOff)) wrongArgument('CFile.Seek', 'an lOff that is a finite number', lOff);
    const base = nFrom === CFile.begin ? 0 : nFrom === CFile.current ? this.position : this.GetLength();
    const next = base + lOff;
    if (next < 0) throw new CFileException(CFileException.badSeek, ERROR_NEGATIVE_SEEK_CODE, this.m_strFileName);
    this.position = next;
    return next;
  }

  /** Emulates: `CFile::SeekToBegin`. */
  SeekToBegin(): void {
    this.Seek(0, CFile.begin);
  }

  /** Emulates: `CFile::SeekToEnd`: the length of the file. */
  SeekToEnd(): number {
    return this.Seek(0, CFile.end);
  }

  /** Emulates: `CFile::GetPosition`. */
  GetPosition(): number {
    return this.position;
  }

  /** Emulates: `CFile::GetLength`. */
  GetLength(): number {
    return this.os(() => fs.fstatSync(this.m_hFile).size);
  }

  /** Emulates: `CFile::SetLength`: truncates or extends the file. */
  SetLength(dwNewLen: number): void {
    if (!Number.isInteger(dwNewLen) || dwNewLen < 0) wrongArgument('CFile.SetLength', 'a dwNewLen that is an integer of 0 or more', dwNewLen);
    this.os(() => fs.ftruncateSync(this.m_hFile, dwNewLen));
  }

  /** Emulates: `CFile::Flush`: writes the operating system's buffers to disk. */
  Flush(): void {
    if (this.m_hFile !== CFile.hFileNull) this.os(() => fs.fsyncSync(this.m_hFile));
  }

  /** Emulates: `CFile::Close`: closes the file; failure is a CFileException. */
  Close(): void {
    if (this.m_hFile !== CFile.hFileNull) {
      const fd = this.m_hFile;
      this.m_hFile = CFile.hFileNull;
      try { fs.closeSync(fd); } catch (err) { CFileException.ThrowOsError(CFileException.win32ErrorOf(err), this.m_strFileName); }
    }
    this.m_strFileName = '';
  }

  /** Emulates: `CFile::Abort`: closes the file and ignores every failure (for exception handlers). */
  Abort(): void {
    if (this.m_hFile !== CFile.hFileNull) {
      try { fs.closeSync(this.m_hFile); } catch { /* Abort never throws, by contract */ }
      this.m_hFile = CFile.hFileNull;
    }
    this.m_strFileName = '';
  }

  /** Emulates: `CFile::LockRange`. */
  LockRange(_dwPos: number, _dwCount: number): void {
    throw new CNotSupportedException('CFile.LockRange: Node has no byte-range locks');
  }

  /** Emulates: `CFile::UnlockRange`. */
  UnlockRange(_dwPos: number, _dwCount: number): void {
    throw new CNotSupportedException('CFile.UnlockRange: Node has no byte-range locks');
  }

  /** Emulates: `CFile::GetFilePath`. */
  GetFilePath(): string {
    return this.m_strFileName;
  }

  /** Emulates: `CFile::GetFileName`: the last component of the path. */
  GetFileName(): string {
    return basename(this.m_strFileName);
  }

  /**
   * Emulates: `CFile::GetBufferPtr(UINT nCommand, UINT nCount)` for `bufferCheck` only: the
   * bufferDirect / bufferBlocking flags. A plain file is neither (0). CSocketFile overrides it to
   * report bufferBlocking, which makes CArchive read only the bytes it needs (mfc-semantics §5.3 item 9).
   */
  GetBufferPtr(nCommand: number, _nCount = 0): number {
    if (nCommand !== CFile.bufferCheck) throw new CNotSupportedException('CFile.GetBufferPtr: only bufferCheck is emulated');
    return 0;
  }

  /**
   * Ours: an upper bound on what a Read can return right now without waiting. `Infinity` for files
   * whose Read never waits (disk, memory: a short read there is the end of the data). A socket file
   * returns the bytes already received, and `Infinity` once the peer has closed (Read returns 0 at
   * once). A loading archive inside a read transaction never calls Read when this is 0; see
   * `CArchive.startTransaction()`.
   */
  readableBytesNow(): number {
    return Infinity;
  }

  /**
   * Ours, for CArchive: the memory that holds this file's bytes at their offsets, when a Read is
   * only a copy out of it, so a loading archive can read them where they are (moving the position
   * with Seek as a Read would) instead of copying them into its buffer. Null for every other file:
   * the archive calls Read.
   */
  memoryImage(): Uint8Array | null {
    return null;
  }

  /** Emulates: `CFile::Remove(LPCTSTR lpszFileName)`. */
  static Remove(lpszFileName: string): void {
    try { fs.unlinkSync(lpszFileName); } catch (err) { CFileException.ThrowOsError(CFileException.win32ErrorOf(err), lpszFileName); }
  }

  /** Emulates: `CFile::Rename(LPCTSTR lpszOldName, LPCTSTR lpszNewName)`. */
  static Rename(lpszOldName: string, lpszNewName: string): void {
    try { fs.renameSync(lpszOldName, lpszNewName); } catch (err) { CFileException.ThrowOsError(CFileException.win32ErrorOf(err), lpszOldName); }
  }

  /** Runs one fs call; a Node error becomes the CFileException MFC would throw for it. */
  private os<T>(call: () => T): T {
    if (this.m_hFile === CFile.hFileNull) throw new CFileException(CFileException.genericException, 6, this.m_strFileName);
    try {
      return call();
    } catch (err) {
      return CFileException.ThrowOsError(CFileException.win32ErrorOf(err), this.m_strFileName);
    }
  }
}

IMPLEMENT_DYNAMIC(CFile, CObject);
