import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { judgmentReportSchema } from '../contract/schemas';
import { judge } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import type { DemoScenario } from '../sources/demo';
import { testService } from '../testing/fixtures';

// The demo scenarios end to end with the real scoring library (not the fake judge): each scenario gives the
// verdict the demo page promises.
const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const isReport = ajv.compile(judgmentReportSchema);

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

describe('demo scenarios with the real judge', () => {
  it.each<[DemoScenario, string, string, number, RegExp]>([
    [
      'healthy',
      'SUCCEEDED',
      'PASS',
      3,
      /^PASS 100\/100: all 3 metrics passed; score 100 meets pass 75 after 3 of 3 intervals\./,
    ],
    [
      'latency-regression',
      'TERMINAL',
      'FAIL',
      1,
      /^FAIL 0\/100: critical metric request-latency is High \(canary mean \+\d+(\.\d+)? % vs baseline\)[^]*; score 0 is at or below marginal 50 in interval 1 of 3; stopped early\./,
    ],
    ['error-burst', 'TERMINAL', 'MARGINAL', 3, /^MARGINAL [\d.]+\/100: metric http-errors is High \(canary mean /],
    [
      'missing-data',
      'TERMINAL',
      'FAIL',
      1,
      /^FAIL 0\/100: critical metric request-latency is Nodata \(no data: canary 0 points/,
    ],
  ])(
    '%s → %s / %s after %i interval(s); the message names the cause',
    async (scenario, status, verdict, intervals, message) => {
      const s = await testService({}, { judge });
      svc = s;
      await s.service.create('k', demoRequest(scenario));
      s.clock.advance(30 * 60_000);
      for (let i = 0; i < 3; i++) await s.scheduler.runOnce();
      const j = await s.service.get('k');
      expect(j).toMatchObject({ status, verdict });
      expect(j?.intervalScores).toHaveLength(intervals);
      expect(j?.message.startsWith(`${verdict} `)).toBe(true);
      expect(j?.message).toMatch(message);
      expect((await s.service.report('k'))?.judgment.message).toBe(j?.message);
      expect(JSON.stringify(j).length).toBeLessThan(16 * 1024);

      const report = await s.service.report('k');
      expect(isReport(JSON.parse(JSON.stringify(report))), JSON.stringify(isReport.errors)).toBe(true);
      const first = report?.intervals[0];
      const result = first?.result as { results: Array<{ name: string; canaryJudge?: unknown }> };
      expect(result.results.map((r) => r.name)).toEqual(['request-latency', 'http-errors', 'cpu-usage']);
      expect(result.results.every((r) => r.canaryJudge !== undefined)).toBe(true);
      const series = first?.series as Record<
        string,
        { control: { values: unknown[] }; experiment: { values: unknown[] } }
      >;
      expect(series['request-latency']?.control.values).toHaveLength(61);
      expect(series['request-latency']?.experiment.values).toHaveLength(scenario === 'missing-data' ? 0 : 61);
    },
  );
});
