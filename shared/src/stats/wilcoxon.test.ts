/**
 * The merge-based statistic against a straightforward port of Kayenta's definition kept here as the reference:
 * pool `x − d` then `y`, rank the pooled array (Java `Double.compare` order, average ties), sum the x ranks in
 * index order, tie term from a map of rank → count with `Math.pow(t, 3) − t`. Equality is bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AllObservationsTiedError,
  sortedSamples,
  wilcoxonDiff,
  wilcoxonDiffSorted,
  wilcoxonStatistic,
} from './wilcoxon';

/** Java's Double.compare, written out independently of ranks.ts. */
function javaCompare(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  if (a !== b) return a < b ? -1 : 1;
  if (a === 0) return Object.is(a, b) ? 0 : Object.is(a, -0) ? -1 : 1;
  return 0;
}

/** Kayenta's wilcoxonDiff, the slow way (one pooled sort per call). */
function referenceWilcoxonDiff(d: number, zq: number, x: readonly number[], y: readonly number[]): number {
  const pooled = [...x.map((v) => v - d), ...y].map((v) => (Number.isNaN(v) ? Infinity : v));
  const order = pooled.map((_, i) => i).sort((i, j) => javaCompare(pooled[i]!, pooled[j]!) || i - j);
  const ranks = new Array<number>(pooled.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && javaCompare(pooled[order[end]!]!, pooled[order[start]!]!) === 0) end++;
    for (let k = start; k < end; k++) ranks[order[k]!] = (2 * (start + 1) + (end - start) - 1) / 2;
    start = end;
  }
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  const xLen = x.length;
  const yLen = y.length;
  let sum = 0;
  for (let i = 0; i < xLen; i++) sum += ranks[i]!;
  const dz = sum - (xLen * (xLen + 1)) / 2 - (xLen * yLen) / 2;
  let ties = 0;
  for (const t of counts.values()) ties += Math.pow(t, 3) - t;
  const sigma = Math.sqrt(((xLen * yLen) / 12) * (xLen + yLen + 1 - ties / ((xLen + yLen) * (xLen + yLen - 1))));
  if (sigma === 0) throw new AllObservationsTiedError();
  return (dz - Math.sign(dz) * 0.5) / sigma - zq;
}

/** Outcome of a call as a comparable value: the number, or the error class name. */
function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    return (e as Error).name;
  }
}

const heavyTies = fc.array(
  fc.oneof(
    fc.integer({ min: -4, max: 4 }).map((k) => k / 2),
    fc.constantFrom(0, -0),
  ),
  { minLength: 1, maxLength: 40 },
);
const continuous = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
const anyFinite = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 15 });
const samples = fc.oneof(heavyTies, continuous, anyFinite);
const quantile = fc.constantFrom(0, 2.326347874040841, -2.326347874040841, 1.959963984540054);

describe('wilcoxonDiff (merge-based) equals the pooled-sort reference bit for bit', () => {
  it('at shifts taken from the data (so that x − d hits y values: many ties)', () => {
    fc.assert(
      fc.property(samples, samples, fc.nat(), fc.nat(), quantile, (x, y, i, j, zq) => {
        const d = x[i % x.length]! - y[j % y.length]!;
        expect(outcome(() => wilcoxonDiff(d, zq, x, y))).toBe(outcome(() => referenceWilcoxonDiff(d, zq, x, y)));
      }),
      { numRuns: 600 },
    );
  });

  it('at arbitrary shifts, including ±0, huge and non-finite ones', () => {
    const shift = fc.oneof(fc.double(), fc.constantFrom(0, -0, 0.5, -0.5, Infinity, -Infinity, NaN));
    fc.assert(
      fc.property(samples, samples, shift, quantile, (x, y, d, zq) => {
        expect(outcome(() => wilcoxonDiff(d, zq, x, y))).toBe(outcome(() => referenceWilcoxonDiff(d, zq, x, y)));
      }),
      { numRuns: 600 },
    );
  });
});

