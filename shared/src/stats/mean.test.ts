/** kayentaMean / kayentaVariance: commons-math operation order (a constant series keeps its exact value), edge cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kayentaMean, kayentaVariance } from './mean';

describe('kayentaMean (commons-math Mean)', () => {
  it('is NaN for an empty series and the value itself for one value', () => {
    expect(kayentaMean([])).toBeNaN();
    expect(kayentaMean([4.2])).toBe(4.2);
  });

  it('returns a constant series’ value exactly, where a plain sum / n is off in the last bit', () => {
    for (const c of [0.1, 0.7, 1.1, 0.3]) {
      const series = Array<number>(10).fill(c);
      expect(series.reduce((s, v) => s + v, 0) / 10).not.toBe(c); // the premise: sum / n rounds away
      expect(kayentaMean(series)).toBe(c);
    }
    expect(kayentaMean([0.1, 0.1, 0.1])).toBe(0.1);
  });

  it('lies between the minimum and the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1 }), (v) => {
        const m = kayentaMean(v);
        expect(m).toBeGreaterThanOrEqual(Math.min(...v));
        expect(m).toBeLessThanOrEqual(Math.max(...v));
      }),
    );
  });

  it('propagates NaN', () => {
    expect(kayentaMean([1, NaN, 3])).toBeNaN();
  });
});

describe('kayentaVariance (commons-math Variance, corrected two-pass)', () => {
  it('is the sample variance by default and the population variance on request', () => {
    expect(kayentaVariance([1, 1, 1, 10, 10, 10])).toBe(24.3);
    expect(kayentaVariance([1, 1, 1, 10, 10, 10], false)).toBe(20.25);
  });

  it('is 0 for one value, NaN for none, 0 for a constant series', () => {
    expect(kayentaVariance([7])).toBe(0);
    expect(kayentaVariance([])).toBeNaN();
    expect(kayentaVariance(Array<number>(9).fill(0.1))).toBe(0);
  });

  it('uses a given mean, whose error the correction term Σdev²/n − (Σdev)²/n cancels', () => {
    // deviations from 0 are 1 and 3: (10 − 4²/2) / 2 = 1, the true population variance of [1, 3]
    expect(kayentaVariance([1, 3], false, 0)).toBe(1);
    expect(kayentaVariance([1, 3], false, 2)).toBe(1);
  });
});
