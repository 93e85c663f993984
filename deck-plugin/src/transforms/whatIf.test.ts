import { describe, expect, it } from 'vitest';
import { validateCanaryConfig } from '@canary-judge/shared';
import type { JudgmentReport } from './report';
import { whatIfReport, wiggleSeries } from '../testing/reportFixtures';
import {
  changedClassifications,
  runWhatIf,
  whatIfDefaults,
  whatIfMetricIssues,
  whatIfRequest,
  withMeasure,
  type WhatIfMetric,
} from './whatIf';
import { goodThenBadEdit, withMetric } from '../testing/whatIfSettings';

/** Interval 2: p99 latency clearly higher (critical High), error rate equal, cpu without canary data. */
const report = (): JudgmentReport => whatIfReport('missing');
const series = wiggleSeries;

/**
 * Re-scores interval 2 of `r` with `base` (`before`; the judgment's own settings by default), and again with `patch` on
 * metric `name` (`after`).
 */
function rescore(r: JudgmentReport, name: string, patch: Partial<WhatIfMetric>, base = whatIfDefaults(r)) {
  return {
    before: runWhatIf(r, r.intervals[1]!, base),
    after: runWhatIf(r, r.intervals[1]!, withMetric(base, name, patch)),
  };
}

describe('whatIfRequest', () => {
  it('rebuilds the RemoteJudge request with wire NaN and the edited settings', () => {
    const r = report();
    r.intervals[1]!.series['error-rate']!.control!.values[0] = NaN;
    const s = whatIfDefaults(r);
    s.metrics['p99-latency']!.muted = true;
    const req = whatIfRequest(r, r.intervals[1]!, { ...s, pass: 90 });
    expect(req.scoreThresholds).toEqual({ pass: 90, marginal: 50 });
    expect(req.metricSetPairList.map((p) => p.name)).toEqual(['p99-latency', 'error-rate', 'cpu']);
    expect(req.metricSetPairList[1]!.values.control[0]).toBe('NaN');
    expect(req.canaryConfig.metrics[0]!.analysisConfigurations?.canary).toMatchObject({
      direction: 'increase',
      critical: true,
      muted: true,
    });
    expect(req.canaryConfig.classifier?.groupWeights).toEqual({ latency: 60, errors: 40 });
  });
});

describe('runWhatIf', () => {
  it('with the judgment settings, the critical High latency fails the canary', () => {
    const r = report();
    const out = runWhatIf(r, r.intervals[1]!, whatIfDefaults(r));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.results.find((x) => x.name === 'p99-latency')?.classification).toBe('High');
    expect(out.result.score).toMatchObject({ score: 0, classification: 'Fail' });
  });

  it('failing only on decrease passes the metric; muting it exposes the no-data rule', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const muted = runWhatIf(r, r.intervals[1]!, withMetric(base, 'p99-latency', { muted: true }));
    const decrease = runWhatIf(r, r.intervals[1]!, withMetric(base, 'p99-latency', { direction: 'decrease' }));
    // muting leaves error-rate (Pass) and cpu (Nodata): 50 % no data fails the canary (docs/design/kayenta-judge.md §9
    // item 4)
    expect(muted.ok && muted.result.score.classificationReason).toBe(
      'Canary Failed: 50% or more metrics returned NODATA',
    );
    expect(decrease.ok && decrease.result.results.find((x) => x.name === 'p99-latency')?.classification).toBe('Pass');
  });

  it('lower weights for the failing group raise the score when the metric is not critical', () => {
    const r = report();
    const base = whatIfDefaults(r);
    base.metrics['p99-latency']!.critical = false;
    const a = runWhatIf(r, r.intervals[1]!, base);
    const b = runWhatIf(r, r.intervals[1]!, { ...base, weights: { latency: 10, errors: 90 } });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.result.score.score).toBeGreaterThan(a.result.score.score);
  });

  it('returns the rule instead of throwing for bad thresholds', () => {
    const r = report();
    expect(runWhatIf(r, r.intervals[1]!, { ...whatIfDefaults(r), marginal: 80, pass: 75 })).toEqual({
      ok: false,
      error: 'scoreThresholds.marginal: must be below pass (75)',
      issues: [{ field: 'scoreThresholds.marginal', rule: 'must be below pass (75)' }],
    });
    const nan = runWhatIf(r, r.intervals[1]!, { ...whatIfDefaults(r), pass: NaN });
    expect(nan.ok).toBe(false);
  });
});