describe('the fast merge (no −0, finite) equals the general merge bit for bit', () => {
  it('on tied, continuous and extreme samples at shifts from the data and arbitrary ones', () => {
    const noNegZero = samples.map((a) => a.map((v) => (Object.is(v, -0) ? 0 : v)));
    const shift = fc.oneof(fc.double(), fc.constantFrom(0, -0, 0.5, Infinity, -Infinity));
    fc.assert(
      fc.property(noNegZero, noNegZero, shift, fc.nat(), fc.nat(), fc.boolean(), (x, y, free, i, j, fromData) => {
        const d = fromData ? x[i % x.length]! - y[j % y.length]! : free;
        const s = sortedSamples(Float64Array.from(x).sort(), Float64Array.from(y).sort());
        const fast = outcome(() => wilcoxonStatistic(d, s));
        expect(fast).toBe(outcome(() => wilcoxonStatistic(d, { ...s, general: true })));
        expect(fast).toBe(outcome(() => referenceWilcoxonDiff(d, 0, x, y)));
      }),
      { numRuns: 600 },
    );
  });
});

describe('wilcoxonDiff', () => {
  it('is 2.1650635… for [10,20,30,40] vs [1,2,3,4] at d = 0 (S = 8, σ = sqrt(12), cc = 0.5)', () => {
    expect(wilcoxonDiff(0, 0, [10, 20, 30, 40], [1, 2, 3, 4])).toBe((8 - 0.5) / Math.sqrt(12));
  });

  it('subtracts zq from the standardised statistic', () => {
    const base = wilcoxonDiff(0, 0, [10, 20, 30, 40], [1, 2, 3, 4]);
    expect(wilcoxonDiff(0, 1.5, [10, 20, 30, 40], [1, 2, 3, 4])).toBe(base - 1.5);
  });

  it('is a non-increasing function of the shift when x − d is exact', () => {
    // Dyadic data and shifts (k/2, k/4) keep x − d exact. With rounding, x values can merge into a tie as d moves
    // (or −0 and +0 stop being distinct), which shrinks σ and can raise |f| by a hair while S stays the same.
    const halves = fc.array(
      fc.integer({ min: -4, max: 4 }).map((k) => k / 2),
      { minLength: 1, maxLength: 40 },
    );
    const quarter = fc.integer({ min: -20, max: 20 }).map((k) => k / 4);
    fc.assert(
      fc.property(halves, halves, quarter, fc.integer({ min: 0, max: 12 }), (x, y, d, k) => {
        const a = outcome(() => wilcoxonDiff(d, 0, x, y));
        const b = outcome(() => wilcoxonDiff(d + k / 4, 0, x, y));
        if (typeof a === 'number' && typeof b === 'number') expect(b).toBeLessThanOrEqual(a);
      }),
    );
  });

  it('throws AllObservationsTiedError when every pooled value is equal at the shift', () => {
    expect(() => wilcoxonDiff(2, 0, [3, 3], [1, 1, 1])).toThrow(AllObservationsTiedError);
    expect(() => wilcoxonDiff(2, 0, [3, 3], [1, 1, 1])).toThrow(
      'cannot compute confidence interval when all observations are tied',
    );
  });

  it('does not depend on the input order (it sorts internally)', () => {
    expect(wilcoxonDiff(0.5, 0, [3, 1, 2], [2, 0, 1])).toBe(wilcoxonDiff(0.5, 0, [1, 2, 3], [0, 1, 2]));
  });

  it('rejects empty samples and non-finite values, naming the argument and index', () => {
    expect(() => wilcoxonDiff(0, 0, [], [1])).toThrow(
      'wilcoxonDiff: x (experiment) must have at least 1 value, got 0 values',
    );
    expect(() => wilcoxonDiff(0, 0, [1], [])).toThrow(RangeError);
    expect(() => wilcoxonDiff(0, 0, [1, NaN], [1])).toThrow(
      'wilcoxonDiff: x (experiment)[1] must be a finite number, got NaN',
    );
    expect(() => wilcoxonDiff(0, 0, [1], [Infinity])).toThrow(
      'wilcoxonDiff: y (control)[0] must be a finite number, got Infinity',
    );
  });

  it('wilcoxonDiffSorted gives the same as wilcoxonDiff on pre-sorted typed arrays', () => {
    const x = [5, 1, 4, 4, 2];
    const y = [3, 3, 0, 6];
    expect(wilcoxonDiffSorted(1, 0.2, Float64Array.from(x).sort(), Float64Array.from(y).sort())).toBe(
      wilcoxonDiff(1, 0.2, x, y),
    );
  });
});
