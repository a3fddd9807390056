// CArchive read transactions (beyond MFC; Qt QDataStream start/commit/rollbackTransaction, for the
// partial-message trap of peers.md §2.1 and §2.3): a load that runs out of bytes inside a
// transaction throws ArchiveIncompleteError, never waits on the file, and rollback puts back every
// byte and object id it consumed.
import { suite } from '../../support/suite.ts';
import * as assert from 'uvu/assert';
import { ArchiveIncompleteError, CArchive, CArchiveException, CMemFile, RUNTIME_CLASS } from 'afxsock';
import { CAge, ScriptedFile, stored, throwsCause } from './archiveSupport.ts';

const test = suite('CArchive read transactions');

/** One message of the spec protocol: a WORD id, a CString, a CAge pointer. */
function writeMessage(ar: CArchive, id: number, text: string, age: CAge): void {
  ar.writeWORD(id).writeCString(text).writeCObject(age);
}
function readMessage(ar: CArchive): [number, string, number] {
  return [ar.readWORD(), ar.readCString(), ar.readCObject(RUNTIME_CLASS(CAge))!.m_years];
}

test('CArchive.tryTransaction() over a CMemFile fed one byte at a time yields each message exactly when its last byte arrives', () => {
  const shared = CAge.of(33);
  const bytes = stored((ar) => { writeMessage(ar, 1, 'first', shared); writeMessage(ar, 2, 'second', shared); });
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128);
  const got: [number, string, number][] = [];
  const arrivedAt: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    file.appendBytes(bytes.subarray(i, i + 1));
    for (;;) {
      const m = ar.tryTransaction(() => readMessage(ar));
      if (!m) break;
      got.push(m);
      arrivedAt.push(i + 1);
    }
  }
  assert.equal(got, [[1, 'first', 33], [2, 'second', 33]]);
  // The second message refers back to the CAge of the first: the object map survived the rollbacks.
  const firstLength = stored((w) => writeMessage(w, 1, 'first', shared)).length;
  assert.equal(arrivedAt, [firstLength, bytes.length]);
  assert.ok(ar.IsBufferEmpty());
});

test('CArchive inside a transaction never calls Read on a file that has nothing available (it would block)', () => {
  const f = new ScriptedFile(true).feed(0x02, 0x00, 0x03);
  const ar = new CArchive(f, CArchive.load);
  assert.is(ar.tryTransaction(() => [ar.readWORD(), ar.readWORD()]), undefined);
  assert.equal(f.readRequests, [2, 1], 'two Reads of what was available, none when nothing was');
  f.feed(0x00);
  assert.equal(ar.tryTransaction(() => [ar.readWORD(), ar.readWORD()]), [2, 3]);
});

test('CArchive.rollbackTransaction() absorbs ArchiveIncompleteError, which is a CArchiveException endOfFile with the missing byte count', () => {
  const f = new ScriptedFile(true).feed(0x01);
  const ar = new CArchive(f, CArchive.load);
  ar.startTransaction();
  try {
    ar.readDWORD();
    assert.unreachable('the DWORD is incomplete');
  } catch (e) {
    assert.instance(e, ArchiveIncompleteError);
    assert.instance(e, CArchiveException);
    assert.is((e as ArchiveIncompleteError).m_cause, CArchiveException.endOfFile);
    assert.is((e as ArchiveIncompleteError).bytesMissing, 3);
    ar.rollbackTransaction();
  }
  f.feed(0, 0, 0);
  assert.is(ar.readDWORD(), 1);
});

test('CArchive.commitTransaction() of an outer transaction returns false and rolls back when an inner one was rolled back (QDataStream nesting)', () => {
  const f = new ScriptedFile(true).feed(1, 2, 3, 4);
  const ar = new CArchive(f, CArchive.load);
  ar.startTransaction();
  ar.readBYTE();
  ar.startTransaction();
  ar.readBYTE();
  ar.rollbackTransaction();
  assert.ok(ar.isInTransaction());
  assert.is(ar.commitTransaction(), false);
  assert.not.ok(ar.isInTransaction());
  assert.is(ar.readBYTE(), 1);
});

test('CArchive.tryTransaction() lets corrupt data (badClass) propagate and keeps what it consumed (abortTransaction)', () => {
  const f = new ScriptedFile(true).feed(0xff, 0xff, 0x01, 0x00, 0x02, 0x00, 0x43, 0x58, 0x07);
  const ar = new CArchive(f, CArchive.load);
  throwsCause(() => ar.tryTransaction(() => ar.readCObject()), CArchiveException, CArchiveException.badClass);
  assert.not.ok(ar.isInTransaction());
  assert.is(ar.readBYTE(), 0x07);
});

test('CArchive holds a message larger than its buffer inside a transaction, up to maxTransactionBytes (then bufferFull)', () => {
  const big = 'x'.repeat(1000);
  const bytes = stored((ar) => ar.writeCString(big));
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128);
  file.appendBytes(bytes.subarray(0, 900));
  assert.is(ar.tryTransaction(() => ar.readCString()), undefined);
  file.appendBytes(bytes.subarray(900));
  assert.is(ar.tryTransaction(() => ar.readCString()), big);
  const small = new CArchive(new CMemFile(bytes.slice(), bytes.length, 0), CArchive.load, 128, null, { maxTransactionBytes: 512 });
  throwsCause(() => small.tryTransaction(() => small.readCString()), CArchiveException, CArchiveException.bufferFull);
});

test('CArchive.ReadString() inside a transaction treats an unfinished line as incomplete, not as the last line', () => {
  const file = new CMemFile();
  const ar = new CArchive(file, CArchive.load, 128, null, { unicode: false });
  file.appendBytes(Buffer.from('hel', 'latin1'));
  const line = { value: '' };
  assert.is(ar.tryTransaction(() => ar.ReadString(line)), undefined);
  file.appendBytes(Buffer.from('lo\nrest', 'latin1'));
  assert.is(ar.tryTransaction(() => ar.ReadString(line) && line.value), 'hello');
});

test('CArchive transactions are for loading archives only, and Flush() is refused while one is open', () => {
  assert.throws(() => new CArchive(new CMemFile(), CArchive.store).startTransaction(), TypeError);
  const ar = new CArchive(new CMemFile(), CArchive.load);
  ar.startTransaction();
  assert.throws(() => ar.Flush(), TypeError);
  ar.rollbackTransaction();
  assert.throws(() => ar.commitTransaction(), TypeError);
});

test.run();
