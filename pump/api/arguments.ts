// Checks of the arguments the message functions take from JavaScript callers, where C would not
// compile or would crash (a NULL lpMsg, a handle that is not a number): a TypeError that says
// which call, which parameter and what it got, instead of a bare TypeError from deep inside.
import type { UINT } from '../types.ts';

/** What a value looks like in a message: `null`, `undefined`, `NaN`, `'text'`, `[object]`. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v == null) return String(v);
  return typeof v === 'function' ? 'a function' : 'an object';
}

/**
 * lpMsg must be an object the call can fill or read (Windows faults on a NULL pointer: there is no
 * last-error answer to give).
 */
// Each check is a test that the message functions' compiled code takes in line, and a call to a
// separate function only for the argument that fails it (or, for a UINT, needs converting): the
// pump's hot path stays small enough for the compiler to inline it whole.

export function checkMsgPointer(api: string, lpMsg: unknown): void {
  if (typeof lpMsg !== 'object' || lpMsg === null) notAMsg(api, lpMsg);
}

function notAMsg(api: string, lpMsg: unknown): never {
  throw new TypeError(`${api}: lpMsg must be a MSG object (new MSG()), got ${shown(lpMsg)}`);
}

/** A window handle must be a number (0 is NULL); which numbers are windows is the call's business. */
export function checkHandle(api: string, name: string, hWnd: unknown): void {
  if (typeof hWnd !== 'number') notAHandle(api, name, hWnd);
}

function notAHandle(api: string, name: string, hWnd: unknown): never {
  throw new TypeError(`${api}: ${name} must be a window handle (a number; 0 for NULL), got ${shown(hWnd)}`);
}

/**
 * A UINT parameter: an integer that C would convert to 32 bits unsigned (-1 is 0xFFFFFFFF, as in
 * C). NaN, fractions and values beyond 32 bits have no C equivalent and are refused.
 */
export function uintArg(api: string, name: string, v: unknown): UINT {
  return (v as number) >>> 0 === v ? v : convertUint(api, name, v);
}

function convertUint(api: string, name: string, v: unknown): UINT {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) {
    throw new TypeError(`${api}: ${name} must be a UINT (an integer from 0 to 0xFFFFFFFF), got ${shown(v)}`);
  }
  return v >>> 0;
}
