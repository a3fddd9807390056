// Cross-thread posting: a worker posts 1,000,000 thread messages to the main thread through its
// shared-memory mailbox while the main thread drains them with GetMessage. Baseline: the same
// number of messages sent over a Node MessagePort (parentPort.postMessage), interleaved with it.
// Both workers are TypeScript modules started by startThread() (tsx registered inside the worker),
// so the thread start that both samples include is the same kind on each side.
import { GetCurrentThreadId, GetMessage, MSG, startThread } from '../pump/index.ts';
import { interleave, report } from './harness.ts';

const COUNT = 1_000_000;
const ROUNDS = 5; // pairs; each sample starts a worker and moves 1,000,000 messages (about 2 s a pair)
const msg = new MSG();

function viaMailbox(): number {
  const t0 = performance.now();
  const { worker } = startThread(new URL('./fixtures/crossThreadPoster.ts', import.meta.url), { target: GetCurrentThreadId(), count: COUNT });
  let inOrder = 0;
  for (let i = 0; i < COUNT; i++) {
    GetMessage(msg, -1, 0, 0);
    if (msg.wParam === i) inOrder++;
  }
  const ms = performance.now() - t0;
  void worker.terminate();
  if (inOrder !== COUNT) throw new Error(`Benchmark self-check failed: ${inOrder} of ${COUNT} in order`);
  return (COUNT / ms) * 1000;
}

async function viaMessagePort(): Promise<number> {
  const t0 = performance.now();
  const { worker } = startThread(new URL('./fixtures/messagePortPoster.ts', import.meta.url), undefined, { argv: [COUNT] });
  let inOrder = 0;
  await new Promise<void>((resolve) =>
    worker.on('message', (i: number) => {
      if (i === inOrder) inOrder++;
      if (i === COUNT - 1) resolve();
    }),
  );
  const ms = performance.now() - t0;
  await worker.terminate();
  if (inOrder !== COUNT) throw new Error(`Benchmark self-check failed: ${inOrder} of ${COUNT} in order`);
  return (COUNT / ms) * 1000;
}

const paired = await interleave(ROUNDS, viaMailbox, viaMessagePort);
report('pump-crossthread', [
  { workload: 'PostThreadMessage from a worker → GetMessage (1,000,000, thread start included)', unit: 'msg/s', baseline: 'MessagePort (same kind of worker: TypeScript, started by startThread)', ...paired, goal: '≥ 1.5× MessagePort' },
]);
