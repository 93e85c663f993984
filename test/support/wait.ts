/**
 * Polling helpers for tests that wait on other processes (servers starting, judgments finishing).
 */

/** Options of {@link waitUntil}. */
export interface WaitOptions {
  /** Give up after this many milliseconds of wall time (default 20 000). */
  timeoutMs?: number;
  /** Pause between attempts, milliseconds (default 100). */
  intervalMs?: number;
  /** What is awaited, used in the timeout error message. */
  what?: string;
}

/**
 * Calls `probe` until it returns a value other than `undefined`/`false` (exceptions count as "not yet"), then
 * returns that value.
 *
 * Edge cases: the last exception, if any, is quoted in the timeout error so a failing test says why.
 * @throws Error `waitUntil: <what> not reached within <timeoutMs> ms` when the time runs out.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitUntil: ${options.what ?? 'condition'} not reached within ${timeoutMs} ms${reason}`);
    }
    await sleep(intervalMs);
  }
}

/** Resolves after `ms` milliseconds of wall time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
