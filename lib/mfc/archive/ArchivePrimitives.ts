// ArchivePrimitives: the typed store/load methods that replace CArchive's operator<< and
// operator>> for the fixed-size types (mfc-semantics §5.5): little-endian raw memory images.
// Each is one argument test, one bound check, one DataView access and a cursor move; the slow
// path lives in ArchiveBuffer. Values are converted as the C cast in front of `<<` would (a
// fraction is cut off, then modulo 2^n). What no C conversion gives (a string, null, NaN or
// ±Infinity for an integral type, a bigint for a 32-bit one, a POINT without y) is
// CInvalidArgException naming the member, before any byte is stored: a single typeof or
// Number.isFinite on the fast path, the message built only when it fails (wrongArgument).
// The loads compute the cursor with `| 0`: the cursor and its bound are 32-bit (ArchiveBuffer's
// BUFFER_BYTES_MAX), and saying so lets V8 drop an overflow check from every subtraction and
// addition (8% fewer instructions per record of BYTE+WORD+DWORD+double, in cachegrind).
import { ArchiveTransaction } from './ArchiveTransaction.ts';
import type { POINT, RECT, SIZE } from './windef.ts';
import { wrongArgument, wrongStructure } from '../exceptions/wrongArgument.ts';

const INTEGER = 'a finite number';
const NUMBER = 'a number';
const INTEGER_64 = 'a bigint or a finite number';
const POINT_FIELDS = ['x', 'y'] as const;
const SIZE_FIELDS = ['cx', 'cy'] as const;
const RECT_FIELDS = ['left', 'top', 'right', 'bottom'] as const;

export class ArchivePrimitives extends ArchiveTransaction {
  /** `ar << (BYTE)by` */
  writeBYTE(by: number): this {
    if (!Number.isFinite(by)) wrongArgument('CArchive.writeBYTE', INTEGER, by);
    if (this.writeEnd - this.cur < 1) this.needWrite(1);
    this.buf[this.cur++] = by;
    return this;
  }

  /** `ar << (WORD)w` */
  writeWORD(w: number): this {
    if (!Number.isFinite(w)) wrongArgument('CArchive.writeWORD', INTEGER, w);
    if (this.writeEnd - this.cur < 2) this.needWrite(2);
    this.view.setUint16(this.cur, w, true);
    this.cur += 2;
    return this;
  }

  /** `ar << (LONG)l` */
  writeLONG(l: number): this {
    if (!Number.isFinite(l)) wrongArgument('CArchive.writeLONG', INTEGER, l);
    if (this.writeEnd - this.cur < 4) this.needWrite(4);
    this.view.setInt32(this.cur, l, true);
    this.cur += 4;
    return this;
  }

  /** `ar << (DWORD)dw` */
  writeDWORD(dw: number): this {
    if (!Number.isFinite(dw)) wrongArgument('CArchive.writeDWORD', INTEGER, dw);
    if (this.writeEnd - this.cur < 4) this.needWrite(4);
    this.view.setUint32(this.cur, dw, true);
    this.cur += 4;
    return this;
  }

  /** `ar << (float)f` — IEEE single. */
  writefloat(f: number): this {
    if (typeof f !== 'number') wrongArgument('CArchive.writefloat', NUMBER, f);
    if (this.writeEnd - this.cur < 4) this.needWrite(4);
    this.view.setFloat32(this.cur, f, true);
    this.cur += 4;
    return this;
  }

  /** `ar << (double)d` — IEEE double. */
  writedouble(d: number): this {
    if (typeof d !== 'number') wrongArgument('CArchive.writedouble', NUMBER, d);
    if (this.writeEnd - this.cur < 8) this.needWrite(8);
    this.view.setFloat64(this.cur, d, true);
    this.cur += 8;
    return this;
  }

  /** `ar << (LONGLONG)dwdw` — a bigint, or a finite number (exact up to 2^53; a fraction is cut off). */
  writeLONGLONG(dwdw: bigint | number): this {
    if (this.writeEnd - this.cur < 8) this.needWrite(8);
    this.view.setBigInt64(this.cur, BigInt.asIntN(64, toBigInt(dwdw, 'CArchive.writeLONGLONG')), true);
    this.cur += 8;
    return this;
  }

  /** `ar << (ULONGLONG)dwdw` — a bigint, or a finite number, as writeLONGLONG. */
  writeULONGLONG(dwdw: bigint | number): this {
    if (this.writeEnd - this.cur < 8) this.needWrite(8);
    this.view.setBigUint64(this.cur, BigInt.asUintN(64, toBigInt(dwdw, 'CArchive.writeULONGLONG')), true);
    this.cur += 8;
    return this;
  }

