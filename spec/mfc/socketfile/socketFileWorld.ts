// Helpers of the CSocketFile specs beyond spec/mfc/socket/peerConnection.ts (a CSocket connected
// to a peer thread, bounded waits): the golden vectors of the archive specs, and a CSocketFile as
// MFC 6.0's CArchive used it.
import { readFileSync } from 'node:fs';
import { CSocketFile } from 'afxsock';
import { fromHex } from '../archive/archiveSupport.ts';

interface GoldenVector { source: string; hex: string; scenario?: string }
const vectors = JSON.parse(readFileSync(new URL('../archive/vectors.json', import.meta.url), 'utf8')) as Record<string, GoldenVector[] | string>;

/** The golden vector of `group` (vectors.json) whose source contains `sourcePart`, with its bytes. */
export function goldenVector(group: string, sourcePart: string): GoldenVector & { bytes: Uint8Array } {
  const list = vectors[group];
  const v = Array.isArray(list) ? list.find((x) => x.source.includes(sourcePart)) : undefined;
  if (!v) throw new Error(`vectors.json has no ${group} vector whose source contains "${sourcePart}"`);
  return { ...v, bytes: fromHex(v.hex) };
}

/**
 * A CSocketFile as MFC 4.x/6.0's CArchive saw it: that archive never asked GetBufferPtr, so every
 * FillBuffer asked Read for a whole buffer (mfc-semantics §5.3 item 3 versus item 9).
 */
export class Mfc6SocketFile extends CSocketFile {
  override GetBufferPtr(_nCommand: number): number {
    return 0;
  }
}
