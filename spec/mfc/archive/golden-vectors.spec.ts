// CArchive wire format, byte for byte: every vector of mfc-semantics §5.5–5.7 (and §6 item 4, §7.3)
// and peers.md §3.3 (P, S, C, O, A rows), kept with its source in vectors.json, is written and then
// read back. T1 (CTime) is checked in spec/mfc/time/ctime.spec.ts.
import { readFileSync } from 'node:fs';
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import {
  AfxReadStringLength, AfxWriteStringLength, CArchive, CObArray, RUNTIME_CLASS, CObject, type POINT, type RECT, type SIZE,
} from 'afxsock';
import { CAge, CFoo, fromHex, hex, loading, stored } from './archiveSupport.ts';

interface Vector { source: string; hex: string }
const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));
const test = suite('CArchive golden vectors');

type Value = number | boolean | string | POINT | SIZE | RECT;
function write(ar: CArchive, type: string, v: Value): void {
  switch (type) {
    case 'BYTE': ar.writeBYTE(v as number); break;
    case 'char': ar.writechar(v as number); break;
    case 'bool': ar.writebool(v as boolean); break;
    case 'WORD': ar.writeWORD(v as number); break;
    case 'short': ar.writeshort(v as number); break;
    case 'wchar_t': ar.writewchar_t(v as number); break;
    case 'LONG': ar.writeLONG(v as number); break;
    case 'int': ar.writeint(v as number); break;
    case 'unsigned': ar.writeunsigned(v as number); break;
    case 'DWORD': ar.writeDWORD(v as number); break;
    case 'float': ar.writefloat(v as number); break;
    case 'double': ar.writedouble(v as number); break;
    case 'LONGLONG': ar.writeLONGLONG(BigInt(v as string)); break;
    case 'ULONGLONG': ar.writeULONGLONG(BigInt(v as string)); break;
    case 'POINT': ar.writePOINT(v as POINT); break;
    case 'SIZE': ar.writeSIZE(v as SIZE); break;
    case 'RECT': ar.writeRECT(v as RECT); break;
    case 'CStringA': ar.writeCStringA(v as string); break;
    case 'CStringW': ar.writeCStringW(v as string); break;
    default: throw new Error(`unknown type ${type}`);
  }
}
function read(ar: CArchive, type: string): unknown {
  switch (type) {
    case 'BYTE': return ar.readBYTE();
    case 'char': return ar.readchar();
    case 'bool': return ar.readbool();
    case 'WORD': return ar.readWORD();
    case 'short': return ar.readshort();
    case 'wchar_t': return ar.readwchar_t();
    case 'LONG': return ar.readLONG();
    case 'int': return ar.readint();
    case 'unsigned': return ar.readunsigned();
    case 'DWORD': return ar.readDWORD();
    case 'float': return ar.readfloat();
    case 'double': return ar.readdouble();
    case 'LONGLONG': return ar.readLONGLONG().toString();
    case 'ULONGLONG': return ar.readULONGLONG().toString();
    case 'POINT': return ar.readPOINT();
    case 'SIZE': return ar.readSIZE();
    case 'RECT': return ar.readRECT();
    case 'CStringA': return ar.readCStringA();
    case 'CStringW': return ar.readCStringW();
    default: throw new Error(`unknown type ${type}`);
  }
}
/** float values come back as the nearest single, so compare through Math.fround. */
const expectBack = (type: string, v: Value) => (type === 'float' ? Math.fround(v as number) : v);

for (const v of vectors.primitives as (Vector & { type: string; value: Value })[]) {
  test(`CArchive.write${v.type}() writes ${v.hex} and read${v.type}() reads it back (${v.source})`, () => {
    const bytes = stored((ar) => write(ar, v.type, v.value));
    assert.is(hex(bytes), v.hex);
    const ar = loading(bytes);
    assert.equal(read(ar, v.type), expectBack(v.type, v.value));
    assert.ok(ar.IsBufferEmpty());
  });
}

for (const v of vectors.sequences as (Vector & { items: [string, Value][] })[]) {
  test(`CArchive writes a sequence without padding and reads it back (${v.source})`, () => {
    const bytes = stored((ar) => { for (const [t, x] of v.items) write(ar, t, x); });
    assert.is(hex(bytes), v.hex);
    const ar = loading(bytes);
    assert.equal(v.items.map(([t]) => read(ar, t)), v.items.map(([t, x]) => expectBack(t, x)));
  });
}

for (const v of vectors.strings as (Vector & { type: string; value?: string; fill?: string; length?: number; prefix?: string })[]) {
  const text = v.value ?? v.fill!.repeat(v.length!);
  test(`CArchive.write${v.type}() of ${text.length} characters writes ${v.prefix ?? v.hex}… and reads back (${v.source})`, () => {
    const bytes = stored((ar) => write(ar, v.type, text));
    if (v.hex !== undefined) assert.is(hex(bytes), v.hex);
    else {
      const prefix = fromHex(v.prefix!);
      assert.is(hex(bytes.subarray(0, prefix.length)), v.prefix);
      const charBytes = v.type === 'CStringW' ? 2 : 1;
      assert.is(bytes.length, prefix.length + text.length * charBytes);
      assert.ok(bytes.subarray(prefix.length).every((b, i) => b === (i % charBytes === 0 ? v.fill!.charCodeAt(0) : 0)));
    }
    const ar = loading(bytes);
    assert.is(read(ar, v.type), text);
    assert.ok(ar.IsBufferEmpty());
  });
}

