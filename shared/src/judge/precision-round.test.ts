import { describe, expect, it } from 'vitest';
import { precisionRound } from './precision-round';
// 400 values and commons-math 3.6.1 `Precision.round(x, 2)` of each, computed with OpenJDK 17 (generator: seeded
// java.util.Random mixing weighted group-score sums, x.xxx5 decimals and uniform doubles; testdata/R.java).
import reference from './testdata/precision-round-commons-math.json';

describe('precisionRound (commons-math Precision.round, HALF_UP on the decimal string)', () => {
  it.each([
    [1.005, 1.01], // binary value is below 1.005; the decimal string is not
    [2.675, 2.68],
    [1.0049999, 1.0],
    [66.66666666666667, 66.67],
    [33.333333333333336, 33.33],
    [99.995, 100],
    [0.125, 0.13],
    [-2.345, -2.35], // half away from zero
    [1e-7, 0],
    [5e-3, 0.01],
    [4.9999e-3, 0],
    [12.3, 12.3],
    [100, 100],
    [1e21, 1e21],
    [1.2345e21, 1.2345e21],
  ])('rounds %s to %s', (x, expected) => {
    expect(precisionRound(x, 2)).toBe(expected);
  });

  it('differs from Math.round(x*100)/100 and toFixed on 1.005', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(precisionRound(1.005, 2)).toBe(1.01);
  });

  it('keeps the sign of a value that rounds to zero, and passes NaN and infinities through', () => {
    expect(Object.is(precisionRound(-0.001, 2), -0)).toBe(true);
    expect(Object.is(precisionRound(0.001, 2), 0)).toBe(true);
    expect(precisionRound(NaN, 2)).toBeNaN();
    expect(precisionRound(Infinity, 2)).toBe(Infinity);
    expect(precisionRound(-Infinity, 2)).toBe(-Infinity);
  });

  it('supports other scales and refuses bad ones', () => {
    expect(precisionRound(2.5, 0)).toBe(3);
    expect(precisionRound(-2.5, 0)).toBe(-3);
    expect(precisionRound(1.23456, 4)).toBe(1.2346);
    expect(() => precisionRound(1, -1)).toThrow(RangeError);
    expect(() => precisionRound(1, 1.5)).toThrow(RangeError);
  });
});

describe('precisionRound against commons-math reference values', () => {
  it('matches Precision.round(x, 2) on 400 generated values', () => {
    const pairs = reference as unknown as [number, number][];
    expect(pairs.length).toBe(400);
    const mismatches = pairs.filter(([x, expected]) => precisionRound(x, 2) !== expected);
    expect(mismatches).toEqual([]);
  });
});
