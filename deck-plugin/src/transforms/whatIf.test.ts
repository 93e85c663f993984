import { describe, expect, it } from 'vitest';
import { readReport, type JudgmentReport } from './report';
import { reportBody } from './reportFixtures';
import { changedClassifications, runWhatIf, whatIfDefaults, whatIfRequest } from './whatIf';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Deterministic wiggle so series are not constant: 0, 1, 2, 0, 1, 2, … */
function series(base: number, n = 30) {
  return {
    timestamps: Array.from({ length: n }, (_, i) => T0 + i * 60_000),
    values: Array.from({ length: n }, (_, i) => base + (i % 3)),
  };
}

/** Report whose interval 2 has a clearly higher canary p99 latency and equal error rates; cpu has no canary data. */
function report(): JudgmentReport {
  const r = readReport(reportBody());
  r.intervals[1]!.series = {
    'p99-latency': { control: series(100), experiment: series(140) },
    'error-rate': { control: series(5), experiment: series(5) },
    cpu: { control: series(50), experiment: { timestamps: [], values: [] } },
  };
  return r;
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
    const muted = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: { ...base.metrics, 'p99-latency': { ...base.metrics['p99-latency']!, muted: true } },
    });
    const decrease = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: { ...base.metrics, 'p99-latency': { ...base.metrics['p99-latency']!, direction: 'decrease' } },
    });
    // muting leaves error-rate (Pass) and cpu (Nodata): 50 % no data fails the canary (spec §10 step 4)
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
    });
    const nan = runWhatIf(r, r.intervals[1]!, { ...whatIfDefaults(r), pass: NaN });
    expect(nan.ok).toBe(false);
  });
});

describe('runWhatIf NaN strategy', () => {
  it('replacing missing values turns the canary without data into a judged metric', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const before = runWhatIf(r, r.intervals[1]!, base);
    const after = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: { ...base.metrics, cpu: { ...base.metrics['cpu']!, nanStrategy: 'replace' } },
    });
    if (!before.ok || !after.ok) throw new Error('simulation failed');
    expect(before.result.results.find((x) => x.name === 'cpu')?.classification).toBe('Nodata');
    expect(after.result.results.find((x) => x.name === 'cpu')?.classification).not.toBe('Nodata');
  });
});

describe('changedClassifications', () => {
  it('lists metrics whose classification changed', () => {
    const r = report();
    const base = whatIfDefaults(r);
    const a = runWhatIf(r, r.intervals[1]!, base);
    const b = runWhatIf(r, r.intervals[1]!, {
      ...base,
      metrics: { ...base.metrics, 'p99-latency': { ...base.metrics['p99-latency']!, direction: 'decrease' } },
    });
    if (!a.ok || !b.ok) throw new Error('simulation failed');
    expect(changedClassifications(a.result, b.result)).toEqual([{ name: 'p99-latency', from: 'High', to: 'Pass' }]);
  });
});
