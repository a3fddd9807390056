// The out-parameter mapping for C++ references to CString (CString& rSocketAddress): a
// caller-owned object whose `value` the call fills, next to lib/winsock's IntRef for int* / UINT&.

/**
 * A `CString&` out-parameter: the call assigns `value` (only when it succeeds, as MFC does).
 *
 * @example
 * const address: StringRef = { value: '' };
 * const port: IntRef = { value: 0 };
 * if (sock.GetPeerName(address, port)) console.log(`${address.value}:${port.value}`);
 */
export interface StringRef {
  value: string;
}
