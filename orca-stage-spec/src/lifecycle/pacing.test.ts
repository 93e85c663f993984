import { describe, expect, it } from 'vitest';
import { EvaluationPacer } from './pacing';

/**
 * Feeds one window of poll times (the scheduler filling every slot in it unless `used` is false) and closes it;
 * returns the limit afterwards.
 */
function window(pacer: EvaluationPacer, at: number, pollMs: number[], used = true): number {
  for (const ms of pollMs) pacer.record(ms);
  if (used) pacer.saturated();
  return pacer.limit(at);
}

/** Closes consecutive windows `step` ms apart from `from`, all with the same polls; the limits after each. */
function windows(pacer: EvaluationPacer, from: number, step: number, count: number, pollMs: number[], used = true) {
  return Array.from({ length: count }, (_, i) => window(pacer, from + step * i, pollMs, used));
}

const slow = Array.from({ length: 20 }, () => 80);
const fast = Array.from({ length: 20 }, () => 2);
const middling = Array.from({ length: 20 }, () => 15);

/** A pacer brought up to `limit` by calm, used windows (slow start), with its clock at `at`. */
function grownTo(limit: number, opts: { maxConcurrent: number; targetMs: number; windowMs: number }) {
  const pacer = new EvaluationPacer(opts);
  pacer.limit(0);
  const steps = (limit - 1) * 4;
  if (steps > 0) windows(pacer, opts.windowMs, opts.windowMs, steps, fast);
  return { pacer, at: steps * opts.windowMs };
}

describe('EvaluationPacer', () => {
  it('starts at 1 (slow start) and keeps its limit within a window', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    expect(pacer.limit(0)).toBe(1);
    expect(window(pacer, 100, fast)).toBe(1); // the window is not over yet
  });

  it('grows by one after four calm windows in which every slot was used, up to maxConcurrent', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 3, targetMs: 25, windowMs: 250 });
    pacer.limit(0);
    expect(windows(pacer, 250, 250, 12, fast)).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  });

  it('does not grow in calm windows whose slots were not all used: a quiet spell says nothing about a burst', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    pacer.limit(0);
    expect(windows(pacer, 250, 250, 8, fast, false)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(windows(pacer, 2250, 250, 8, [], false)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // An unused window neither counts nor breaks the run of used calm ones.
    expect([fast, fast, fast].map((p, i) => window(pacer, 4250 + 250 * i, p))).toEqual([1, 1, 1]);
    expect(window(pacer, 5000, fast, false)).toBe(1);
    expect(window(pacer, 5250, fast)).toBe(2);
  });

  it('halves the limit for each slow window, down to 1 and never below', () => {
    const { pacer, at } = grownTo(8, { maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    expect(pacer.limit(at)).toBe(8);
    expect(windows(pacer, at + 250, 250, 4, slow)).toEqual([4, 2, 1, 1]);
  });

  it('holds the limit between half the target and the target, and such a window restarts the calm count', () => {
    const { pacer, at } = grownTo(4, { maxConcurrent: 8, targetMs: 20, windowMs: 100 });
    expect(windows(pacer, at + 100, 100, 5, middling)).toEqual([4, 4, 4, 4, 4]);
    expect(windows(pacer, at + 600, 100, 3, fast)).toEqual([4, 4, 4]);
    expect(window(pacer, at + 900, middling)).toBe(4);
    expect(windows(pacer, at + 1000, 100, 4, fast)).toEqual([4, 4, 4, 5]);
    expect(window(pacer, at + 1400, slow)).toBe(2);
  });

  it('judges a window by its 90th percentile: a few slow polls among fast ones do not count', () => {
    const { pacer, at } = grownTo(8, { maxConcurrent: 8, targetMs: 25, windowMs: 250 });
    expect(window(pacer, at + 250, [...Array.from({ length: 19 }, () => 3), 500])).toBe(8);
    expect(window(pacer, at + 500, [...Array.from({ length: 17 }, () => 3), 500, 500, 500])).toBe(4);
  });

  it('treats a window with fewer than minSamples polls as calm', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 4, targetMs: 25, windowMs: 250, minSamples: 5 });
    pacer.limit(0);
    expect(windows(pacer, 250, 250, 4, [900, 900])).toEqual([1, 1, 1, 2]);
    expect(window(pacer, 1250, slow)).toBe(1);
  });

  it('with targetMs 0 always answers maxConcurrent', () => {
    const pacer = new EvaluationPacer({ maxConcurrent: 6, targetMs: 0, windowMs: 250 });
    expect(pacer.limit(0)).toBe(6);
    expect(windows(pacer, 250, 250, 3, slow)).toEqual([6, 6, 6]);
  });
});