describe('runWhatIf NaN strategy', () => {
  it('replacing missing values turns the canary without data into a judged metric', () => {
    const { before, after } = rescore(report(), 'cpu', { nanStrategy: 'replace' });
    if (!before.ok || !after.ok) throw new Error('simulation failed');
    expect(before.result.results.find((x) => x.name === 'cpu')?.classification).toBe('Nodata');
    expect(after.result.results.find((x) => x.name === 'cpu')?.classification).not.toBe('Nodata');
  });
});

describe('changedClassifications', () => {
  it('lists metrics whose classification changed', () => {
    const { before: a, after: b } = rescore(report(), 'p99-latency', { direction: 'decrease' });
    if (!a.ok || !b.ok) throw new Error('simulation failed');
    expect(changedClassifications(a.result, b.result)).toEqual([{ name: 'p99-latency', from: 'High', to: 'Pass' }]);
  });
});

/** Interval 2 with the same shapes, where error-rate's baseline has one outlier (500) and the canary is 3 higher. */
function outlierReport(): JudgmentReport {
  const r = report();
  const control = series(5);
  control.values[0] = 500;
  r.intervals[1]!.series['error-rate'] = { control, experiment: series(8) };
  return r;
}

function classOf(out: ReturnType<typeof runWhatIf>, name: string) {
  if (!out.ok) throw new Error(`simulation failed: ${out.error}`);
  return out.result.results.find((x) => x.name === name);
}

describe('whatIfDefaults per-metric settings', () => {
  it('shows the judge defaults explicitly in the panel unit: mean ratio thresholds 0 %, factor 3.0', () => {
    expect(whatIfDefaults(report()).metrics['error-rate']).toMatchObject({
      measure: 'meanRatio',
      allowedIncrease: '0',
      allowedDecrease: '0',
      criticalIncrease: '0',
      criticalDecrease: '0',
      outlierStrategy: 'keep',
      outlierFactor: '3.0',
    });
  });

  it('reads configured effect sizes and outliers; CLES thresholds default to 0.5', () => {
    const r = report();
    r.request.canaryConfig!.metrics[1]!.analysisConfigurations = {
      canary: {
        effectSize: { measure: 'cles', allowedIncrease: 0.7 },
        outliers: { strategy: 'remove', outlierFactor: 1.5 },
      },
    };
    expect(whatIfDefaults(r).metrics['error-rate']).toMatchObject({
      measure: 'cles',
      allowedIncrease: '0.7',
      allowedDecrease: '0.5',
      criticalIncrease: '0.5',
      criticalDecrease: '0.5',
      outlierStrategy: 'remove',
      outlierFactor: '1.5',
    });
  });
});

describe('whatIfRequest effect size and outliers', () => {
  it('writes every per-metric setting as numbers under analysisConfigurations.canary', () => {
    const r = report();
    const s = whatIfDefaults(r);
    s.metrics['cpu'] = {
      ...s.metrics['cpu']!,
      measure: 'cles',
      allowedIncrease: '0.6',
      allowedDecrease: '0.4',
      criticalIncrease: '0.9',
      criticalDecrease: '.1',
      outlierStrategy: 'remove',
      outlierFactor: '2',
    };
    const req = whatIfRequest(r, r.intervals[1]!, s);
    expect(req.canaryConfig.metrics[2]!.analysisConfigurations?.canary).toMatchObject({
      effectSize: {
        measure: 'cles',
        allowedIncrease: 0.6,
        allowedDecrease: 0.4,
        criticalIncrease: 0.9,
        criticalDecrease: 0.1,
      },
      outliers: { strategy: 'remove', outlierFactor: 2 },
    });
  });
});

