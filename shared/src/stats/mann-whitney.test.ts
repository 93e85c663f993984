/**
 * mannWhitney: known cases from the spec and user reports (spinnaker/spinnaker#6278, spinnaker/kayenta#426), the 1-vs-1 corner,
 * input checks, and properties: no error other than AllObservationsTiedError on finite input, and swapping the
 * samples negates the interval within the root finder's tolerance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannWhitney } from './mann-whitney';
import { AllObservationsTiedError } from './wilcoxon';

const rep = (v: number, n: number): number[] => Array<number>(n).fill(v);

describe('mannWhitney: known cases', () => {
  it('reproduces the numbers printed from a Kayenta build in spinnaker/spinnaker#6278 ([100×7, 1×3] vs ten 1s)', () => {
    const r = mannWhitney([...rep(100, 7), ...rep(1, 3)], rep(1, 10), 0.98);
    expect(r.ciLower).toBe(6.825022991538781e-5);
    expect(r.estimate).toBe(98.99992904170193);
    expect(r.ciUpper).toBe(99);
  });

  it('gives the interval [0, 2] and estimate ≈ 0.81 for spinnaker/kayenta#426 ([0,1,2,1,0,0] vs zeros)', () => {
    const r = mannWhitney([0, 1, 2, 1, 0, 0], rep(0, 6), 0.98);
    expect(r.ciLower).toBe(0);
    expect(r.ciUpper).toBe(2);
    expect(r.estimate).toBeCloseTo(0.81, 2);
  });

  it('returns the search bounds when the statistic does not change sign inside them ([10,11,12] vs [1,2,3])', () => {
    // muMin = 10 − 3 = 7, muMax = 12 − 1 = 11: with 3 + 3 points the 98% interval cannot be narrower.
    const r = mannWhitney([10, 11, 12], [1, 2, 3], 0.98);
    expect([r.ciLower, r.ciUpper]).toEqual([7, 11]);
    expect(r.estimate).toBeCloseTo(9, 3);
  });

  it('gives a narrower interval at a lower confidence level', () => {
    const x = [5.1, 6.3, 5.8, 7.2, 6.9, 6.1, 5.5, 7.7, 6.6, 6.0];
    const y = [4.9, 5.2, 4.4, 5.9, 5.0, 4.7, 5.6, 5.3, 4.8, 5.1];
    const wide = mannWhitney(x, y, 0.98);
    const narrow = mannWhitney(x, y, 0.8);
    expect(narrow.ciLower).toBeGreaterThan(wide.ciLower);
    expect(narrow.ciUpper).toBeLessThan(wide.ciUpper);
    expect(narrow.estimate).toBe(wide.estimate); // the estimate does not depend on the level
  });

  it('1 vs 1: all tied when x − (x − y) rounds back to y', () => {
    expect(() => mannWhitney([3], [1], 0.98)).toThrow(AllObservationsTiedError);
  });

  it('1 vs 1: the degenerate interval [d, d] when x − (x − y) does not round back to y', () => {
    const x = 7.80927971810109;
    const y = 0.41239952093052645;
    const d = x - y;
    expect(x - d).not.toBe(y); // the premise of this case
    expect(mannWhitney([x], [y], 0.98)).toEqual({ ciLower: d, ciUpper: d, estimate: d });
  });

  it('throws AllObservationsTiedError for identical constant samples', () => {
    expect(() => mannWhitney([2, 2, 2], [2, 2], 0.98)).toThrow(AllObservationsTiedError);
  });
});

describe('mannWhitney: input checks', () => {
  it.each([
    [[], [1], 'mannWhitney: x (experiment) must have at least 1 value, got 0 values'],
    [[1], [], 'mannWhitney: y (control) must have at least 1 value, got 0 values'],
    [[1, 2, NaN], [1], 'mannWhitney: x (experiment)[2] must be a finite number, got NaN'],
    [[1], [-Infinity], 'mannWhitney: y (control)[0] must be a finite number, got -Infinity'],
  ])('rejects x=%j y=%j with a RangeError naming the field', (x, y, message) => {
    expect(() => mannWhitney(x, y, 0.98)).toThrow(RangeError);
    expect(() => mannWhitney(x, y, 0.98)).toThrow(message);
  });

  it.each([0, 1, -0.5, 1.5, NaN])('rejects confLevel %s', (level) => {
    expect(() => mannWhitney([1, 2], [3, 4], level)).toThrow(`mannWhitney: confLevel must be in (0, 1), got ${level}`);
  });

  it('does not modify its inputs', () => {
    const x = Object.freeze([3, 1, 2]);
    const y = Object.freeze([0.5, 2.5, 1.5]);
    mannWhitney(x, y, 0.98);
    expect(x).toEqual([3, 1, 2]);
    expect(y).toEqual([0.5, 2.5, 1.5]);
  });
});

const finiteSample = fc.oneof(
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 25 }),
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
);

describe('mannWhitney: properties', () => {
  it('never throws anything but AllObservationsTiedError on finite input', () => {
    fc.assert(
      fc.property(finiteSample, finiteSample, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (x, y, level) => {
        try {
          const r = mannWhitney(x, y, level);
          expect(typeof r.ciLower).toBe('number');
        } catch (e) {
          expect(e).toBeInstanceOf(AllObservationsTiedError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('swapping experiment and control negates the interval (ciLower ↔ −ciUpper) within the solver tolerance', () => {
    // Applicable where every x − d is exact: dyadic data (k/2, k/1024). Then the statistic of the swapped call is
    // exactly the mirrored one, and only zeroin's path differs: each run stops within 2·tolAct = 1e-4 + 4·EPS·|b|
    // of the same jump, so the ends agree to twice that. With arbitrary doubles x − d can round onto or off a tie
    // with y, which moves an end to the neighbouring jump of the step function — in Kayenta as well.
    const dyadic = fc.oneof(
      fc.array(
        fc.integer({ min: -6, max: 6 }).map((k) => k / 2),
        { minLength: 2, maxLength: 30 },
      ),
      fc.array(
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1024),
        { minLength: 2, maxLength: 30 },
      ),
    );
    fc.assert(
      fc.property(dyadic, dyadic, (x, y) => {
        let a;
        let b;
        try {
          a = mannWhitney(x, y, 0.98);
          b = mannWhitney(y, x, 0.98);
        } catch (e) {
          expect(e).toBeInstanceOf(AllObservationsTiedError);
          return;
        }
        const tol = 2 * (1e-4 + 4 * 2.220446049250313e-16 * 2000);
        expect(Math.abs(a.ciLower + b.ciUpper)).toBeLessThanOrEqual(tol);
        expect(Math.abs(a.ciUpper + b.ciLower)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 400 },
    );
  });
});
