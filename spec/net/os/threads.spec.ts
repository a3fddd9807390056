// Sockets and real threads on the OS network. A worker thread with its own message queue uses a
// blocking CSocket (the pattern MFC's documentation recommends); a SOCKET made on one thread is
// handed to another with CAsyncSocket::Detach / CSocket::Attach (the documented hand-off: the
// handle travels as a number, mfc-semantics §4.1 Attach), or used there directly through Winsock;
// the first thread's copy of the handle then stops working. A blocking accept() waits for a client
// that another thread connects. One network thread serves every thread of the process, and it
// outlives a worker that happened to start it (Node ends a worker's own workers with it).
// Source: mfc-semantics §4.1 (Attach, the thread hand-off sample), §7.5; issue 7 "Threads".
import * as assert from 'uvu/assert';
import type { Worker } from 'node:worker_threads';
import { GetCurrentThreadId, MSG, PeekMessage, PM_REMOVE, PostThreadMessage, startThread, waitUntil } from 'afxsock/pump';
import { CSocket } from 'afxsock';
import * as W from 'afxsock';
import { osNetwork } from 'afxsock';
import { pump } from '../../mfc/socket/socketWorld.ts';
import { dualSuite } from '../../support/dualSuite.ts';
import { listeningSocket, recvText, sendText, tcpSocketPair } from '../../support/simWorld.ts';
import { listeningCSocket } from './osSpecSupport.ts';
import { DONE, ENDED, JOB_ATTACH, JOB_CONNECT_SEND, JOB_CSOCKET_CLIENT, JOB_UDP_BIND, JOB_WINSOCK_ADOPT } from './fixtures/socketJobs.ts';

const test = dualSuite('OS network and threads');
const msg = new MSG();

interface SocketThread {
  threadId: number;
  /** Posts a job and waits (bounded) for its DONE; returns the job's result (0: success). */
  job(message: number, wParam: number, during?: () => void): number;
  /** Ends its message loop and waits (bounded) until its code is done. */
  quit(): void;
  /** The worker has exited. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

function startSocketThread(): SocketThread {
  const { worker, threadId }: { worker: Worker; threadId: number } = startThread(new URL('./fixtures/socketThread.ts', import.meta.url), { creator: GetCurrentThreadId() });
  const exited = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
  return {
    threadId,
    job(message, wParam, during) {
      assert.ok(PostThreadMessage(threadId, message, wParam, 0), 'the job was posted');
      during?.();
      const done = waitUntil(() => PeekMessage(msg, -1, DONE, DONE, PM_REMOVE), 20_000, 'the socket thread finishing its job');
      assert.ok(done, 'the socket thread finished its job within 20 s');
      return msg.wParam;
    },
    quit() {
      PostThreadMessage(threadId, 0x0012 /* WM_QUIT */, 0, 0);
      assert.ok(waitUntil(() => PeekMessage(msg, -1, ENDED, ENDED, PM_REMOVE), 20_000, 'the socket thread ending'), 'the socket thread ended within 20 s');
    },
    exited,
    async stop() {
      this.quit();
      await exited;
    },
  };
}

test.realOnly('CSocket on a worker thread with its own message queue connects, receives and replies while this thread serves it', async () => {
  const t = startSocketThread();
  try {
    const { listener, port } = listeningCSocket();
    const served = new CSocket();
    const result = t.job(JOB_CSOCKET_CLIENT, port, () => {
      assert.ok(listener.Accept(served), 'Accept waits for the worker thread\'s Connect');
      const line = new TextEncoder().encode('ping from main');
      assert.is(served.Send(line, line.length), line.length);
      const buf = new Uint8Array(64);
      const n = served.Receive(buf, buf.length);
      assert.is(new TextDecoder().decode(buf.subarray(0, n)), 'PING FROM MAIN');
    });
    assert.is(result, 0);
    served.Close();
    listener.Close();
    pump(20);
  } finally {
    await t.stop();
  }
});

