import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alignSeries,
  differenceRows,
  shiftBands,
  boxStats,
  downsampleMinMax,
  formatValue,
  groupBlocks,
  histogram,
  intervalTrend,
  metricBands,
  yDomain,
  type TimeRow,
} from './series';
import { failResult } from './reportFixtures';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('alignSeries', () => {
  it('overlays a shifted baseline on the canary by elapsed minutes, NaN as gaps', () => {
    const control = { timestamps: [T0 - 3_600_000, T0 - 3_540_000], values: [1, NaN] };
    const experiment = { timestamps: [T0, T0 + 60_000, T0 + 120_000], values: [2, 3, 4] };
    expect(alignSeries(control, experiment, T0 - 3_600_000, T0)).toEqual([
      { t: 0, baseline: 1, canary: 2 },
      { t: 1, baseline: null, canary: 3 },
      { t: 2, baseline: null, canary: 4 },
    ]);
  });
  it('handles a missing side', () => {
    expect(alignSeries(undefined, { timestamps: [T0], values: [5] }, NaN, NaN)).toEqual([
      { t: 0, baseline: null, canary: 5 },
    ]);
    expect(alignSeries(undefined, undefined, T0, T0)).toEqual([]);
  });
});

describe('downsampleMinMax', () => {
  it('returns short inputs unchanged', () => {
    const rows: TimeRow[] = [{ t: 0, baseline: 1, canary: 2 }];
    expect(downsampleMinMax(rows, 10)).toEqual(rows);
  });

  it('keeps peaks, gaps and order within the point budget (property)', () => {
    const row = fc.record({
      baseline: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
      canary: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 2000 }), fc.integer({ min: 8, max: 200 }), (raw, max) => {
        const rows = raw.map((r, i) => ({ t: i, ...r }));
        const out = downsampleMinMax(rows, max);
        const buckets = Math.floor(max / 4);
        expect(out.length).toBeLessThanOrEqual(rows.length <= max ? rows.length : max + buckets);
        for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
        for (const key of ['baseline', 'canary'] as const) {
          const vs = rows.map((r) => r[key]).filter((v): v is number => v !== null);
          const kept = out.map((r) => r[key]).filter((v): v is number => v !== null);
          if (vs.length > 0) {
            expect(Math.max(...kept)).toBe(Math.max(...vs));
            expect(Math.min(...kept)).toBe(Math.min(...vs));
          }
        }
        if (rows.some((r) => r.baseline === null || r.canary === null)) {
          expect(out.some((r) => r.baseline === null || r.canary === null)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

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

describe('intervalTrend', () => {
  it('bands each score and leaves planned intervals empty', () => {
    expect(intervalTrend([80, 60], 3, { pass: 75, marginal: 50 })).toEqual([
      { interval: 1, score: 80, band: 'PASS' },
      { interval: 2, score: 60, band: 'MARGINAL' },
      { interval: 3, score: null, band: null },
    ]);
  });
});

describe('groupBlocks', () => {
  const gs = failResult().groupScores;
  it('sizes blocks by weight and sorts by weight', () => {
    expect(groupBlocks(gs, { latency: 60, errors: 40 }, { pass: 75, marginal: 50 })).toEqual([
      { name: 'latency', score: 0, noData: false, weight: 60, widthPct: 60, band: 'FAIL' },
      { name: 'errors', score: 100, noData: false, weight: 40, widthPct: 40, band: 'PASS' },
    ]);
  });
  it('shares the remainder among unweighted groups, and the bar when all weights are 0', () => {
    expect(groupBlocks(gs, { latency: 70 }, { pass: 75, marginal: 50 }).map((b) => b.widthPct)).toEqual([70, 30]);
    expect(groupBlocks(gs, { latency: 0, errors: 0 }, { pass: 75, marginal: 50 }).map((b) => b.widthPct)).toEqual([
      50, 50,
    ]);
  });
});

describe('formatValue', () => {
  it.each([
    [0.000123456, '0.000123'],
    [12345, '12.3k'],
    [2_500_000, '2.5M'],
    [NaN, 'N/A'],
  ])('%s → %s', (v, t) => expect(formatValue(v)).toBe(t));
});

describe('differenceRows / shiftBands', () => {
  it('subtracts baseline from canary and keeps gaps', () => {
    expect(
      differenceRows([
        { t: 0, baseline: 1, canary: 3 },
        { t: 1, baseline: null, canary: 3 },
      ]),
    ).toEqual([
      { t: 0, diff: 2 },
      { t: 1, diff: null },
    ]);
  });
  it('gives the shift CI and tolerance around 0', () => {
    expect(shiftBands(failResult().results[2]!)).toEqual({ ci: [30, 50], tolerance: [-10, 10] });
    expect(shiftBands(failResult().results[1]!)).toEqual({ ci: null, tolerance: null });
  });
});
