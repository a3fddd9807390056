// Executable todos (DESIGN.md "Specs"): a known deviation is a body that must fail, and fail the
// way it fails today. It passes while the behaviour is wrong; once someone fixes the behaviour it
// fails ("no longer occurs — remove the marker"), so the marker cannot outlive the bug; and a body
// that starts failing for another reason fails too, rather than hiding a new bug behind the todo.

/** Which network a world runs on. */
export type NetworkKind = 'sim' | 'real';

/** What a known deviation is and how it fails today. Both are required. */
export interface Deviation {
  /** Why the behaviour differs (shown when the todo no longer fails). */
  reason: string;
  /** The failure expected today: a RegExp its message must match, or text it must contain. */
  failsWith: RegExp | string;
}

/**
 * Runs `body`, which must fail with `failsWith`: an executable todo for a known deviation on
 * `network`. Throws if `body` passes (the deviation is gone: remove the marker) or fails with
 * another message. For an async body use expectDeviationAsync().
 *
 * @example
 * expectDeviation('real', 'Linux refuses at once where Windows retries for 2 s', () => {
 *   assert.ok(elapsedMs > 1000, 'the refusal took over a second');
 * }, /the refusal took over a second/);
 */
export function expectDeviation(network: NetworkKind, reason: string, body: () => unknown, failsWith: RegExp | string): void {
  let failure: unknown;
  try {
    body();
  } catch (e) {
    failure = e;
  }
  judgeDeviation(network, { reason, failsWith }, failure);
}

/**
 * expectDeviation() for a body that returns a promise (a whole test): resolves when the body
 * rejected as expected, rejects otherwise.
 *
 * @example
 * await expectDeviationAsync('sim', 'no FD_OOB yet', async () => { await runTheTest(); }, /FD_OOB/);
 */
export async function expectDeviationAsync(network: NetworkKind, reason: string, body: () => Promise<unknown> | unknown, failsWith: RegExp | string): Promise<void> {
  let failure: unknown;
  try {
    await body();
  } catch (e) {
    failure = e;
  }
  judgeDeviation(network, { reason, failsWith }, failure);
}

function judgeDeviation(network: NetworkKind, { reason, failsWith }: Deviation, failure: unknown): void {
  if (!reason) throw new TypeError('A known deviation needs a reason');
  if (failsWith === undefined || failsWith === '') throw new TypeError(`A known deviation needs the failure it expects (${reason})`);
  if (failure === undefined) {
    throw new Error(`Known deviation on the ${network} network no longer occurs — remove the todo marker: ${reason}`);
  }
  const message = failure instanceof Error ? failure.message : String(failure);
  const matches = typeof failsWith === 'string' ? message.includes(failsWith) : failsWith.test(message);
  if (!matches) {
    throw new Error(`Known deviation on the ${network} network (${reason}) failed for another reason than ${String(failsWith)}: ${message}`);
  }
}
