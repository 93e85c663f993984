/** averageRanks / compareDoubles: average ties, NaN maximal, −0 before +0 (Java Double.compare). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, compareDoubles } from './ranks';

describe('averageRanks', () => {
  it('gives tied values the average of their positions', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30]))).toEqual([1.5, 3, 1.5, 4]);
    expect(Array.from(averageRanks([5, 5, 5]))).toEqual([2, 2, 2]);
  });

  it('ranks NaN last, tied with +Infinity (NaNStrategy.MAXIMAL)', () => {
    expect(Array.from(averageRanks([NaN, 1, Infinity]))).toEqual([2.5, 1, 2.5]);
  });

  it('ranks −0 below +0 (Java Double.compare), so they do not tie', () => {
    expect(Array.from(averageRanks([0, -0]))).toEqual([2, 1]);
  });

  it('is empty for an empty input', () => {
    expect(averageRanks([])).toHaveLength(0);
  });

  it('ranks always sum to n(n+1)/2 and are half-integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 60 }), (v) => {
        const r = averageRanks(v);
        const n = v.length;
        expect(r.reduce((s, x) => s + x, 0)).toBe((n * (n + 1)) / 2);
        for (const x of r) expect(Number.isInteger(2 * x)).toBe(true);
      }),
    );
  });
});

describe('compareDoubles', () => {
  it('orders −Infinity < −1 < −0 < +0 < 1 < +Infinity < NaN', () => {
    const sorted = [NaN, 1, Infinity, 0, -0, -1, -Infinity].sort(compareDoubles);
    expect(sorted.map((x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual([
      '-Infinity',
      '-1',
      '-0',
      '0',
      '1',
      'Infinity',
      'NaN',
    ]);
    expect(compareDoubles(NaN, NaN)).toBe(0);
    expect(compareDoubles(2, 2)).toBe(0);
  });
});