  /** `ar << (int)i` — 4 bytes, as LONG (also on Win64). */
  writeint(i: number): this {
    if (!Number.isFinite(i)) wrongArgument('CArchive.writeint', INTEGER, i);
    return this.writeLONG(i);
  }

  /** `ar << (unsigned)u` — 4 bytes, as LONG. */
  writeunsigned(u: number): this {
    if (!Number.isFinite(u)) wrongArgument('CArchive.writeunsigned', INTEGER, u);
    return this.writeDWORD(u);
  }

  /** `ar << (short)w` — 2 bytes, as WORD. */
  writeshort(w: number): this {
    if (!Number.isFinite(w)) wrongArgument('CArchive.writeshort', INTEGER, w);
    return this.writeWORD(w);
  }

  /** `ar << (char)ch` — 1 byte, as BYTE; `ch` is the character's code (a number). */
  writechar(ch: number): this {
    if (!Number.isFinite(ch)) wrongArgument('CArchive.writechar', INTEGER, ch);
    return this.writeBYTE(ch);
  }

  /** `ar << (wchar_t)ch` — 2 bytes, as WORD; `ch` is the UTF-16 code unit. */
  writewchar_t(ch: number): this {
    if (!Number.isFinite(ch)) wrongArgument('CArchive.writewchar_t', INTEGER, ch);
    return this.writeWORD(ch);
  }

  /** `ar << (bool)b` — one BYTE, 1 or 0. */
  writebool(b: boolean): this {
    if (typeof b !== 'boolean') wrongArgument('CArchive.writebool', 'a boolean', b);
    return this.writeBYTE(b ? 1 : 0);
  }

  /** `ar << pt` — x, y as LONG, written raw (§5.3 item 8). */
  writePOINT(pt: POINT): this {
    if (pt === null || typeof pt !== 'object' || !Number.isFinite(pt.x) || !Number.isFinite(pt.y)) wrongStructure('CArchive.writePOINT', 'POINT', POINT_FIELDS, pt);
    return this.writeLongs([pt.x, pt.y]);
  }

  /** `ar << size` — cx, cy as LONG, written raw. */
  writeSIZE(size: SIZE): this {
    if (size === null || typeof size !== 'object' || !Number.isFinite(size.cx) || !Number.isFinite(size.cy)) wrongStructure('CArchive.writeSIZE', 'SIZE', SIZE_FIELDS, size);
    return this.writeLongs([size.cx, size.cy]);
  }

  /** `ar << rect` — left, top, right, bottom as LONG, written raw. */
  writeRECT(rect: RECT): this {
    if (rect === null || typeof rect !== 'object' || !Number.isFinite(rect.left) || !Number.isFinite(rect.top)
      || !Number.isFinite(rect.right) || !Number.isFinite(rect.bottom)) wrongStructure('CArchive.writeRECT', 'RECT', RECT_FIELDS, rect);
    return this.writeLongs([rect.left, rect.top, rect.right, rect.bottom]);
  }

  /** `ar >> by` (BYTE) */
  readBYTE(): number {
    if (((this.readEnd - this.cur) | 0) < 1) this.needRead(1);
    // Through the view, as the other loads: a record of mixed loads then reads one field, not two.
    const v = this.view.getUint8(this.cur);
    this.cur = (this.cur + 1) | 0;
    return v;
  }

  /** `ar >> w` (WORD) */
  readWORD(): number {
    if (((this.readEnd - this.cur) | 0) < 2) this.needRead(2);
    const v = this.view.getUint16(this.cur, true);
    this.cur = (this.cur + 2) | 0;
    return v;
  }

  /** `ar >> l` (LONG) */
  readLONG(): number {
    if (((this.readEnd - this.cur) | 0) < 4) this.needRead(4);
    const v = this.view.getInt32(this.cur, true);
    this.cur = (this.cur + 4) | 0;
    return v;
  }

  /** `ar >> dw` (DWORD) */
  readDWORD(): number {
    if (((this.readEnd - this.cur) | 0) < 4) this.needRead(4);
    const v = this.view.getUint32(this.cur, true);
    this.cur = (this.cur + 4) | 0;
    return v;
  }

  /** `ar >> f` (float) */
  readfloat(): number {
    if (((this.readEnd - this.cur) | 0) < 4) this.needRead(4);
    const v = this.view.getFloat32(this.cur, true);
    this.cur = (this.cur + 4) | 0;
    return v;
  }

