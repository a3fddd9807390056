// byteCount: the one rule for every byte count that CArchive, CFile, CMemFile and CSocketFile take
// (issue 15.4). A count is converted as C converts the argument to UINT (so -2 is 0xFFFFFFFE, as a
// ported call passes it to MFC); a converted count larger than the buffer it names is
// CInvalidArgException, because in MFC that call copies past the end of the buffer. A count that
// no C conversion gives (NaN, ±Infinity, a string) and an lpBuf that names no memory are
// CInvalidArgException too, naming the call (MFC 9's exception for a bad argument; audit F1). So a
// count can never move a cursor backwards, and every loop that consumes a count consumes a
// non-negative integer.
import { AfxThrowInvalidArgException } from '../exceptions/CInvalidArgException.ts';
import { wrongArgument } from '../exceptions/wrongArgument.ts';
import { byteView, toUint } from '../../winsock/argumentRules.ts';

/**
 * Ours: `(UINT)value`, as C converts an integer argument to a 32-bit unsigned count (a fraction is
 * truncated first, as C's conversion of a double does).
 * @throws CInvalidArgException when `value` is not a finite number.
 */
export function toUINT(value: number, api: string, name: string): number {
  // The conversion is the facade's (lib/winsock/argumentRules.ts); only the failure differs: MFC's
  // file classes throw where Winsock returns an error.
  const n = toUint(value);
  if (n === undefined) wrongArgument(api, `a finite number for ${name}`, value);
  return n;
}

/**
 * Ours: the bytes a `void* lpBuf` argument covers. Any typed array or DataView names memory, as a
 * pointer does in C (a Uint32Array's 4 bytes an element, a DataView's window), and is read or
 * filled as those bytes, as the socket calls take them (lib/winsock/argumentRules.ts byteView).
 * @throws CInvalidArgException when `lpBuf` is no ArrayBufferView, or its buffer was detached (transferred).
 * Differs: MFC 9's CArchive::Read and Write return doing nothing for a NULL lpBuf (arccore.cpp).
 */
export function bufferBytes(lpBuf: unknown, api: string): Uint8Array {
  // The view rule is the socket calls' (byteView); only the failure differs: MFC's file classes
  // throw where Winsock returns WSAEFAULT.
  const bytes = byteView(lpBuf);
  if (bytes !== undefined) return bytes;
  if (ArrayBuffer.isView(lpBuf)) AfxThrowInvalidArgException(`${api}: lpBuf's buffer is detached (it was transferred), so it names no memory`);
  wrongArgument(api, 'an lpBuf that is a typed array or a DataView (a Uint8Array, Buffer, …)', lpBuf);
}

/**
 * Ours: the UINT count of bytes `api` may move to or from `lpBuf` (the bytes bufferBytes gave).
 * @throws CInvalidArgException when the count is larger than `lpBuf` (MFC would overrun it).
 */
export function bufferCount(lpBuf: Uint8Array, value: number, api: string, name: string): number {
  const n = toUINT(value, api, name);
  if (n > lpBuf.length) {
    const asGiven = n === value ? `${n}` : `${value} (${n} as UINT)`;
    AfxThrowInvalidArgException(`${api}: ${name} ${asGiven} is more than lpBuf's ${lpBuf.length} bytes`);
  }
  return n;
}
