// A connection that ends in the listen backlog, before accept(), is released like any other.
// Rule (windows-facts A.6.1, A.6.8, A.12; issue 15.1): a peer may connect and reset (or close) before
// the application accepts; the accepted socket then reports the reset (FD_CLOSE with
// WSAECONNABORTED) or the graceful close (FD_CLOSE 0), and once it is closed nothing of it
// remains — no socket handle (describeSockets()), no kernel object (the OS network's open count),
// and a worker thread that started the network thread can end, so its process exits by itself.
// Each storm is 500 connections against a CAsyncSocket server that accepts in OnAccept and closes
// in OnClose; both networks run the storms, the child process is the real network's own (its
// network thread is what could keep it alive).
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { osNetwork } from 'afxsock';
import * as W from 'afxsock';
import { dualSuite } from '../../support/dualSuite.ts';
import { backlogStorm } from './fixtures/backlogStorm.ts';
import { waitFor } from 'afxsock/testing';

const test = dualSuite('OS network: connections that end in the listen backlog');
const STORM = 500;
/** How long the network thread may take to release what was closed (bounded; it fails rather than hangs). */
const RELEASE_LIMIT_MS = 10_000;
/** The child process's cap: far above the few seconds it needs, so that a hang fails. */
const CHILD_LIMIT_MS = 120_000;

function expectEmpty(w: { kind: string }): void {
  assert.equal(W.describeSockets(), [], 'no socket handle is left');
  if (w.kind === 'real') {
    waitFor(() => osNetwork.openSocketCount() === 0, RELEASE_LIMIT_MS, 'the network thread releasing every kernel object');
    assert.is(osNetwork.openSocketCount(), 0, 'no kernel object is left');
  }
}

test('CAsyncSocket.Accept() of 500 connections reset before they were accepted: each OnClose gets WSAECONNABORTED, and nothing is left once they are closed (A.6.8)', (w) => {
  const result = backlogStorm(STORM, 'reset');
  assert.is(result.accepted, STORM, 'every connection was accepted');
  assert.equal([...result.closeCodes], [[W.WSAECONNABORTED, STORM]], 'OnClose codes');
  expectEmpty(w);
});

test('CAsyncSocket.Accept() of 500 connections closed (FIN) before they were accepted: each OnClose gets 0, and nothing is left once they are closed (A.6.1)', (w) => {
  const result = backlogStorm(STORM, 'fin');
  assert.is(result.accepted, STORM, 'every connection was accepted');
  assert.equal([...result.closeCodes], [[0, STORM]], 'OnClose codes');
  expectEmpty(w);
});

test.realOnly('a worker thread that started the network thread and ran both storms ends, and its process exits by itself', () => {
  const fixture = fileURLToPath(new URL('./fixtures/stormThenExit.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, String(STORM)], { encoding: 'utf8', timeout: CHILD_LIMIT_MS });
  assert.is(run.signal, null, `the process exited by itself within ${CHILD_LIMIT_MS / 1000} s (stderr: ${run.stderr})`);
  assert.is(run.stdout.trim(), `reset ${STORM} fin ${STORM} open 0`);
  assert.is(run.status, 0);
});

test.run();
