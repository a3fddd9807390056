// ArchiveBuffer: the buffering half of CArchive (mfc-semantics §5.3), and the buffer a read
// transaction (ArchiveTransaction) keeps. The chain is ArchiveBuffer → ArchivePrimitives →
// ArchiveObjects → CArchive; the front door exports only CArchive. Hot paths compare the cursor with one
// bound: `readEnd` for loads and `writeEnd` for stores. The bound of the wrong direction is -1, so
// a read on a storing archive (or after Close) falls into the slow path, which throws.
import { CFile } from '../file/CFile.ts';
import { ArchiveIncompleteError, CArchiveException } from '../exceptions/CArchiveException.ts';
import { bufferBytes, bufferCount, toUINT } from '../file/byteCount.ts';
import { AfxThrowMemoryException } from '../exceptions/CMemoryException.ts';
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';

/** Ours: limits and text settings of one archive (the fifth constructor argument). */
export interface CArchiveOptions {
  /** CString is CStringW (a `_UNICODE` build) when true (the default), CStringA when false. */
  unicode?: boolean;
  /** The Windows code page of ANSI text (CP_ACP of the legacy program); 1252 by default. */
  codePage?: number;
  /** The longest CString a load accepts, in characters; a longer declared length is genericException. */
  maxStringLength?: number;
  /** The largest ReadCount a load accepts; larger is genericException. */
  maxCount?: number;
  /** The most bytes one read transaction may hold back (64 MiB by default, 2 GiB − 1 at most); more is bufferFull. */
  maxTransactionBytes?: number;
  /**
   * How deep objects may nest (an object whose Serialize reads or writes an object, …): deeper is
   * genericException, before JavaScript's stack runs out. 500 by default; raised past what the
   * stack holds, the overflow is genericException too.
   */
  maxObjectDepth?: number;
}

/** MFC replaces buffers smaller than this with a private buffer of this size. */
const nBufSizeMin = 128;
/**
 * The most bytes `buf` may hold: the cursor and its bounds stay 32-bit integers, so the loads
 * compute with them as such (ArchivePrimitives). A larger file image is read by copying, and a
 * read transaction holds at most this much whatever maxTransactionBytes says.
 */
const BUFFER_BYTES_MAX = 0x7fffffff;

export class ArchiveBuffer {
  static readonly store = 0;
  static readonly load = 1;
  static readonly bNoFlushOnDelete = 2;
  static readonly bNoByteSwap = 4;

  /** Emulates: `CArchive::m_pDocument`: the document being serialized, for the application's use. */
  m_pDocument: unknown = null;
  /** Emulates: `CArchive::m_strFileName`: named in the exceptions this archive throws. */
  m_strFileName: string;

  protected m_pFile: CFile | null;
  protected readonly m_nMode: number;
  // `declare`: assigned once in the constructor, so V8 types the fields by their first value (a
  // Uint8Array, a DataView; small integers for the offsets) rather than by an undefined placeholder.
  /** Where the bytes between `cur` and `readEnd` are: `own`, or the file's memory (fillInPlace). */
  declare protected buf: Uint8Array;
  declare protected view: DataView;
  /** Offsets into `buf` (never above BUFFER_BYTES_MAX). */
  protected cur = 0;
  protected readEnd = -1;
  protected writeEnd = -1;
  /** The archive's buffer (nBufSize bytes; a read transaction may grow it) and its view. */
  declare private own: Uint8Array;
  declare private ownView: DataView;
  /** The file memory `buf` views while a load reads in place; null while `buf` is `own`. */
  private image: Uint8Array | null = null;
  declare private readonly inPlace: boolean;
  protected readonly maxStringLength: number;
  protected readonly maxCount: number;
  private readonly blocking: boolean;
  private readonly maxTransactionBytes: number;
  /** Open read transactions (ArchiveTransaction): nesting depth, where the outermost began. */
  protected txDepth = 0;
  protected txStart = 0;
  /** How many bytes from its start the last incomplete try of this message needed (0: unknown). */
  protected txNeeded = 0;

