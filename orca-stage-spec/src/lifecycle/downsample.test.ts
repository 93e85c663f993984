import { afterEach, describe, expect, it } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { testService } from '../testing/fixtures';
import { downsampleMinMax } from './downsample';

describe('downsampleMinMax', () => {
  it('returns a series that fits unchanged, without a mark', () => {
    const s = { timestamps: [1, 2, 3], values: [1, 'NaN' as const, 3] };
    expect(downsampleMinMax(s, 3)).toBe(s);
  });

  it('keeps each bucket’s min and max in time order at the bucket’s first and last timestamps', () => {
    const timestamps = Array.from({ length: 12 }, (_, i) => 1000 * i);
    const values = [5, 1, 9, 5, /**/ 7, 7, 2, 7, /**/ 3, 3, 3, 8];
    expect(downsampleMinMax({ timestamps, values }, 6)).toEqual({
      timestamps: [0, 3000, 4000, 7000, 8000, 11000],
      values: [1, 9, 7, 2, 3, 8],
      downsampled: { from: 12, to: 6 },
    });
  });

  it('keeps a one-point spike, keeps all-NaN buckets as gaps and never exceeds the cap', () => {
    const n = 10_001;
    const timestamps = Array.from({ length: n }, (_, i) => 15_000 * i);
    const values = timestamps.map((_, i) => (i === 4321 ? 1e6 : i >= 9000 && i < 9100 ? ('NaN' as const) : 100));
    const out = downsampleMinMax({ timestamps, values }, 2000);
    expect(out.timestamps.length).toBeLessThanOrEqual(2000);
    expect(out.values.length).toBe(out.timestamps.length);
    expect(out.downsampled).toEqual({ from: n, to: out.timestamps.length });
    expect(Math.max(...out.values.filter((v): v is number => typeof v === 'number'))).toBe(1e6);
    expect(out.values).toContain('NaN');
    expect(out.timestamps[0]).toBe(0);
    expect(out.timestamps[out.timestamps.length - 1]).toBe(15_000 * (n - 1));
    expect([...out.timestamps].sort((a, b) => a - b)).toEqual(out.timestamps);
  });
});

describe('report series cap (report.maxSeriesPoints)', () => {
  let svc: RunningService | undefined;
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
  });

  it('leaves series within the cap (default 2000) as they are, without a mark', async () => {
    const s = await testService();
    svc = s;
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * 60_000);
    await s.scheduler.runOnce();
    const report = await s.service.report('k');
    const stored = (await s.store.listIntervals('k', true))[0]?.series;
    expect(report?.intervals[0]?.series).toEqual(stored);
    expect(JSON.stringify(report)).not.toContain('downsampled');
  });
});
