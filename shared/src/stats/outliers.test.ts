/** IQR fences (plain and reduced sensitivity), strict fence comparison, k-sigma with the population σ. */
import { describe, expect, it } from 'vitest';
import { iqrOutlierFences, iqrOutliers, kSigmaOutliers, removeOutliersIQR, removeOutliersKSigma } from './outliers';

const oneTo100 = [...Array.from({ length: 91 }, (_, i) => i + 10), 1000];

describe('iqrOutlierFences', () => {
  it('puts the fences factor·IQR beyond the R-7 quartiles', () => {
    // Q1 = 3.25, Q3 = 7.75, IQR = 4.5
    expect(iqrOutlierFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.5, false)).toEqual({ low: -3.5, high: 14.5 });
  });

  it('with reduced sensitivity widens the fences to at least the 1st / 99th percentiles', () => {
    const plain = iqrOutlierFences(oneTo100, 0.1, false);
    const reduced = iqrOutlierFences(oneTo100, 0.1, true);
    expect(reduced.low).toBeLessThan(plain.low);
    expect(reduced.high).toBeGreaterThan(plain.high);
    expect(reduced.low).toBeCloseTo(10.91, 10); // P1
  });

  it('gives NaN fences for an empty series', () => {
    const f = iqrOutlierFences([], 3, true);
    expect(f.low).toBeNaN();
    expect(f.high).toBeNaN();
  });

  it.each([0, -1, NaN, Infinity])('rejects factor %s', (factor) => {
    expect(() => iqrOutlierFences([1, 2], factor, true)).toThrow(
      `iqrOutlierFences: factor must be a finite number greater than zero, got ${factor}`,
    );
  });
});

describe('iqrOutliers / removeOutliersIQR', () => {
  it('keeps a value exactly on a fence (strict comparison) and drops one just beyond', () => {
    // Q1 = 0, Q3 = 1, factor 1: high fence 2
    expect(iqrOutliers([0, 0, 0, 0, 1, 1, 1, 1, 2], 1, false).at(-1)).toBe(false);
    expect(iqrOutliers([0, 0, 0, 0, 1, 1, 1, 1, 2.0000001], 1, false).at(-1)).toBe(true);
  });

  it('flags nothing in an empty series', () => {
    expect(iqrOutliers([], 1.5, false)).toEqual([]);
  });

  it('removes with reduced sensitivity by default, as the judge does', () => {
    expect(removeOutliersIQR(oneTo100, 0.1)).toHaveLength(90); // only 1000 goes
    expect(removeOutliersIQR(oneTo100, 0.1, true)).toHaveLength(90);
    expect(removeOutliersIQR(oneTo100, 0.1, false)).toHaveLength(54);
  });

  it('keeps the order of the remaining values', () => {
    expect(Array.from(removeOutliersIQR([21, 23, 24, 25, 50, 29, 23, 21], 1.5, false))).toEqual([
      21, 23, 24, 25, 29, 23, 21,
    ]);
  });
});

describe('kSigmaOutliers / removeOutliersKSigma', () => {
  it('uses the population standard deviation', () => {
    // mean 0, population σ = 1 for [-1, 1]: |±1| > 0.99·1 but not > 1·1
    expect(kSigmaOutliers([-1, 1], 0.99)).toEqual([true, true]);
    expect(kSigmaOutliers([-1, 1], 1)).toEqual([false, false]);
  });

  it('flags nothing in a constant series', () => {
    expect(kSigmaOutliers([2, 2, 2], 3)).toEqual([false, false, false]);
  });

  it('removes the flagged values, keeping order', () => {
    expect(Array.from(removeOutliersKSigma([1, 1, 1, 5, -1, -1, -1, -5], 1))).toEqual([1, 1, 1, -1, -1, -1]);
  });

  it.each([0, -2, NaN])('rejects k = %s', (k) => {
    expect(() => kSigmaOutliers([1], k)).toThrow(
      `kSigmaOutliers: k must be a finite number greater than zero, got ${k}`,
    );
  });
});