  constructor(pFile: CFile, nMode: number, nBufSize = 4096, lpBuf: Uint8Array | null = null, options: CArchiveOptions = {}) {
    // MFC 9 throws CInvalidArgException for a NULL pFile (mfc-semantics §5.2).
    if (!(pFile instanceof CFile)) AfxThrowInvalidArgException(`CArchive: pFile must be a CFile, got ${pFile === null ? 'null' : typeof pFile}`);
    this.m_pFile = pFile;
    this.m_nMode = nMode;
    this.m_strFileName = pFile.GetFilePath();
    nBufSize = toUINT(nBufSize, 'CArchive', 'nBufSize') | 0; // an int in MFC: negative is below the minimum
    if (nBufSize < nBufSizeMin) this.buf = new Uint8Array(nBufSizeMin);
    else if (lpBuf) {
      if (lpBuf.length < nBufSize) AfxThrowInvalidArgException(`CArchive: lpBuf holds ${lpBuf.length} bytes, nBufSize is ${nBufSize}`);
      this.buf = lpBuf.subarray(0, nBufSize);
    } else {
      try {
        this.buf = new Uint8Array(nBufSize);
      } catch (e) {
        AfxThrowMemoryException(`CArchive: a buffer of ${nBufSize} bytes: ${String(e)}`);
      }
    }
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.own = this.buf;
    this.ownView = this.view;
    this.readEnd = this.IsLoading() ? 0 : -1;
    this.writeEnd = this.IsLoading() ? -1 : this.buf.length;
    this.blocking = (pFile.GetBufferPtr(CFile.bufferCheck) & CFile.bufferBlocking) !== 0;
    // A caller's lpBuf is filled as MFC fills it; a blocking file is asked only for what is missing.
    this.inPlace = !this.blocking && !(lpBuf && nBufSize >= nBufSizeMin);
    this.maxStringLength = options.maxStringLength ?? 64 * 1024 * 1024;
    this.maxCount = options.maxCount ?? 0x10000000;
    this.maxTransactionBytes = Math.min(options.maxTransactionBytes ?? 64 * 1024 * 1024, BUFFER_BYTES_MAX);
  }

  /** Emulates: `CArchive::IsLoading`. */
  IsLoading(): boolean {
    return (this.m_nMode & ArchiveBuffer.load) !== 0;
  }

  /** Emulates: `CArchive::IsStoring`. */
  IsStoring(): boolean {
    return (this.m_nMode & ArchiveBuffer.load) === 0;
  }

  /**
   * Emulates: `CArchive::IsBufferEmpty`: no unread bytes in the archive's buffer. Meaningful on
   * loading archives; a storing archive reports true only when its buffer is exactly full, as MFC.
   */
  IsBufferEmpty(): boolean {
    return this.IsLoading() ? this.cur === this.readEnd : this.cur === this.writeEnd;
  }

  /** Emulates: `CArchive::GetFile`: flushes first, then returns the file. */
  GetFile(): CFile | null {
    if (this.m_pFile) this.Flush();
    return this.m_pFile;
  }

  /**
   * Emulates: `CArchive::Flush`. Storing: writes the buffered bytes to the file. Loading: seeks the
   * file back over the unread bytes and empties the buffer (a socket file cannot seek, so there the
   * bytes are lost, as in MFC).
   */
  Flush(): void {
    const file = this.open();
    if (this.IsLoading()) {
      if (this.txDepth > 0) throw new TypeError('CArchive.Flush: a read transaction is open; commit or roll it back first');
      if (this.readEnd !== this.cur) file.Seek(-(this.readEnd - this.cur), CFile.current);
      this.cur = this.readEnd = 0;
      this.txNeeded = 0;
    } else {
      if (this.cur !== 0) file.Write(this.buf, this.cur);
      this.cur = 0;
    }
  }

  /** Emulates: `CArchive::Close`: flushes and disconnects from the file; the archive is then unusable. */
  Close(): void {
    this.Flush();
    this.detach();
  }

  /** Emulates: `CArchive::Abort`: disconnects without flushing and without throwing. */
  Abort(): void {
    this.detach();
  }

  /**
   * Ours: what MFC's destructor does — Close unless the archive is closed or was opened with
   * bNoFlushOnDelete, then Abort. JavaScript has no destructors, so ported code calls this where
   * the C++ archive went out of scope.
   */
  dispose(): void {
    if (this.m_pFile && !(this.m_nMode & ArchiveBuffer.bNoFlushOnDelete)) this.Close();
    this.Abort();
  }

