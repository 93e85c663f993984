import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { readReport } from '../../../deck-plugin/src/transforms/report';
import { alignSeries } from '../../../deck-plugin/src/transforms/timeSeries';
import { judgmentReportSchema } from '../contract/schemas';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { scriptedSource } from '../testing/fake-source';
import { fakeJudge, testService } from '../testing/fixtures';
import { downsampleMinMax } from './downsample';
import type { IntervalEvaluation } from './evaluate';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isReport = new Ajv({ strict: false }).compile(judgmentReportSchema);

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
  let dir: string | undefined;
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('downsamples long chart series in the report only; the judge scored every point', async () => {
    const POINTS = 3000;
    // Baseline flat at 100; canary flat at 100 with one spike: the fake judge passes it only on the means.
    const source = scriptedSource(async (r) => {
      const timestamps = Array.from({ length: POINTS }, (_, i) => r.startMs + 200 * i);
      const values = timestamps.map((_, i) => (r.side === 'experiment' && i === 1234 ? 5000 : 100));
      return { timestamps, values };
    });
    const seen: number[] = [];
    let judging = false; // the service also calls the judge at creation, to check the config
    const judge: typeof fakeJudge = (req) => {
      if (judging)
        for (const p of req.metricSetPairList) seen.push(p.values.control.length, p.values.experiment.length);
      return fakeJudge(req);
    };
    dir = mkdtempSync(join(tmpdir(), 'report-cap-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ report: { maxSeriesPoints: 500 } }));
    const s = await testService({ CANARY_JUDGE_CONFIG: file }, { sources: new Map([['demo', source]]), judge });
    svc = s;
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * 60_000);
    judging = true;
    await s.scheduler.runOnce();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === POINTS)).toBe(true); // the judge saw the full series

    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(isReport(body)).toBe(true);
    const series = body.intervals[0].series as Record<
      string,
      Record<'control' | 'experiment', { timestamps: number[]; values: number[]; downsampled?: object }>
    >;
    const [name, pair] = Object.entries(series)[0] ?? [];
    expect(name).toBeDefined();
    for (const side of ['control', 'experiment'] as const) {
      expect(pair?.[side].timestamps.length).toBeLessThanOrEqual(500);
      expect(pair?.[side].downsampled).toEqual({ from: POINTS, to: pair?.[side].timestamps.length });
    }
    expect(Math.max(...(pair?.experiment.values ?? []))).toBe(5000); // the spike is still visible
    // The stored series are untouched: the interval's score and stats came from all points.
    const stored = (await s.store.listIntervals('k', true))[0]?.series as IntervalEvaluation['series'];
    expect(stored[name as string]?.experiment.timestamps).toHaveLength(POINTS);

    // The Deck plugin's reader ignores the new field and baseline/canary still line up point for point.
    const read = readReport(body);
    const readPair = read.intervals[0]?.series[name as string];
    expect(readPair?.experiment?.values).toHaveLength(pair?.experiment.values.length ?? -1);
    const rows = alignSeries(readPair?.control, readPair?.experiment, NaN, NaN);
    expect(rows.every((r) => r.baseline !== null && r.canary !== null)).toBe(true);
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
