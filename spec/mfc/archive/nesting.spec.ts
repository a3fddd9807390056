// CArchive's nesting limit (issue 15.3; beyond MFC, which recurses until its stack overflows): an
// object inside an object inside … is one level per ReadObject / WriteObject, whatever holds it
// (CObArray, CObList, CMapStringToOb, or a class's own pointer member). More than the archive's
// `maxObjectDepth` levels (500 by default) is CArchiveException genericException, and a limit
// raised beyond what JavaScript's stack holds still ends in genericException, never a RangeError.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { CArchive, CArchiveException, CMemFile, CObArray, CObject, type CArchiveOptions } from 'afxsock';
import { CNode, messageOf, nestedBytes, stored, throwsCause, type Holder } from './archiveSupport.ts';

const test = suite('CArchive nesting limit');
function load(bytes: Uint8Array, options: CArchiveOptions = {}): CObject | null {
  return new CArchive(new CMemFile(bytes, bytes.length, 0), CArchive.load, 4096, null, options).readCObject();
}

function depthOf(o: CObject | null): number {
  let depth = 0;
  for (let at = o; at instanceof CObArray; at = at.GetSize() ? at.GetAt(0) : null) depth++;
  return depth;
}

test('CArchive.ReadObject() of 8 KB of CObArrays nested 2,000 deep is CArchiveException genericException, not a stack overflow', () => {
  const bytes = nestedBytes(2000, ['CObArray']);
  assert.ok(bytes.length <= 8 * 1024, `${bytes.length} bytes`);
  throwsCause(() => load(bytes), CArchiveException, CArchiveException.genericException);
  assert.match(messageOf(() => load(bytes)), /deeper than maxObjectDepth 500/);
});

test('CArchive.ReadObject() loads objects nested exactly maxObjectDepth deep, and refuses one level more', () => {
  assert.is(depthOf(load(nestedBytes(500, ['CObArray']))), 500);
  throwsCause(() => load(nestedBytes(501, ['CObArray'])), CArchiveException, CArchiveException.genericException);
  assert.is(depthOf(load(nestedBytes(30, ['CObArray']), { maxObjectDepth: 30 })), 30);
  throwsCause(() => load(nestedBytes(31, ['CObArray']), { maxObjectDepth: 30 }), CArchiveException, CArchiveException.genericException);
});

test('CArchive.ReadObject() counts every holder alike: arrays, lists and maps nested in turn hit the same limit', () => {
  const mixed: Holder[] = ['CObArray', 'CObList', 'CMapStringToOb'];
  assert.not.throws(() => load(nestedBytes(500, mixed)));
  throwsCause(() => load(nestedBytes(501, mixed)), CArchiveException, CArchiveException.genericException);
  throwsCause(() => load(nestedBytes(501, ['CObList'])), CArchiveException, CArchiveException.genericException);
  throwsCause(() => load(nestedBytes(2000, ['CMapStringToOb'])), CArchiveException, CArchiveException.genericException);
});

test('CArchive with maxObjectDepth raised loads deeper archives', () => {
  throwsCause(() => load(nestedBytes(900, ['CObArray'])), CArchiveException, CArchiveException.genericException);
  assert.is(depthOf(load(nestedBytes(900, ['CObArray']), { maxObjectDepth: 900 })), 900);
});

test('CArchive.ReadObject() with a limit beyond JavaScript\'s stack still ends in genericException, naming the stack', () => {
  const bytes = nestedBytes(200_000, ['CObArray']);
  const message = messageOf(() => load(bytes, { maxObjectDepth: 1_000_000 }));
  assert.match(message, /^CArchiveException: CArchiveException genericException/);
  assert.match(message, /JavaScript's stack/);
});

test('CArchive.WriteObject() refuses to store objects nested deeper than maxObjectDepth, which the loader would refuse', () => {
  const chain = (n: number) => {
    let head: CNode | null = null;
    for (let i = 0; i < n; i++) { const node = new CNode(); node.m_pLeft = head; head = node; }
    return head;
  };
  const ok = stored((ar) => ar.writeCObject(chain(20)), { maxObjectDepth: 20 });
  assert.ok(ok.length > 0);
  throwsCause(() => stored((ar) => ar.writeCObject(chain(21)), { maxObjectDepth: 20 }), CArchiveException, CArchiveException.genericException);
});

test('CArchive.tryTransaction() over nesting past the limit propagates genericException and ends the transaction', () => {
  const bytes = nestedBytes(2000, ['CObArray']);
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load);
  file.appendBytes(bytes);
  throwsCause(() => ar.tryTransaction(() => ar.readCObject()), CArchiveException, CArchiveException.genericException);
  assert.is(ar.isInTransaction(), false);
});

test('CArchive() refuses a maxObjectDepth that is not a positive integer', () => {
  assert.throws(() => new CArchive(new CMemFile(), CArchive.load, 4096, null, { maxObjectDepth: 0 }), /maxObjectDepth must be a positive integer, got 0/);
});

test.run();
