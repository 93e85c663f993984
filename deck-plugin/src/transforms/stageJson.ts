/**
 * Form state ↔ stage JSON for the `canaryJudge` stage.
 *
 * The stage is a plain Orca webhook stage (`alias: 'webhook'`, `docs/design/orca-webhook-contract.md` §1) whose
 * `payload` is a `JudgmentRequest` (`shared/src/contract/judgment.ts`). The form edits strings (so half-typed numbers
 * survive) and {@link formToStage} writes numbers wherever the text parses, keeping the raw text otherwise so that
 * validation can name the bad field. Unknown keys already present in the payload are preserved.
 */
import {
  GUARDRAIL_STATISTICS,
  type CanaryAnalysisSettings,
  type CanaryConfig,
  type CanaryJudgeSettings,
  type CanaryMetricConfig,
  type Direction,
  type GuardrailStatistic,
  type JudgmentRequest,
  type NanStrategy,
} from '@canary-judge/shared';

/** The Orca stage type this plugin registers; must equal the type of the stage JSON. */
export const STAGE_TYPE = 'canaryJudge';

/** Path of the judgment resource under the judge's base URL, with the SpEL key Orca resolves per stage run. */
export const JUDGMENT_KEY_SPEL = '${execution.id}-${#currentStage().id}-${#currentStage().startTime}';

/**
 * One metric row of the form. Numbers are kept as text. Effect sizes are percentages for the mean ratio
 * (10 = ±10 %, stored as ratios 1.1 / 0.9) and raw probabilities (0–1) for CLES. The last four fields are Canary
 * Judge's opt-in guardrails (`analysisConfigurations.canaryJudge`, which Kayenta ignores); all empty = none.
 */
export interface MetricForm {
  name: string;
  query: string;
  group: string;
  direction: Direction;
  critical: boolean;
  mustHaveData: boolean;
  muted: boolean;
  nanStrategy: NanStrategy;
  outlierStrategy: 'remove' | 'keep';
  outlierFactor: string;
  effectMeasure: 'meanRatio' | 'cles';
  allowedIncreasePct: string;
  allowedDecreasePct: string;
  criticalIncreasePct: string;
  criticalDecreasePct: string;
  /** `canaryJudge.minimumPoints`: fewer points on either side → no data (text; empty = not set). */
  minimumPoints: string;
  /** `canaryJudge.test`: `poissonRate` for sparse counters; absent = Kayenta's Mann-Whitney test. */
  test?: 'mannWhitney' | 'poissonRate';
  /** `canaryJudge.absolute.statistic`; '' = no absolute limit. */
  absoluteStatistic: GuardrailStatistic | '';
  /** `canaryJudge.absolute.upperLimit`, in the metric's unit (text; empty = not set). */
  absoluteUpperLimit: string;
  /** `canaryJudge.absolute.lowerLimit`, in the metric's unit (text; empty = not set). */
  absoluteLowerLimit: string;
  /** Kayenta's `scopeName`: which scope pair the metric is judged on ('' = not written, i.e. `default`). */
  scopeName: string;
  /**
   * The whole query config once the per-source query editor changed it (`SourceQueryFields`); absent = the stage's
   * stored query is kept. The text field `query` still writes `promql` / `series` on top.
   */
  sourceQuery?: Record<string, unknown>;
  /** The metric's display unit (`unit`: `ms`, `%`, `req/s`, …) for the report's axes; absent = as stored, '' = none. */
  unit?: string;
}

/** One named scope pair of the scope table (`payload.namedScopes[name]`). */
export interface NamedScopeForm {
  name: string;
  controlScope: string;
  experimentScope: string;
  controlLocation: string;
  experimentLocation: string;
}

/** Live analysis (lifetime/interval) or a retrospective window judged at once. */
export type AnalysisType = 'realTime' | 'retrospective';

/** Everything the config panel edits. Numeric fields are text; an empty optional field is omitted from the JSON. */
export interface FormState {
  judgeBaseUrl: string;
  metricSource: string;
  configName: string;
  metrics: MetricForm[];
  groupWeights: Array<{ group: string; weight: string }>;
  controlScope: string;
  experimentScope: string;
  controlLocation: string;
  experimentLocation: string;
  /** More scope pairs by name (Kayenta's scope map beyond `default`); metrics select one by `scopeName`. */
  namedScopes: NamedScopeForm[];
  /**
   * A shared canary config the stage uses instead of its inline one (`payload.canaryConfigRef`); `version` is text:
   * `latest` or a version number. Null = the inline config (metrics, groups, weights) is used.
   */
  configRef: { name: string; version: string } | null;
  analysisType: AnalysisType;
  lifetimeMinutes: string;
  intervalMinutes: string;
  warmupMinutes: string;
  lookbackMinutes: string;
  baselineOffsetMinutes: string;
  stepSeconds: string;
  startTimeIso: string;
  endTimeIso: string;
  pass: string;
  marginal: string;
}

