// How many posted messages a queue may hold: 10,000 by default, as Windows' USERPostMessageLimit
// registry value, which a benchmark or a stress test may raise (mfc-semantics §1.1 item 7).
import { POSTED_MESSAGE_QUOTA } from './constants.ts';

let limit = POSTED_MESSAGE_QUOTA;

/** The current limit (for queues of this JavaScript thread and posts made from it). */
export function postMessageLimit(): number {
  return limit;
}

/**
 * Sets the posted-message limit, as editing USERPostMessageLimit would; returns the previous one.
 * Windows accepts values from 4000 up; so does this.
 */
export function setPostMessageLimit(messages: number): number {
  if (!Number.isInteger(messages) || messages < 4000) throw new RangeError(`Cannot set the posted-message limit: ${messages} is not an integer of at least 4000`);
  const previous = limit;
  limit = messages;
  return previous;
}
