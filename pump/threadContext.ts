// Which queue is "this thread's": one real queue per JavaScript thread (main or worker), created
// on first use with a mailbox slot in shared memory; inside a simulation, the simulated thread
// being run. Also the receiving end of the mailbox: posts, sends and replies from other threads.
import { isMainThread, threadId as nodeThreadId, workerData } from 'node:worker_threads';
import { realClock } from './clock.ts';
import { Mailbox, markThreadsDead, RECORD_POST, RECORD_REPLY, RECORD_SEND, RECORD_SEND_NOTIFY, type MailRecord } from './mailbox.ts';
import { MessageQueue, type Waiter } from './queue.ts';
import { MAX_THREADS, sharedState } from './sharedState.ts';
import { localWindow, releaseThreadWindows } from './window.ts';

let current: MessageQueue | undefined;
let realQueue: MessageQueue | undefined;
let ownMailbox: Mailbox | undefined;
const otherMailboxes = new Map<number, Mailbox>();
const extensionHandlers = new Map<number, (r: MailRecord) => void>();
const replies = new Map<number, { done: boolean; result: number }>();
let nextToken = 1;
const localQueues = new Map<number, MessageQueue>();

/** Makes a queue of this JavaScript thread findable by its thread id (PostThreadMessage). */
export function registerQueue(q: MessageQueue): void {
  localQueues.set(q.threadId, q);
}

/** A simulated thread ended: PostThreadMessage to it fails from now on. */
export function unregisterQueue(q: MessageQueue): void {
  localQueues.delete(q.threadId);
}

/** A queue of this JavaScript thread (real or simulated) by thread id. */
export function localQueueOfThread(threadId: number): MessageQueue | undefined {
  return localQueues.get(threadId);
}

/** The queue of the calling thread (simulated or real). */
export function currentQueue(): MessageQueue {
  return current ?? (current = realThreadQueue());
}

/** Makes `q` the current queue and returns the previous one. */
export function setCurrentQueue(q: MessageQueue): MessageQueue {
  const previous = currentQueue();
  current = q;
  return previous;
}

/** The mailbox of another real thread, or undefined if no such thread is alive. */
export function mailboxOfThread(threadId: number): Mailbox | undefined {
  let mb = otherMailboxes.get(threadId);
  if (!mb) {
    const slot = sharedState().slotOfThread(threadId);
    if (slot < 0) return undefined;
    otherMailboxes.set(threadId, (mb = new Mailbox(sharedState(), slot, threadId)));
  }
  return mb.alive ? mb : undefined;
}

/** Lets lib/ receive its own mailbox record kinds (FIRST_EXTENSION_KIND and up). */
export function registerMailboxKind(kind: number, handler: (r: MailRecord) => void): void {
  extensionHandlers.set(kind, handler);
}

/** Sends a message to a window of another real thread and waits for the reply (SendMessage). */
export function sendAcrossThreads(targetThreadId: number, hwnd: number, message: number, wParam: number, lParam: number): number | undefined {
  return callAcrossThreads(targetThreadId, RECORD_SEND, hwnd, message, wParam, lParam, 'a reply');
}

/**
 * Writes a record of `kind` ([kind, a, b, c, d, 0, caller, token]) to another real thread and
 * waits until its handler answers with {@link replyAcrossThreads}, running messages sent to this
 * thread meanwhile (mfc-semantics §1.3 item 14). Undefined if the thread is gone or its mailbox
 * is full; 0 if it ended before answering.
 */
export function callAcrossThreads(targetThreadId: number, kind: number, a: number, b: number, c: number, d: number, what: string): number | undefined {
  const me = realThreadQueue();
  const target = mailboxOfThread(targetThreadId);
  if (!target) return undefined;
  const token = nextToken++;
  const entry = { done: false, result: 0 };
  replies.set(token, entry);
  if (!target.write(kind, a, b, c, d, 0, me.threadId, token)) {
    replies.delete(token);
    return undefined;
  }
  try {
    me.waiter.waitUntil(me, () => (me.deliverSent(), entry.done || !target.alive), undefined, `${what} from thread ${targetThreadId}`, true);
  } finally {
    replies.delete(token);
  }
  return entry.done ? entry.result : 0;
}

