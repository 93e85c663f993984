import { describe, expect, it } from 'vitest';
import { javaDoubleToString } from './java-double';

describe('javaDoubleToString matches Java Double.toString', () => {
  it.each([
    [100, '100.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [60.5, '60.5'],
    [66.66666666666667, '66.66666666666667'],
    [0.001, '0.001'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [0.0001, '1.0E-4'],
    [-0.00015, '-1.5E-4'],
    [1e21, '1.0E21'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('%s → %s', (x, expected) => {
    expect(javaDoubleToString(x)).toBe(expected);
  });
});