/** A new, empty metric row with Kayenta's defaults (direction either, NaN removed, outliers kept). */
export function emptyMetric(group = 'default'): MetricForm {
  return {
    name: '',
    query: '',
    group,
    direction: 'either',
    critical: false,
    mustHaveData: false,
    muted: false,
    nanStrategy: 'remove',
    outlierStrategy: 'keep',
    outlierFactor: '',
    effectMeasure: 'meanRatio',
    allowedIncreasePct: '',
    allowedDecreasePct: '',
    criticalIncreasePct: '',
    criticalDecreasePct: '',
    minimumPoints: '',
    absoluteStatistic: '',
    absoluteUpperLimit: '',
    absoluteLowerLimit: '',
    scopeName: '',
  };
}

/**
 * Parses a form number: a finite number when the trimmed text is one, `undefined` for empty text, else the raw text
 * (kept so validation reports it). `"1e3"` → 1000, `" 7 "` → 7, `"7x"` → `"7x"`.
 */
export function parseNumberText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** Formats a stored value back to form text: numbers without float noise (12 significant digits), other → ''. */
export function numberText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(Number(value.toPrecision(12)));
  if (typeof value === 'string') return value;
  return '';
}

/** Percent text (10) → ratio for an increase (1.1); non-numbers pass through for validation. */
export function pctToIncreaseRatio(text: string): number | string | undefined {
  const v = parseNumberText(text);
  return typeof v === 'number' ? Number((1 + v / 100).toPrecision(12)) : v;
}

/** Percent text (10) → ratio for a decrease (0.9); non-numbers pass through for validation. */
export function pctToDecreaseRatio(text: string): number | string | undefined {
  const v = parseNumberText(text);
  return typeof v === 'number' ? Number((1 - v / 100).toPrecision(12)) : v;
}

/** A stored ratio as the panel's percent text: 1.1 → `10` (increase), 0.9 → `10` (decrease); non-numbers as text. */
export function ratioToPct(value: unknown, increase: boolean): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return numberText(value);
  // Ratios carry 12 significant digits, so percentages are exact to 8 decimals; rounding removes float noise.
  return numberText(Number((increase ? (value - 1) * 100 : (1 - value) * 100).toFixed(8)));
}

/** Query keys the judge's metric sources read: `promql` (Prometheus), `series` (the built-in demo source). */
export const QUERY_KEYS = ['promql', 'series'] as const;

/** The query key for a metric source name: `series` for the built-in `demo` source, `promql` otherwise. */
export function queryKeyFor(metricSource: string): (typeof QUERY_KEYS)[number] {
  return metricSource.trim() === 'demo' ? 'series' : 'promql';
}

/** Effect-size form text: a percentage for the mean ratio, the raw probability (0–1) for CLES. */
function effectText(effect: Record<string, unknown>, key: string, increase: boolean): string {
  return effect['measure'] === 'cles' ? numberText(effect[key]) : ratioToPct(effect[key], increase);
}

/**
 * Reads the query text of a metric: `query.promql`, `query.series`, or Kayenta's Prometheus
 * `customInlineTemplate: "PromQL:…"` without its prefix; '' if none. Any other `customInlineTemplate` (a Datadog
 * query, a filter template) is a field of the store's query config and is left to the per-source editor.
 */
