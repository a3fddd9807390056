// UTF-16LE bytes as a string, the decoding of every CStringW the archive loads. Many strings on
// the wire are a few characters (names, keys, flags); for those a fromCharCode loop costs about
// half of wrapping the bytes in a Buffer to call its native decoder, whose cost is nearly flat.

/**
 * Up to this many UTF-16 code units are decoded by the loop: measured on Node 20, the loop costs
 * ~20 ns a unit and the Buffer decoder ~240 ns a string, so they cross near 10.
 */
const SHORT_UNITS = 8;

/** The `nBytes / 2` code units at `bytes[at]`, little-endian; lone surrogates pass through unchanged. */
export function decodeUtf16le(bytes: Uint8Array, at: number, nBytes: number): string {
  if (nBytes > SHORT_UNITS * 2) return Buffer.from(bytes.buffer, bytes.byteOffset + at, nBytes).toString('utf16le');
  let text = '';
  for (const end = at + nBytes; at < end; at += 2) text += String.fromCharCode(bytes[at]! | (bytes[at + 1]! << 8));
  return text;
}
