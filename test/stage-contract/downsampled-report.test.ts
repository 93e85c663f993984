/**
 * The report's series cap (`report.maxSeriesPoints`) seen from both ends of the contract: the service downsamples the
 * chart series of `GET /v1/judgments/{id}/report` (the judge still scores every point), and the Deck plugin's report
 * reader takes the downsampled series as they are, baseline and canary lining up point for point.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { alignSeries, readReport } from '@canary-judge/deck-plugin/testing';
import {
  demoRequest,
  fakeJudge,
  judgmentReportSchema,
  scriptedSource,
  testService,
  type IntervalEvaluation,
  type RunningService,
} from '@canary-judge/orca-stage-spec/testing';

const isReport = new Ajv({ strict: false }).compile(judgmentReportSchema);

describe('report series cap (report.maxSeriesPoints) across the service and the Deck plugin', () => {
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
});
