// The HashKey functions of MFC 9 (Visual Studio 2008; afxtempl.h, map_ss.cpp, map_wo.cpp), which
// decide the order in which a map iterates and so the order Serialize writes (mfc-semantics 5.10).
// Later MFC versions hash integral keys with an ldiv-based pseudorandom transform and strings with
// a strided FNV-1a, so their maps store in another order; afxsock follows MFC 9.

/**
 * Emulates: MFC 9's `HashKey<LPCWSTR>` / `CMapStringTo*::HashKey`: h = h * 33 + ch over the
 * characters, modulo 2^32.
 *
 * Differs: characters are UTF-16 code units, as in a `_UNICODE` build. An ANSI build hashes its
 * code-page bytes, so keys with non-ASCII characters may iterate in another order than an ANSI MFC
 * program's map; ASCII keys agree in both builds.
 */
export function HashKeyString(key: string): number {
  let nHash = 0;
  for (let i = 0; i < key.length; i++) nHash = (Math.imul(nHash, 33) + key.charCodeAt(i)) >>> 0;
  return nHash;
}

/**
 * Emulates: MFC 9's default `HashKey<ARG_KEY>` ("identity hash", `(DWORD)((DWORD_PTR)key >> 4)`),
 * also `CMapWordTo*::HashKey`, for integral keys.
 *
 * Differs: this is the x86 build (DWORD_PTR is 32 bits). In an x64 build a negative key is
 * sign-extended before the shift, so its hash keeps the top four bits set (0xFFFFFFFF for -1
 * instead of 0x0FFFFFFF) and it may land in another bucket.
 */
export function HashKeyIdentity(key: number): number {
  return (key >>> 0) >>> 4;
}

/** What the WORD-keyed maps (CMapWordToOb, CMapWordToPtr) accept as a key, for messages: a number, converted to WORD. */
export const WORD_KEY = 'a WORD key (a finite number)';
