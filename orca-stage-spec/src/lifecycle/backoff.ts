/**
 * Backoff of an interval's retries after transient metric-source errors (Prometheus slow, down or answering 5xx):
 * exponential, so a struggling Prometheus is not hammered, and capped, so retries go on at a steady pace until the
 * judgment's deadline ends them. Deterministic (no jitter): replicas already spread work through their claims.
 * Reference: AWS Architecture Blog, "Exponential Backoff And Jitter" (2015).
 */

/** The backoff stops growing at this multiple of the first retry delay. */
export const MAX_BACKOFF_FACTOR = 8;

/**
 * The delay before the next attempt after `attempts` failed ones: `first × 2^(attempts−1)`, capped at
 * `first × MAX_BACKOFF_FACTOR` (1 → first, 2 → 2×, 3 → 4×, 4 and more → 8×; 0 or less counts as 1).
 * @param first delay before the first retry, ms (≥ 0)
 * @param attempts failed attempts so far
 * @returns the delay, ms
 */
export function retryDelay(first: number, attempts: number): number {
  return first * Math.min(MAX_BACKOFF_FACTOR, 2 ** Math.max(0, attempts - 1));
}
