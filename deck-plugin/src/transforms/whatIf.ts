/**
 * What-if re-scoring in the browser: rebuild Kayenta's RemoteJudge request for one interval of a report (the
 * judgment's canary config + that interval's series), apply the user's changes (thresholds, group weights, per-metric
 * settings) and judge it with the same library the service uses (`judge()` from `@canary-judge/shared`). With no
 * change, the simulation reproduces the service's verdict for that interval.
 */
import {
  judge,
  type CanaryAnalysisSettings,
  type CanaryJudgeResult,
  type CanaryMetricConfig,
  type Direction,
  type MetricClassification,
  type MetricSetPair,
  type NanStrategy,
  type RemoteJudgeRequest,
  type WireNumber,
} from '@canary-judge/shared';
import type { JudgmentReport, ReportInterval } from './report';

/** Per-metric settings the what-if panel can change. */
export interface WhatIfMetric {
  direction: Direction;
  critical: boolean;
  muted: boolean;
  mustHaveData: boolean;
  nanStrategy: NanStrategy;
}

/** Everything the what-if panel can change. */
export interface WhatIfSettings {
  pass: number;
  marginal: number;
  weights: Record<string, number>;
  metrics: Record<string, WhatIfMetric>;
}

function canaryOf(m: CanaryMetricConfig): CanaryAnalysisSettings {
  return m.analysisConfigurations?.canary ?? {};
}

/** The settings as the judgment used them (the starting point of a simulation). */
export function whatIfDefaults(report: JudgmentReport): WhatIfSettings {
  const metrics: Record<string, WhatIfMetric> = {};
  for (const m of report.request.canaryConfig?.metrics ?? []) {
    const c = canaryOf(m);
    metrics[m.name] = {
      direction: c.direction === 'increase' || c.direction === 'decrease' ? c.direction : 'either',
      critical: c.critical === true,
      muted: c.muted === true,
      mustHaveData: c.mustHaveData === true,
      nanStrategy: c.nanStrategy === 'replace' ? 'replace' : 'remove',
    };
  }
  return {
    pass: report.judgment.thresholds?.pass ?? report.request.thresholds?.pass ?? 75,
    marginal: report.judgment.thresholds?.marginal ?? report.request.thresholds?.marginal ?? 50,
    weights: { ...(report.request.canaryConfig?.classifier?.groupWeights ?? {}) },
    metrics,
  };
}

function wire(values: readonly number[]): WireNumber[] {
  return values.map((v) => (Number.isFinite(v) ? v : 'NaN'));
}

/**
 * The RemoteJudge request for `interval` under `settings`. Metrics without series in the interval get empty
 * series (what the service judged as no data).
 */
export function whatIfRequest(
  report: JudgmentReport,
  interval: ReportInterval,
  settings: WhatIfSettings,
): RemoteJudgeRequest {
  const config = report.request.canaryConfig;
  const metrics = (config?.metrics ?? []).map((m): CanaryMetricConfig => {
    const s = settings.metrics[m.name];
    if (!s) return m;
    return {
      ...m,
      analysisConfigurations: { ...m.analysisConfigurations, canary: { ...canaryOf(m), ...s } },
    };
  });
  const pairs: MetricSetPair[] = metrics.map((m) => {
    const pair = interval.series[m.name];
    return {
      name: m.name,
      values: { control: wire(pair?.control?.values ?? []), experiment: wire(pair?.experiment?.values ?? []) },
    };
  });
  return {
    canaryConfig: { ...config, metrics, classifier: { ...config?.classifier, groupWeights: { ...settings.weights } } },
    metricSetPairList: pairs,
    scoreThresholds: { pass: settings.pass, marginal: settings.marginal },
  };
}

/** A simulation outcome: the result, or the judge's input error (`<path>: <rule>`). */
export type WhatIfOutcome = { ok: true; result: CanaryJudgeResult } | { ok: false; error: string };

/** Runs the judge on the what-if request; input errors are returned, never thrown. */
export function runWhatIf(report: JudgmentReport, interval: ReportInterval, settings: WhatIfSettings): WhatIfOutcome {
  if (!(settings.marginal < settings.pass)) {
    return { ok: false, error: `scoreThresholds.marginal: must be below pass (${settings.pass})` };
  }
  try {
    return { ok: true, result: judge(whatIfRequest(report, interval, settings)) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Metrics whose classification differs between the real and the simulated result. */
export function changedClassifications(
  real: CanaryJudgeResult,
  simulated: CanaryJudgeResult,
): Array<{ name: string; from: MetricClassification | null; to: MetricClassification }> {
  const before = new Map(real.results.map((r) => [r.name, r.classification]));
  return simulated.results
    .filter((r) => before.get(r.name) !== r.classification)
    .map((r) => ({ name: r.name, from: before.get(r.name) ?? null, to: r.classification }));
}
