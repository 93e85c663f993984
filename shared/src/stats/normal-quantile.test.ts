/** Normal quantiles: AS 241 (R qnorm) and the commons-math variant Kayenta uses for its intervals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfInv, kayentaNormalQuantile } from './erf-inv';
import { normalQuantile } from './normal-quantile';

describe('normalQuantile (AS 241)', () => {
  it('gives the MannWhitneySuite z values', () => {
    expect(normalQuantile((1 - 0.95) / 2)).toBe(-1.9599639845400536);
    expect(normalQuantile(0.01)).toBe(-2.3263478740408408);
  });

  it('is 0 at p = 0.5 and ±Infinity at the ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it.each([-0.1, 1.1, NaN])('rejects p = %s', (p) => {
    expect(() => normalQuantile(p)).toThrow(`normalQuantile: p must be in [0, 1], got ${p}`);
  });

  it('is increasing and antisymmetric (Φ⁻¹(1 − p) = −Φ⁻¹(p) to 1e-15 relative)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
          const z = normalQuantile(lo);
          // 1 − p itself rounds; compare against the quantile of the rounded complement.
          const complement = 1 - lo;
          const zc = normalQuantile(complement);
          expect(Math.abs(zc + normalQuantile(1 - complement))).toBeLessThanOrEqual(1e-15 * Math.abs(zc) + 1e-300);
          expect(Number.isFinite(z)).toBe(true);
        },
      ),
    );
  });
});

describe('kayentaNormalQuantile and erfInv (commons-math)', () => {
  it('gives the z values behind Kayenta’s intervals, an ulp away from AS 241', () => {
    expect(kayentaNormalQuantile((1 - 0.98) / 2)).toBe(-2.326347874040841);
    expect(kayentaNormalQuantile((1 - 0.95) / 2)).toBe(-1.959963984540054);
    expect(normalQuantile((1 - 0.95) / 2)).not.toBe(kayentaNormalQuantile((1 - 0.95) / 2));
  });

  it('agrees with AS 241 to 1e-14 relative on the central range', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        expect(Math.abs(kayentaNormalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.abs(z) + 1e-16);
      }),
    );
  });

  it('erfInv is odd, 0 at 0, ±Infinity at ±1, NaN outside', () => {
    expect(erfInv(0)).toBe(0);
    expect(erfInv(-0.5)).toBe(-erfInv(0.5));
    expect(erfInv(1)).toBe(Infinity);
    expect(erfInv(-1)).toBe(-Infinity);
    expect(erfInv(1.5)).toBeNaN();
  });

  it('erfInv covers all three polynomial ranges (w < 6.25, w < 16, beyond)', () => {
    // erf⁻¹(x) = Φ⁻¹((x + 1)/2)/√2; compare to AS 241 in each range
    for (const x of [0.5, 0.9999, 0.99999999999]) {
      expect(erfInv(x)).toBeCloseTo(normalQuantile((x + 1) / 2) / Math.SQRT2, 5);
    }
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => kayentaNormalQuantile(2)).toThrow('kayentaNormalQuantile: p must be in [0, 1], got 2');
  });
});
