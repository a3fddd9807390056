// Interoperability of the OS network with a peer that is not afxsock: a plain node:net / node:dgram
// program (fixtures/rawPeer.ts) on its own thread. An afxsock program — CSocket + CSocketFile +
// CArchive, as MFC's "Sequence of Operations" writes it — stores values and the raw peer receives
// exactly MFC's bytes, the golden vectors of the archive specs; the raw peer sends those bytes and
// the afxsock program loads the values back. Datagrams go both ways through Winsock.
// Source: mfc-semantics §7.1 (sequence of operations), §5.5-5.7 (wire format);
// spec/mfc/archive/vectors.json; issue 7 "Interoperability".
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { CArchive } from 'afxsock';
import { CSocket } from 'afxsock';
import { CSocketFile } from 'afxsock';
import * as W from 'afxsock';
import { CAge, fromHex, hex } from '../../mfc/archive/archiveSupport.ts';
import { pump } from '../../mfc/socket/socketWorld.ts';
import { dualSuite } from '../../support/dualSuite.ts';
import { check } from '../../support/simWorld.ts';
import { ALL_EVENTS, listeningCSocket, withRawPeer } from './osSpecSupport.ts';

const test = dualSuite('OS network interoperability with plain node:net and node:dgram peers');

interface Vector {
  source: string;
  hex?: string;
  type?: string;
  value?: unknown;
  items?: [string, unknown][];
  fill?: string;
  length?: number;
  prefix?: string;
  scenario?: string;
}
const vectors = JSON.parse(readFileSync(new URL('../../mfc/archive/vectors.json', import.meta.url), 'utf8')) as Record<string, Vector[]>;

/** One value an archive writes and reads, with the bytes MFC puts on the wire for it. */
interface Item {
  source: string;
  type: string;
  value: unknown;
  bytes: Uint8Array;
}

/** The bytes of a long-string vector: its prefix, then the fill character (1 byte ANSI, 2 wide). */
function longString(v: Vector): Uint8Array {
  const body = v.type === 'CStringW' ? new Uint8Array(v.length! * 2).map((_, i) => (i % 2 === 0 ? v.fill!.charCodeAt(0) : 0)) : new Uint8Array(v.length!).fill(v.fill!.charCodeAt(0));
  return Uint8Array.from([...fromHex(v.prefix!), ...body]);
}

/** Every primitive, sequence, string and count vector as items, in file order. */
function items(): Item[] {
  const out: Item[] = [];
  for (const v of vectors.primitives!) out.push({ source: v.source, type: v.type!, value: v.value, bytes: fromHex(v.hex!) });
  for (const v of vectors.sequences!) {
    // A sequence is its items back to back (no padding): each item's bytes are its own vector's.
    for (const [type, value] of v.items!) out.push({ source: v.source, type, value, bytes: new Uint8Array() });
    out[out.length - 1]!.bytes = fromHex(v.hex!);
  }
  for (const v of vectors.strings!) {
    const value = v.fill ? v.fill.repeat(v.length!) : v.value;
    out.push({ source: v.source, type: v.type!, value, bytes: v.fill ? longString(v) : fromHex(v.hex!) });
  }
  for (const v of vectors.counts!) if ((v.value as number) < 0x100000000) out.push({ source: v.source, type: 'count', value: v.value, bytes: fromHex(v.hex!) });
  return out;
}

type Archive = Record<string, (...args: unknown[]) => unknown> & CArchive;

function write(ar: CArchive, item: Item): void {
  const a = ar as Archive;
  if (item.type === 'count') ar.WriteCount(item.value as number);
  else if (item.type === 'LONGLONG' || item.type === 'ULONGLONG') a[`write${item.type}`]!(BigInt(item.value as string | number));
  else a[`write${item.type}`]!(item.value);
}

function read(ar: CArchive, item: Item): unknown {
  const a = ar as Archive;
  if (item.type === 'count') return ar.ReadCount();
  const v = a[`read${item.type}`]!();
  // A float loads as its single-precision value.
  if (item.type === 'float') return Math.fround(item.value as number) === v ? item.value : v;
  return v;
}

/** Equal as an archive round trip means it: numbers, strings, and the fields of POINT, SIZE, RECT. */
function sameValue(a: unknown, b: unknown): boolean {
  // 64-bit values are text in vectors.json (they do not fit a double) and bigint when loaded.
  if (typeof a === 'bigint') return a === BigInt(b as string | number);
  return JSON.stringify(a) === JSON.stringify(b);
}

