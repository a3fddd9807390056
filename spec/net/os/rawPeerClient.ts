// The spec's handle on the raw peer (fixtures/rawPeer.ts): starts it on a plain worker thread (not
// a pump thread: it has no message queue and needs none), sends it commands and awaits answers.
// While the spec awaits, its own thread's event loop runs; the afxsock side of the test does its
// work in synchronous calls between the awaits.
import { Worker } from 'node:worker_threads';
import type { Script } from './fixtures/rawPeer.ts';

const tsxApi = import.meta.resolve('tsx/esm/api');
const fixture = new URL('./fixtures/rawPeer.ts', import.meta.url).href;

export type { Script };

export class RawPeer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; error?: string } & Record<string, unknown>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m);
    });
    worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  /** Starts a peer and waits until it is ready. */
  static async start(): Promise<RawPeer> {
    const worker = new Worker(`import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(fixture)}); })`, { eval: true });
    const peer = new RawPeer(worker);
    await new Promise<void>((resolve) => {
      const ready = (m: { id: number }) => {
        if (m.id !== 0) return;
        worker.off('message', ready);
        resolve();
      };
      worker.on('message', ready);
    });
    return peer;
  }

  /** Sends a command and awaits its answer (bounded by the peer's own limits). */
  ask<T extends Record<string, unknown> = Record<string, unknown>>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** A TCP server on 127.0.0.1 that treats every connection by `script`; returns its port. */
  async listen(script: Script = {}): Promise<number> {
    return (await this.ask<{ port: number }>('listen', { script })).port;
  }

  /** Closes everything and ends the thread. */
  async stop(): Promise<void> {
    await this.ask('close').catch(() => {});
    await this.worker.terminate();
  }
}
