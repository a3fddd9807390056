// CMemFile: a file in memory that grows as it is written. It lets archives be stored and loaded
// without disk or sockets, and lets specs feed a loading archive a few bytes at a time.
import { CFile } from './CFile.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { CFileException, ERROR_NEGATIVE_SEEK_CODE } from '../exceptions/CFileException.ts';
import { AfxThrowMemoryException } from '../exceptions/CMemoryException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { bufferBytes, bufferCount, toUINT } from './byteCount.ts';

/** The largest memory file: a UINT-sized buffer is as far as MFC's 32-bit arithmetic goes. */
const MAX_FILE_BYTES = 0xffffffff;
/** The largest memory file a loading archive reads in place (memoryImage): 2^30 - 1, a V8 small integer. */
const IN_PLACE_MAX_BYTES = 0x3fffffff;

/**
 * A growable file in memory.
 *
 * Emulates: MFC `CMemFile(UINT nGrowBytes = 1024)` and `CMemFile(BYTE* lpBuffer, UINT nBufferSize,
 * UINT nGrowBytes = 0)`, `Attach`, `Detach`, Read, Write, Seek, GetLength, SetLength,
 * GetPosition; writing past a fixed buffer (nGrowBytes 0) throws CMemoryException.
 * Differs: the buffer grows to at least twice its size (rounded up to nGrowBytes), not by
 * nGrowBytes at a time, so a large archive is not copied once per KiB; `Detach()` returns a view
 * of the file's bytes (its length is GetLength()) rather than the whole buffer; GetBufferPtr
 * reports 0, not bufferDirect. A loading archive reads the file's memory in place instead of
 * copying it into its buffer, moving the position as its FillBuffer's Reads would
 * (mfc-semantics §5.3 item 3), so bytes the archive has taken but not yet loaded, when written
 * over, load as written (a copy would keep the old ones).
 *
 * @example
 * const f = new CMemFile();
 * const ar = new CArchive(f, CArchive.store);
 * ar.writeDWORD(0xdeadbeef); ar.Close();
 * f.Detach(); // Uint8Array [0xef, 0xbe, 0xad, 0xde]
 */
export class CMemFile extends CFile {
  protected m_lpBuffer: Uint8Array;
  protected m_nBufferSize: number;
  protected m_nFileSize: number;
  protected m_nPosition = 0;
  protected m_nGrowBytes: number;

  constructor(nGrowBytesOrBuffer: number | Uint8Array = 1024, nBufferSize?: number, nGrowBytes = 0) {
    super();
    this.m_lpBuffer = new Uint8Array(0);
    this.m_nBufferSize = 0;
    this.m_nFileSize = 0;
    this.m_nGrowBytes = 1024;
    if (typeof nGrowBytesOrBuffer === 'number') this.m_nGrowBytes = toUINT(nGrowBytesOrBuffer, 'CMemFile', 'nGrowBytes');
    else this.Attach(nGrowBytesOrBuffer, nBufferSize ?? nGrowBytesOrBuffer.length, nGrowBytes);
  }

  /**
   * Emulates: `CMemFile::Attach`: with nGrowBytes 0 the buffer's bytes are the file (fixed size);
   * otherwise the file starts empty and may grow beyond the buffer.
   */
  Attach(lpBuffer: Uint8Array, nBufferSize: number, nGrowBytes = 0): void {
    this.m_lpBuffer = lpBuffer;
    this.m_nBufferSize = Math.min(toUINT(nBufferSize, 'CMemFile.Attach', 'nBufferSize'), lpBuffer.length);
    this.m_nGrowBytes = toUINT(nGrowBytes, 'CMemFile.Attach', 'nGrowBytes');
    this.m_nFileSize = nGrowBytes === 0 ? this.m_nBufferSize : 0;
    this.m_nPosition = 0;
  }

  /** Emulates: `CMemFile::Detach`: the file's bytes; the file is then empty. */
  Detach(): Uint8Array {
    const bytes = this.m_lpBuffer.subarray(0, this.m_nFileSize);
    this.m_lpBuffer = new Uint8Array(0);
    this.m_nBufferSize = this.m_nFileSize = this.m_nPosition = 0;
    return bytes;
  }

  /**
   * Emulates: `CMemFile::Read`: up to `nCount` bytes from the position; `nCount` is a UINT as C
   * converts it; more than `lpBuf` holds is CInvalidArgException (issue 15.4).
   */
  override Read(lpBuf: ArrayBufferView, nCount: number): number {
    const bytes = bufferBytes(lpBuf, 'CMemFile.Read');
    nCount = bufferCount(bytes, nCount, 'CMemFile.Read', 'nCount');
    const n = Math.max(0, Math.min(nCount, this.m_nFileSize - this.m_nPosition));
    bytes.set(this.m_lpBuffer.subarray(this.m_nPosition, this.m_nPosition + n), 0);
    this.m_nPosition += n;
    return n;
  }

