// CodePage: ANSI text in a Windows code page (1252 by default), converted through iconv-lite, the
// way CString converts between its ANSI and Unicode forms with WideCharToMultiByte /
// MultiByteToWideChar. Characters the code page lacks become '?', as Windows' default char.
import iconv from 'iconv-lite';

const cache = new Map<number, CodePage>();

/**
 * A Windows code page (ours; MFC uses the system's ANSI code page, CP_ACP).
 *
 * Differs: bytes a code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in 1252) decode to
 * U+FFFD, where Windows yields the C1 control of the same value — iconv-lite's table, not ours.
 *
 * @example
 * CodePage.get(1252).encode('café'); // Uint8Array [0x63, 0x61, 0x66, 0xe9]
 */
export class CodePage {
  readonly codePage: number;
  private readonly encoding: string;
  /** True when ASCII maps to itself, so ASCII-only strings skip iconv entirely. */
  private readonly asciiIdentity: boolean;

  private constructor(codePage: number) {
    this.codePage = codePage;
    this.encoding = codePage === 65001 ? 'utf8' : `cp${codePage}`;
    if (!iconv.encodingExists(this.encoding)) throw new RangeError(`Unknown Windows code page: ${codePage}`);
    let ascii = '';
    for (let c = 0; c < 0x80; c++) ascii += String.fromCharCode(c);
    const bytes = iconv.encode(ascii, this.encoding);
    this.asciiIdentity = bytes.length === 0x80 && bytes.every((b, i) => b === i) && iconv.decode(bytes, this.encoding) === ascii;
  }

  /** The code page with this number (437, 932, 1250, 1252, 65001, …); RangeError when unknown. */
  static get(codePage: number): CodePage {
    let cp = cache.get(codePage);
    if (!cp) {
      cp = new CodePage(codePage);
      cache.set(codePage, cp);
    }
    return cp;
  }

  /** The string as bytes of this code page (WideCharToMultiByte). */
  encode(text: string): Uint8Array {
    if (this.asciiIdentity && isAscii(text)) {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
      return out;
    }
    return iconv.encode(text, this.encoding);
  }

  /** Bytes of this code page as a string (MultiByteToWideChar). */
  decode(bytes: Uint8Array): string {
    return this.decodeRange(bytes, 0, bytes.length);
  }

  /** `bytes[start … end)` as a string, without copying them out first (an archive's buffer). */
  decodeRange(bytes: Uint8Array, start: number, end: number): string {
    if (this.asciiIdentity) {
      let ascii = true;
      for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
      if (ascii) {
        // A short string is cheaper built in place than through a Buffer view (some 1 µs each).
        if (end - start <= SHORT_ASCII) {
          let text = '';
          for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
          return text;
        }
        return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
      }
    }
    return iconv.decode(bytes.subarray(start, end), this.encoding);
  }
}

/** Up to this many ASCII bytes are decoded character by character. */
const SHORT_ASCII = 32;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
