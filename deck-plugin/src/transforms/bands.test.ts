import { describe, expect, it } from 'vitest';
import { metricBands, shiftBands, yDomain } from './bands';
import { failResult } from '../testing/reportFixtures';

describe('metricBands / yDomain', () => {
  it('centres CI and tolerance on the baseline mean', () => {
    const b = metricBands(failResult().results[2]!);
    expect(b).toEqual({ baselineMean: 100, ci: [130, 150], tolerance: [90, 110] });
  });
  it('gives null bands without detail', () => {
    expect(metricBands(failResult().results[1]!)).toEqual({ baselineMean: 100, ci: null, tolerance: null });
  });
  it('covers every band so nothing is clipped', () => {
    const [lo, hi] = yDomain([{ t: 0, baseline: 100, canary: 120 }], {
      baselineMean: 100,
      ci: [130, 150],
      tolerance: [90, 110],
    });
    expect(lo).toBeLessThan(90);
    expect(hi).toBeGreaterThan(150);
    expect(yDomain([], { baselineMean: null, ci: null, tolerance: null })).toEqual([0, 1]);
    expect(yDomain([{ t: 0, baseline: 5, canary: 5 }], { baselineMean: null, ci: null, tolerance: null })).toEqual([
      4, 6,
    ]);
  });
});

describe('shiftBands', () => {
  it('gives the shift CI and tolerance around 0', () => {
    expect(shiftBands(failResult().results[2]!)).toEqual({ ci: [30, 50], tolerance: [-10, 10] });
    expect(shiftBands(failResult().results[1]!)).toEqual({ ci: null, tolerance: null });
  });
});
