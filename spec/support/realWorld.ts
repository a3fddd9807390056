// Specs that need the calling thread's real queue (cross-thread messages, the async loop): a
// suite whose tests must leave that queue empty, printing it if they do not.
import { suite } from './suite.ts';
import { describeThread, isThreadEmpty } from 'afxsock/pump';

export function realSuite(name: string): { (title: string, body: () => void | Promise<void>): void; run(): void } {
  const s = suite(name);
  const add = (title: string, body: () => void | Promise<void>) =>
    s(title, async () => {
      await body();
      if (!isThreadEmpty()) throw new Error(`The spec left a non-empty queue:\n${describeThread()}`);
    });
  return Object.assign(add, { run: () => s.run() });
}