/**
 * Interval 2 with the canary's p99 latency at 60 against a baseline of 100 (a Low under direction `either`), re-scored
 * with direction `either` (`before`), and again with `patch` on p99-latency (`after`).
 */
function lowLatency(patch: Partial<WhatIfMetric>) {
  const r = report();
  r.intervals[1]!.series['p99-latency']!.experiment = series(60);
  return rescore(r, 'p99-latency', patch, withMetric(whatIfDefaults(r), 'p99-latency', { direction: 'either' }));
}

describe('runWhatIf effect size', () => {
  it('allowedIncrease above the ratio turns the High latency into Pass and raises the score', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const after = runWhatIf(r, r.intervals[1]!, withMetric(base, 'p99-latency', { allowedIncrease: '50' }));
    expect(classOf(after, 'p99-latency')?.classification).toBe('Pass');
    expect(after.ok && after.result.score.score).toBeGreaterThan(0);
  });

  it('allowedDecrease below the ratio turns a Low metric into Pass', () => {
    const { before: low, after: pass } = lowLatency({ allowedDecrease: '50' });
    expect(classOf(low, 'p99-latency')?.classification).toBe('Low');
    expect(classOf(pass, 'p99-latency')?.classification).toBe('Pass');
  });

  it('criticalIncrease above the ratio keeps the metric High but no longer fails the canary by itself', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const out = runWhatIf(r, r.intervals[1]!, withMetric(base, 'p99-latency', { criticalIncrease: '50' }));
    expect(classOf(out, 'p99-latency')).toMatchObject({ classification: 'High', critical: false });
    expect(out.ok && out.result.score.classificationReason).not.toContain('Critical');
  });

  it('criticalDecrease below the ratio keeps a critical Low from failing the canary by itself', () => {
    const { before: critical, after: normal } = lowLatency({ criticalDecrease: '50' });
    expect(classOf(critical, 'p99-latency')).toMatchObject({ classification: 'Low', critical: true });
    expect(classOf(normal, 'p99-latency')).toMatchObject({ classification: 'Low', critical: false });
  });

  it('CLES flags the shift that the outlier-inflated mean ratio vetoes', () => {
    const r = outlierReport();
    const base = whatIfDefaults(r);
    const ratio = runWhatIf(r, r.intervals[1]!, base);
    const cles = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: { ...base.metrics, 'error-rate': withMeasure(base.metrics['error-rate']!, 'cles') },
    });
    expect(classOf(ratio, 'error-rate')?.classification).toBe('Pass');
    expect(classOf(cles, 'error-rate')).toMatchObject({
      classification: 'High',
      canaryJudge: { effectSizeMeasure: 'cles', allowed: { increase: 0.5, decrease: 0.5 } },
    });
  });
});

describe('runWhatIf outliers', () => {
  it('removing outliers drops the baseline spike, so the shift is no longer vetoed and the metric is High', () => {
    const r = outlierReport();
    const base = whatIfDefaults(r);
    const removed = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: {
        ...base.metrics,
        'error-rate': { ...base.metrics['error-rate']!, outlierStrategy: 'remove', outlierFactor: '0.5' },
      },
    });
    expect(classOf(removed, 'error-rate')).toMatchObject({
      classification: 'High',
      canaryJudge: { outlierStrategy: 'remove', outlierFactor: 0.5, samples: { control: { outliersRemoved: 1 } } },
    });
  });

  it('the outlier factor reaches the judge (a factor ≤ 0 passed directly is refused, not thrown)', () => {
    const r = outlierReport();
    const base = whatIfDefaults(r);
    const out = runWhatIf(r, r.intervals[1]!, withMetric(base, 'error-rate', { outlierFactor: '0' }));
    expect(out).toEqual({
      ok: false,
      error: expect.stringContaining('outliers.outlierFactor: must be greater than 0'),
    });
  });
});

