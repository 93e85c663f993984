/**
 * What-if re-scoring in the browser: rebuild Kayenta's RemoteJudge request for one interval of a report (the
 * judgment's canary config + that interval's series), apply the user's changes (thresholds, group weights, and every
 * per-metric setting the judge reads: direction, NaN handling, critical, must-have-data, muted, outlier strategy and
 * factor, effect-size measure and its four thresholds, and Canary Judge's opt-in guardrails under
 * `analysisConfigurations.canaryJudge`: minimum points per side and an absolute limit on a canary statistic) and judge
 * it with the same library the service uses (`judge()` from `@canary-judge/shared`). With no change, the simulation
 * reproduces the service's verdict for that interval.
 */
import {
  CLES_DEFAULT_THRESHOLD,
  DEFAULT_METRIC_SETTINGS,
  issueText,
  judge,
  readMetricSettings,
  validateCanaryConfig,
  validateThresholds,
  type CanaryAnalysisSettings,
  type CanaryJudgeResult,
  type CanaryJudgeSettings,
  type CanaryMetricConfig,
  type Direction,
  type EffectSizeMeasure,
  type GuardrailStatistic,
  type MetricClassification,
  type MetricSetPair,
  type MetricSettings,
  type NanStrategy,
  type OutlierStrategy,
  type RemoteJudgeRequest,
  type WireNumber,
} from '@canary-judge/shared';
import type { JudgmentReport, ReportInterval } from './report';

/**
 * Per-metric settings the what-if panel can change: every setting the judge reads from
 * `analysisConfigurations.canary` (`docs/design/kayenta-judge.md` §2.3). Numbers are kept as the text the user typed,
 * so half-typed or wrong values survive in the form and are reported by {@link whatIfMetricIssues} instead of reaching
 * the judge.
 */
export interface WhatIfMetric {
  direction: Direction;
  critical: boolean;
  muted: boolean;
  mustHaveData: boolean;
  nanStrategy: NanStrategy;
  /** `remove` drops IQR outliers before the test, `keep` does not. */
  outlierStrategy: OutlierStrategy;
  /** IQR fence factor (text; must be a number > 0). */
  outlierFactor: string;
  /** Effect size the allowed/critical thresholds are compared with. */
  measure: EffectSizeMeasure;
  /** Effect-size thresholds (text; numbers). */
  allowedIncrease: string;
  allowedDecrease: string;
  criticalIncrease: string;
  criticalDecrease: string;
  /** Guardrail `canaryJudge.minimumPoints` (text; empty = off; a whole number ≥ 1). */
  minimumPoints: string;
  /** Guardrail `canaryJudge.absolute.statistic`; '' = no absolute limit. */
  absoluteStatistic: GuardrailStatistic | '';
  /** Guardrail `canaryJudge.absolute.upperLimit` (text; empty = not set). */
  absoluteUpperLimit: string;
  /** Guardrail `canaryJudge.absolute.lowerLimit` (text; empty = not set). */
  absoluteLowerLimit: string;
  /** `canaryJudge.test`: `poissonRate` for sparse counters; absent = the config's choice (Mann-Whitney by default). */
  test?: 'mannWhitney' | 'poissonRate';
}

/** The optional numeric (text) guardrail fields of {@link WhatIfMetric}; empty means "not set". */
export const WHAT_IF_GUARDRAIL_FIELDS = ['minimumPoints', 'absoluteUpperLimit', 'absoluteLowerLimit'] as const;

/** One guardrail text field of {@link WhatIfMetric}. */
export type WhatIfGuardrailField = (typeof WHAT_IF_GUARDRAIL_FIELDS)[number];

/** Every field {@link whatIfMetricIssues} can report on. */
export type WhatIfIssueField = WhatIfNumberField | WhatIfGuardrailField | 'absoluteStatistic';

/** The numeric (text) fields of {@link WhatIfMetric}, in the order the panel shows them. */
export const WHAT_IF_NUMBER_FIELDS = [
  'allowedIncrease',
  'allowedDecrease',
  'criticalIncrease',
  'criticalDecrease',
  'outlierFactor',
] as const;

/** One numeric field of {@link WhatIfMetric}. */
export type WhatIfNumberField = (typeof WHAT_IF_NUMBER_FIELDS)[number];

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