/** Answers a record written by {@link callAcrossThreads}: its r[6] is `caller`, its r[7] `token`. */
export function replyAcrossThreads(caller: number, token: number, result: number): void {
  mailboxOfThread(caller)?.write(RECORD_REPLY, token, result, 0, 0, 0, 0, 0);
}

function handleRecord(r: MailRecord): void {
  const q = realQueue!;
  const kind = r[0]!;
  if (kind === RECORD_POST) {
    // A post that was in flight when its window was destroyed goes nowhere, as on Windows.
    if (r[1] !== 0 && !localWindow(r[1]!)) return;
    q.post(r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, true);
  } else if (kind === RECORD_SEND || kind === RECORD_SEND_NOTIFY) {
    const from = r[6]!;
    const token = r[7]!;
    q.receiveSent({
      hwnd: r[1]!,
      message: r[2]!,
      wParam: r[3]!,
      lParam: r[4]!,
      reply: kind === RECORD_SEND ? (result) => replyAcrossThreads(from, token, result) : null,
    });
  } else if (kind === RECORD_REPLY) {
    const entry = replies.get(r[1]!);
    if (entry) {
      entry.done = true;
      entry.result = r[2]!;
    }
  } else {
    extensionHandlers.get(kind)?.(r);
  }
}

/** Blocks a real thread on its mailbox, waking for the next timer. */
const realWaiter: Waiter = {
  waitUntil(q, isDone, deadlineMs, what) {
    void what;
    q.waiting++;
    try {
      for (;;) {
        q.drainIncoming();
        if (isDone()) return true;
        const now = q.clock.nowMs();
        if (deadlineMs !== undefined && now >= deadlineMs) return false;
        const timer = q.nextTimerMs();
        const until = Math.min(deadlineMs ?? Infinity, timer !== undefined && timer > now ? timer : Infinity);
        ownMailbox!.wait(until === Infinity ? Infinity : Math.max(1, Math.ceil(until - now)));
      }
    } finally {
      q.waiting--;
    }
  },
};

function realThreadQueue(): MessageQueue {
  if (realQueue) return realQueue;
  const shared = sharedState();
  // A thread started with startThread() had its id and slot reserved by its creator, so that
  // messages posted to it before it ran are already waiting in its mailbox.
  const reserved = !isMainThread && workerData ? (workerData as { tid?: number; slot?: number }) : {};
  const tid = reserved.tid ?? shared.allocThreadId();
  const slot = reserved.slot ?? shared.allocThreadSlot(tid);
  if (slot < 0) throw new RangeError(`Cannot create a message queue: all ${MAX_THREADS} thread slots of this process are in use`);
  const mailbox = (ownMailbox = new Mailbox(shared, slot, tid));
  const q = new MessageQueue(tid, realClock, realWaiter, isMainThread ? 'main thread' : `worker ${nodeThreadId}`);
  q.drainIncoming = () => mailbox.drain(handleRecord);
  q.publishPostedCount = (n) => mailbox.publishPosted(n);
  q.incomingPosts = () => mailbox.pendingPosts();
  process.on('exit', () => {
    // A thread's windows die with it, as on Windows; so do the workers it started (Node ends them
    // without their exit handlers).
    releaseThreadWindows(q);
    const descendants = shared.descendantsOf(tid);
    mailbox.markDead();
    markThreadsDead(shared, descendants);
  });
  realQueue = q;
  registerQueue(q);
  return q;
}

/** This JavaScript thread's real queue and mailbox (for the async loop and the network layer). */
export function realThread(): { queue: MessageQueue; mailbox: Mailbox } {
  const queue = realThreadQueue();
  return { queue, mailbox: ownMailbox! };
}

export { RECORD_POST, RECORD_SEND_NOTIFY };
