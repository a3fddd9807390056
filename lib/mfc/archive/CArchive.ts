// CArchive: MFC's binary serialization stream, byte for byte (mfc-semantics §5). Buffering is in
// ArchiveBuffer, read transactions in ArchiveTransaction, the fixed-size types in
// ArchivePrimitives, objects and classes in ArchiveObjects; this file adds CString, counts, text
// lines and the public face.
import { ArchiveObjects } from './ArchiveObjects.ts';
import type { CArchiveOptions } from './ArchiveBuffer.ts';
import { AfxReadStringLength, AfxWriteStringLength } from './AfxStringLength.ts';
import { CodePage } from './CodePage.ts';
import type { CFile } from '../file/CFile.ts';
import { CMemFile } from '../file/CMemFile.ts';
import { ArchiveIncompleteError, CArchiveException } from '../exceptions/CArchiveException.ts';
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { toUINT } from '../file/byteCount.ts';
import { decodeUtf16le } from './utf16le.ts';
import { CTime } from '../time/CTime.ts';
import { CTimeSpan } from '../time/CTimeSpan.ts';
import { secondsOfLONGLONG } from '../time/Seconds.ts';

/** Strings are read in pieces of this size, so memory follows the bytes that actually arrive. */
const READ_CHUNK = 64 * 1024;
/** MFC 8+'s cTime64Mark, INT_MIN + 10 as a DWORD: "a 64-bit time follows", never a valid 32-bit time_t. */
const CTIME64_MARK = 0x8000_000a;
/** MFC's ReadString(CString&) reads a line in pieces of this many characters (nMaxSize). */
const LINE_PIECE = 128;
const STRING = 'a string';

/** The characters of a TCHAR buffer as C sees them: up to the first NUL. */
function cString(units: number[]): number[] {
  const nul = units.indexOf(0);
  return nul < 0 ? units : units.slice(0, nul);
}

/**
 * MFC's archive: a buffered, one-direction binary stream on a CFile.
 *
 * `ar << x` and `ar >> x` become one family of typed methods named after the C type of `x`:
 * `ar << b` (BYTE) is `ar.writeBYTE(b)`, `ar >> b` is `b = ar.readBYTE()`. The store methods
 * return the archive, so `ar << a << b` is `ar.writeWORD(a).writeDWORD(b)`. The types: BYTE, WORD,
 * LONG, DWORD, int, unsigned, short, char, wchar_t, bool, float, double, LONGLONG and ULONGLONG
 * (bigint), POINT, SIZE, RECT, CString (and CStringA / CStringW) and CObject (`writeCObject(p)`,
 * `p = ar.readCObject(RUNTIME_CLASS(CAge))`). Member functions keep MFC's names (`Read`, `Write`,
 * `ReadString`, `WriteCount`, `Flush`, `Close`, `IsBufferEmpty`, …).
 *
 * Emulates: MFC `CArchive(CFile* pFile, UINT nMode, int nBufSize = 4096, void* lpBuf = NULL)`, its
 * buffering (§5.3), exceptions (§5.4) and wire formats (§5.5–5.7).
 * Differs: CString is a JavaScript string; whether it goes out as CStringW (a `_UNICODE` build, the
 * default) or CStringA is the `unicode` option, and ANSI text uses the `codePage` option (1252).
 * Beyond MFC: read transactions (`startTransaction` …), load limits (`maxStringLength`,
 * `maxCount`), and `dispose()` in place of the destructor.
 *
 * @example
 * const f = new CMemFile();
 * const ar = new CArchive(f, CArchive.store);
 * ar.writeBYTE(0x2a).writeWORD(3).writeCString('OK');
 * ar.Close();
 * const back = new CArchive(new CMemFile(f.Detach()), CArchive.load);
 * back.readBYTE(); back.readWORD(); back.readCString(); // 0x2a, 3, 'OK'
 */
