import { describe, expect, it } from 'vitest';
import { EvaluationPacer } from './pacing';

/** Feeds one window of poll times and closes it; returns the limit afterwards. */
function window(pacer: EvaluationPacer, at: number, pollMs: number[]): number {
  for (const ms of pollMs) pacer.record(ms);
  return pacer.limit(at);
}

const slow = Array.from({ length: 20 }, () => 80);
const fast = Array.from({ length: 20 }, () => 2);

describe('EvaluationPacer', () => {
  it('starts at maxConcurrent and keeps it within a window', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    expect(pacer.limit(0)).toBe(8);
    expect(window(pacer, 100, slow)).toBe(8); // the window is not over yet
  });

  it('halves the limit for each slow window, down to 1 and never below', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    pacer.limit(0);
    expect([250, 500, 750, 1000].map((t) => window(pacer, t, slow))).toEqual([4, 2, 1, 1]);
  });

  it('grows by one after four calm windows in a row, up to maxConcurrent', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 3, targetMs: 25, windowMs: 250 });
    pacer.limit(0);
    window(pacer, 250, slow);
    window(pacer, 500, slow); // 3 → 1 → 1
    const limits = Array.from({ length: 12 }, (_, i) => window(pacer, 750 + 250 * i, fast));
    expect(limits).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  });

  it('holds the limit between half the target and the target, and a slow window restarts the calm count', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 20, windowMs: 100 });
    pacer.limit(0);
    expect(window(pacer, 100, slow)).toBe(4);
    const middling = Array.from({ length: 20 }, () => 15);
    expect([200, 300, 400, 500, 600].map((t) => window(pacer, t, middling))).toEqual([4, 4, 4, 4, 4]);
    expect([700, 800, 900].map((t) => window(pacer, t, fast))).toEqual([4, 4, 4]);
    expect(window(pacer, 1000, slow)).toBe(2);
    expect([1100, 1200, 1300, 1400].map((t) => window(pacer, t, fast))).toEqual([2, 2, 2, 3]);
  });

  it('judges a window by its 90th percentile: a few slow polls among fast ones do not count', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    pacer.limit(0);
    expect(window(pacer, 250, [...Array.from({ length: 19 }, () => 3), 500])).toBe(8);
    expect(window(pacer, 500, [...Array.from({ length: 17 }, () => 3), 500, 500, 500])).toBe(4);
  });

  it('treats a window with fewer than minSamples polls as calm', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 4, targetMs: 25, windowMs: 250, minSamples: 5 });
    pacer.limit(0);
    expect(window(pacer, 250, slow)).toBe(2);
    expect([500, 750, 1000, 1250].map((t) => window(pacer, t, [900, 900]))).toEqual([2, 2, 2, 3]);
  });

  it('with targetMs 0 always answers maxConcurrent', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 6, targetMs: 0, windowMs: 250 });
    pacer.limit(0);
    expect([250, 500, 750].map((t) => window(pacer, t, slow))).toEqual([6, 6, 6]);
  });
});
