import { describe, expect, it } from 'vitest';
import { boxStats, histogram, roundHistogram } from './distribution';

describe('histogram', () => {
  it('bins both sides on shared edges and counts every finite value', () => {
    const bins = histogram([1, 2, 3, 4, NaN], [3, 4, 5, 6]);
    expect(bins.reduce((s, b) => s + b.baseline, 0)).toBe(4);
    expect(bins.reduce((s, b) => s + b.canary, 0)).toBe(4);
    expect(bins[0]!.x0).toBe(1);
    expect(bins[bins.length - 1]!.x1).toBe(6);
    expect(bins).toHaveLength(Math.ceil(Math.log2(8)) + 1);
  });
  it('uses one bin for constant data and none for no data', () => {
    expect(histogram([2, 2], [2])).toEqual([{ x0: 2, x1: 2, label: '2–2', baseline: 2, canary: 1 }]);
    expect(histogram([NaN], [])).toEqual([]);
  });
});

describe('boxStats', () => {
  it('gives R-7 quartiles (R: quantile(c(1,2,3,4,10), type=7) = 1 2 3 4 10)', () => {
    expect(boxStats([10, 1, 3, 2, 4, NaN])).toEqual({ min: 1, q1: 2, median: 3, q3: 4, max: 10, n: 5 });
    expect(boxStats([1, 2, 3, 4])).toMatchObject({ q1: 1.75, median: 2.5, q3: 3.25 });
    expect(boxStats([NaN])).toBeNull();
  });
});

describe('roundHistogram', () => {
  it('bins on round edges, counts every finite value and labels each bin with its lower edge', () => {
    const bins = roundHistogram([1.3, 2.2, 3.7, 4.1, NaN], [3.2, 4.4, 5.9, 6.6], 'ms');
    // 8 values: Sturges gives 4 bins over 1.3–6.6, width 1.325 → the round step 2, first edge 0.
    expect(bins.map((b) => b.x0)).toEqual([0, 2, 4, 6]);
    expect(bins.map((b) => b.label)).toEqual(['0 ms', '2 ms', '4 ms', '6 ms']);
    expect(bins[0]!.range).toBe('0–2 ms');
    expect(bins.reduce((s, b) => s + b.baseline, 0)).toBe(4);
    expect(bins.reduce((s, b) => s + b.canary, 0)).toBe(4);
  });
  it('labels every bin in one display unit, distinct and round (ms past a second → s)', () => {
    const base = Array.from({ length: 300 }, (_, i) => 900 + ((i * 37) % 2100));
    const bins = roundHistogram(
      base,
      base.map((v) => v + 150),
      'ms',
    );
    // 600 values over 900–3149 ms: Sturges 11 bins → the round width 250 ms = 0.25 s, so two decimals.
    expect(bins[0]!.x1 - bins[0]!.x0).toBe(250);
    expect(bins.map((b) => b.label)).toEqual(bins.map((b) => `${(b.x0 / 1000).toFixed(2)} s`));
    expect(new Set(bins.map((b) => b.label)).size).toBe(bins.length);
    expect(bins[0]!.range).toBe('0.75–1.00 s');
  });
  it('one bin for constant data, none without data, never more than maxBins', () => {
    expect(roundHistogram([2, 2], [2])).toHaveLength(1);
    expect(roundHistogram([NaN], [])).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i) => i * 0.37);
    expect(roundHistogram(many, many, '', 10).length).toBeLessThanOrEqual(10);
  });
});
