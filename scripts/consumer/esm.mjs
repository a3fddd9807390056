// A plain-node ES module user of the installed package: a message through the queue, a worker
// thread (.js) posting back, an archive round trip with a registered class, and a CSocket pair on
// 127.0.0.1, and a sequence compared by afxsock/testing. Prints "esm ok" when every check held.
import assert from 'node:assert/strict';
import { AfxSocketInit, CArchive, CMemFile, CObject, CSocket, IMPLEMENT_SERIAL, RUNTIME_CLASS } from 'afxsock';
import {
  createMessageWindow, DefWindowProc, DestroyWindow, DispatchMessage, GetCurrentThreadId, GetMessage, MSG,
  PostMessage, PostQuitMessage, startThread, WM_USER,
} from 'afxsock/pump';
import { assertSequence, SequenceMismatchError } from 'afxsock/testing';

// 1. A posted message reaches its window procedure through GetMessage / DispatchMessage.
const seen = [];
const hWnd = createMessageWindow((h, uMsg, wParam, lParam) => {
  if (uMsg === WM_USER) { seen.push(wParam); PostQuitMessage(0); return 0; }
  return DefWindowProc(h, uMsg, wParam, lParam);
});
PostMessage(hWnd, WM_USER, 42, 0);
const msg = new MSG();
while (GetMessage(msg, 0, 0, 0) > 0) DispatchMessage(msg);
assert.deepEqual(seen, [42]);
DestroyWindow(hWnd);

// 2. A .js worker started from the installed package posts to this thread's queue.
const { worker } = startThread(new URL('./worker.js', import.meta.url), { replyTo: GetCurrentThreadId() });
assert.equal(GetMessage(msg, 0, WM_USER + 1, WM_USER + 1), 1);
assert.equal(msg.wParam, 7);
await new Promise((resolve) => worker.once('exit', resolve));

// 3. An archive round trip: MFC's bytes for a new class tag, then the object back.
class CAge extends CObject {
  m_years = 0;
  Serialize(ar) {
    super.Serialize(ar);
    if (ar.IsStoring()) ar.writeint(this.m_years);
    else this.m_years = ar.readint();
  }
}
IMPLEMENT_SERIAL(CAge, CObject, 1);
const file = new CMemFile();
const out = new CArchive(file, CArchive.store);
const age = new CAge();
age.m_years = 21;
out.writeCObject(age);
out.Close();
const bytes = file.Detach();
assert.deepEqual([...bytes], [0xff, 0xff, 1, 0, 4, 0, 0x43, 0x41, 0x67, 0x65, 21, 0, 0, 0]);
const back = new CArchive(new CMemFile(bytes), CArchive.load).readCObject(RUNTIME_CLASS(CAge));
assert.ok(back instanceof CAge);
assert.equal(back.m_years, 21);

// 4. Real sockets on 127.0.0.1, through the network thread the package starts.
assert.ok(AfxSocketInit());
const listener = new CSocket();
assert.ok(listener.Create(0, undefined, '127.0.0.1'));
assert.ok(listener.Listen());
const addr = { value: '' };
const port = { value: 0 };
assert.ok(listener.GetSockName(addr, port));
const client = new CSocket();
assert.ok(client.Create());
assert.ok(client.Connect('127.0.0.1', port.value));
const served = new CSocket();
assert.ok(listener.Accept(served));
assert.equal(client.Send(new TextEncoder().encode('hello'), 5), 5);
const buf = new Uint8Array(16);
assert.equal(served.Receive(buf, 16), 5);
assert.equal(new TextDecoder().decode(buf.subarray(0, 5)), 'hello');
for (const s of [client, served, listener]) s.Close();
// 5. afxsock/testing: a sequence that differs fails with a positional diff.
assertSequence([['client', 'FD_CONNECT', 0]], [['client', 'FD_CONNECT', 0]]);
assert.throws(() => assertSequence([['client', 'FD_WRITE', 0]], [['client', 'FD_CONNECT', 0]]),
  (e) => e instanceof SequenceMismatchError && /row 0/.test(e.message));
console.log('esm ok');