const cage = vectors.objects!.find((v) => v.scenario === 'cage')!;
const all = items();
const expected = Uint8Array.from([...all.flatMap((i) => [...i.bytes]), ...fromHex(cage.hex!)]);

/** A connected CSocket on 127.0.0.1 (blocking Connect, which pumps as MFC's does). */
function connectedCSocket(port: number): CSocket {
  const s = new CSocket();
  if (!s.Create(0, W.SOCK_STREAM, ALL_EVENTS, '127.0.0.1')) throw new Error(`Create failed with ${W.WSAGetLastError()}`);
  if (!s.Connect('127.0.0.1', port)) throw new Error(`Connect failed with ${W.WSAGetLastError()}`);
  return s;
}

test.realOnly(`CArchive on a CSocket stores every golden vector (${all.length} values and the CAge graph, ${expected.length} bytes) and a node:net peer receives exactly MFC's bytes`, () =>
  withRawPeer(async (peer) => {
    const port = await peer.listen();
    const sock = connectedCSocket(port);
    const ar = new CArchive(new CSocketFile(sock), CArchive.store);
    for (const item of all) write(ar, item);
    const a21 = CAge.of(21);
    ar.writeCObject(a21).writeCObject(CAge.of(30)).writeCObject(a21).writeCObject(null);
    ar.Close();
    sock.Close();
    const got = await peer.ask<{ bytes: number[]; ended: boolean }>('waitEnd', { index: 0 });
    assert.ok(got.ended, 'the peer saw a graceful close (FIN)');
    assert.is(got.bytes.length, expected.length);
    assert.is(hex(Uint8Array.from(got.bytes)), hex(expected));
    pump(50);
  }),
);

test.realOnly('CArchive on an accepted CSocket loads every golden vector that a node:net peer sends, value for value', () =>
  withRawPeer(async (peer) => {
    const { listener, port } = listeningCSocket();
    const connected = peer.ask('connect', { port, script: { send: [...expected], endAfterSend: true } });
    const child = new CSocket();
    check(listener.Accept(child) ? 0 : W.SOCKET_ERROR, 'Accept');
    const ar = new CArchive(new CSocketFile(child), CArchive.load);
    const wrong = all.map((item) => [item.source, item.type, read(ar, item), item.value]).filter(([, , got, want]) => !sameValue(got, want));
    assert.equal(wrong, [], 'values that did not load back');
    const ages = [ar.readCObject(), ar.readCObject(), ar.readCObject(), ar.readCObject()];
    assert.equal(ages.map((a) => (a as CAge | null)?.m_years ?? null), [21, 30, 21, null]);
    assert.ok(ages[0] === ages[2], 'the back-reference loads the same object');
    assert.ok(ar.IsBufferEmpty());
    ar.Close();
    await connected;
    child.Close();
    listener.Close();
    pump(50);
  }),
);

test.realOnly('sendto() and recvfrom() exchange datagrams with a node:dgram peer, bytes and sender intact', () =>
  withRawPeer(async (peer) => {
    const peerPort = (await peer.ask<{ port: number }>('udpBind')).port;
    const s = W.socket(W.AF_INET, W.SOCK_DGRAM, 0);
    const mine = new W.SOCKADDR_IN(W.AF_INET, 0, new W.in_addr(W.inet_addr('127.0.0.1')));
    check(W.bind(s, mine, 16), 'bind');
    check(W.getsockname(s, mine, { value: 16 }), 'getsockname');
    const to = new W.SOCKADDR_IN(W.AF_INET, W.htons(peerPort), new W.in_addr(W.inet_addr('127.0.0.1')));
    assert.is(W.sendto(s, Uint8Array.from([1, 2, 3]), 3, 0, to, 16), 3);
    const got = await peer.ask<{ datagrams: { bytes: number[]; port: number }[] }>('udpWait', { count: 1 });
    assert.equal(got.datagrams[0], { bytes: [1, 2, 3], port: W.ntohs(mine.sin_port) });
    await peer.ask('udpSend', { bytes: [9, 8, 7, 6], port: W.ntohs(mine.sin_port) });
    const buf = new Uint8Array(16);
    const from = new W.SOCKADDR_IN();
    assert.is(W.recvfrom(s, buf, 16, 0, from, { value: 16 }), 4, 'a blocking recvfrom gets the datagram');
    assert.equal([...buf.subarray(0, 4)], [9, 8, 7, 6]);
    assert.equal([W.inet_ntoa(from.sin_addr), W.ntohs(from.sin_port)], ['127.0.0.1', peerPort]);
    W.closesocket(s);
  }),
);

test.run();