for (const v of vectors.stringLengths as (Vector & { value: number; unicode: boolean })[]) {
  test(`AfxWriteStringLength() writes ${v.hex} for ${v.value} and AfxReadStringLength() reads it (${v.source})`, () => {
    const bytes = stored((ar) => AfxWriteStringLength(ar, v.value, v.unicode));
    assert.is(hex(bytes), v.hex);
    const charSize = { value: 0 };
    assert.is(AfxReadStringLength(loading(bytes), charSize, Infinity), v.value);
    assert.is(charSize.value, v.unicode ? 2 : 1);
  });
}

for (const v of vectors.counts as (Vector & { value: number })[]) {
  test(`CArchive.WriteCount(${v.value}) writes ${v.hex} and ReadCount() reads it (${v.source})`, () => {
    const bytes = stored((ar) => ar.WriteCount(v.value));
    assert.is(hex(bytes), v.hex);
    assert.is(loading(bytes, { maxCount: Infinity }).ReadCount(), v.value);
  });
}

/** Object scenarios: store, then load and check what came back. */
const scenarios: Record<string, { store: (ar: CArchive) => void; load: (ar: CArchive) => void }> = {
  null: {
    store: (ar) => ar.writeCObject(null),
    load: (ar) => assert.is(ar.readCObject(), null),
  },
  cage: {
    store: (ar) => { const a21 = CAge.of(21); ar.writeCObject(a21).writeCObject(CAge.of(30)).writeCObject(a21).writeCObject(null); },
    load: (ar) => {
      const rc = RUNTIME_CLASS(CAge);
      const [a, b, c, d] = [ar.readCObject(rc), ar.readCObject(rc), ar.readCObject(rc), ar.readCObject(rc)];
      assert.equal([a?.m_years, b?.m_years, c === a, d], [21, 30, true, null]);
    },
  },
  'cage-class': {
    store: (ar) => ar.WriteClass(RUNTIME_CLASS(CAge)),
    load: (ar) => assert.is(ar.ReadClass(), RUNTIME_CLASS(CAge)),
  },
  cfoo: {
    store: (ar) => { const p = CFoo.of(0x1234); ar.writeCObject(p).writeCObject(CFoo.of(0x1235)).writeCObject(p); },
    load: (ar) => {
      const [a, b, c] = [ar.readCObject(RUNTIME_CLASS(CFoo)), ar.readCObject(RUNTIME_CLASS(CFoo)), ar.readCObject()];
      assert.equal([a?.m_w, b?.m_w, c === a], [0x1234, 0x1235, true]);
    },
  },
  'big-tags': {
    store: (ar) => {
      const dummies = mapDummies(ar, 0x7ffe);
      const p = CFoo.of(0x1234);
      ar.writeCObject(dummies[0x7ffe - 1]!).writeCObject(p).writeCObject(CFoo.of(0x1235)).writeCObject(p);
    },
    load: (ar) => {
      const dummies = mapDummies(ar, 0x7ffe);
      assert.is(ar.readCObject(), dummies[0x7ffe - 1]);
      const p = ar.readCObject(RUNTIME_CLASS(CFoo));
      const q = ar.readCObject(RUNTIME_CLASS(CFoo));
      assert.equal([p?.m_w, q?.m_w, ar.readCObject() === p], [0x1234, 0x1235, true]);
    },
  },
  'big-object-7fff': {
    store: (ar) => { const d = mapDummies(ar, 0x7fff); ar.writeCObject(d[0x7fff - 1]!); },
    load: (ar) => { const d = mapDummies(ar, 0x7fff); assert.is(ar.readCObject(), d[0x7fff - 1]); },
  },
  'oba-in-place': {
    store: (ar) => { const a = new CObArray(); const p = CFoo.of(0x1234); a.Add(p); a.Add(p); a.Serialize(ar); },
    load: (ar) => {
      const a = new CObArray();
      a.Serialize(ar);
      assert.equal([a.GetSize(), (a.GetAt(0) as CFoo).m_w, a.GetAt(0) === a.GetAt(1)], [2, 0x1234, true]);
    },
  },
  'oba-pointer': {
    store: (ar) => { const a = new CObArray(); const p = CFoo.of(0x1234); a.Add(p); a.Add(p); ar.writeCObject(a); },
    load: (ar) => {
      const a = ar.readCObject(RUNTIME_CLASS(CObArray))!;
      assert.equal([a.GetSize(), (a.GetAt(1) as CFoo).m_w, a.GetAt(0) === a.GetAt(1)], [2, 0x1234, true]);
    },
  },
};

function mapDummies(ar: CArchive, n: number): CObject[] {
  const out: CObject[] = [];
  for (let i = 0; i < n; i++) {
    const o = new CObject();
    ar.MapObject(o);
    out.push(o);
  }
  return out;
}

for (const v of vectors.objects as (Vector & { scenario: string })[]) {
  test(`CArchive.WriteObject() writes the ${v.scenario} scenario as ${v.hex.length > 60 ? `${v.hex.slice(0, 60)}…` : v.hex} and ReadObject() rebuilds it (${v.source})`, () => {
    const s = scenarios[v.scenario]!;
    const bytes = stored(s.store);
    assert.is(hex(bytes), v.hex);
    const ar = loading(bytes);
    s.load(ar);
    assert.ok(ar.IsBufferEmpty());
  });
}

test.run();
