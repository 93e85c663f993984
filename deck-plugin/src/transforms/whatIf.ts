/**
 * What-if re-scoring in the browser: rebuild Kayenta's RemoteJudge request for one interval of a report (the
 * judgment's canary config + that interval's series), apply the user's changes (thresholds, group weights, and every
 * per-metric setting the judge reads: direction, NaN handling, critical, must-have-data, muted, outlier strategy and
 * factor, effect-size measure and its four thresholds, and Canary Judge's opt-in guardrails under
 * `analysisConfigurations.canaryJudge`: minimum points per side and an absolute limit on a canary statistic) and judge
 * it with the same library the service uses (`judge()` from `@canary-judge/shared`). With no change, the simulation
 * reproduces the service's verdict for that interval.
 *
 * The form reads like the config panel: effect-size thresholds in the panel's unit (percent change for the mean
 * ratio, so 10 means a stored 1.1 increase or 0.9 decrease; the raw probability for CLES), converted with the panel's
 * own functions (`stageJson.ts`), and every setting checked with the scoring library's `validateCanaryConfig`, the
 * rule set the panel and the judge service use.
 */
import {
  CLES_DEFAULT_THRESHOLD,
  DEFAULT_METRIC_SETTINGS,
  issueText,
  judge,
  readMetricSettings,
  validateCanaryConfig,
  validateThresholds,
  type RuleIssue,
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
import { numberText, parseNumberText, pctToDecreaseRatio, pctToIncreaseRatio, ratioToPct } from './stageJson';

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
  /**
   * Effect-size thresholds as text in the config panel's unit: percent for the mean ratio (`10` = +10 % for an
   * increase, −10 % for a decrease), the probability (0–1) for CLES; empty = the judge's default.
   */
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
export type WhatIfIssueField = WhatIfNumberField | WhatIfGuardrailField | 'absoluteStatistic' | 'measure' | 'test';

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

/**
 * The unit an effect-size threshold is typed in, worded as the config panel's labels (`Allowed increase %`,
 * `Allowed increase (CLES 0–1)`): ` %` for the mean ratio, ` (CLES 0–1)` for CLES.
 */
export function effectSizeUnit(measure: EffectSizeMeasure): string {
  return measure === 'cles' ? ' (CLES 0–1)' : ' %';
}

/** The increase thresholds of {@link WhatIfMetric} (the others are decreases). */
const INCREASE_FIELDS = new Set<string>(['allowedIncrease', 'criticalIncrease']);

/**
 * A stored effect-size threshold as the panel shows it (`stageJson.ts`): percent for the mean ratio (1.1 → `10` as an
 * increase, 0.9 → `10` as a decrease), the probability for CLES (0.6 → `0.6`).
 */
export function effectSizeText(measure: EffectSizeMeasure, stored: number, increase: boolean): string {
  return measure === 'cles' ? numberText(stored) : ratioToPct(stored, increase);
}

/**
 * A threshold typed in the panel's unit back to the stored value with the panel's own conversion: a number, the raw
 * text when it is not one (so validation names it), or `undefined` for empty text (the judge's default).
 */
export function storedEffectSize(
  measure: EffectSizeMeasure,
  text: string,
  increase: boolean,
): number | string | undefined {
  if (measure === 'cles') return parseNumberText(text);
  return increase ? pctToIncreaseRatio(text) : pctToDecreaseRatio(text);
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
    allowedIncrease: effectSizeText(s.effectSizeMeasure, s.allowedIncrease, true),
    allowedDecrease: effectSizeText(s.effectSizeMeasure, s.allowedDecrease, false),
    criticalIncrease: effectSizeText(s.effectSizeMeasure, s.criticalIncrease, true),
    criticalDecrease: effectSizeText(s.effectSizeMeasure, s.criticalDecrease, false),
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
 * (mean ratio 1.0, shown `0` %, ↔ CLES 0.5); thresholds the user or the config set to something else are kept.
 */
export function withMeasure(m: WhatIfMetric, measure: EffectSizeMeasure): WhatIfMetric {
  const from = effectSizeDefault(m.measure);
  const to = effectSizeDefault(measure);
  const follow = (field: WhatIfNumberField): string => {
    const increase = INCREASE_FIELDS.has(field);
    return storedEffectSize(m.measure, m[field], increase) === from ? effectSizeText(measure, to, increase) : m[field];
  };
  return {
    ...m,
    measure,
    allowedIncrease: follow('allowedIncrease'),
    allowedDecrease: follow('allowedDecrease'),
    criticalIncrease: follow('criticalIncrease'),
    criticalDecrease: follow('criticalDecrease'),
  };
}

/** Where an issue of the scoring library's rules lands in {@link WhatIfMetric} (path after `metrics[i].`). */
const ISSUE_FIELDS: Record<string, WhatIfIssueField> = {
  'analysisConfigurations.canary.effectSize.allowedIncrease': 'allowedIncrease',
  'analysisConfigurations.canary.effectSize.allowedDecrease': 'allowedDecrease',
  'analysisConfigurations.canary.effectSize.criticalIncrease': 'criticalIncrease',
  'analysisConfigurations.canary.effectSize.criticalDecrease': 'criticalDecrease',
  'analysisConfigurations.canary.effectSize.measure': 'measure',
  'analysisConfigurations.canary.outliers.outlierFactor': 'outlierFactor',
  'analysisConfigurations.canaryJudge.minimumPoints': 'minimumPoints',
  'analysisConfigurations.canaryJudge.absolute.statistic': 'absoluteStatistic',
  'analysisConfigurations.canaryJudge.absolute.upperLimit': 'absoluteUpperLimit',
  'analysisConfigurations.canaryJudge.absolute.lowerLimit': 'absoluteLowerLimit',
  'analysisConfigurations.canaryJudge.test': 'test',
};

/**
 * Validation messages of one metric's settings, by field; empty when they are valid. The settings are written as
 * the metric's `analysisConfigurations` and checked with the scoring library's `validateCanaryConfig` — the rules
 * and words of the config panel and the judge service (e.g. `must be at least 0 % (got −5 %)`); two issues on one
 * field are joined with `; `.
 *
 * @param m the metric's settings as typed
 * @param base the metric's config in the judgment (keys the what-if does not edit), default none
 */
export function whatIfMetricIssues(
  m: WhatIfMetric,
  base?: CanaryMetricConfig,
): Partial<Record<WhatIfIssueField, string>> {
  const config = { metrics: [withWhatIfSettings(base ?? { name: 'metric', query: {}, groups: ['group'] }, m)] };
  const issues: Partial<Record<WhatIfIssueField, string>> = {};
  for (const issue of validateCanaryConfig(config, { base: 'c', queries: false })) {
    const field = ISSUE_FIELDS[issue.field.replace(/^c\.metrics\[0\]\./, '')];
    if (field === undefined) continue;
    issues[field] = issues[field] === undefined ? issue.rule : `${issues[field]}; ${issue.rule}`;
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

/** `obj` with `key` set to `value`, or without `key` when `value` is undefined (the judge's default applies). */
function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...obj };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

/**
 * `analysisConfigurations.canary` for a metric under the what-if settings: thresholds converted from the panel's
 * unit with its own functions; a text that is not a number is kept as text (validation names it), an empty one is
 * left out (the judge's default).
 */
export function canarySettingsOf(base: CanaryAnalysisSettings, s: WhatIfMetric): CanaryAnalysisSettings {
  let effectSize: Record<string, unknown> = { ...base.effectSize, measure: s.measure };
  for (const field of ['allowedIncrease', 'allowedDecrease', 'criticalIncrease', 'criticalDecrease'] as const) {
    effectSize = withKey(effectSize, field, storedEffectSize(s.measure, s[field], INCREASE_FIELDS.has(field)));
  }
  return {
    ...base,
    direction: s.direction,
    nanStrategy: s.nanStrategy,
    critical: s.critical,
    mustHaveData: s.mustHaveData,
    muted: s.muted,
    outliers: withKey(
      { ...base.outliers, strategy: s.outlierStrategy },
      'outlierFactor',
      parseNumberText(s.outlierFactor),
    ) as CanaryAnalysisSettings['outliers'],
    effectSize: effectSize as CanaryAnalysisSettings['effectSize'],
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
  if (s.minimumPoints.trim() !== '') out['minimumPoints'] = parseNumberText(s.minimumPoints);
  const anyLimit = s.absoluteUpperLimit.trim() !== '' || s.absoluteLowerLimit.trim() !== '';
  if (s.absoluteStatistic !== '' || anyLimit) {
    // A limit without a statistic is written without one, for validation to report (as the panel does).
    const absolute: Record<string, unknown> = { ...baseAbsolute, statistic: s.absoluteStatistic };
    if (s.absoluteStatistic === '') delete absolute['statistic'];
    delete absolute['upperLimit'];
    delete absolute['lowerLimit'];
    if (s.absoluteUpperLimit.trim() !== '') absolute['upperLimit'] = parseNumberText(s.absoluteUpperLimit);
    if (s.absoluteLowerLimit.trim() !== '') absolute['lowerLimit'] = parseNumberText(s.absoluteLowerLimit);
    out['absolute'] = absolute;
  }
  return Object.keys(out).length > 0 ? (out as CanaryJudgeSettings) : undefined;
}

/** A metric config with its `analysisConfigurations` under the what-if settings `s` (other keys kept). */
export function withWhatIfSettings(m: CanaryMetricConfig, s: WhatIfMetric): CanaryMetricConfig {
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
    return s ? withWhatIfSettings(m, s) : m;
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

/**
 * A simulation outcome: the result, or the input error (`<path>: <rule>`, `; `-joined) with the issues of the
 * scoring library's rules behind it (paths under `scoreThresholds` / `canaryConfig.classifier`) when there are any.
 */
export type WhatIfOutcome =
  { ok: true; result: CanaryJudgeResult } | { ok: false; error: string; issues?: RuleIssue[] };

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
  if (issues.length > 0) return { ok: false, error: issues.map((i) => issueText(i)).join('; '), issues };
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
