// CSocketFile.Read / Write byte counts (issue 15.4): the count is a UINT as C converts it, and a
// converted count larger than the buffer is CInvalidArgException before the socket is touched
// (MFC's Receive / Send would write or read past the end of the buffer), the same rule as
// CArchive, CFile and CMemFile (spec/mfc/archive/lengths.spec.ts). Both networks, the peer on its
// own thread.
import * as assert from 'uvu/assert';
import { CSocketFile } from 'afxsock';
import { CSocket } from 'afxsock';
import { CInvalidArgException } from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { bytes } from '../socket/socketWorld.ts';
import { connect } from '../socket/peerConnection.ts';

const test = dualSuite('CSocketFile byte counts');

function invalidArg(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CInvalidArgException) return e.message;
    throw e;
  }
  assert.unreachable('expected CInvalidArgException; nothing was thrown');
  return '';
}

test('CSocketFile.Read(buf, -1) and Write(bytes, -1) are CInvalidArgException, and nothing is received or sent', (w) => {
  const c = connect(w, 7901, new CSocket());
  const file = new CSocketFile(c.client);
  assert.match(invalidArg(() => file.Read(new Uint8Array(8), -1)), /CSocketFile\.Read: nCount -1 \(4294967295 as UINT\) is more than lpBuf's 8 bytes/);
  assert.match(invalidArg(() => file.Write(bytes('abc'), -1)), /CSocketFile\.Write: nCount -1 \(4294967295 as UINT\) is more than lpBuf's 3 bytes/);
  file.Write(bytes('ok'), 2);
  assert.is(Buffer.from(c.peerReceived(2)).toString('latin1'), 'ok', 'only the valid Write reached the peer');
  c.end();
});

test.run();