  /**
   * Emulates: `CArchive::Read(void* lpBuf, UINT nMax)`: raw bytes into `lpBuf`; fewer than `nMax`
   * only at the end of the file, without an exception (inside a read transaction a missing tail
   * is ArchiveIncompleteError instead). `nMax` is converted to UINT as C converts it (-2 is
   * 0xFFFFFFFE).
   * Differs: a count larger than `lpBuf` is CInvalidArgException before anything is read; MFC
   * copies up to that many bytes, past the end of the buffer when the file holds them (issue 15.4).
   */
  Read(lpBuf: ArrayBufferView, nMax: number): number {
    const bytes = bufferBytes(lpBuf, 'CArchive.Read');
    nMax = bufferCount(bytes, nMax, 'CArchive.Read', 'nMax');
    if (nMax === 0) return 0;
    if (this.readEnd < 0) this.needRead(0);
    let done = Math.min(nMax, this.readEnd - this.cur);
    bytes.set(this.buf.subarray(this.cur, this.cur + done), 0);
    this.cur += done;
    let left = nMax - done;
    if (left === 0) return nMax;
    if (this.txDepth > 0) {
      this.needRead(left);
      bytes.set(this.buf.subarray(this.cur, this.cur + left), done);
      this.cur += left;
      return nMax;
    }
    const file = this.m_pFile!;
    // Whole-buffer multiples go straight from the file into the caller's bytes (mfc-semantics §5.3 item 6).
    const direct = left - (left % this.own.length);
    let got = 0;
    while (got < direct) {
      const n = file.Read(bytes.subarray(done + got), direct - got);
      if (n === 0) break;
      got += n;
    }
    done += got;
    left -= got;
    if (left > 0 && got === direct) {
      this.fillUpTo(left);
      const n = Math.min(left, this.readEnd - this.cur);
      bytes.set(this.buf.subarray(this.cur, this.cur + n), done);
      this.cur += n;
      done += n;
    }
    return done;
  }

  /**
   * Emulates: `CArchive::Write(const void* lpBuf, UINT nMax)`: raw bytes, no formatting; `nMax` is
   * converted to UINT as C converts it.
   * Differs: a count larger than `lpBuf` is CInvalidArgException before anything is stored (MFC
   * reads past the end of the buffer).
   */
  Write(lpBuf: ArrayBufferView, nMax: number): void {
    const bytes = bufferBytes(lpBuf, 'CArchive.Write');
    nMax = bufferCount(bytes, nMax, 'CArchive.Write', 'nMax');
    if (nMax === 0) return;
    if (this.writeEnd < 0) this.needWrite(0);
    let done: number;
    if (this.cur === 0 && nMax > this.writeEnd) {
      done = this.writeFirstBuffer(bytes);
    } else {
      done = Math.min(nMax, this.writeEnd - this.cur);
      this.buf.set(bytes.subarray(0, done), this.cur);
      this.cur += done;
      if (done === nMax) return;
      this.Flush();
    }
    // Whole-buffer multiples go straight to the file; the remainder stays buffered (§5.3 item 2).
    const direct = (nMax - done) - ((nMax - done) % this.buf.length);
    if (direct > 0) {
      this.m_pFile!.Write(bytes.subarray(done, done + direct), direct);
      done += direct;
    }
    this.buf.set(bytes.subarray(done, nMax), 0);
    this.cur = nMax - done;
  }

  /**
   * Write's first step when the buffer is empty and the block is larger: MFC fills the buffer with
   * the block's first buffer-full and flushes it, so that Write of the file gets the caller's bytes
   * themselves, without the copy (a 1 MiB block to a CSocketFile is still MFC's two Sends, one copy
   * fewer). If that Write throws, the bytes stay buffered, as MFC's would. Returns the bytes done.
   */
  private writeFirstBuffer(lpBuf: Uint8Array): number {
    const size = this.buf.length;
    try {
      this.m_pFile!.Write(lpBuf.subarray(0, size), size);
    } catch (e) {
      this.buf.set(lpBuf.subarray(0, size), 0);
      this.cur = size;
      throw e;
    }
    return size;
  }

  /**
   * Ours: tells a read transaction that the load reads at least `nBytes` more from here — a
   * collection of fixed-size elements after its count does — so an incomplete message is found
   * before its elements are parsed, and the next try waits for all of them (tryTransaction): a
   * long array in small pieces is parsed twice, not once per piece (issue 15.6). A count whose
   * bytes would exceed maxTransactionBytes is bufferFull at once. Outside a transaction, or when
   * the bytes are buffered, it does nothing (a blocking load just reads on).
   */
  expectBytes(nBytes: number): void {
    if (this.txDepth === 0 || !this.IsLoading() || !(nBytes > 0) || this.readEnd - this.cur >= nBytes) return;
    this.needRead(nBytes);
  }

  /** Slow path of every read: makes `n` bytes available at `cur`, or throws. */
  protected needRead(n: number): void {
    if (!this.m_pFile) throw new TypeError('CArchive: the archive is closed');
    if (!this.IsLoading()) throw new CArchiveException(CArchiveException.writeOnly, this.m_strFileName);
    this.fillUpTo(n);
    const have = this.readEnd - this.cur;
    if (have < n) {
      if (this.txDepth > 0) {
        this.txNeeded = this.cur + n - this.txStart;
        throw new ArchiveIncompleteError(n - have, this.m_strFileName);
      }
      throw new CArchiveException(CArchiveException.endOfFile, this.m_strFileName);
    }
  }

  /** Slow path of every store: makes room for `n` bytes at `cur` (n never exceeds the buffer). */
  protected needWrite(_n: number): void {
    if (!this.m_pFile) throw new TypeError('CArchive: the archive is closed');
    if (this.IsLoading()) throw new CArchiveException(CArchiveException.readOnly, this.m_strFileName);
    this.Flush();
  }

