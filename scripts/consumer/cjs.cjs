// A CommonJS user: require() of the installed package (an ES module graph; Node 20.19+ loads it
// with require). A message through the queue, an archive round trip, a socket pair on 127.0.0.1.
// Prints "cjs ok" when every check held.
const assert = require('node:assert/strict');
const { CArchive, CMemFile, CSocket, AfxSocketInit } = require('afxsock');
const { createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetMessage, MSG, PostMessage, PostQuitMessage, WM_USER } = require('afxsock/pump');

let got = 0;
const hWnd = createMessageWindow((h, uMsg, wParam, lParam) => {
  if (uMsg === WM_USER) { got = wParam; PostQuitMessage(0); return 0; }
  return DefWindowProc(h, uMsg, wParam, lParam);
});
PostMessage(hWnd, WM_USER, 9, 0);
const msg = new MSG();
while (GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
assert.equal(got, 9);
DestroyWindow(hWnd);

const file = new CMemFile();
const out = new CArchive(file, CArchive.store, 4096, null, { unicode: false });
out.writeWORD(0x1234).writeCString('abc');
out.Close();
const bytes = file.Detach();
assert.deepEqual([...bytes], [0x34, 0x12, 3, 0x61, 0x62, 0x63]);
const ar = new CArchive(new CMemFile(bytes), CArchive.load, 4096, null, { unicode: false });
assert.equal(ar.readWORD(), 0x1234);
assert.equal(ar.readCString(), 'abc');

assert.ok(AfxSocketInit());
const listener = new CSocket();
assert.ok(listener.Create(0, undefined, '127.0.0.1'));
assert.ok(listener.Listen());
const port = { value: 0 };
assert.ok(listener.GetSockName({ value: '' }, port));
const client = new CSocket();
assert.ok(client.Create());
assert.ok(client.Connect('127.0.0.1', port.value));
const served = new CSocket();
assert.ok(listener.Accept(served));
assert.equal(served.Send(Buffer.from('pong'), 4), 4);
const buf = new Uint8Array(8);
assert.equal(client.Receive(buf, 8), 4);
assert.equal(Buffer.from(buf.subarray(0, 4)).toString(), 'pong');
for (const s of [client, served, listener]) s.Close();
console.log('cjs ok');