/** A number as the panel shows it: whole numbers with one decimal (`1.0`, `3.0`), others as they are (`0.5`). */
export function formatSetting(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** The judge's default for all four effect-size thresholds under `measure`: 1.0 for mean ratio, 0.5 for CLES. */
export function effectSizeDefault(measure: EffectSizeMeasure): number {
  return measure === 'cles' ? CLES_DEFAULT_THRESHOLD : DEFAULT_METRIC_SETTINGS.allowedIncrease;
}

function whatIfMetricOf(s: MetricSettings): WhatIfMetric {
  return {
    direction: s.direction,
    critical: s.critical,
    muted: s.muted,
    mustHaveData: s.mustHaveData,
    nanStrategy: s.nanStrategy,
    outlierStrategy: s.outlierStrategy,
    outlierFactor: formatSetting(s.outlierFactor),
    measure: s.effectSizeMeasure,
    allowedIncrease: formatSetting(s.allowedIncrease),
    allowedDecrease: formatSetting(s.allowedDecrease),
    criticalIncrease: formatSetting(s.criticalIncrease),
    criticalDecrease: formatSetting(s.criticalDecrease),
    minimumPoints: s.guardrails?.minimumPoints != null ? String(s.guardrails.minimumPoints) : '',
    absoluteStatistic: s.guardrails?.absolute?.statistic ?? '',
    absoluteUpperLimit: limitText(s.guardrails?.absolute?.upperLimit),
    absoluteLowerLimit: limitText(s.guardrails?.absolute?.lowerLimit),
    ...(s.test === 'poissonRate' ? { test: 'poissonRate' as const } : {}),
  };
}

function limitText(limit: number | null | undefined): string {
  return limit === null || limit === undefined ? '' : String(limit);
}

/**
 * The settings as the judgment used them (the starting point of a simulation). Per-metric settings are read with
 * the judge's own rules (`readMetricSettings`), so defaults (1.0 / 0.5 thresholds, factor 3.0) appear explicitly.
 */
export function whatIfDefaults(report: JudgmentReport): WhatIfSettings {
  const metrics: Record<string, WhatIfMetric> = {};
  (report.request.canaryConfig?.metrics ?? []).forEach((m, i) => {
    let s: MetricSettings;
    try {
      s = readMetricSettings(m.analysisConfigurations, `canaryConfig.metrics[${i}].analysisConfigurations`);
    } catch {
      // A config the judge refuses could not have produced this report; start from the defaults.
      s = DEFAULT_METRIC_SETTINGS;
    }
    metrics[m.name] = whatIfMetricOf(s);
  });
  return {
    pass: report.judgment.thresholds?.pass ?? report.request.thresholds?.pass ?? 75,
    marginal: report.judgment.thresholds?.marginal ?? report.request.thresholds?.marginal ?? 50,
    weights: { ...(report.request.canaryConfig?.classifier?.groupWeights ?? {}) },
    metrics,
  };
}

/**
 * Switches a metric's effect-size measure. Thresholds still at the old measure's default follow to the new default
 * (1.0 ↔ 0.5); thresholds the user or the config set to something else are kept.
 */
export function withMeasure(m: WhatIfMetric, measure: EffectSizeMeasure): WhatIfMetric {
  const from = effectSizeDefault(m.measure);
  const to = formatSetting(effectSizeDefault(measure));
  const follow = (text: string): string => (parseSetting(text) === from ? to : text);
  return {
    ...m,
    measure,
    allowedIncrease: follow(m.allowedIncrease),
    allowedDecrease: follow(m.allowedDecrease),
    criticalIncrease: follow(m.criticalIncrease),
    criticalDecrease: follow(m.criticalDecrease),
  };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT32_MAX = 2147483647;

/** A typed setting as a number: NaN unless it is a plain decimal number (`1`, `1.25`, `.5`, `2e-1`). */
export function parseSetting(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/**
 * Validation messages of one metric's settings, by field; empty when the judge would accept them all. The guardrail
 * fields are optional (empty = off) and follow the judge's rules: a whole `minimumPoints` ≥ 1, a statistic for any
 * limit, at least one limit for a statistic, lower ≤ upper.
 */
export function whatIfMetricIssues(m: WhatIfMetric): Partial<Record<WhatIfIssueField, string>> {
  const issues: Partial<Record<WhatIfIssueField, string>> = {};
  for (const field of WHAT_IF_NUMBER_FIELDS) {
    const text = m[field];
    const v = parseSetting(text);
    if (text.trim() === '') issues[field] = 'enter a number';
    else if (!Number.isFinite(v)) issues[field] = `"${text.trim()}" is not a number`;
    else if (Number.isInteger(v) && Math.abs(v) > INT32_MAX) issues[field] = 'too large (the judge refuses it)';
    else if (field === 'outlierFactor' && !(v > 0)) issues[field] = 'must be greater than 0';
  }
  for (const field of WHAT_IF_GUARDRAIL_FIELDS) {
    const text = m[field].trim();
    if (text === '') continue;
    const v = parseSetting(text);
    if (!Number.isFinite(v)) issues[field] = `"${text}" is not a number`;
    else if (field === 'minimumPoints' && !(Number.isSafeInteger(v) && v >= 1)) {
      issues[field] = 'must be a whole number ≥ 1';
    }
  }
  const upper = m.absoluteUpperLimit.trim();
  const lower = m.absoluteLowerLimit.trim();
  if (m.absoluteStatistic === '' && (upper !== '' || lower !== '')) {
    issues.absoluteStatistic = 'choose a statistic for the limit';
  } else if (m.absoluteStatistic !== '' && upper === '' && lower === '') {
    issues.absoluteUpperLimit = 'enter an upper or a lower limit';
  } else if (
    issues.absoluteUpperLimit === undefined &&
    issues.absoluteLowerLimit === undefined &&
    upper !== '' &&
    lower !== '' &&
    parseSetting(lower) > parseSetting(upper)
  ) {
    issues.absoluteLowerLimit = 'must not be above the upper limit';
  }
  return issues;
}

/** The form as typed (`draft`) and what is simulated (`valid`: each metric's last settings without issues). */
export interface WhatIfState {
  draft: WhatIfSettings;
  valid: WhatIfSettings;
}

/** The starting state: the judgment's settings, both as typed and as simulated. */
export function initialWhatIfState(report: JudgmentReport): WhatIfState {
  const d = whatIfDefaults(report);
  return { draft: d, valid: d };
}

/**
 * The state after the form changed to `draft`. A metric whose settings have issues keeps its last valid settings
 * in the simulation (so that metric is not re-scored until fixed, and nothing throws); every other change applies.
 * Thresholds and weights always apply (the judge's own check reports bad ones for the whole simulation).
 */
export function nextWhatIfState(prev: WhatIfState, draft: WhatIfSettings): WhatIfState {
  const metrics: Record<string, WhatIfMetric> = {};
  for (const [name, m] of Object.entries(draft.metrics)) {
    const last = prev.valid.metrics[name];
    metrics[name] = Object.keys(whatIfMetricIssues(m)).length > 0 && last ? last : m;
  }
  return { draft, valid: { ...draft, metrics } };
}

/** `analysisConfigurations.canary` for a metric under the what-if settings (numbers parsed; bad ones become NaN). */
export function canarySettingsOf(base: CanaryAnalysisSettings, s: WhatIfMetric): CanaryAnalysisSettings {
  return {
    ...base,
    direction: s.direction,
    nanStrategy: s.nanStrategy,
    critical: s.critical,
    mustHaveData: s.mustHaveData,
    muted: s.muted,
    outliers: { ...base.outliers, strategy: s.outlierStrategy, outlierFactor: parseSetting(s.outlierFactor) },
    effectSize: {
      ...base.effectSize,
      measure: s.measure,
      allowedIncrease: parseSetting(s.allowedIncrease),
      allowedDecrease: parseSetting(s.allowedDecrease),
      criticalIncrease: parseSetting(s.criticalIncrease),
      criticalDecrease: parseSetting(s.criticalDecrease),
    },
  };
}

/**
 * `analysisConfigurations.canaryJudge` for a metric under the what-if settings, keeping keys the panel does not edit;
 * `undefined` when no guardrail is set (the metric is then judged exactly as Kayenta would).
 */
export function guardrailSettingsOf(base: unknown, s: WhatIfMetric): CanaryJudgeSettings | undefined {
  const rec = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
  const out = rec(base);
  const baseAbsolute = rec(out['absolute']);
  delete out['minimumPoints'];
  delete out['absolute'];
  if (s.test !== undefined) {
    delete out['test'];
    if (s.test === 'poissonRate') out['test'] = 'poissonRate';
  }
  if (s.minimumPoints.trim() !== '') out['minimumPoints'] = parseSetting(s.minimumPoints);
  if (s.absoluteStatistic !== '') {
    const absolute: Record<string, unknown> = { ...baseAbsolute, statistic: s.absoluteStatistic };
    delete absolute['upperLimit'];
    delete absolute['lowerLimit'];
    if (s.absoluteUpperLimit.trim() !== '') absolute['upperLimit'] = parseSetting(s.absoluteUpperLimit);
    if (s.absoluteLowerLimit.trim() !== '') absolute['lowerLimit'] = parseSetting(s.absoluteLowerLimit);
    out['absolute'] = absolute;
  }
  return Object.keys(out).length > 0 ? (out as CanaryJudgeSettings) : undefined;
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
    const { canaryJudge: baseGuardrails, ...others } = m.analysisConfigurations ?? {};
    const canaryJudge = guardrailSettingsOf(baseGuardrails, s);
    return {
      ...m,
      analysisConfigurations: {
        ...others,
        canary: canarySettingsOf(canaryOf(m), s),
        ...(canaryJudge !== undefined ? { canaryJudge } : {}),
      },
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

/**
 * Runs the judge on the what-if request; input errors are returned, never thrown. The simulated settings are first
 * checked with the same rules as the config panel and the judge service (`validateThresholds` and the weight rules
 * of `validateCanaryConfig`, scoring library), so the what-if shows no score for thresholds or weights a stage could
 * not be saved with.
 */
export function runWhatIf(report: JudgmentReport, interval: ReportInterval, settings: WhatIfSettings): WhatIfOutcome {
  const request = whatIfRequest(report, interval, settings);
  const issues = [
    ...validateThresholds(request.scoreThresholds, 'scoreThresholds'),
    // Metric settings are checked field by field (`whatIfMetricIssues`, blocking only that metric); the weights here.
    ...validateCanaryConfig(request.canaryConfig, { queries: false }).filter((i) =>
      i.field.startsWith('canaryConfig.classifier.'),
    ),
  ];
  if (issues.length > 0) return { ok: false, error: issues.map((i) => issueText(i)).join('; ') };
  try {
    return { ok: true, result: judge(request) };
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