export function queryText(query: CanaryMetricConfig['query']): string {
  for (const key of QUERY_KEYS) {
    const q = query?.[key];
    if (typeof q === 'string') return q;
  }
  const inline = query?.['customInlineTemplate'];
  return typeof inline === 'string' && inline.startsWith('PromQL:') ? inline.slice('PromQL:'.length) : '';
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Recovers the judge base URL from a stage `url` written by {@link webhookFields}; '' when absent. */
export function judgeBaseUrlFromUrl(url: unknown): string {
  if (typeof url !== 'string') return '';
  const i = url.indexOf('/v1/judgments/');
  return i >= 0 ? url.slice(0, i) : '';
}

/**
 * Reads the form state from a stage. Tolerates missing or malformed fields (a brand-new stage gives empty fields
 * and one empty metric); `defaultJudgeBaseUrl` (from plugin settings) is used when the stage has no URL yet.
 */
export function stageToForm(stage: Record<string, unknown>, defaultJudgeBaseUrl = ''): FormState {
  const payload = asRecord(stage['payload']) as Partial<JudgmentRequest>;
  const config = asRecord(payload.canaryConfig) as Partial<CanaryConfig>;
  const scopes = asRecord(payload.scopes);
  const timing = asRecord(payload.timing);
  const thresholds = asRecord(payload.thresholds);
  const rawMetrics = Array.isArray(config.metrics) ? config.metrics : [];
  const metrics = rawMetrics.map((m): MetricForm => {
    const c = asRecord(asRecord(m.analysisConfigurations)['canary']) as CanaryAnalysisSettings;
    const outliers = asRecord(c.outliers);
    const effect = asRecord(c.effectSize);
    const guard = asRecord(asRecord(m.analysisConfigurations)['canaryJudge']);
    const absolute = asRecord(guard['absolute']);
    const statistic = absolute['statistic'];
    return {
      name: str(m.name),
      query: queryText(m.query),
      group: Array.isArray(m.groups) && typeof m.groups[0] === 'string' ? m.groups[0] : '',
      direction: c.direction === 'increase' || c.direction === 'decrease' ? c.direction : 'either',
      critical: c.critical === true,
      mustHaveData: c.mustHaveData === true,
      muted: c.muted === true,
      nanStrategy: c.nanStrategy === 'replace' ? 'replace' : 'remove',
      outlierStrategy: outliers['strategy'] === 'remove' ? 'remove' : 'keep',
      outlierFactor: numberText(outliers['outlierFactor']),
      effectMeasure: effect['measure'] === 'cles' ? 'cles' : 'meanRatio',
      allowedIncreasePct: effectText(effect, 'allowedIncrease', true),
      allowedDecreasePct: effectText(effect, 'allowedDecrease', false),
      criticalIncreasePct: effectText(effect, 'criticalIncrease', true),
      criticalDecreasePct: effectText(effect, 'criticalDecrease', false),
      minimumPoints: numberText(guard['minimumPoints']),
      ...(guard['test'] === 'poissonRate' ? { test: 'poissonRate' as const } : {}),
      absoluteStatistic: (GUARDRAIL_STATISTICS as readonly unknown[]).includes(statistic)
        ? (statistic as GuardrailStatistic)
        : '',
      absoluteUpperLimit: numberText(absolute['upperLimit']),
      absoluteLowerLimit: numberText(absolute['lowerLimit']),
      scopeName: str(m.scopeName),
      ...(typeof m.unit === 'string' ? { unit: m.unit } : {}),
    };
  });
  const weights = asRecord(asRecord(config.classifier)['groupWeights']);
  const retrospective = typeof timing['startTimeIso'] === 'string' || typeof timing['endTimeIso'] === 'string';
  return {
    judgeBaseUrl: judgeBaseUrlFromUrl(stage['url']) || defaultJudgeBaseUrl,
    metricSource: str(payload.metricSource),
    configName: str(config.name),
    metrics: metrics.length > 0 ? metrics : [emptyMetric()],
    groupWeights: Object.entries(weights).map(([group, weight]) => ({ group, weight: numberText(weight) })),
    controlScope: str(scopes['controlScope']),
    experimentScope: str(scopes['experimentScope']),
    controlLocation: str(scopes['controlLocation']),
    experimentLocation: str(scopes['experimentLocation']),
    configRef: configRefFromPayload(payload.canaryConfigRef),
    namedScopes: Object.entries(asRecord(payload.namedScopes)).map(([name, raw]) => {
      const pair = asRecord(raw);
      return {
        name,
        controlScope: str(pair['controlScope']),
        experimentScope: str(pair['experimentScope']),
        controlLocation: str(pair['controlLocation']),
        experimentLocation: str(pair['experimentLocation']),
      };
    }),
    analysisType: retrospective ? 'retrospective' : 'realTime',
    lifetimeMinutes: numberText(timing['lifetimeMinutes']),
    intervalMinutes: numberText(timing['intervalMinutes']),
    warmupMinutes: numberText(timing['warmupMinutes']),
    lookbackMinutes: numberText(timing['lookbackMinutes']),
    baselineOffsetMinutes: numberText(timing['baselineOffsetMinutes']),
    stepSeconds: numberText(timing['stepSeconds']),
    startTimeIso: str(timing['startTimeIso']),
    endTimeIso: str(timing['endTimeIso']),
    pass: numberText(thresholds['pass']),
    marginal: numberText(thresholds['marginal']),
  };
}

/** The form's shared-config reference from `payload.canaryConfigRef`, or null. */
function configRefFromPayload(raw: unknown): FormState['configRef'] {
  const ref = asRecord(raw);
  if (typeof ref['name'] !== 'string') return null;
  const v = ref['version'];
  return { name: ref['name'], version: typeof v === 'number' ? String(v) : typeof v === 'string' ? v : 'latest' };
}

/** `payload.canaryConfigRef` from the form: a whole version number, else the text (`latest`, or bad for validation). */
function configRefToPayload(ref: NonNullable<FormState['configRef']>): Record<string, unknown> {
  const n = Number(ref.version);
  return { name: ref.name, version: /^\d+$/.test(ref.version.trim()) && n >= 1 ? n : ref.version.trim() || 'latest' };
}

/** Sets `obj[key]` when `value` is defined, deletes it otherwise. Returns `obj`. */
function put(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === '') delete obj[key];
  else obj[key] = value;
  return obj;
}

