// Byte order and addresses on a little-endian host, and option round trips: htons/htonl swap;
// inet_addr returns network order (BSD forms, INADDR_NONE for junk); SOCKADDR_IN's 16-byte image
// (127.0.0.1:80 → 02 00 | 00 50 | 7F 00 00 01 | 00×8); WSAMAKESELECTREPLY packs (event, error).
// Source: mfc-semantics §6.3, §6.8, §2.2, §3.2; windows-facts C.4.
import { suite } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import * as W from 'afxsock';

const test = suite('Winsock byte order and addresses');

test('htons() and htonl() swap to big-endian and ntohs()/ntohl() swap back', () => {
  assert.equal([W.htons(0x1234), W.ntohs(0x3412), W.htonl(0x12345678), W.ntohl(0x78563412)], [0x3412, 0x1234, 0x78563412, 0x12345678]);
  assert.is(W.htonl(0x7f000001), 0x0100007f);
});

test('inet_addr() parses dotted and BSD short forms into network order, and returns INADDR_NONE for junk', () => {
  const rows = ['127.0.0.1', '10.0.0.2', '127.1', '0x7f.0.0.1', '255.255.255.255', '1.2.3.256', 'host', ''].map((t) => [t, W.inet_addr(t)]);
  assert.equal(rows, [
    ['127.0.0.1', 0x0100007f],
    ['10.0.0.2', 0x0200000a],
    ['127.1', 0x0100007f],
    ['0x7f.0.0.1', 0x0100007f],
    ['255.255.255.255', W.INADDR_NONE],
    ['1.2.3.256', W.INADDR_NONE],
    ['host', W.INADDR_NONE],
    ['', W.INADDR_NONE],
  ]);
  assert.is(W.inet_ntoa(new W.in_addr(0x0100007f)), '127.0.0.1');
});

test('SOCKADDR_IN has the 16-byte memory image of Windows and reads back from it', () => {
  const sa = new W.SOCKADDR_IN(W.AF_INET, W.htons(80), new W.in_addr(W.inet_addr('127.0.0.1')));
  assert.equal([...sa.toBytes()], [2, 0, 0, 0x50, 0x7f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const back = W.SOCKADDR_IN.fromBytes(sa.toBytes());
  assert.equal([back.sin_family, W.ntohs(back.sin_port), W.inet_ntoa(back.sin_addr)], [W.AF_INET, 80, '127.0.0.1']);
});

test('WSAMAKESELECTREPLY() packs the event in the low word and the error in the high word', () => {
  const l = W.WSAMAKESELECTREPLY(W.FD_CLOSE, W.WSAECONNABORTED);
  assert.is(l, 0x27450020);
  assert.equal([W.WSAGETSELECTEVENT(l), W.WSAGETSELECTERROR(l)], [W.FD_CLOSE, W.WSAECONNABORTED]);
});

test('Winsock constants keep their SDK values', () => {
  assert.equal(
    [W.WSAEWOULDBLOCK, W.WSAECONNRESET, W.WSAHOST_NOT_FOUND, W.FIONBIO >>> 0, W.FIONREAD, W.SIOCATMARK, W.SO_DONTLINGER >>> 0, W.SOL_SOCKET],
    [10035, 10054, 11001, 0x8004667e, 0x4004667f, 0x40047307, 0xffffff7f, 0xffff],
  );
});

test.run();
