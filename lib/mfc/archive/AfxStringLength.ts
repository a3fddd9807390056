// The CString length prefix (mfc-semantics §5.6, peers.md §3.3 S1–S10): a BYTE, escalating through
// 0xFF to a WORD, DWORD and 64-bit length, with `FF FE FF` in front of wide strings. A WORD of
// 0xFFFE is the wide marker, so the writer never uses it as a length: from 0xFFFE on it escalates
// to the DWORD form (the edge openc2e and FourSer.Gen get wrong).
import { CArchiveException } from '../exceptions/CArchiveException.ts';
import type { ArchivePrimitives } from './ArchivePrimitives.ts';

/**
 * Emulates: MFC's `AfxWriteStringLength(CArchive&, ULONGLONG nLength, BOOL bUnicode)`.
 *
 * @example
 * AfxWriteStringLength(ar, 255, false); // FF FF 00
 */
export function AfxWriteStringLength(ar: ArchivePrimitives, nLength: number, bUnicode: boolean): void {
  if (bUnicode) ar.writeBYTE(0xff).writeWORD(0xfffe);
  if (nLength < 0xff) ar.writeBYTE(nLength);
  else if (nLength < 0xfffe) ar.writeBYTE(0xff).writeWORD(nLength);
  else if (nLength < 0xffffffff) ar.writeBYTE(0xff).writeWORD(0xffff).writeDWORD(nLength);
  else ar.writeBYTE(0xff).writeWORD(0xffff).writeDWORD(0xffffffff).writeULONGLONG(BigInt(nLength));
}

/**
 * Emulates: MFC's `AfxReadStringLength(CArchive&, int& nCharSize)`: the length in characters, and
 * the character size (1 for ANSI, 2 after the wide marker) in `pnCharSize.value`. A length above
 * `maxLength` (ours; MFC's Win32 limit is INT_MAX) is CArchiveException genericException.
 */
export function AfxReadStringLength(ar: ArchivePrimitives, pnCharSize: { value: number }, maxLength: number): number {
  pnCharSize.value = 1;
  let length = ar.readBYTE();
  if (length === 0xff) {
    length = ar.readWORD();
    if (length === 0xfffe) {
      pnCharSize.value = 2;
      length = ar.readBYTE();
      if (length === 0xff) length = ar.readWORD();
    }
    if (length === 0xffff) {
      length = ar.readDWORD();
      if (length === 0xffffffff) {
        const big = ar.readULONGLONG();
        length = big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
      }
    }
  }
  if (length > maxLength) {
    throw new CArchiveException(CArchiveException.genericException, ar.m_strFileName,
      `CString length ${length} exceeds the limit of ${maxLength} characters`);
  }
  return length;
}
