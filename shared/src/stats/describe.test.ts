/** describe: Kayenta summary statistics, including the all-zero empty summary. */
import { describe, expect, it } from 'vitest';
import { describe as summarize } from './describe';

describe('describe (Kayenta DescriptiveStatistics.summary)', () => {
  it('reports count, mean, min, max and the sample standard deviation', () => {
    const s = summarize([1, 1, 1, 10, 10, 10]);
    expect(s).toEqual({ count: 6, mean: 5.5, min: 1, max: 10, std: Math.sqrt(24.3) });
  });

  it('gives all zeros for an empty series (not NaN)', () => {
    expect(summarize([])).toEqual({ count: 0, mean: 0, min: 0, max: 0, std: 0 });
  });

  it('gives std 0 for a single value', () => {
    expect(summarize([4])).toEqual({ count: 1, mean: 4, min: 4, max: 4, std: 0 });
  });

  it('handles negative values', () => {
    expect(summarize([-3, -1, -2])).toEqual({ count: 3, mean: -2, min: -3, max: -1, std: 1 });
  });

  it('accepts typed arrays', () => {
    expect(summarize(Float64Array.of(2, 4))).toEqual({ count: 2, mean: 3, min: 2, max: 4, std: Math.SQRT2 });
  });
});
