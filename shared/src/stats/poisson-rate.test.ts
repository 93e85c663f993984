import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from './testdata/poisson-rate-reference.json';
import { betaQuantile, binomialTwoSidedP, poissonRateTest } from './poisson-rate';

// Reference values from R (testdata/poisson-rate-reference.R; each value sits next to the R call that produced it
// in testdata/poisson-rate-reference.json), so CI needs no R.
const num = (v: number | string): number => (v === 'Infinity' ? Infinity : v === 'NaN' ? NaN : (v as number));
/** Relative agreement (absolute below 1e-300), infinities equal. */
function close(actual: number, expected: number, rel = 1e-9): void {
  if (!Number.isFinite(expected)) expect(actual).toBe(expected);
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
}

describe('poissonRateTest against R poisson.test', () => {
  it.each(reference.poissonTest.map((c) => [c.pValueCall, c] as const))('%s and its one-sided bounds', (_call, c) => {
    const r = poissonRateTest(c.x1, c.t1, c.x2, c.t2, c.confLevel);
    close(r.pValue, num(c.pValue), 1e-7);
    close(r.ciLower, num(c.ciLower));
    close(r.ciUpper, num(c.ciUpper));
  });

  it.each(reference.binomTest.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    close(binomialTwoSidedP(c.x, c.n, c.p), c.pValue, 1e-7);
  });

  it.each(reference.qbeta.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    close(betaQuantile(c.q, c.a, c.b), c.value, 1e-10);
  });
});

describe('poissonRateTest: large counts agree with the normal approximation', () => {
  it('log rate-ratio bounds within 2 % of log(r) ∓ z·sqrt(1/x1 + 1/x2) for thousands of events', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2_000, max: 200_000 }),
        fc.double({ min: 0.8, max: 1.25, noNaN: true }),
        fc.integer({ min: 10, max: 500 }),
        (x2, ratio, t) => {
          const x1 = Math.round(x2 * ratio);
          const r = poissonRateTest(x1, t, x2, t, 0.9);
          const z = 1.2815515655446004; // qnorm(0.9)
          const se = Math.sqrt(1 / x1 + 1 / x2);
          const logR = Math.log(x1 / x2);
          expect(Math.abs(Math.log(r.ciLower) - (logR - z * se))).toBeLessThan(0.02 * z * se + 1e-3);
          expect(Math.abs(Math.log(r.ciUpper) - (logR + z * se))).toBeLessThan(0.02 * z * se + 1e-3);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('poissonRateTest: properties', () => {
  const counts = fc.record({
    x1: fc.integer({ min: 0, max: 5_000 }),
    x2: fc.integer({ min: 0, max: 5_000 }),
    t1: fc.integer({ min: 1, max: 500 }),
    t2: fc.integer({ min: 1, max: 500 }),
    conf: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
  });

  it('never throws on counts, bounds ordered, p-value in [0, 1]', () => {
    fc.assert(
      fc.property(counts, ({ x1, x2, t1, t2, conf }) => {
        const r = poissonRateTest(x1, t1, x2, t2, conf);
        expect(r.ciLower).toBeGreaterThanOrEqual(0);
        expect(r.ciLower).toBeLessThanOrEqual(r.ciUpper);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('the lower bound rises and the upper bound rises with the canary count', () => {
    fc.assert(
      fc.property(counts, ({ x1, x2, t1, t2, conf }) => {
        const a = poissonRateTest(x1, t1, x2, t2, conf);
        const b = poissonRateTest(x1 + 1, t1, x2, t2, conf);
        expect(b.ciLower).toBeGreaterThanOrEqual(a.ciLower);
        expect(b.ciUpper).toBeGreaterThanOrEqual(a.ciUpper);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses fractional or negative counts and bad exposures or levels', () => {
    expect(() => poissonRateTest(1.5, 1, 0, 1, 0.9)).toThrow(RangeError);
    expect(() => poissonRateTest(-1, 1, 0, 1, 0.9)).toThrow(RangeError);
    expect(() => poissonRateTest(1, 0, 0, 1, 0.9)).toThrow(RangeError);
    expect(() => poissonRateTest(1, 1, 0, 1, 1)).toThrow(RangeError);
  });
});
