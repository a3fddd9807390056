// The network thread's life: started by the first socket that needs it, shared by the whole
// process, stopped after IDLE_STOP_MS once the last socket is released (a later socket starts a
// new one), and never keeping the process alive on its own — a program that ends with sockets
// still open exits. The real network is every thread's default network host.
// Source: issue 7 (the network thread), DESIGN.md "Blocking calls are synchronous".
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { osNetwork } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { recvText, sendText, tcpSocketPair } from '../../support/simWorld.ts';
import { waitFor } from 'afxsock/testing';

const test = dualSuite('OS network: the network thread');
const IDLE_STOP_MS = 2000;

test.realOnly('socket() uses the OS network on a thread that chose no host; the network thread stops once idle and the next socket starts another', (w) => {
  const { client, server } = tcpSocketPair(w);
  const first = osNetwork.networkThreadId();
  assert.ok(first !== 0, 'a network thread runs while sockets are open');
  assert.is(sendText(client, 'x'), 1);
  assert.equal(recvText(server, 1), [1, 'x']);
  W.closesocket(client);
  W.closesocket(server);
  waitFor(() => osNetwork.networkThreadId() === 0, IDLE_STOP_MS + 5000, 'the idle network thread to stop');
  const again = tcpSocketPair(w);
  const second = osNetwork.networkThreadId();
  assert.ok(second !== 0 && second !== first, 'a new network thread serves the next socket');
  W.closesocket(again.client);
  W.closesocket(again.server);
});

test.realOnly('a program that ends with OS sockets still open exits: the network thread does not keep the process alive', () => {
  const fixture = fileURLToPath(new URL('./fixtures/leaveSocketsOpen.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', fixture], { encoding: 'utf8', timeout: 60_000 });
  assert.is(run.signal, null, 'the program exited by itself within 60 s');
  assert.is(run.stdout.trim(), 'opened');
  assert.is(run.status, 0);
});

test.run();
