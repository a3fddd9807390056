// The application thread's end of the conversation with the network thread: starting it when
// nobody runs it, commands (fire-and-forget or a request that waits for its reply), and the two
// record kinds that come back — replies and readiness changes. A request waits at the pump's one
// wait point, so the thread sleeps on its mailbox until the reply record wakes it (DESIGN.md
// "Blocking calls are synchronous"); if the network thread dies meanwhile the wait ends too.
import { BroadcastChannel, isMainThread, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { currentClock, GetCurrentThreadId, mailboxOfThread, registerMailboxKind, startThread, waitUntil, type MailRecord } from '../../../../pump/index.ts';
import {
  NOTIFY_HANDED_OFF, OP_HELLO, OP_RELEASE, RECORD_COMMAND, RECORD_NOTIFY, RECORD_REPLY,
} from '../shared/protocol.ts';
import { addUser, clearUsers, networkThreadId, setNetworkThreadId, withRegistryLock } from '../shared/registry.ts';

/** What the link needs from an application-side socket. */
export interface LinkedSocket {
  /** Takes the CHANGE_* bits waiting in the control block, if this thread still owns the socket. */
  takeChanges(): number;
  /** Applies readiness changes. */
  applyChanges(bits: number): void;
  /** The socket now belongs to another thread. */
  lostToAnotherThread(): void;
}

/** Sockets owned by this thread, by id, whichever network thread generation they belong to. */
const owned = new Map<number, LinkedSocket>();
const replies = new Map<number, Float64Array>();
let nextToken = 1;
let current: Link | undefined;
/** Records of the network thread that reached this thread (specs wait for quiet with it). */
let recordsSeen = 0;

registerMailboxKind(RECORD_REPLY, (r: MailRecord) => {
  recordsSeen++;
  replies.set(r[1]!, r.slice(2));
});

registerMailboxKind(RECORD_NOTIFY, (r: MailRecord) => {
  recordsSeen++;
  const socket = owned.get(r[1]!);
  if (!socket) return;
  if (r[2] === NOTIFY_HANDED_OFF) {
    owned.delete(r[1]!);
    socket.lostToAnotherThread();
    return;
  }
  const bits = socket.takeChanges();
  if (bits !== 0) socket.applyChanges(bits);
});

/** One network thread as seen from this thread. */
export class Link {
  /** This thread's channel; its other member is the network thread. */
  readonly channel: BroadcastChannel;
  /** Messages the event loop delivered before receive() asked (a channel delivers to both). */
  private readonly early: unknown[] = [];
  private dead = false;

  constructor(
    readonly networkThread: number,
    readonly thread: number,
  ) {
    this.channel = new BroadcastChannel(`afxsock.net.${thread}`);
    this.channel.onmessage = (event) => void this.early.push((event as MessageEvent).data);
    this.channel.unref();
  }

  /** False once the network thread is gone (it exited, or died). */
  alive(): boolean {
    if (this.dead) return false;
    if (mailboxOfThread(this.networkThread) !== undefined) return true;
    this.dead = true;
    this.channel.close();
    return false;
  }

  /** Sends a command; `payload` goes first, on the channel. False when the network thread is gone. */
  command(op: number, socketId: number, a = 0, b = 0, c = 0, payload?: unknown, token = 0): boolean {
    if (!this.alive()) return false;
    if (payload !== undefined) this.channel.postMessage(payload);
    for (;;) {
      const mailbox = mailboxOfThread(this.networkThread);
      if (!mailbox) return false;
      if (mailbox.write(RECORD_COMMAND, op, this.thread, socketId, token, a, b, c)) return true;
      // Its mailbox is full (thousands of commands queued): give it a millisecond.
      waitUntil(() => false, 1, 'room in the network thread mailbox');
    }
  }

  /** Sends a command and waits for its reply: [r0..r5], or undefined when the network thread died. */
  request(op: number, socketId: number, a = 0, b = 0, c = 0, payload?: unknown): Float64Array | undefined {
    requireRealQueue();
    const token = nextToken++;
    if (!this.command(op, socketId, a, b, c, payload, token)) return undefined;
    waitUntil(() => replies.has(token) || !this.alive(), undefined, `the network thread's answer to command ${op} for socket ${socketId}`);
    const reply = replies.get(token);
    replies.delete(token);
    return reply;
  }

  /** A message the network thread posted on this thread's channel (after a reply said it would). */
  receive<T>(): T | undefined {
    if (this.early.length > 0) return this.early.shift() as T;
    return receiveMessageOnPort(this.channel as unknown as MessagePort)?.message as T | undefined;
  }
}

/** Registers a socket of this thread so that its records reach it. */
export function ownSocket(id: number, socket: LinkedSocket): void {
  owned.set(id, socket);
}

export function disownSocket(id: number): void {
  owned.delete(id);
}

export function ownedSockets(): LinkedSocket[] {
  return [...owned.values()];
}

/** Network records this thread has handled so far. */
export function networkRecordsSeen(): number {
  return recordsSeen;
}

/**
 * The link to the running network thread, which is started if none runs, after counting one more
 * user under the registry lock (so that an idle network thread cannot stop in between). The
 * caller hands that count to a kernel object, or ends a transient request with release().
 */
export function acquireLink(): Link | undefined {
  requireRealQueue();
  const thread = GetCurrentThreadId();
  let fresh = false;
  const networkThread = withRegistryLock(() => {
    let id = networkThreadId();
    if (id === 0 || mailboxOfThread(id) === undefined) {
      id = startNetworkThread();
      setNetworkThreadId(id);
      clearUsers();
    }
    addUser();
    return id;
  });
  if (current?.networkThread !== networkThread || !current.alive()) {
    current = new Link(networkThread, thread);
    fresh = true;
  }
  if (fresh && !current.request(OP_HELLO, 0)) return undefined;
  return current;
}

/** Ends a transient use counted by acquireLink(). */
export function release(link: Link): void {
  link.command(OP_RELEASE, 0);
}

function startNetworkThread(): number {
  const { worker, threadId }: { worker: Worker; threadId: number } = startThread(new URL('../thread/networkThread.ts', import.meta.url));
  // Its death (fault injection) must not kill its creator.
  worker.on('error', () => {});
  // Started by the main thread, it never keeps the process alive. Node ends a worker's own workers
  // when that worker ends, so a worker that started it stays up (its event loop, after its code is
  // done) until the network thread stops: the sockets of the other threads must not die with it.
  if (isMainThread) worker.unref();
  return threadId;
}

function requireRealQueue(): void {
  if (currentClock().isVirtual) {
    throw new TypeError('The OS network needs the thread\'s real message queue: this thread runs a simulation (use a simulated host with useNetworkHost)');
  }
}
