import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_FACTOR, retryDelay } from './backoff';

describe('retryDelay', () => {
  it('doubles per failed attempt from the first delay and stops growing at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelay(60_000, n))).toEqual([
      60_000, 120_000, 240_000, 480_000, 480_000, 480_000,
    ]);
    expect(retryDelay(1000, 50)).toBe(1000 * MAX_BACKOFF_FACTOR);
  });

  it('treats zero or negative attempts as the first retry and a zero first delay as no wait', () => {
    expect(retryDelay(500, 0)).toBe(500);
    expect(retryDelay(500, -3)).toBe(500);
    expect(retryDelay(0, 4)).toBe(0);
  });
});