  /**
   * MFC's FillBuffer (§5.3 item 3): moves the unread bytes (inside a transaction, every byte since
   * it started) to the front, then reads until `n` bytes are available at `cur`, a Read returns 0
   * or the buffer is full. A blocking file is asked only for what is missing. A file in memory is
   * read in place instead (fillInPlace), outside transactions.
   */
  protected fillUpTo(n: number): void {
    const file = this.m_pFile!;
    if (this.inPlace && this.txDepth === 0 && (this.image !== null || this.cur === this.readEnd) && this.fillInPlace(file, n)) return;
    if (this.image !== null) this.leaveImage();
    const keep = this.txDepth > 0 ? this.txStart : this.cur;
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.readEnd);
      this.readEnd -= keep;
      this.cur -= keep;
      this.txStart -= this.txDepth > 0 ? keep : 0;
    }
    const required = this.cur + n;
    if (required > this.own.length) this.growForTransaction(required, file.readableBytesNow());
    while (this.readEnd < required && this.readEnd < this.own.length) {
      let ask = this.blocking ? required - this.readEnd : this.own.length - this.readEnd;
      if (this.txDepth > 0) {
        const available = file.readableBytesNow();
        if (available <= 0) break;
        ask = Math.min(ask, available);
      }
      const got = file.Read(this.buf.subarray(this.readEnd), ask);
      this.readEnd += got;
      if (got === 0) break;
    }
  }

  /**
   * fillUpTo on a file whose bytes are in memory (CFile.memoryImage): the same read, moving the
   * file position as far as copying would (unread bytes stay, the file gives up to the free space),
   * but `buf` views the file's memory, so the bytes are not copied and a refill allocates nothing.
   * False when the file has no such memory, or when the unread bytes are not the ones just before
   * its position (the file was moved under the archive): then the archive copies.
   */
  private fillInPlace(file: CFile, n: number): boolean {
    const unread = this.readEnd - this.cur;
    if (unread >= n) return true;
    const mem = file.memoryImage();
    if (mem === null || mem.length > BUFFER_BYTES_MAX) return false;
    const from = file.GetPosition();
    if (unread > 0 && from !== this.readEnd) return false;
    const got = Math.min(this.own.length - unread, file.GetLength() - from);
    file.Seek(got, CFile.current);
    if (mem !== this.image) {
      this.image = mem;
      // A Buffer is viewed as a plain Uint8Array, so `buf` keeps one shape on the hot path.
      this.buf = new Uint8Array(mem.buffer, mem.byteOffset, mem.byteLength);
      this.view = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
    }
    this.cur = from - unread;
    this.readEnd = from + got;
    return true;
  }

  /** Back to the archive's own buffer: the unread bytes (in a transaction, every byte since it began) move there. */
  private leaveImage(): void {
    const keep = this.txDepth > 0 ? this.txStart : this.cur;
    this.own.set(this.buf.subarray(keep, this.readEnd));
    this.readEnd -= keep;
    this.cur -= keep;
    this.txStart -= this.txDepth > 0 ? keep : 0;
    this.buf = this.own;
    this.view = this.ownView;
    this.image = null;
  }

  /**
   * Only a transaction holds more than one buffer: grow, within maxTransactionBytes, towards what
   * is required but no further than the bytes the file has now (a declared length alone allocates
   * nothing), doubling so that the copies add up to linear time.
   */
  private growForTransaction(required: number, available: number): void {
    if (this.txDepth === 0) throw new RangeError(`CArchive: ${required} bytes cannot be buffered outside a transaction`);
    if (required > this.maxTransactionBytes) {
      throw new CArchiveException(CArchiveException.bufferFull, this.m_strFileName,
        `a read transaction would hold ${required} bytes, more than maxTransactionBytes ${this.maxTransactionBytes}`);
    }
    const target = Math.min(required, this.readEnd + Math.max(0, available));
    if (target <= this.own.length) return;
    const next = new Uint8Array(Math.min(this.maxTransactionBytes, Math.max(target, this.own.length * 2)));
    next.set(this.own.subarray(0, this.readEnd));
    this.buf = this.own = next;
    this.view = this.ownView = new DataView(next.buffer);
  }

  protected open(): CFile {
    if (!this.m_pFile) throw new TypeError('CArchive: the archive is closed');
    return this.m_pFile;
  }

  private detach(): void {
    this.m_pFile = null;
    this.buf = this.own;
    this.view = this.ownView;
    this.image = null;
    this.readEnd = this.writeEnd = -1;
    this.cur = 0;
    this.txDepth = 0;
    this.txNeeded = 0;
  }
}