  /**
   * Emulates: `CMemFile::Write`: grows the file as needed (CMemoryException when it may not);
   * `nCount` is a UINT as C converts it; more than `lpBuf` holds is CInvalidArgException.
   */
  override Write(lpBuf: ArrayBufferView, nCount: number): void {
    const bytes = bufferBytes(lpBuf, 'CMemFile.Write');
    nCount = bufferCount(bytes, nCount, 'CMemFile.Write', 'nCount');
    const end = this.m_nPosition + nCount;
    if (end > this.m_nBufferSize) this.grow(end);
    this.m_lpBuffer.set(nCount === bytes.length ? bytes : bytes.subarray(0, nCount), this.m_nPosition);
    this.m_nPosition = end;
    if (end > this.m_nFileSize) this.m_nFileSize = end;
  }

  override Seek(lOff: number, nFrom: number): number {
    if (!Number.isFinite(lOff)) wrongArgument('CMemFile.Seek', 'an lOff that is a finite number', lOff);
    const base = nFrom === CFile.begin ? 0 : nFrom === CFile.current ? this.m_nPosition : this.m_nFileSize;
    const next = base + lOff;
    if (next < 0) throw new CFileException(CFileException.badSeek, ERROR_NEGATIVE_SEEK_CODE);
    this.m_nPosition = next;
    return next;
  }

  override GetPosition(): number {
    return this.m_nPosition;
  }

  override GetLength(): number {
    return this.m_nFileSize;
  }

  /**
   * Emulates: `CMemFile::SetLength(ULONGLONG dwNewLen)`: zero-fills when it grows. A negative
   * length is the huge ULONGLONG C makes of it, which no memory holds: CMemoryException.
   */
  override SetLength(dwNewLen: number): void {
    if (!Number.isFinite(dwNewLen)) wrongArgument('CMemFile.SetLength', 'a dwNewLen that is a finite number', dwNewLen);
    dwNewLen = Math.trunc(dwNewLen);
    if (dwNewLen < 0) AfxThrowMemoryException(`CMemFile.SetLength: ${dwNewLen} is ${BigInt.asUintN(64, BigInt(dwNewLen))} as ULONGLONG`);
    if (dwNewLen > this.m_nBufferSize) this.grow(dwNewLen);
    if (dwNewLen > this.m_nFileSize) this.m_lpBuffer.fill(0, this.m_nFileSize, dwNewLen);
    if (dwNewLen < this.m_nPosition) this.m_nPosition = dwNewLen;
    this.m_nFileSize = dwNewLen;
  }

  override Flush(): void {}

  override Close(): void {
    this.Detach();
  }

  override Abort(): void {
    this.Close();
  }

  /**
   * Ours (see CFile): the bytes after the position. A Read never waits; the exact count lets a
   * read transaction buffer only what is there, so a declared length allocates nothing by itself.
   */
  override readableBytesNow(): number {
    return Math.max(0, this.m_nFileSize - this.m_nPosition);
  }

  /**
   * Ours (see CFile): the file's memory. A subclass that overrides Read or Seek gets null, so its
   * overrides still run; so do a file past 1 GiB and a position past the end, whose offsets would
   * not stay small integers in the archive (V8 keeps those unboxed).
   */
  override memoryImage(): Uint8Array | null {
    if (this.Read !== CMemFile.prototype.Read || this.Seek !== CMemFile.prototype.Seek) return null;
    return this.m_nFileSize > IN_PLACE_MAX_BYTES || this.m_nPosition > this.m_nFileSize ? null : this.m_lpBuffer;
  }

  /** Ours: a copy of the file's bytes, leaving the file as it is. */
  contents(): Uint8Array {
    return this.m_lpBuffer.slice(0, this.m_nFileSize);
  }

  /** Ours: appends bytes at the end without moving the position (a peer "sending" more data). */
  appendBytes(data: Uint8Array): void {
    const save = this.m_nPosition;
    this.m_nPosition = this.m_nFileSize;
    this.Write(data, data.length);
    this.m_nPosition = save;
  }

  private grow(needed: number): void {
    if (this.m_nGrowBytes === 0) AfxThrowMemoryException(`CMemFile cannot grow to ${needed} bytes: nGrowBytes is 0`);
    let size = Math.max(needed, this.m_nBufferSize * 2);
    size = Math.ceil(size / this.m_nGrowBytes) * this.m_nGrowBytes;
    // Past this, growing is what a failing realloc is in MFC: CMemoryException, not a RangeError.
    if (size > MAX_FILE_BYTES) size = Math.max(needed, MAX_FILE_BYTES);
    if (size > MAX_FILE_BYTES) AfxThrowMemoryException(`CMemFile cannot grow to ${needed} bytes: the most is ${MAX_FILE_BYTES}`);
    let next: Uint8Array;
    try {
      next = new Uint8Array(size);
    } catch (e) {
      AfxThrowMemoryException(`CMemFile cannot grow to ${size} bytes: ${String(e)}`);
    }
    next.set(this.m_lpBuffer.subarray(0, this.m_nFileSize));
    this.m_lpBuffer = next;
    this.m_nBufferSize = size;
  }
}

IMPLEMENT_DYNAMIC(CMemFile, CFile);