// ArchiveTransaction: read transactions on a loading archive (beyond MFC; Qt QDataStream's
// start/commit/rollback/abortTransaction), for the partial-message trap of peers.md §2.1. The
// buffer keeps every byte since the outermost transaction began (ArchiveBuffer.fillUpTo); this
// file holds the API, the saved object-map state and the retry rule of tryTransaction (issue 15.6).
import { ArchiveBuffer } from './ArchiveBuffer.ts';
import { ArchiveIncompleteError } from '../exceptions/CArchiveException.ts';

export class ArchiveTransaction extends ArchiveBuffer {
  private txFailed = false;
  private txSaved: unknown = null;

  /**
   * Ours (beyond MFC; Qt's QDataStream::startTransaction): from here on, every byte the loading
   * archive consumes is kept, so `rollbackTransaction()` can put the cursor (and the object map)
   * back. While a transaction is open the archive never waits for data: when its buffer runs dry
   * it reads only what `pFile.readableBytesNow()` says is there, and if that is not enough the read
   * throws `ArchiveIncompleteError` (a CArchiveException endOfFile). Transactions nest; only the
   * outermost one keeps bytes.
   *
   * @example
   * ar.startTransaction();
   * try { const msg = loadMessage(ar); ar.commitTransaction(); handle(msg); }
   * catch (e) { if (!(e instanceof ArchiveIncompleteError)) throw e; ar.rollbackTransaction(); }
   */
  startTransaction(): void {
    if (!this.IsLoading()) throw new TypeError('CArchive.startTransaction: only a loading archive has read transactions');
    this.open();
    if (this.txDepth++ > 0) return;
    this.txNeeded = 0;
    this.txStart = this.cur;
    this.txFailed = false;
    this.txSaved = this.snapshotForTransaction();
  }

  /**
   * Ours: ends a transaction and keeps what it consumed. Returns false (and rolls back) when an
   * inner transaction was rolled back, as QDataStream::commitTransaction does.
   */
  commitTransaction(): boolean {
    if (this.txDepth === 0) throw new TypeError('CArchive.commitTransaction: no transaction is open');
    if (--this.txDepth > 0) return true;
    if (this.txFailed) {
      this.restore();
      return false;
    }
    this.txSaved = null;
    return true;
  }

  /** Ours: ends a transaction and puts back every byte and object it consumed. */
  rollbackTransaction(): void {
    if (this.txDepth === 0) throw new TypeError('CArchive.rollbackTransaction: no transaction is open');
    if (--this.txDepth > 0) {
      this.txFailed = true;
      return;
    }
    this.restore();
  }

  /** Ours: true while a read transaction is open. */
  isInTransaction(): boolean {
    return this.txDepth > 0;
  }

  /**
   * Ours: runs `load` in a transaction. Returns its result (committed), or undefined when the
   * message is incomplete (rolled back, to be retried when more bytes arrive). Any other exception
   * ends the transaction keeping what was consumed, and propagates.
   *
   * A retry runs `load` only once the archive holds at least as many bytes of the message as the
   * failed try was missing when it stopped; until then it buffers what the file has and returns
   * undefined at once. So a long value arriving in small pieces costs time linear in its size, not
   * one re-parse per piece (issue 15.6). This assumes a retry reads the same message in the same
   * way (a deterministic `load`), as Qt's transactions do; `startTransaction()` forgets the hint.
   */
  tryTransaction<T>(load: () => T): T | undefined {
    const needed = this.txNeeded;
    this.startTransaction();
    if (needed > 0 && this.txDepth === 1 && !this.bufferTransaction(needed)) {
      this.txNeeded = needed;
      this.rollbackTransaction();
      return undefined;
    }
    let value: T;
    try {
      value = load();
    } catch (e) {
      if (!(e instanceof ArchiveIncompleteError)) {
        this.abortTransaction();
        throw e;
      }
      this.rollbackTransaction();
      return undefined;
    }
    return this.commitTransaction() ? value : undefined;
  }

  /**
   * Ours (QDataStream::abortTransaction): ends a transaction keeping what it consumed, for data
   * that is corrupt rather than incomplete (re-reading it would fail again).
   */
  abortTransaction(): void {
    if (this.txDepth === 0) throw new TypeError('CArchive.abortTransaction: no transaction is open');
    if (--this.txDepth > 0) return;
    this.txSaved = null;
    this.txFailed = false;
  }

  /** Object-map state saved at the start of a transaction (CArchive overrides). */
  protected snapshotForTransaction(): unknown {
    return null;
  }

  /** Puts back the object-map state saved by snapshotForTransaction (CArchive overrides). */
  protected restoreTransaction(_saved: unknown): void {}

  /**
   * Buffers what the file has of the message, up to `needed` bytes from its start, without
   * parsing; true when all `needed` are there.
   */
  private bufferTransaction(needed: number): boolean {
    this.fillUpTo(needed);
    return this.readEnd - this.txStart >= needed;
  }

  private restore(): void {
    this.cur = this.txStart;
    this.restoreTransaction(this.txSaved);
    this.txSaved = null;
    this.txFailed = false;
  }
}
