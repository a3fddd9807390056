// Helpers shared by the archive specs: hex conversion, store/load round trips over a CMemFile, and
// the small serializable classes the reference's examples use (CAge from the MFC documentation,
// CFoo from peers.md §3.3).
import {
  CArchive, CFile, CMemFile, CObject, IMPLEMENT_SERIAL, VERSIONABLE_SCHEMA, type CArchiveOptions,
} from 'afxsock';

/** Bytes as spaced upper-case hex ("FF FE FF 00"). */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Spaced or unspaced hex to bytes. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Runs `write` on a storing archive over a CMemFile and returns the bytes after Close. */
export function stored(write: (ar: CArchive) => void, options: CArchiveOptions = {}, nBufSize = 4096): Uint8Array {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.store, nBufSize, null, options);
  write(ar);
  ar.Close();
  return file.Detach();
}

/** A loading archive over a CMemFile holding `bytes`. */
export function loading(bytes: Uint8Array, options: CArchiveOptions = {}, nBufSize = 4096): CArchive {
  return new CArchive(new CMemFile(bytes.slice(), bytes.length, 0), CArchive.load, nBufSize, null, options);
}

/** The documentation's CAge: `int m_years`, IMPLEMENT_SERIAL(CAge, CObject, VERSIONABLE_SCHEMA | 2). */
export class CAge extends CObject {
  m_years = 0;

  static of(years: number): CAge {
    const a = new CAge();
    a.m_years = years;
    return a;
  }

  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) ar.writeint(this.m_years);
    else this.m_years = ar.readint();
  }
}
IMPLEMENT_SERIAL(CAge, CObject, VERSIONABLE_SCHEMA | 2);

/** peers.md §3.3's CFoo, schema 1, with a WORD payload. */
export class CFoo extends CObject {
  m_w = 0;

  static of(w: number): CFoo {
    const f = new CFoo();
    f.m_w = w;
    return f;
  }

  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) ar.writeWORD(this.m_w);
    else this.m_w = ar.readWORD();
  }
}
IMPLEMENT_SERIAL(CFoo, CObject, 1);

/** A node of an object graph: a name and two pointers (for cycles and shared references). */
export class CNode extends CObject {
  m_name = '';
  m_pLeft: CNode | null = null;
  m_pRight: CNode | null = null;

  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) ar.writeCString(this.m_name).writeCObject(this.m_pLeft).writeCObject(this.m_pRight);
    else {
      this.m_name = ar.readCString();
      this.m_pLeft = ar.readCObject(null) as CNode | null;
      this.m_pRight = ar.readCObject(null) as CNode | null;
    }
  }
}
IMPLEMENT_SERIAL(CNode, CObject, 1);

/** The collections that hold objects, for nested archives. */
export type Holder = 'CObArray' | 'CObList' | 'CMapStringToOb';

/**
 * Hand-made bytes of `depth` collections, each holding the next (the innermost holds nothing),
 * taking the holder classes from `holders` in turn: what a hostile peer sends, which no store of
 * ours would produce past its own limit (issue 15.3).
 */
export function nestedBytes(depth: number, holders: readonly Holder[]): Uint8Array {
  const out: number[] = [];
  const word = (w: number) => out.push(w & 0xff, w >>> 8);
  const classIds = new Map<Holder, number>();
  let nextId = 1;
  for (let level = 0; level < depth; level++) {
    const holder = holders[level % holders.length]!;
    const classId = classIds.get(holder);
    if (classId !== undefined) word(0x8000 | classId);
    else {
      word(0xffff); word(0); word(holder.length); out.push(...Buffer.from(holder, 'latin1'));
      classIds.set(holder, nextId++);
    }
    nextId++; // the object's own id
    word(level < depth - 1 ? 1 : 0);
    if (holder === 'CMapStringToOb' && level < depth - 1) out.push(1, 0x6b); // the key "k"
  }
  return Uint8Array.from(out);
}

/** What `fn` throws, as String(e) shows it (name and message); an Error when it throws nothing. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception; nothing was thrown');
}

/** Asserts that `fn` throws an instance of `type` whose `m_cause` (when given) matches. */
export function throwsCause(fn: () => unknown, type: Function, cause?: number): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`Expected ${type.name}, got ${String(e)}`);
    const got = (e as { m_cause?: number }).m_cause;
    if (cause !== undefined && got !== cause) throw new Error(`Expected ${type.name} cause ${cause}, got cause ${got}: ${String(e)}`);
    return;
  }
  throw new Error(`Expected ${type.name} to be thrown; nothing was thrown`);
}

/**
 * A socket-like CFile for buffering specs: each Read returns at most one queued chunk (as one
 * CSocket Receive would), 0 once `closed` and drained. Records every Read request and Write.
 * `blocking` makes GetBufferPtr(bufferCheck) report bufferBlocking, as CSocketFile will.
 */
export class ScriptedFile extends CFile {
  chunks: Uint8Array[] = [];
  closed = false;
  readRequests: number[] = [];
  writes: string[] = [];

  constructor(readonly blocking = false) {
    super();
  }

  feed(...bytes: number[]): this {
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }

  override Read(lpBuf: Uint8Array, nCount: number): number {
    this.readRequests.push(nCount);
    const chunk = this.chunks[0];
    if (!chunk) {
      if (this.closed) return 0;
      throw new Error('ScriptedFile.Read would block: no data queued and the peer has not closed');
    }
    const n = Math.min(nCount, chunk.length);
    lpBuf.set(chunk.subarray(0, n));
    if (n === chunk.length) this.chunks.shift();
    else this.chunks[0] = chunk.subarray(n);
    return n;
  }

  override Write(lpBuf: Uint8Array, nCount: number): void {
    this.writes.push(hex(lpBuf.subarray(0, nCount)));
  }

  override Seek(_lOff: number, _nFrom: number): number {
    return 0;
  }

  override GetBufferPtr(nCommand: number): number {
    return nCommand === CFile.bufferCheck && this.blocking ? CFile.bufferBlocking : 0;
  }

  override readableBytesNow(): number {
    const queued = this.chunks.reduce((n, c) => n + c.length, 0);
    return queued === 0 && this.closed ? Infinity : queued;
  }
}
