// The one rule for the C arguments of the Winsock facade, which CAsyncSocket and CSocket pass on
// unchanged (README, "Arguments: C's conversions"). A ported call carries JavaScript values where C
// had an `int`, a `UINT` or a `char*`, so each value is converted the way C would convert it, and
// what C could not have passed at all fails the Windows way instead of reaching the kernel:
//
// - a finite number given for an `int` / `UINT` becomes what C's conversion makes of it:
//   truncated toward zero, then taken modulo 2^32 into the type's range (what a cast from a wider
//   integer type does; these are JavaScript's own ToInt32 / ToUint32). `len` 2.5 is 2, -0.5 is 0;
// - a value C cannot pass (not a number, NaN, ±Infinity) is rejected: a length, or a value behind
//   a pointer (`int*`, `u_long*`), with WSAEFAULT — the answer Windows gives a length that no
//   buffer can satisfy and memory it cannot read; any other integer with WSAEINVAL;
// - a buffer is any ArrayBufferView (Uint8Array, Buffer, another typed array, DataView) read as the
//   bytes it spans, as C reads `(char*)p`; the length counts bytes. Anything else — a string, a
//   number, null, a view whose ArrayBuffer was detached — is WSAEFAULT, as a bad pointer is;
// - a length that is negative or runs past its buffer is WSAEFAULT (windows-facts A.4.5: recv with
//   len -1 fails with WSAEFAULT on Windows 7 and later).
import { WSAEFAULT } from './constants.ts';

/**
 * C's conversion of an argument to `int`: a finite number truncated and wrapped to 32 bits, or
 * undefined for what C cannot pass (not a number, NaN, ±Infinity).
 *
 * @example
 * toInt(2.5); // 2
 * toInt(0xffffffff); // -1
 * toInt(NaN); // undefined
 */
export function toInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value | 0 : undefined;
}

/** C's conversion of an argument to `UINT` / `u_long` (see {@link toInt}): 0..2^32-1, or undefined. */
export function toUint(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value >>> 0 : undefined;
}

/**
 * The bytes a buffer argument spans, as a Uint8Array over the same memory (the argument itself
 * when it is one), or undefined when it is no byte buffer: not an ArrayBufferView, or a view of a
 * detached ArrayBuffer (transferred to another thread, or taken by structuredClone).
 */
export function byteView(buf: unknown): Uint8Array | undefined {
  // The common case first: a Uint8Array that spans bytes is attached and is its own view. The
  // rest is apart, so that this test compiles into every send and recv. `length` is a Uint8Array's
  // byteLength (0 once detached too), and compiles to a field load where byteLength is a call.
  return buf instanceof Uint8Array && buf.length !== 0 ? buf : otherByteView(buf);
}

function otherByteView(buf: unknown): Uint8Array | undefined {
  if (!ArrayBuffer.isView(buf)) return undefined;
  // A DataView of a detached buffer throws on any look at its length or offset.
  if (buf instanceof DataView) return isDetached(buf.buffer) ? undefined : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  // A detached buffer's typed arrays report 0 bytes; only then is the (throwing) probe needed.
  if (buf.byteLength === 0 && isDetached(buf.buffer)) return undefined;
  if (buf instanceof Uint8Array) return buf;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function isDetached(buffer: ArrayBufferLike): boolean {
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * A `void* buf, int len` pair: the first `len` bytes of `buf` (len converted as {@link toInt}),
 * or WSAEFAULT when `buf` is no byte buffer, `len` cannot be converted, or it is negative or runs
 * past the buffer.
 */
export function bufferOfLength(buf: unknown, len: unknown): Uint8Array | typeof WSAEFAULT {
  const bytes = byteView(buf);
  const n = toInt(len);
  if (bytes === undefined || n === undefined || n < 0 || n > bytes.length) return WSAEFAULT;
  return n === bytes.length ? bytes : bytes.subarray(0, n);
}

/**
 * The converted `value` of an `int*` / `u_long*` argument (an IntRef), or undefined when the
 * argument is no object or its value cannot be converted — which the caller fails with WSAEFAULT.
 */
export function intAt(ref: unknown, unsigned = false): number | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  const value = (ref as { value?: unknown }).value;
  return unsigned ? toUint(value) : toInt(value);
}