  /** `ar >> d` (double) */
  readdouble(): number {
    if (((this.readEnd - this.cur) | 0) < 8) this.needRead(8);
    const v = this.view.getFloat64(this.cur, true);
    this.cur = (this.cur + 8) | 0;
    return v;
  }

  /** `ar >> dwdw` (LONGLONG), as a bigint. */
  readLONGLONG(): bigint {
    if (((this.readEnd - this.cur) | 0) < 8) this.needRead(8);
    const v = this.view.getBigInt64(this.cur, true);
    this.cur = (this.cur + 8) | 0;
    return v;
  }

  /** `ar >> dwdw` (ULONGLONG), as a bigint. */
  readULONGLONG(): bigint {
    if (((this.readEnd - this.cur) | 0) < 8) this.needRead(8);
    const v = this.view.getBigUint64(this.cur, true);
    this.cur = (this.cur + 8) | 0;
    return v;
  }

  /** `ar >> i` (int): a signed 32-bit value. */
  readint(): number {
    return this.readLONG();
  }

  /** `ar >> u` (unsigned): an unsigned 32-bit value. */
  readunsigned(): number {
    return this.readDWORD();
  }

  /** `ar >> w` (short): a signed 16-bit value. */
  readshort(): number {
    return (this.readWORD() << 16) >> 16;
  }

  /** `ar >> ch` (char): a signed 8-bit value (MSVC's char is signed). */
  readchar(): number {
    return (this.readBYTE() << 24) >> 24;
  }

  /** `ar >> ch` (wchar_t): a UTF-16 code unit. */
  readwchar_t(): number {
    return this.readWORD();
  }

  /** `ar >> b` (bool): any nonzero BYTE is true. */
  readbool(): boolean {
    return this.readBYTE() !== 0;
  }

  /**
   * `ar >> pt` (POINT), read raw: a short read is not reported and leaves the bytes it did not
   * reach as they were in `pt` (§5.3 item 8). Pass the target to keep MFC's effect exactly.
   */
  readPOINT(pt: POINT = { x: 0, y: 0 }): POINT {
    if (pt === null || typeof pt !== 'object') wrongArgument('CArchive.readPOINT', 'a POINT to fill', pt);
    [pt.x, pt.y] = this.readLongs([pt.x, pt.y]);
    return pt;
  }

  /** `ar >> size` (SIZE), read raw like readPOINT. */
  readSIZE(size: SIZE = { cx: 0, cy: 0 }): SIZE {
    if (size === null || typeof size !== 'object') wrongArgument('CArchive.readSIZE', 'a SIZE to fill', size);
    [size.cx, size.cy] = this.readLongs([size.cx, size.cy]);
    return size;
  }

  /** `ar >> rect` (RECT), read raw like readPOINT. */
  readRECT(rect: RECT = { left: 0, top: 0, right: 0, bottom: 0 }): RECT {
    if (rect === null || typeof rect !== 'object') wrongArgument('CArchive.readRECT', 'a RECT to fill', rect);
    [rect.left, rect.top, rect.right, rect.bottom] = this.readLongs([rect.left, rect.top, rect.right, rect.bottom]);
    return rect;
  }

  private writeLongs(values: number[]): this {
    const image = new DataView(new ArrayBuffer(values.length * 4));
    values.forEach((v, i) => image.setInt32(i * 4, v, true));
    this.Write(new Uint8Array(image.buffer), image.byteLength);
    return this;
  }

  /** The struct's memory image, overwritten by however many bytes Read delivers. */
  /** Reads as many LONGs as `values` holds; a short read keeps the old values past its end. */
  private readLongs<const T extends readonly number[]>(values: T): { -readonly [K in keyof T]: number } {
    const image = new DataView(new ArrayBuffer(values.length * 4));
    values.forEach((v, i) => image.setInt32(i * 4, v, true));
    this.Read(new Uint8Array(image.buffer), image.byteLength);
    // The mapped tuple type keeps the length, which Array.prototype.map cannot express.
    return values.map((_, i) => image.getInt32(i * 4, true)) as { -readonly [K in keyof T]: number };
  }
}

/** `(LONGLONG)value` of a bigint or a finite number (a fraction cut off, as C converts a double). */
function toBigInt(value: bigint | number, member: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isFinite(value)) wrongArgument(member, INTEGER_64, value);
  return BigInt(Math.trunc(value));
}