test.realOnly('CAsyncSocket.Detach() hands a connected socket to a worker thread, whose CSocket.Attach() takes it over; the old handle then fails here', async () => {
  const t = startSocketThread();
  try {
    const { listener, port } = listeningCSocket();
    const client = new CSocket();
    assert.ok(client.Create());
    assert.ok(client.Connect('127.0.0.1', port));
    const served = new CSocket();
    assert.ok(listener.Accept(served));
    const handle = served.Detach();
    assert.ok(handle !== W.INVALID_SOCKET);
    const result = t.job(JOB_ATTACH, handle, () => {
      const line = new TextEncoder().encode('hello from main');
      assert.is(client.Send(line, line.length), line.length);
      const buf = new Uint8Array(64);
      const n = client.Receive(buf, buf.length);
      assert.is(new TextDecoder().decode(buf.subarray(0, n)), 'HELLO FROM MAIN', 'the worker thread answered on the handed-over socket');
    });
    assert.is(result, 0);
    assert.equal([W.recv(handle, new Uint8Array(1), 1, 0), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAENOTSOCK], 'the handle is gone from this thread');
    client.Close();
    listener.Close();
    pump(20);
  } finally {
    await t.stop();
  }
});

test.realOnly('recv() and send() on a worker thread take over a SOCKET this thread made (plain Winsock hand-off)', async (w) => {
  const t = startSocketThread();
  try {
    const { client, server } = tcpSocketPair(w);
    const result = t.job(JOB_WINSOCK_ADOPT, server, () => {
      assert.is(sendText(client, 'abc'), 3);
      assert.equal(recvText(client, 3), [3, 'ABC']);
    });
    assert.is(result, 0);
    assert.equal(recvText(client, 3), [0, ''], 'the worker thread closed it gracefully');
    assert.equal([W.send(server, new Uint8Array(1), 1, 0), W.WSAGetLastError()], [W.SOCKET_ERROR, W.WSAENOTSOCK]);
    W.closesocket(client);
  } finally {
    await t.stop();
  }
});

test.realOnly('accept() on a blocking listener waits for a client that a worker thread connects', async () => {
  const t = startSocketThread();
  try {
    const { listener, addr } = listeningSocket(W.SOMAXCONN);
    const result = t.job(JOB_CONNECT_SEND, W.ntohs(addr.sin_port), () => {
      const peer = new W.SOCKADDR_IN();
      const s = W.accept(listener, peer, { value: 16 });
      assert.ok(s !== W.INVALID_SOCKET);
      assert.is(W.inet_ntoa(peer.sin_addr), '127.0.0.1');
      let text = '';
      for (let i = 0; i < 10 && text.length < 2; i++) text += recvText(s, 2 - text.length)[1];
      assert.is(text, 'hi');
      W.closesocket(s);
    });
    assert.is(result, 0);
    W.closesocket(listener);
  } finally {
    await t.stop();
  }
});

test.realOnly('the network thread outlives the worker thread that started it: this thread\'s connection keeps working after that worker\'s code is done', async (w) => {
  // No network thread runs, so the worker's socket starts one (as a worker of the worker).
  osNetwork.crashNetworkThread();
  waitUntil(() => osNetwork.networkThreadId() === 0, 5000, 'the network thread to stop');
  const t = startSocketThread();
  assert.is(t.job(JOB_UDP_BIND, 0), 0);
  const started = osNetwork.networkThreadId();
  assert.ok(started !== 0, 'the worker\'s socket started the network thread');
  const { client, server } = tcpSocketPair(w);
  t.quit();
  // Node would end the network thread with the worker: the worker stays up until it stops.
  w.settle(50);
  assert.is(osNetwork.networkThreadId(), started, 'the same network thread still runs');
  assert.is(sendText(client, 'still here'), 10);
  assert.equal(recvText(server, 10), [10, 'still here']);
  W.closesocket(client);
  W.closesocket(server);
  // With no socket left it stops after its idle time, and then the worker exits too.
  await t.exited;
});

test.run();
