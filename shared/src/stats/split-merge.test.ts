/**
 * The split branch-free count against a brute-force count of pairs, and the statistic computed through it against the
 * single merge, bit for bit, on samples large enough for all four chains (tie-heavy, continuous, tiny gaps, values
 * near the double range).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMergeApplies, splitMergeCount, splitMergeSamples } from './split-merge';
import { sortedSamples, wilcoxonStatistic } from './wilcoxon';

/** U by definition, or −1 when some x − d equals some y or overflows to +∞ (then the count must answer −1). */
function bruteForce(x: Float64Array, y: Float64Array, d: number): number {
  let u = 0;
  for (const xv of x) {
    if (xv - d === Infinity) return -1;
    for (const yv of y) {
      const s = xv - d;
      if (s === yv) return -1;
      if (s > yv) u++;
    }
  }
  return u;
}

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    return (e as Error).name;
  }
}

const sorted = (a: number[]): Float64Array => Float64Array.from(a, (v) => (Object.is(v, -0) ? 0 : v)).sort();

const ties = fc.array(
  fc.integer({ min: -6, max: 6 }).map((k) => k / 2),
  { minLength: 1, maxLength: 300 },
);
const continuous = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 });
const tinyGaps = fc.array(
  fc.integer({ min: 0, max: 50 }).map((k) => 1 + k * 2 ** -52),
  { minLength: 1, maxLength: 200 },
);
const huge = fc.array(fc.double({ min: -1e308, max: 1e308, noNaN: true }), { minLength: 1, maxLength: 60 });
const anyFinite = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 });
const samples = fc.oneof(ties, continuous, tinyGaps, huge, anyFinite);
const freeShift = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 0.25, -1, 1e-300));

/**
 * Two sorted samples and a shift: half the time the difference of one value of each (where `x − d` ties with a `y`),
 * otherwise an arbitrary finite shift.
 */
const shiftCases = fc
  .tuple(samples, samples, freeShift, fc.nat(), fc.nat(), fc.boolean())
  .map(([a, b, free, i, j, fromData]) => {
    const x = sorted(a);
    const y = sorted(b);
    return { x, y, d: fromData ? x[i % x.length]! - y[j % y.length]! : free };
  });

describe('splitMergeCount', () => {
  it('counts the pairs with x − d > y, or answers −1 exactly when some x − d equals some y or overflows to +∞', () => {
    fc.assert(
      fc.property(shiftCases, ({ x, y, d }) => {
        fc.pre(Number.isFinite(d));
        expect(splitMergeCount(splitMergeSamples(x, y), d)).toBe(bruteForce(x, y, d));
      }),
      { numRuns: 500 },
    );
  });

  it('is 16 for [10, 20, 30, 40] against [1, 2, 3, 4] at d = 0, and −1 at d = 9 (10 − 9 ties with 1)', () => {
    const s = splitMergeSamples(Float64Array.of(10, 20, 30, 40), Float64Array.of(1, 2, 3, 4));
    expect(splitMergeCount(s, 0)).toBe(16);
    expect(splitMergeCount(s, 9)).toBe(-1);
  });
});

describe('the statistic through the split count equals the single merge bit for bit', () => {
  it('on tie-heavy, continuous, tiny-gap and extreme samples at shifts from the data and arbitrary ones', () => {
    fc.assert(
      fc.property(shiftCases, ({ x, y, d }) => {
        const s = sortedSamples(x, y);
        expect(s.split).not.toBeNull();
        const split = outcome(() => wilcoxonStatistic(d, s));
        expect(split).toBe(outcome(() => wilcoxonStatistic(d, { ...s, split: null })));
        expect(split).toBe(outcome(() => wilcoxonStatistic(d, { ...s, general: true })));
      }),
      { numRuns: 800 },
    );
  });

  it('needs the rounding guard: tiny distinct x values that x − d rounds together form a tie the count cannot see', () => {
    const x = Float64Array.of(1e-20, 2e-20, 3e-20);
    const y = Float64Array.of(0.5, 3);
    const split = splitMergeSamples(x, y);
    const d = -1; // every x − d is exactly 1: one tie group of three
    expect(splitMergeApplies(split, d)).toBe(false);
    expect(splitMergeCount(split, d)).toBe(3); // U is right, but the tie term of the samples' own runs (0) is not
    const s = sortedSamples(x, y);
    expect(wilcoxonStatistic(d, s)).toBe(wilcoxonStatistic(d, { ...s, general: true }));
    expect(splitMergeApplies(split, 1e-3)).toBe(false); // 1e-20 gaps vanish next to |d| = 1e-3 as well
    expect(splitMergeApplies(splitMergeSamples(Float64Array.of(1, 2), y), 1e6)).toBe(true);
  });

  it('keeps the samples’ own ties in the tie term (duplicates in x and y)', () => {
    const s = splitMergeSamples(Float64Array.of(1, 1, 1, 5), Float64Array.of(2, 2, 7));
    expect(s.ownTieTerm).toBe(3 ** 3 - 3 + (2 ** 3 - 2));
    const full = sortedSamples(Float64Array.of(1, 1, 1, 5), Float64Array.of(2, 2, 7));
    expect(wilcoxonStatistic(0.5, full)).toBe(wilcoxonStatistic(0.5, { ...full, general: true }));
  });
});

describe('splitMergeSamples', () => {
  it('takes a +∞ right after the sample in its buffer as the sentinel, and copies otherwise, counting the same', () => {
    const withSlot = Float64Array.of(1, 3, 5, Infinity);
    const withOther = Float64Array.of(1, 3, 5, 2);
    const y = Float64Array.of(0, 2, 4, 6);
    const inPlace = splitMergeSamples(withSlot.subarray(0, 3), y);
    const copied = splitMergeSamples(withOther.subarray(0, 3), y);
    expect(inPlace.xp.buffer).toBe(withSlot.buffer);
    expect(copied.xp.buffer).not.toBe(withOther.buffer);
    expect(Array.from(copied.xp)).toEqual([1, 3, 5, Infinity]);
    for (const d of [-2, 0.5, 1, 3.5]) {
      expect(splitMergeCount(inPlace, d)).toBe(bruteForce(Float64Array.of(1, 3, 5), y, d));
      expect(splitMergeCount(copied, d)).toBe(bruteForce(Float64Array.of(1, 3, 5), y, d));
    }
  });
});