/**
 * The query without the keys the form's text writes (and Kayenta's `PromQL:` inline template, which the text
 * replaces); other stores' `customInlineTemplate` is kept.
 */
function withoutQueryKeys(query: Record<string, unknown>): Record<string, unknown> {
  const out = { ...query };
  for (const key of QUERY_KEYS) delete out[key];
  const inline = out['customInlineTemplate'];
  if (typeof inline === 'string' && inline.startsWith('PromQL:')) delete out['customInlineTemplate'];
  return out;
}

/**
 * The metric's query: the stored (or per-source edited) query with the form's text on top; an empty text is not
 * written into a query config typed for another store (a Datadog query gets no `promql: ''`).
 */
function queryToConfig(form: MetricForm, previous: Record<string, unknown>, queryKey: string): Record<string, unknown> {
  const base = withoutQueryKeys(form.sourceQuery ?? asRecord(previous['query']));
  const type = base['type'];
  if (form.query === '' && typeof type === 'string' && type !== 'prometheus') return base;
  return { ...base, [queryKey]: form.query };
}

function metricToConfig(form: MetricForm, previous: Record<string, unknown>, queryKey: string): CanaryMetricConfig {
  const prevAnalysis = asRecord(previous['analysisConfigurations']);
  const canary: Record<string, unknown> = { ...asRecord(prevAnalysis['canary']) };
  canary['direction'] = form.direction;
  canary['nanStrategy'] = form.nanStrategy;
  canary['critical'] = form.critical;
  canary['mustHaveData'] = form.mustHaveData;
  canary['muted'] = form.muted;
  canary['outliers'] = put({ strategy: form.outlierStrategy }, 'outlierFactor', parseNumberText(form.outlierFactor));
  const effect: Record<string, unknown> = { measure: form.effectMeasure };
  const cles = form.effectMeasure === 'cles';
  const inc = cles ? parseNumberText : pctToIncreaseRatio;
  const dec = cles ? parseNumberText : pctToDecreaseRatio;
  put(effect, 'allowedIncrease', inc(form.allowedIncreasePct));
  put(effect, 'allowedDecrease', dec(form.allowedDecreasePct));
  put(effect, 'criticalIncrease', inc(form.criticalIncreasePct));
  put(effect, 'criticalDecrease', dec(form.criticalDecreasePct));
  canary['effectSize'] = effect;
  const analysis: Record<string, unknown> = { ...prevAnalysis, canary: canary as CanaryAnalysisSettings };
  put(analysis, 'canaryJudge', guardrailsToConfig(form, asRecord(prevAnalysis['canaryJudge'])));
  const out: Record<string, unknown> = {
    ...previous,
    name: form.name,
    query: queryToConfig(form, previous, queryKey),
    groups: form.group === '' ? [] : [form.group],
    analysisConfigurations: analysis,
  };
  // '' keeps whatever the metric had (unknown keys are kept); the panel writes 'default' to go back to default.
  if (form.scopeName.trim() !== '') out['scopeName'] = form.scopeName.trim();
  if (form.unit !== undefined) {
    if (form.unit.trim() === '') delete out['unit'];
    else out['unit'] = form.unit.trim();
  }
  return out as unknown as CanaryMetricConfig;
}