describe('withMeasure', () => {
  it('moves thresholds still at the old default to the new one and keeps custom ones', () => {
    const m = { ...whatIfDefaults(report()).metrics['cpu']!, allowedIncrease: '20' };
    const cles = withMeasure(m, 'cles');
    expect(cles).toMatchObject({
      measure: 'cles',
      allowedIncrease: '20',
      allowedDecrease: '0.5',
      criticalIncrease: '0.5',
      criticalDecrease: '0.5',
    });
    expect(withMeasure(cles, 'meanRatio')).toMatchObject({ allowedDecrease: '0', allowedIncrease: '20' });
  });
});

describe('whatIfMetricIssues and nextWhatIfState', () => {
  it('reports non-numbers and a factor ≤ 0 with the shared rules; an empty field is the default', () => {
    const m = whatIfDefaults(report()).metrics['cpu']!;
    expect(whatIfMetricIssues(m)).toEqual({});
    expect(whatIfMetricIssues({ ...m, outlierFactor: '0' })).toEqual({
      outlierFactor: 'must be greater than 0 (got 0)',
    });
    expect(whatIfMetricIssues({ ...m, outlierFactor: '-1.5' })).toEqual({
      outlierFactor: 'must be greater than 0 (got -1.5)',
    });
    expect(whatIfMetricIssues({ ...m, allowedIncrease: 'abc', criticalDecrease: ' ' })).toEqual({
      allowedIncrease: 'must be a number (got "abc")',
    });
  });

  it('words effect sizes in percent, exactly as validateCanaryConfig words them for the panel and the API', () => {
    const m = whatIfDefaults(report()).metrics['cpu']!;
    expect(whatIfMetricIssues({ ...m, allowedIncrease: '-5' })).toEqual({
      allowedIncrease: 'must be at least 0 % (got −5 %)',
    });
    expect(whatIfMetricIssues({ ...m, allowedIncrease: '20', criticalIncrease: '10' })).toEqual({
      criticalIncrease: 'must be at least the allowed increase (+20 %)',
    });
    // The same values through the shared rule directly: the what-if restates nothing.
    const stored = { measure: 'meanRatio', allowedIncrease: 0.95 };
    const shared = validateCanaryConfig(
      { metrics: [{ name: 'x', groups: ['g'], analysisConfigurations: { canary: { effectSize: stored } } }] },
      { queries: false },
    );
    expect(whatIfMetricIssues({ ...m, allowedIncrease: '-5' }).allowedIncrease).toBe(shared[0]?.rule);
    expect(
      whatIfMetricIssues({ ...m, measure: 'cles', test: 'poissonRate', allowedIncrease: '0.5' }).measure,
    ).toContain('must be meanRatio with the poissonRate test');
  });

  it('a metric with issues keeps its last valid settings in the simulation; other changes still apply', () => {
    const edit = goodThenBadEdit(
      report(),
      'cpu',
      { outlierStrategy: 'remove', outlierFactor: '1.5' },
      { outlierFactor: '0' },
      { pass: 80 },
    );
    const { good, bad, afterGood: s1, afterBad: s2 } = edit;
    expect(good).toMatchObject({ outlierStrategy: 'remove', outlierFactor: '1.5' });
    expect(s1.valid.metrics['cpu']).toEqual(good);
    expect(bad).toEqual({ ...good, outlierFactor: '0' });
    expect(s2.draft.metrics['cpu']).toEqual(bad);
    expect(s2.valid.metrics['cpu']).toEqual(good);
    expect(s2.valid.pass).toBe(80);
  });
});

describe('runWhatIf validates like the panel (issue 13)', () => {
  it('refuses weights that do not sum to 100, worded as the panel and the service word it', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const out = runWhatIf(r, r.intervals[1]!, { ...base, weights: { latency: 80, errors: 40 } });
    expect(out).toEqual({
      ok: false,
      error: 'canaryConfig.classifier.groupWeights: weights must sum to 100 (they sum to 120)',
      issues: [{ field: 'canaryConfig.classifier.groupWeights', rule: 'weights must sum to 100 (they sum to 120)' }],
    });
  });
});
