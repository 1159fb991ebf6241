/** What a poll's check returns: a value to resolve with, or undefined/false for "not yet". */
export type PollResult<T> = T | undefined | false;

/**
 * Polls `check` (sync or async) every `intervalMs` until it returns a value that is not
 * undefined/false, and resolves with it. A check that throws counts as "not yet" (a
 * server restarting, a file half written); after `timeoutMs` it fails naming `what` and
 * the last error. `what` may be a function, read at the timeout, to say how far it got.
 */
export async function waitFor<T>(
  what: string | (() => string),
  check: () => PollResult<T> | Promise<PollResult<T>>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const subject = typeof what === 'function' ? what() : what;
      const because = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${subject}${because}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
