/** percentileR7: R-7 values, the exact NIST P90, the p range rule, monotonicity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileR7, sortedForPercentile } from './percentile';

describe('percentileR7', () => {
  const v = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];

  it.each([
    [50, 1.75],
    [100, 3.5],
    [25, 0.875],
    [12.5, 0.4375],
  ])('P(%s) of 0..3.5 step 0.5 is %s', (p, expected) => {
    expect(percentileR7(v, p)).toBeCloseTo(expected, 12);
  });

  it('interpolates as lo + (pos − floor(pos))·(hi − lo): P90 of the NIST data is exactly 95.19568', () => {
    const nist = sortedForPercentile([
      95.1772, 95.1567, 95.1937, 95.1959, 95.1442, 95.061, 95.1591, 95.1195, 95.1772, 95.0925, 95.199, 95.1682,
    ]);
    expect(percentileR7(nist, 90)).toBe(95.19568);
  });

  it('is NaN for an empty series and the value itself for one value', () => {
    expect(percentileR7([], 50)).toBeNaN();
    expect(percentileR7([7], 1)).toBe(7);
    expect(percentileR7([7], 100)).toBe(7);
  });

  it.each([0, -1, 100.5, NaN])('rejects p = %s with a RangeError naming the rule', (p) => {
    expect(() => percentileR7(v, p)).toThrow(`percentileR7: p must be in (0, 100], got ${p}`);
  });

  it('is monotone in p and stays within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (values, p1, p2) => {
          const s = sortedForPercentile(values);
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          expect(percentileR7(s, lo)).toBeLessThanOrEqual(percentileR7(s, hi));
          expect(percentileR7(s, lo)).toBeGreaterThanOrEqual(s[0]!);
          expect(percentileR7(s, hi)).toBeLessThanOrEqual(s[s.length - 1]!);
        },
      ),
    );
  });
});

describe('sortedForPercentile', () => {
  it('drops NaN and sorts ascending with −0 before +0, without touching the input', () => {
    const input = [3, NaN, -1, 0, -0, 2];
    const s = Array.from(sortedForPercentile(input));
    expect(s).toEqual([-1, -0, 0, 2, 3]);
    expect(Object.is(s[1], -0)).toBe(true);
    expect(input).toHaveLength(6);
  });
});
