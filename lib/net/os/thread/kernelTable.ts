// The network thread's bookkeeping: its kernel objects by socket id, the thread that owns each,
// the per-thread channels that carry payloads, and the two ways it speaks to an application
// thread — a reply, and a readiness change. Records to a thread whose mailbox is full wait in
// order and are written again a millisecond later, so nothing is lost or overtaken. It also
// decides when the thread may stop: when no kernel object or request has needed it for a while.
import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { GetCurrentThreadId, mailboxOfThread } from '../../../../pump/index.ts';
import { ChangePublication } from './changePublication.ts';
import { CHANGE_RESET, errorCode, FLAG_RESET, FLAGS, NOTIFY, NOTIFY_CHANGED, RECORD_NOTIFY, RECORD_REPLY, RESET_CODE } from '../shared/protocol.ts';
import { networkThreadId, removeUser, setNetworkThreadId, userCount, withRegistryLock } from '../shared/registry.ts';

/** A socket as the network thread holds it (a listener, a connection or a datagram socket). */
export interface KernelObject {
  readonly id: number;
  /** The application thread that receives its readiness changes. */
  owner: number;
  readonly sab: SharedArrayBuffer;
  readonly ctrl: Int32Array;
  /** The application closed it (it may linger until its last bytes are out). */
  readonly released: boolean;
  /** Makes the state it staged since the last publication visible (before its change bits are). */
  publish?(): void;
  kick(bits: number): void;
  shutdown(bits: number): void;
  close(abort: boolean): void;
  setOption(option: number, value: number): void;
  /** The network thread is dying: report ENETDOWN (must not schedule anything). */
  netDown(): void;
  /** What a new owner needs (OP_ADOPT). */
  describeForAdoption(): Record<string, unknown>;
}

/** How long the thread stays up with nothing to do, so that back-to-back programs reuse it. */
export const IDLE_STOP_MS = 2000;

const objects = new Map<number, KernelObject>();
const publication = new ChangePublication(publishChanges);
const channels = new Map<number, { channel: BroadcastChannel; early: unknown[] }>();
/** Records waiting for room in a thread's mailbox, per thread, in order. */
const backlog = new Map<number, number[][]>();
let retryTimer: NodeJS.Timeout | undefined;
let idleTimer: NodeJS.Timeout | undefined;

export function objectOf(id: number): KernelObject | undefined {
  return objects.get(id);
}

export function allObjects(): KernelObject[] {
  return [...objects.values()];
}

/** Adds (or replaces: a bound socket that connects) the kernel object of a socket id. */
export function putObject(object: KernelObject): void {
  objects.set(object.id, object);
}

/** The kernel object is gone for good: one user fewer. */
export function releaseObject(object: KernelObject): void {
  if (objects.get(object.id) !== object) return;
  objects.delete(object.id);
  releaseUser();
}

/** A counted user (a kernel object that could not be created, a request) is done. */
export function releaseUser(): void {
  removeUser();
  if (userCount() <= 0) scheduleIdleStop();
}

/**
 * Opens the channel of an application thread (OP_HELLO). A channel delivers to the event loop
 * too: what the loop takes first is kept, in order, for takePayload.
 */
export function openChannel(thread: number): void {
  if (channels.has(thread)) return;
  const channel = new BroadcastChannel(`afxsock.net.${thread}`);
  const entry = { channel, early: [] as unknown[] };
  channel.onmessage = (event) => void entry.early.push((event as MessageEvent).data);
  channel.unref();
  channels.set(thread, entry);
}

/** The next payload the thread posted before the record being handled. */
export function takePayload<T>(thread: number): T {
  const entry = channels.get(thread);
  if (entry && entry.early.length > 0) return entry.early.shift() as T;
  const message = entry && receiveMessageOnPort(entry.channel as unknown as MessagePort);
  if (!message) throw new Error(`Network thread: no payload from thread ${thread} (was OP_HELLO sent?)`);
  return message.message as T;
}

/** Posts a payload to a thread (OP_ADOPT); the thread takes it when the reply arrives. */
export function postPayload(thread: number, payload: unknown): void {
  openChannel(thread);
  channels.get(thread)!.channel.postMessage(payload);
}