/**
 * `payload.namedScopes` from the scope table, keeping unknown keys of pairs that keep their name; `undefined` (the
 * key is left out) for an empty table. Rows without a name are left out (validation names them in the panel).
 */
function namedScopesToPayload(
  rows: readonly NamedScopeForm[],
  previous: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '') continue;
    const pair: Record<string, unknown> = {
      ...asRecord(previous[name]),
      controlScope: row.controlScope,
      experimentScope: row.experimentScope,
    };
    put(pair, 'controlLocation', row.controlLocation);
    put(pair, 'experimentLocation', row.experimentLocation);
    out[name] = pair;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `analysisConfigurations.canaryJudge` from the guardrail fields, keeping keys the form does not edit; `undefined`
 * (the key is left out) when nothing is set, so a metric without guardrails is written exactly as Kayenta's.
 * An absolute limit without a statistic is written without one, for validation to report.
 */
function guardrailsToConfig(form: MetricForm, previous: Record<string, unknown>): CanaryJudgeSettings | undefined {
  const out: Record<string, unknown> = put({ ...previous }, 'minimumPoints', parseNumberText(form.minimumPoints));
  put(out, 'test', form.test === 'poissonRate' ? 'poissonRate' : undefined);
  const absolute: Record<string, unknown> = { ...asRecord(previous['absolute']) };
  put(absolute, 'statistic', form.absoluteStatistic);
  put(absolute, 'upperLimit', parseNumberText(form.absoluteUpperLimit));
  put(absolute, 'lowerLimit', parseNumberText(form.absoluteLowerLimit));
  put(out, 'absolute', Object.keys(absolute).length > 0 ? absolute : undefined);
  return Object.keys(out).length > 0 ? (out as CanaryJudgeSettings) : undefined;
}

/**
 * The webhook-stage fields with which Orca polls a judgment to its end: GET the create URL, read `$.status` (the
 * judge answers in Orca's own status words) and `$.message` as the progress text (the repository's
 * `docs/design/orca-webhook-contract.md` §2.4, §2.5; Orca's `MonitorWebhookTask`). Part of
 * {@link webhookFields}; cross-package tests spread them into their stages.
 */
export const JUDGE_MONITOR_FIELDS = {
  waitForCompletion: true,
  statusUrlResolution: 'getMethod',
  statusJsonPath: '$.status',
  progressJsonPath: '$.message',
  successStatuses: 'SUCCEEDED',
  canceledStatuses: 'CANCELED',
  terminalStatuses: 'TERMINAL',
} as const;

/** The Orca webhook fields for a judge at `judgeBaseUrl` (trailing slashes ignored); see `docs/design/orca-webhook-contract.md` §6.6. */
export function webhookFields(judgeBaseUrl: string): Record<string, unknown> {
  const url = `${judgeBaseUrl.replace(/\/+$/, '')}/v1/judgments/${JUDGMENT_KEY_SPEL}`;
  return {
    alias: 'webhook',
    url,
    method: 'PUT',
    customHeaders: { 'Content-Type': 'application/json', Accept: 'application/json' },
    // Create-call codes that fail at once: the judge answers 501 for an unsupported apiVersion. Never 429/5xx-retry
    // codes (orca-stage-spec/stage/canary-judge-stage.schema.json).
    failFastStatusCodes: [501],
    ...JUDGE_MONITOR_FIELDS,
    signalCancellation: true,
    cancelEndpoint: `${url}/cancel`,
    cancelMethod: 'POST',
    cancelPayload: {},
  };
}

/** Informational `spinnaker` block; Orca resolves the SpEL before the call. */
export const SPINNAKER_INFO_SPEL = {
  application: '${execution.application}',
  pipelineName: '${execution.name}',
  executionId: '${execution.id}',
  stageId: '${#currentStage().id}',
  user: '${#currentUser()}',
};

/** Stage timeout margin beyond lifetime + warm-up, minutes (`docs/design/orca-webhook-contract.md` §6.5: deadline + 10 min, plus slack). */
export const TIMEOUT_MARGIN_MINUTES = 15;

