import { describe, expect, it } from 'vitest';
import { formatValue } from './format';

describe('formatValue', () => {
  it.each([
    [0.000123456, '0.000123'],
    [12345, '12.3k'],
    [2_500_000, '2.5M'],
    [NaN, 'N/A'],
  ])('%s → %s', (v, t) => expect(formatValue(v)).toBe(t));
});