/** Answers the request `token` of `thread`. */
export function reply(thread: number, token: number, r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0): void {
  write(thread, [RECORD_REPLY, token, r0, r1, r2, r3, r4, r5]);
}

/**
 * Reports CHANGE_* bits to the owner, together with every other change of the object since the
 * last report, once a poll of the event loop has passed without news for it (changePublication.ts:
 * bytes and a FIN that the OS delivered together reach the application together, issue 14.4).
 */
export function notify(object: KernelObject, bits: number): void {
  publication.stage(object, bits);
}

/** Reports at once, with what the object staged: for a thread that is dying and can schedule nothing. */
export function notifyNow(object: KernelObject, bits: number): void {
  publication.publishNow(object, bits);
}

/** Runs `fn` once every change staged by now has been reported (a barrier). */
export function afterNextPublication(fn: () => void): void {
  publication.afterPublished(fn);
}

/**
 * Hands CHANGE_* bits to the owner: they accumulate in the control block (under the owner's
 * epoch in the high bits) and one record is written only when none is outstanding.
 */
function publishChanges(object: KernelObject, bits: number): void {
  object.publish?.();
  const ctrl = object.ctrl;
  for (;;) {
    const word = Atomics.load(ctrl, NOTIFY);
    if (Atomics.compareExchange(ctrl, NOTIFY, word, word | bits) !== word) continue;
    if ((word & 0xff) === 0) write(object.owner, [RECORD_NOTIFY, object.id, NOTIFY_CHANGED, 0, 0, 0, 0, 0]);
    return;
  }
}

/** Makes `thread` the owner: bumps the epoch so the old owner's late records take nothing; returns pending bits. */
export function changeOwner(object: KernelObject, thread: number): number {
  const ctrl = object.ctrl;
  for (;;) {
    const word = Atomics.load(ctrl, NOTIFY);
    const next = ((((word >>> 8) + 1) & 0x7fffff) << 8) | (word & 0xff);
    if (Atomics.compareExchange(ctrl, NOTIFY, word, next) === word) {
      object.owner = thread;
      return word & 0xff;
    }
  }
}

/** The network is gone: the object is reset with ENETDOWN and its owner told. */
export function reportNetDown(object: KernelObject): void {
  Atomics.store(object.ctrl, RESET_CODE, errorCode('ENETDOWN'));
  Atomics.or(object.ctrl, FLAGS, FLAG_RESET);
  notifyNow(object, CHANGE_RESET);
}

/** The owner epoch of a control block (handed to a new owner). */
export function epochOf(object: KernelObject): number {
  return Atomics.load(object.ctrl, NOTIFY) >>> 8;
}

/** Writes a record to a thread now, or after the ones already waiting for it. */
export function write(thread: number, record: number[]): void {
  const waiting = backlog.get(thread);
  if (waiting) {
    waiting.push(record);
    return;
  }
  const mailbox = mailboxOfThread(thread);
  if (!mailbox) return; // the thread is gone
  if (!mailbox.write(record[0]!, record[1]!, record[2]!, record[3]!, record[4]!, record[5]!, record[6]!, record[7]!)) {
    backlog.set(thread, [record]);
    retryTimer ??= setTimeout(retryBacklog, 1);
  }
}

function retryBacklog(): void {
  retryTimer = undefined;
  for (const [thread, records] of backlog) {
    const mailbox = mailboxOfThread(thread);
    while (mailbox && records.length > 0) {
      const r = records[0]!;
      if (!mailbox.write(r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, r[6]!, r[7]!)) break;
      records.shift();
    }
    if (!mailbox || records.length === 0) backlog.delete(thread);
  }
  if (backlog.size > 0) retryTimer = setTimeout(retryBacklog, 1);
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = undefined;
    const me = GetCurrentThreadId();
    // Under the lock, so that no thread can count itself in between and find nobody running.
    const stop = withRegistryLock(() => {
      if (userCount() > 0 || objects.size > 0 || networkThreadId() !== me) return false;
      setNetworkThreadId(0);
      return true;
    });
    if (stop) process.exit(0);
  }, IDLE_STOP_MS);
}
