// CException: the base of the MFC exceptions this library throws. MFC throws heap pointers
// (`throw new CArchiveException(...)`, caught as `CException*`); here they are thrown values, so
// `catch (e) { if (e instanceof CArchiveException) ... }` replaces `catch (CArchiveException* e)`.

/**
 * Base class of the emulated MFC exceptions.
 *
 * Emulates: MFC `CException` (GetErrorMessage, ReportError's text, Delete).
 * Differs: derives from the JavaScript `Error` (for stack traces and `instanceof`), not from
 * `CObject`; `Delete()` does nothing because the garbage collector owns the object.
 *
 * @example
 * try { ar.readDWORD(); } catch (e) { if (e instanceof CException) console.log(e.GetErrorMessage()); }
 */
export abstract class CException extends Error {
  /** Emulates: `CException::GetErrorMessage(LPTSTR, UINT, PUINT)`: the text, as a string. */
  GetErrorMessage(): string {
    return this.message;
  }

  /** Emulates: `CException::Delete`; a no-op (see the class's "Differs"). */
  Delete(): void {}
}
