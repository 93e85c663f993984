import { describe, expect, it } from 'vitest';
import type { JudgmentReport } from './report';
import { whatIfReport } from '../testing/reportFixtures';
import {
  guardrailSettingsOf,
  runWhatIf,
  whatIfDefaults,
  whatIfMetricIssues,
  whatIfRequest,
  type WhatIfMetric,
  type WhatIfSettings,
} from './whatIf';
import { goodThenBadEdit, withMetric } from '../testing/whatIfSettings';

/** Interval 2: p99 latency clearly higher (critical High), error rate equal, cpu without canary data. */
const report = (): JudgmentReport => whatIfReport('missing');

function resultOf(r: JudgmentReport, s: WhatIfSettings, name: string) {
  const out = runWhatIf(r, r.intervals[1]!, s);
  if (!out.ok) throw new Error(`simulation failed: ${out.error}`);
  return out.result.results.find((x) => x.name === name)!;
}

/** error-rate's guardrail fields as the what-if shows them: minimum points, statistic, upper limit, lower limit. */
function shownGuardrails(s: WhatIfSettings): string[] {
  const m = s.metrics['error-rate']!;
  return [m.minimumPoints, m.absoluteStatistic, m.absoluteUpperLimit, m.absoluteLowerLimit];
}

describe('what-if guardrails: defaults and request', () => {
  it('starts with no guardrails and sends no canaryJudge key for a Kayenta-only config', () => {
    const r = report();
    const s = whatIfDefaults(r);
    expect(shownGuardrails(s)).toEqual(['', '', '', '']);
    const req = whatIfRequest(r, r.intervals[1]!, s);
    for (const m of req.canaryConfig.metrics) expect(m.analysisConfigurations).not.toHaveProperty('canaryJudge');
  });

  it("reads the judgment's guardrails and sends them back unchanged (unknown keys kept)", () => {
    const r = report();
    const canaryJudge = { minimumPoints: 20, absolute: { statistic: 'p95' as const, upperLimit: 8 }, later: 1 };
    r.request.canaryConfig!.metrics[1]!.analysisConfigurations = { canaryJudge };
    const s = whatIfDefaults(r);
    expect(shownGuardrails(s)).toEqual(['20', 'p95', '8', '']);
    const req = whatIfRequest(r, r.intervals[1]!, s);
    expect(req.canaryConfig.metrics[1]!.analysisConfigurations?.canaryJudge).toEqual(canaryJudge);
  });

  it('clearing every guardrail leaves only the keys the panel does not edit', () => {
    const m = whatIfDefaults(report()).metrics['cpu']!;
    expect(guardrailSettingsOf({ minimumPoints: 5, absolute: { statistic: 'max', upperLimit: 1 } }, m)).toBeUndefined();
    expect(guardrailSettingsOf({ minimumPoints: 5, note: 'x' }, m)).toEqual({ note: 'x' });
    expect(guardrailSettingsOf(null, { ...m, absoluteStatistic: 'mean', absoluteLowerLimit: '-1.5' })).toEqual({
      absolute: { statistic: 'mean', lowerLimit: -1.5 },
    });
  });
});

describe('what-if guardrails: re-scoring', () => {
  it.each([
    ['31', 'Nodata', 'Too few data points for error-rate: canary has 30, baseline has 30, at least 31 required'],
    ['30', 'Pass', 'The Canary and Baseline data are identical'],
  ])('minimum points %s on 30-point series → %s', (minimumPoints, classification, reason) => {
    const r = report();
    const m = resultOf(r, withMetric(whatIfDefaults(r), 'error-rate', { minimumPoints }), 'error-rate');
    expect(m.classification).toBe(classification);
    expect(m.classificationReason).toBe(reason);
  });

  it.each([
    ['6', '', 'High', 'error-rate max 7 is above the absolute limit 6'],
    ['7', '', 'Pass', 'The Canary and Baseline data are identical'],
    ['', '8', 'Low', 'error-rate max 7 is below the absolute limit 8'],
  ])('max with upper %j / lower %j → %s', (upper, lower, classification, reason) => {
    const r = report();
    const s = withMetric(whatIfDefaults(r), 'error-rate', {
      absoluteStatistic: 'max',
      absoluteUpperLimit: upper,
      absoluteLowerLimit: lower,
    });
    const m = resultOf(r, s, 'error-rate');
    expect(m.classification).toBe(classification);
    expect(m.classificationReason).toBe(reason);
  });
});

describe('what-if guardrails: issues', () => {
  const m = (): WhatIfMetric => whatIfDefaults(report()).metrics['cpu']!;
  it.each<[Partial<WhatIfMetric>, Record<string, string>]>([
    // The scoring library's rules (validateCanaryConfig), worded as the panel and the API word them.
    [{ minimumPoints: '0' }, { minimumPoints: 'must be at least 1 (got 0)' }],
    [{ minimumPoints: '2.5' }, { minimumPoints: 'must be a whole number (got 2.5)' }],
    [{ minimumPoints: 'ten' }, { minimumPoints: 'must be a number (got "ten")' }],
    [{ absoluteUpperLimit: '0.5' }, { absoluteStatistic: 'is required: one of mean, p50, p90, p95, p99, max' }],
    [{ absoluteStatistic: 'p99' }, { absoluteUpperLimit: 'needs an upper or a lower limit (or both)' }],
    [
      { absoluteStatistic: 'p99', absoluteUpperLimit: '500ms' },
      { absoluteUpperLimit: 'must be a number (got "500ms")' },
    ],
    [
      { absoluteStatistic: 'p99', absoluteUpperLimit: '1', absoluteLowerLimit: '2' },
      { absoluteLowerLimit: 'must be at most upperLimit (1)' },
    ],
    [{ minimumPoints: ' 12 ', absoluteStatistic: 'mean', absoluteLowerLimit: '2', absoluteUpperLimit: '2' }, {}],
  ])('%j → %j', (patch, expected) => {
    expect(whatIfMetricIssues({ ...m(), ...patch })).toEqual(expected);
  });

  it('a metric with a bad guardrail keeps its last valid settings in the simulation', () => {
    const {
      good,
      bad,
      afterBad: s2,
    } = goodThenBadEdit(report(), 'cpu', { minimumPoints: '5' }, { minimumPoints: '0' });
    expect(bad).toEqual({ ...good, minimumPoints: '0' });
    expect(s2.draft.metrics['cpu']).toEqual(bad);
    expect(s2.valid.metrics['cpu']).toEqual(good);
  });
});