/**
 * Builds the changes to apply to a stage from the form: the webhook fields, the `payload` (a `JudgmentRequest`,
 * keeping unknown keys of the previous payload and metrics) and, for live analyses without a user-set timeout,
 * `stageTimeoutMs` = (lifetime + warm-up + 15 min) so Orca's 1 h monitor default does not cut long canaries.
 * Standard stage options (name, notifications, failPipeline, …) are never touched.
 */
export function formToStage(form: FormState, stage: Record<string, unknown>): Record<string, unknown> {
  const prevPayload = asRecord(stage['payload']);
  const prevConfig = asRecord(prevPayload['canaryConfig']);
  const prevMetrics = Array.isArray(prevConfig['metrics']) ? (prevConfig['metrics'] as unknown[]) : [];
  const groupWeights: Record<string, unknown> = {};
  for (const { group, weight } of form.groupWeights) groupWeights[group] = parseNumberText(weight) ?? weight;
  const canaryConfig: Record<string, unknown> = {
    ...prevConfig,
    metrics: form.metrics.map((m, i) => metricToConfig(m, asRecord(prevMetrics[i]), queryKeyFor(form.metricSource))),
    classifier: { ...asRecord(prevConfig['classifier']), groupWeights },
  };
  put(canaryConfig, 'name', form.configName);
  const scopes = put(
    put(
      {
        ...asRecord(prevPayload['scopes']),
        controlScope: form.controlScope,
        experimentScope: form.experimentScope,
      },
      'controlLocation',
      form.controlLocation,
    ),
    'experimentLocation',
    form.experimentLocation,
  );
  const timing: Record<string, unknown> = {};
  if (form.analysisType === 'retrospective') {
    put(timing, 'startTimeIso', form.startTimeIso.trim() || undefined);
    put(timing, 'endTimeIso', form.endTimeIso.trim() || undefined);
  } else {
    put(timing, 'lifetimeMinutes', parseNumberText(form.lifetimeMinutes));
    put(timing, 'intervalMinutes', parseNumberText(form.intervalMinutes));
    put(timing, 'warmupMinutes', parseNumberText(form.warmupMinutes));
    put(timing, 'lookbackMinutes', parseNumberText(form.lookbackMinutes));
  }
  put(timing, 'baselineOffsetMinutes', parseNumberText(form.baselineOffsetMinutes));
  put(timing, 'stepSeconds', parseNumberText(form.stepSeconds));
  const payload: Record<string, unknown> = {
    ...prevPayload,
    apiVersion: 'canary-judge/v1',
    spinnaker: { ...SPINNAKER_INFO_SPEL, ...asRecord(prevPayload['spinnaker']) },
    metricSource: form.metricSource,
    canaryConfig,
    scopes,
    timing,
    thresholds: { pass: parseNumberText(form.pass) ?? '', marginal: parseNumberText(form.marginal) ?? '' },
  };
  put(payload, 'namedScopes', namedScopesToPayload(form.namedScopes, asRecord(prevPayload['namedScopes'])));
  // A shared config replaces the inline one: the judge resolves the reference when the judgment starts.
  if (form.configRef) {
    delete payload['canaryConfig'];
    payload['canaryConfigRef'] = configRefToPayload(form.configRef);
  } else delete payload['canaryConfigRef'];
  const changes: Record<string, unknown> = { ...webhookFields(form.judgeBaseUrl), payload };
  const timeout = stageTimeoutMsFor(timing);
  if (stage['overrideTimeout'] !== true && timeout !== undefined) changes['stageTimeoutMs'] = timeout;
  return changes;
}

/**
 * The stage timeout a live analysis needs: (lifetime + warm-up + {@link TIMEOUT_MARGIN_MINUTES}) in ms, so Orca's
 * 1 h monitor default does not cut a long canary; `undefined` without a positive `lifetimeMinutes` (retrospective).
 *
 * @param timing the payload's `timing` (numbers in minutes)
 */
export function stageTimeoutMsFor(timing: Record<string, unknown>): number | undefined {
  const lifetime = timing['lifetimeMinutes'];
  const warmup = typeof timing['warmupMinutes'] === 'number' ? timing['warmupMinutes'] : 0;
  if (typeof lifetime !== 'number' || !(lifetime > 0)) return undefined;
  return Math.round((lifetime + warmup + TIMEOUT_MARGIN_MINUTES) * 60_000);
}
