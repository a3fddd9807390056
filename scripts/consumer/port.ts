// A TypeScript port, type-checked by a strict consumer (strict, NodeNext, default lib) and run
// both compiled (plain node, a .js worker) and under tsx (a .ts worker): a CAsyncSocket server
// whose OnAccept/OnReceive load a serialized CObject, a client that sends it, and the message loop
// that drives both. Prints "port ok" when every check held.
import { AfxSocketInit, CArchive, CArchiveException, CAsyncSocket, CMemFile, CObject, IMPLEMENT_SERIAL, SOCKET_ERROR, WSAEWOULDBLOCK, type StringRef } from 'afxsock';
import { DispatchMessage, GetCurrentThreadId, GetMessage, MSG, PostQuitMessage, startThread, TranslateMessage, WM_USER } from 'afxsock/pump';

class CChatMsg extends CObject {
  m_strText = '';
  override Serialize(ar: CArchive): void {
    super.Serialize(ar);
    if (ar.IsStoring()) ar.writeCString(this.m_strText);
    else this.m_strText = ar.readCString();
  }
}
IMPLEMENT_SERIAL(CChatMsg, CObject, 1);

const received: string[] = [];

class CClientSocket extends CAsyncSocket {
  private readonly pending: number[] = [];
  protected override OnReceive(nErrorCode: number): void {
    const buff = new Uint8Array(4096);
    const nRead = this.Receive(buff, 4096);
    if (nRead === SOCKET_ERROR) {
      if (CAsyncSocket.GetLastError() !== WSAEWOULDBLOCK) this.Close();
    } else if (nRead === 0) {
      this.Close();
    } else {
      this.pending.push(...buff.subarray(0, nRead));
      const ar = new CArchive(new CMemFile(Uint8Array.from(this.pending)), CArchive.load);
      try {
        const m = ar.readCObject();
        if (m instanceof CChatMsg) received.push(m.m_strText);
        this.Close();
        PostQuitMessage(0);
      } catch (e) {
        // Not all of the message yet (the archive ran out of bytes): wait for the next FD_READ.
        if (!(e instanceof CArchiveException && e.m_cause === CArchiveException.endOfFile)) throw e;
      }
    }
    super.OnReceive(nErrorCode);
  }
}

class CListeningSocket extends CAsyncSocket {
  readonly clients: CClientSocket[] = [];
  protected override OnAccept(nErrorCode: number): void {
    const client = new CClientSocket();
    if (this.Accept(client)) this.clients.push(client);
    super.OnAccept(nErrorCode);
  }
}

class CSenderSocket extends CAsyncSocket {
  protected override OnConnect(nErrorCode: number): void {
    if (nErrorCode !== 0) throw new Error(`connect failed: ${nErrorCode}`);
    const file = new CMemFile();
    const ar = new CArchive(file, CArchive.store);
    const m = new CChatMsg();
    m.m_strText = 'hello from a port';
    ar.writeCObject(m);
    ar.Close();
    const bytes = file.Detach();
    if (this.Send(bytes, bytes.length) !== bytes.length) throw new Error('send failed');
  }
}

if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
const listener = new CListeningSocket();
if (!listener.Create(0, undefined, undefined, '127.0.0.1') || !listener.Listen()) throw new Error('listen failed');
const addr: StringRef = { value: '' };
const port = { value: 0 };
listener.GetSockName(addr, port);
const sender = new CSenderSocket();
sender.Create();
sender.Connect('127.0.0.1', port.value);

const msg = new MSG();
while (GetMessage(msg, 0, 0, 0) > 0) {
  TranslateMessage(msg);
  DispatchMessage(msg);
}
sender.Close();
listener.Close();
if (received.join() !== 'hello from a port') throw new Error(`received ${JSON.stringify(received)}`);

// A worker beside this module, in this module's own language: tsWorker.ts under tsx, its
// compiled tsWorker.js under plain node.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const { worker } = startThread(new URL(`./tsWorker${ext}`, import.meta.url), { replyTo: GetCurrentThreadId() });
if (GetMessage(msg, 0, WM_USER + 2, WM_USER + 2) !== 1 || msg.wParam !== 11) throw new Error('no message from the worker');
await new Promise((resolve) => worker.once('exit', resolve));
console.log(`port ok (${ext})`);
