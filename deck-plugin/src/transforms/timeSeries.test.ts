import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignSeries, differenceRows, downsampleMinMax, type TimeRow } from './timeSeries';

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

describe('differenceRows', () => {
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
});