export class CArchive extends ArchiveObjects {
  /**
   * One closed archive, kept for the life of the program. V8 collects the hidden class (map) that
   * CArchive objects share at a full collection that finds none of them alive, and deoptimizes
   * every function compiled against it ("weak objects"): a program that makes an archive per
   * message, none open when the collector runs, would lose its compiled loads and stores at each
   * full collection and run them unoptimized until they are hot again. A live instance keeps it.
   */
  static readonly #keepsTheMap = (() => {
    const ar = new CArchive(new CMemFile(), CArchive.load);
    ar.Abort();
    return ar;
  })();

  private readonly unicode: boolean;
  private readonly codePage: CodePage;

  constructor(pFile: CFile, nMode: number, nBufSize = 4096, lpBuf: Uint8Array | null = null, options: CArchiveOptions = {}) {
    super(pFile, nMode, nBufSize, lpBuf, options);
    this.unicode = options.unicode ?? true;
    this.codePage = CodePage.get(options.codePage ?? 1252);
  }

  /** `ar << str` (CString): as CStringW or CStringA, by the archive's `unicode` option. */
  writeCString(str: string): this {
    return this.unicode ? this.writeCStringW(str) : this.writeCStringA(str);
  }

  /**
   * `ar << str` (CStringA): length prefix, then the text in the archive's code page.
   * Beyond MFC (where a CString cannot be anything else): a `str` that is no string is
   * CInvalidArgException, MFC 9's exception for a bad argument (as for a NULL pFile, mfc-semantics
   * §5.2), before any byte is stored, so the stream is never left with a half-written prefix.
   */
  writeCStringA(str: string): this {
    if (typeof str !== 'string') wrongArgument('CArchive.writeCStringA', STRING, str);
    const bytes = this.codePage.encode(str);
    AfxWriteStringLength(this, bytes.length, false);
    this.Write(bytes, bytes.length);
    return this;
  }

  /** `ar << str` (CStringW): `FF FE FF`, length prefix, then UTF-16LE code units; no string: as writeCStringA. */
  writeCStringW(str: string): this {
    if (typeof str !== 'string') wrongArgument('CArchive.writeCStringW', STRING, str);
    AfxWriteStringLength(this, str.length, true);
    const n = str.length * 2;
    if (this.writeEnd - this.cur >= n) {
      const buf = this.buf;
      let at = this.cur;
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        buf[at++] = c;
        buf[at++] = c >>> 8;
      }
      this.cur = at;
    } else {
      this.Write(Buffer.from(str, 'utf16le'), n);
    }
    return this;
  }

  /**
   * `ar >> str` (CString): either width on the wire. An ANSI-build archive (`unicode: false`)
   * converts a wide string to its code page, so characters the code page lacks become '?', as
   * MFC's conversion does.
   */
  readCString(): string {
    return this.unicode ? this.readCStringW() : this.readCStringA();
  }

  /** `ar >> str` (CStringA): the text, passed through the code page when it came wide. */
  readCStringA(): string {
    const { text, wide } = this.readStringBody();
    return wide ? this.codePage.decode(this.codePage.encode(text)) : text;
  }

  /** `ar >> str` (CStringW): the text; ANSI on the wire is decoded with the code page. */
  readCStringW(): string {
    return this.bufferedShortWide() ?? this.readStringBody().text;
  }

  /** `ar << time` (CTime, MFC 8 and later): the DWORD 0x8000000A (INT_MIN + 10), then the time as a LONGLONG (peers.md T1). */
  writeCTime(time: CTime): this {
    if (!(time instanceof CTime)) wrongArgument('CArchive.writeCTime', 'a CTime', time);
    return this.writeDWORD(CTIME64_MARK).writeLONGLONG(time.GetTime());
  }

  /** `ar >> time` (CTime): after the 0x8000000A marker a LONGLONG; any other DWORD is a VC6 - 7.1 32-bit time_t (signed). */
  readCTime(): CTime {
    const first = this.readDWORD();
    return new CTime(first === CTIME64_MARK ? secondsOfLONGLONG(this.readLONGLONG(), 'readCTime') : first | 0);
  }

  /**
   * `ar << span` (CTimeSpan): 32 bits only, as MFC's operator<<: a span beyond UINT_MAX seconds is
   * CInvalidArgException, a negative one keeps its low 32 bits (and reads back negative).
   */
  writeCTimeSpan(span: CTimeSpan): this {
    if (!(span instanceof CTimeSpan)) wrongArgument('CArchive.writeCTimeSpan', 'a CTimeSpan', span);
    const seconds = span.GetTimeSpan();
    if (seconds > 0xffff_ffff) AfxThrowInvalidArgException(`CArchive.writeCTimeSpan: ${seconds} seconds is more than the 32 bits MFC stores (UINT_MAX)`);
    return this.writeDWORD(seconds); // modulo 2^32, as the C cast to DWORD
  }

  /** `ar >> span` (CTimeSpan): a DWORD read as a signed 32-bit count of seconds, as MFC does (so 3,000,000,000 reads back negative). */
  readCTimeSpan(): CTimeSpan {
    return new CTimeSpan(this.readDWORD() | 0);
  }

  /**
   * Emulates: `CArchive::WriteString(LPCTSTR)`: the characters of a text line (TCHARs: UTF-16LE in a
   * Unicode archive, code-page bytes otherwise), with no terminator and no newline added. An
   * `lpsz` that is no string is CInvalidArgException before any byte is stored.
   */
  WriteString(lpsz: string): void {
    if (typeof lpsz !== 'string') wrongArgument('CArchive.WriteString', STRING, lpsz);
    const bytes = this.unicode ? Buffer.from(lpsz, 'utf16le') : this.codePage.encode(lpsz);
    this.Write(bytes, bytes.length);
  }

  /**
   * Emulates: both `CArchive::ReadString` forms, as MFC 9's arccore.cpp runs them (mfc-semantics
   * §5.2). A line ends at '\n' or '\r'; after a '\r' the next character is read **whatever it is**.
   *
   * `ReadString(rString)` (the CString& form) fills `rString.value` and returns false when the
   * data ended before any character. It reads pieces of 128 characters that keep the character
   * that ended them, and strips one trailing '\n' at the end: so `ab\rcd` gives "abc", "d", then
   * false, and `ab\r\r\ncd` gives "ab\r", "", "cd". A line of exactly 128, 256, … characters
   * that ends with the data returns false although `rString.value` holds it, as in MFC.
   *
   * `ReadString(nMax)` (the LPTSTR form) returns at most `nMax` characters without the newline, or
   * null when the data ended before any character. `nMax` is a UINT: a value that is negative as
   * an int (such as -128) means "keep the character that ended the line", as in MFC; 0 returns ""
   * without reading. Both forms see a line as C does: a NUL character ends it.
   *
   * Inside a read transaction an unfinished line is ArchiveIncompleteError. An argument that is
   * neither a number nor a `{ value }` object, or a NaN / ±Infinity `nMax`, is CInvalidArgException
   * before anything is read.
   * Differs from the documentation, which speaks of lines ending in a carriage return–linefeed
   * pair: MFC's code (followed here) also ends a line at a lone '\r' or '\n', and takes the
   * character after a '\r' along, whatever it is.
   * Differs: a line longer than the `maxStringLength` option is genericException (MFC grows the
   * string until memory runs out).
   */
  ReadString(rString: { value: string }): boolean;
  ReadString(nMax: number): string | null;
  ReadString(arg: { value: string } | number): boolean | string | null {
    if (typeof arg === 'number') {
      if (!Number.isFinite(arg)) wrongArgument('CArchive.ReadString', 'a finite nMax', arg);
      const line = this.readLine(toUINT(arg, 'CArchive.ReadString', 'nMax') | 0);
      return line === null ? null : this.lineText(cString(line));
    }
    if (arg === null || typeof arg !== 'object') wrongArgument('CArchive.ReadString', 'a { value } to fill or a number nMax', arg);
    // The CString form: MFC calls the LPTSTR form with (UINT)-128 until a piece is short or ends in '\n'.
    const pieces: number[][] = [];
    let length = 0;
    let piece: number[] | null;
    for (;;) {
      piece = this.readLine(-LINE_PIECE);
      if (piece === null) break;
      const text = cString(piece);
      pieces.push(text);
      length += text.length;
      if (length > this.maxStringLength) {
        throw new CArchiveException(CArchiveException.genericException, this.m_strFileName,
          `ReadString: a line of more than maxStringLength ${this.maxStringLength} characters`);
      }
      if (text.length < LINE_PIECE || text[text.length - 1] === 0x0a) break;
    }
    const units = pieces.flat();
    if (units.length > 0 && units[units.length - 1] === 0x0a) units.pop();
    arg.value = this.lineText(units);
    return piece !== null;
  }

  /**
   * Emulates: `CArchive::WriteCount(DWORD_PTR dwCount)`: a WORD below 0xFFFF, else `FF FF` and a
   * DWORD, else (Win64) `FF FF FF FF FF FF` and 8 bytes (§5.5, peers.md C1–C3). `dwCount` is
   * converted to DWORD_PTR as C converts it on Win64 (-1 is 0xFFFFFFFFFFFFFFFF, a fraction is cut
   * off); anything but a bigint or a finite number is CInvalidArgException before any byte is stored.
   */
  WriteCount(dwCount: number | bigint): void {
    if (typeof dwCount !== 'bigint' && !Number.isFinite(dwCount)) wrongArgument('CArchive.WriteCount', 'a bigint or a finite number', dwCount);
    const count = BigInt.asUintN(64, typeof dwCount === 'bigint' ? dwCount : BigInt(Math.trunc(dwCount)));
    if (count < 0xffffn) this.writeWORD(Number(count));
    else if (count < 0xffffffffn) this.writeWORD(0xffff).writeDWORD(Number(count));
    else this.writeWORD(0xffff).writeDWORD(0xffffffff).writeULONGLONG(count);
  }

  /** Emulates: `CArchive::ReadCount`; a count above `maxCount` (ours) is genericException. */
  ReadCount(): number {
    let count = this.readWORD();
    if (count === 0xffff) {
      count = this.readDWORD();
      if (count === 0xffffffff) {
        const big = this.readULONGLONG();
        count = big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
      }
    }
    if (count > this.maxCount) {
      throw new CArchiveException(CArchiveException.genericException, this.m_strFileName,
        `count ${count} exceeds the limit of ${this.maxCount}`);
    }
    return count;
  }

  /** Ours: reads exactly `n` raw bytes in pieces (endOfFile when fewer arrive); used for strings and arrays. */
  readBytesExactly(n: number): Uint8Array {
    if (this.isInTransaction()) {
      // One buffering and one copy: a transaction keeps the bytes anyway, and pieces would be
      // copied again on every retry of the message (issue 15.6).
      this.needRead(n);
      const out = this.buf.slice(this.cur, this.cur + n);
      this.cur += n;
      return out;
    }
    if (n <= READ_CHUNK) {
      const out = new Uint8Array(n);
      if (this.Read(out, n) !== n) throw new CArchiveException(CArchiveException.endOfFile, this.m_strFileName);
      return out;
    }
    const parts: Uint8Array[] = [];
    for (let left = n; left > 0;) {
      const piece = new Uint8Array(Math.min(left, READ_CHUNK));
      const got = this.Read(piece, piece.length);
      if (got !== piece.length) throw new CArchiveException(CArchiveException.endOfFile, this.m_strFileName);
      parts.push(piece);
      left -= got;
    }
    return Buffer.concat(parts, n);
  }

  /**
   * The common message string without the general prefix ladder (AfxReadStringLength): the wide
   * marker `FF FE FF`, a BYTE length below 0xFF and the characters, all already buffered. Anything
   * else (longer, ANSI, over maxStringLength, not yet buffered, a storing archive) is null, and the
   * general path reads it and raises what it raises.
   */
  private bufferedShortWide(): string | null {
    const b = this.buf;
    const at = this.cur;
    if (this.readEnd - at < 4 || b[at] !== 0xff || b[at + 1] !== 0xfe || b[at + 2] !== 0xff) return null;
    const nBytes = b[at + 3]! * 2;
    if (nBytes === 0xff * 2 || nBytes > this.maxStringLength * 2 || this.readEnd - at - 4 < nBytes) return null;
    this.cur = at + 4 + nBytes;
    return decodeUtf16le(b, at + 4, nBytes);
  }

  private readStringBody(): { text: string; wide: boolean } {
    const charSize = { value: 1 };
    const length = AfxReadStringLength(this, charSize, this.maxStringLength);
    const wide = charSize.value === 2;
    const n = length * charSize.value;
    if (this.readEnd - this.cur >= n) {
      // The common case: the whole string is already buffered; no copy before decoding.
      const text = wide ? decodeUtf16le(this.buf, this.cur, n) : this.codePage.decodeRange(this.buf, this.cur, this.cur + n);
      this.cur += n;
      return { text, wide };
    }
    const bytes = this.readBytesExactly(n);
    const text = wide ? decodeUtf16le(bytes, 0, n) : this.codePage.decode(bytes);
    return { text, wide };
  }

  /**
   * MFC's `ReadString(LPTSTR lpsz, UINT nMax)` loop with `nMax` as the int it tests: the TCHARs it
   * stores (the ending character too when `nMax` is negative), or null when the data ended before
   * the first one. A line longer than maxStringLength is genericException.
   */
  private readLine(nMax: number): number[] | null {
    const keepNewline = nMax < 0;
    // C's -(int)nMax of INT_MIN is still negative, so MFC's loop never runs.
    const nStop = keepNewline ? (nMax === -0x80000000 ? 0 : -nMax) : nMax;
    const units: number[] = [];
    const readChar = () => (this.unicode ? this.readwchar_t() : this.readBYTE());
    try {
      while (units.length < nStop) {
        let ch = readChar();
        if (ch === 0x0a || ch === 0x0d) {
          if (ch === 0x0d) ch = readChar();
          if (keepNewline) units.push(ch);
          break;
        }
        if (units.length === this.maxStringLength) {
          throw new CArchiveException(CArchiveException.genericException, this.m_strFileName,
            `ReadString: a line of more than maxStringLength ${this.maxStringLength} characters`);
        }
        units.push(ch);
      }
    } catch (e) {
      // The end of the data ends the line; inside a transaction it means "not here yet".
      if (!(e instanceof CArchiveException) || e.m_cause !== CArchiveException.endOfFile || e instanceof ArchiveIncompleteError) throw e;
      if (units.length === 0) return null;
    }
    return units;
  }

  /** TCHARs of a line as text: UTF-16 code units, or bytes in the archive's code page. */
  private lineText(units: number[]): string {
    if (this.unicode) return Buffer.from(Uint16Array.from(units).buffer).toString('utf16le');
    return this.codePage.decode(Uint8Array.from(units));
  }
}
