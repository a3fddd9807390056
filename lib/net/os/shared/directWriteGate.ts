// The gate of a connection's direct writes: a send that finds nothing queued ahead of it writes
// its bytes to the OS socket itself, from the application thread (a synchronous write(2) on the
// descriptor, which never blocks: libuv made it non-blocking), instead of copying them into the
// send ring and waking the network thread to write them. A round trip then pays one cross-thread
// wake-up instead of two, and a bulk send one copy (into the OS) instead of two.
//
// The DIRECT word of the control block says who may write. The network thread opens the gate
// once it holds nothing (ring, beyond bytes and Node's own queue empty) and shuts it before it
// writes anything itself, so bytes never overtake each other; it closes it for good before the
// descriptor can close, so a write never reaches a descriptor number the OS has given to someone
// else. Each side looks at the queues after it changed the word (the atomics order the looks),
// so that the one that changed it last sees what the other queued.
import { DIRECT, DIRECT_GONE, DIRECT_OPEN, DIRECT_SHUT, DIRECT_WRITING } from './protocol.ts';

/** Application: takes the gate to write (false: the network thread writes, queue the bytes). */
export function enterDirect(ctrl: Int32Array): boolean {
  return Atomics.load(ctrl, DIRECT) === DIRECT_OPEN && Atomics.compareExchange(ctrl, DIRECT, DIRECT_OPEN, DIRECT_WRITING) === DIRECT_OPEN;
}

/** Application: gives the gate back — open, or shut when it queued bytes for the network thread. */
export function leaveDirect(ctrl: Int32Array, open: boolean): void {
  Atomics.store(ctrl, DIRECT, open ? DIRECT_OPEN : DIRECT_SHUT);
  Atomics.notify(ctrl, DIRECT);
}

/**
 * Network thread: opens the gate, if it is shut (not gone); `idle` is then asked, and if the
 * application queued something meanwhile the gate is shut again (unless the application holds
 * it: it sees the same queue and shuts it itself).
 */
export function openDirect(ctrl: Int32Array, idle: () => boolean): void {
  if (Atomics.compareExchange(ctrl, DIRECT, DIRECT_SHUT, DIRECT_OPEN) !== DIRECT_SHUT) return;
  if (!idle()) Atomics.compareExchange(ctrl, DIRECT, DIRECT_OPEN, DIRECT_SHUT);
}

/**
 * Network thread: shuts the gate (for good with `gone`), waiting out a write of the application
 * in progress — one non-blocking system call.
 */
export function shutDirect(ctrl: Int32Array, gone: boolean): void {
  for (;;) {
    const word = Atomics.load(ctrl, DIRECT);
    if (word === DIRECT_GONE || (word === DIRECT_SHUT && !gone)) return;
    if (word === DIRECT_WRITING) {
      Atomics.wait(ctrl, DIRECT, DIRECT_WRITING, 1);
      continue;
    }
    if (Atomics.compareExchange(ctrl, DIRECT, word, gone ? DIRECT_GONE : DIRECT_SHUT) === word) return;
  }
}
