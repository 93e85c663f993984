/** meanRatio (zero-mean NaN rule), CLES (ties count one half), Cohen's d (pooled sample σ). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cles, cohenD, meanRatio, meanRatioOfSummaries } from './effect-sizes';

describe('meanRatio', () => {
  it('is mean(experiment) / mean(control)', () => {
    expect(meanRatio([1, 1, 1], [10, 10, 10])).toBe(10);
    expect(meanRatio([2, 4], [3, 3])).toBe(1);
  });

  it('is NaN when either mean is exactly 0, including −0', () => {
    expect(meanRatio([0, 0], [5])).toBeNaN();
    expect(meanRatio([5], [-1, 1])).toBeNaN();
    expect(meanRatio([-0], [5])).toBeNaN();
  });

  it('does not guard negative means', () => {
    expect(meanRatio([-2], [4])).toBe(-2);
  });

  it('rejects an empty series, naming it', () => {
    expect(() => meanRatio([], [1])).toThrow('meanRatio: control must have at least 1 value, got 0 values');
    expect(() => meanRatio([1], [])).toThrow('meanRatio: experiment must have at least 1 value, got 0 values');
  });

  it('meanRatioOfSummaries applies the same rule to precomputed means', () => {
    expect(meanRatioOfSummaries({ mean: 2 }, { mean: 3 })).toBe(1.5);
    expect(meanRatioOfSummaries({ mean: 0 }, { mean: 3 })).toBeNaN();
  });
});

describe('cles', () => {
  it('is 1 when the canary is entirely above, 0 when entirely below, 0.5 for all ties', () => {
    expect(cles([1, 2, 3], [4, 5, 6])).toBe(1);
    expect(cles([4, 5, 6], [1, 2, 3])).toBe(0);
    expect(cles([1, 1], [1, 1, 1])).toBe(0.5);
  });

  it('counts ties as one half: P(canary > baseline) + ½·P(tie)', () => {
    // pairs (e, c): (2,1) >, (2,2) tie, (1,1) tie, (1,2) <  → (1 + ½ + ½) / 4
    expect(cles([1, 2], [2, 1])).toBe(0.5);
    expect(cles([1], [1, 2])).toBe(0.75);
  });

  it('swapping the series gives the complement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 }),
        (c, e) => {
          expect(cles(c, e) + cles(e, c)).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('rejects an empty series', () => {
    expect(() => cles([], [1])).toThrow('cles: control must have at least 1 value, got 0 values');
  });
});

describe('cohenD', () => {
  it('is the absolute mean difference over the pooled sample standard deviation', () => {
    // means 1.5 and 7.5, sample variances 0.3 and 7.5 → pooled sqrt((5·0.3 + 5·7.5)/10) = sqrt(3.9)
    expect(cohenD([1, 1, 1, 2, 2, 2], [5, 5, 5, 10, 10, 10])).toBeCloseTo(6 / Math.sqrt(3.9), 14);
  });

  it('is symmetric', () => {
    expect(cohenD([1, 2, 3], [4, 6, 9])).toBe(cohenD([4, 6, 9], [1, 2, 3]));
  });

  it('is NaN for two single values (zero pooled degrees of freedom)', () => {
    expect(cohenD([1], [2])).toBeNaN();
  });
});
