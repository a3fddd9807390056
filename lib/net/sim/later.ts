// A one-shot event on the network's heap: a datagram arriving, a connect attempt timing out.
import type { Scheduled } from './eventHeap.ts';

export class Later implements Scheduled {
  dueMs = 0;
  seq = 0;

  constructor(
    private readonly what: string,
    private readonly action: () => void,
  ) {}

  fire(): void {
    this.action();
  }

  describe(): string {
    return this.what;
  }
}
