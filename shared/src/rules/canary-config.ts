/**
 * The strict rules for a canary config and score thresholds, one set for every surface that builds a judgment:
 * the service's judgment API, the Deck config panel, the what-if and the CLI (which reports them as warnings, since
 * the RemoteJudge call keeps Kayenta's leniency). Kayenta itself accepts weights that do not sum to 100, unknown
 * enum strings (`direction: "up"` reads as `either`) and an allowed increase below 1; the Kayenta UI
 * (`spinnaker/deck-kayenta` `validators.ts`, `canaryScores.tsx`) refuses most of them, and so do we.
 *
 * Effect-size thresholds are shown in the unit a person types: percent change for the mean ratio, a probability
 * for CLES (`docs/design/kayenta-judge.md` §2.3).
 */
import { GUARDRAIL_STATISTICS } from '../judge/guardrail-statistics';
import { METRIC_TESTS } from '../judge/metric-tests';
import { ratioAsPercent } from '../verdict/units';
import { asObject, checkNumber, isBlank, type RuleIssue } from './issues';

/** Tolerance for the weight sum, in percent points (33.33 + 33.33 + 33.34 must pass). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** Query keys that carry a query text (Canary Judge's `promql`/`series`, Kayenta's Prometheus query config). */
export const QUERY_TEXT_KEYS = ['promql', 'series', 'customInlineTemplate', 'customFilterTemplate', 'metricName'];

/** Query keys that only a PromQL source reads. */
const PROMQL_KEYS = ['promql', 'customInlineTemplate', 'customFilterTemplate', 'metricName'];

/** The allowed values of each enum setting under `analysisConfigurations.canary`. */
export const ENUM_SETTINGS: ReadonlyArray<{ keys: string[]; values: readonly string[] }> = [
  { keys: ['direction'], values: ['increase', 'decrease', 'either'] },
  { keys: ['nanStrategy'], values: ['remove', 'replace'] },
  { keys: ['outliers', 'strategy'], values: ['remove', 'keep'] },
  { keys: ['effectSize', 'measure'], values: ['meanRatio', 'cles'] },
];

/** Options of {@link validateCanaryConfig}. */
export interface CanaryConfigRuleOptions {
  /** Path of the config in the validated document, default `canaryConfig`. */
  base?: string;
  /** Type of the chosen metric source (`demo`, `prometheus`…) when known: its query kind is then checked. */
  sourceType?: string;
  /** Check each metric's query (default true); false for a RemoteJudge request, whose queries the judge ignores. */
  queries?: boolean;
}

function checkEffectSize(issues: RuleIssue[], base: string, effect: Record<string, unknown>): void {
  const cles = effect['measure'] === 'cles';
  const show = cles ? String : ratioAsPercent;
  const inc = cles ? { min: 0, max: 1 } : { min: 1, show };
  const dec = cles ? { min: 0, max: 1 } : { minExclusive: 0, max: 1, show };
  const ai = checkNumber(issues, `${base}.allowedIncrease`, effect['allowedIncrease'], inc);
  const ad = checkNumber(issues, `${base}.allowedDecrease`, effect['allowedDecrease'], dec);
  const ci = checkNumber(issues, `${base}.criticalIncrease`, effect['criticalIncrease'], inc);
  const cd = checkNumber(issues, `${base}.criticalDecrease`, effect['criticalDecrease'], dec);
  if (ai !== undefined && ci !== undefined && ci < ai) {
    issues.push({ field: `${base}.criticalIncrease`, rule: `must be at least the allowed increase (${show(ai)})` });
  }
  if (ad !== undefined && cd !== undefined && cd > ad) {
    issues.push({ field: `${base}.criticalDecrease`, rule: `must be at most the allowed decrease (${show(ad)})` });
  }
}

/** The statistical tests `analysisConfigurations.canaryJudge.test` may name (the judge's own list). */
const TESTS: readonly string[] = METRIC_TESTS;

/** `canaryJudge.test`: a known test; the Poisson rate test compares rates, so its effect size is a rate ratio. */
function checkTest(
  issues: RuleIssue[],
  base: string,
  judgeExt: Record<string, unknown>,
  canary: Record<string, unknown>,
): void {
  const test = judgeExt['test'];
  if (test === undefined || test === null) return;
  if (typeof test !== 'string' || !TESTS.includes(test)) {
    issues.push({
      field: `${base}.analysisConfigurations.canaryJudge.test`,
      rule: `must be one of ${TESTS.join(', ')} (got ${JSON.stringify(test)})`,
    });
    return;
  }
  if (test === 'poissonRate' && asObject(canary['effectSize'])['measure'] === 'cles') {
    issues.push({
      field: `${base}.analysisConfigurations.canary.effectSize.measure`,
      rule: 'must be meanRatio with the poissonRate test (its thresholds are on the rate ratio)',
    });
  }
}

function checkGuardrails(issues: RuleIssue[], base: string, guard: Record<string, unknown>): void {
  const min = checkNumber(issues, `${base}.minimumPoints`, guard['minimumPoints'], { min: 1 });
  if (min !== undefined && !Number.isInteger(min)) {
    issues.push({ field: `${base}.minimumPoints`, rule: `must be a whole number (got ${min})` });
  }
  const raw = guard['absolute'];
  if (raw === undefined || raw === null) return;
  const absolute = asObject(raw);
  const p = `${base}.absolute`;
  const statistic = absolute['statistic'];
  if (isBlank(statistic)) {
    issues.push({ field: `${p}.statistic`, rule: `is required: one of ${GUARDRAIL_STATISTICS.join(', ')}` });
  } else if (!(GUARDRAIL_STATISTICS as readonly unknown[]).includes(statistic)) {
    issues.push({
      field: `${p}.statistic`,
      rule: `must be one of ${GUARDRAIL_STATISTICS.join(', ')} (got ${JSON.stringify(statistic)})`,
    });
  }
  const upper = checkNumber(issues, `${p}.upperLimit`, absolute['upperLimit'], {});
  const lower = checkNumber(issues, `${p}.lowerLimit`, absolute['lowerLimit'], {});
  if (isBlank(absolute['upperLimit']) && isBlank(absolute['lowerLimit'])) {
    issues.push({ field: `${p}.upperLimit`, rule: 'needs an upper or a lower limit (or both)' });
  }
  if (upper !== undefined && lower !== undefined && lower > upper) {
    issues.push({ field: `${p}.lowerLimit`, rule: `must be at most upperLimit (${upper})` });
  }
}

function checkSettings(issues: RuleIssue[], base: string, canary: Record<string, unknown>): void {
  for (const { keys, values } of ENUM_SETTINGS) {
    let v: unknown = canary;
    for (const k of keys) v = asObject(v)[k];
    if (v === undefined || v === null) continue; // null = absent: the default applies (Kayenta's MapUtils)
    if (typeof v !== 'string' || !values.includes(v)) {
      issues.push({
        field: `${base}.${keys.join('.')}`,
        rule: `must be one of ${values.join(', ')} (got ${JSON.stringify(v)})`,
      });
    }
  }
  for (const key of ['critical', 'mustHaveData', 'muted']) {
    const v = canary[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') {
      issues.push({ field: `${base}.${key}`, rule: `must be true or false (got ${JSON.stringify(v)})` });
    }
  }
  checkNumber(issues, `${base}.outliers.outlierFactor`, asObject(canary['outliers'])['outlierFactor'], {
    minExclusive: 0,
  });
  checkEffectSize(issues, `${base}.effectSize`, asObject(canary['effectSize']));
}

/** Source types whose query keys this library knows (other types only need a non-empty query object). */
const KNOWN_QUERY_KINDS = new Set(['demo', 'prometheus']);

function checkQuery(issues: RuleIssue[], field: string, query: Record<string, unknown>, sourceType?: string): void {
  const has = (k: string) => typeof query[k] === 'string' && (query[k] as string).trim() !== '';
  if (sourceType !== undefined && !KNOWN_QUERY_KINDS.has(sourceType)) {
    if (Object.keys(query).length === 0) issues.push({ field, rule: `is required (a ${sourceType} query)` });
    return;
  }
  // A query config typed for another store (Kayenta's `type: "datadog"`, …) with a field set: its fields are the
  // source's to check (the service's `check` at creation), not this library's.
  const otherType = query['type'];
  if (
    sourceType === undefined &&
    typeof otherType === 'string' &&
    otherType !== '' &&
    !KNOWN_QUERY_KINDS.has(otherType) &&
    Object.entries(query).some(([k, v]) => k !== 'type' && !isBlank(v))
  ) {
    return;
  }
  if (!QUERY_TEXT_KEYS.some(has)) {
    issues.push({ field, rule: 'is required (query.promql, or query.series for the demo source)' });
    return;
  }
  if (sourceType === 'demo' && PROMQL_KEYS.some(has)) {
    issues.push({
      field,
      rule: 'is a PromQL query, but the demo metric source reads demo series: set query.series (latency, errors or cpu)',
    });
  } else if (sourceType === 'prometheus' && has('series') && !PROMQL_KEYS.some(has)) {
    issues.push({
      field,
      rule: 'names a demo series (query.series), but a prometheus metric source needs a PromQL query (query.promql)',
    });
  }
  const type = query['type'];
  if (sourceType !== undefined && typeof type === 'string' && type !== '' && type !== sourceType) {
    issues.push({
      field: `${field}.type`,
      rule: `is "${type}", but the chosen metric source is of type "${sourceType}"`,
    });
  }
}

function checkMetrics(issues: RuleIssue[], base: string, config: Record<string, unknown>, o: CanaryConfigRuleOptions) {
  const groups = new Set<string>();
  const metrics = config['metrics'];
  const mBase = `${base}.metrics`;
  if (!Array.isArray(metrics) || metrics.length === 0) {
    issues.push({ field: mBase, rule: 'needs at least one metric' });
    return groups;
  }
  const seen = new Map<string, number>();
  metrics.forEach((raw, i) => {
    const m = asObject(raw);
    const p = `${mBase}[${i}]`;
    const name = m['name'];
    if (isBlank(name)) issues.push({ field: `${p}.name`, rule: 'is required' });
    else if (typeof name === 'string') {
      const first = seen.get(name);
      if (first !== undefined) issues.push({ field: `${p}.name`, rule: `duplicates metric ${first + 1} ("${name}")` });
      else seen.set(name, i);
    }
    if (o.queries !== false) checkQuery(issues, `${p}.query`, asObject(m['query']), o.sourceType);
    const gs = Array.isArray(m['groups']) ? (m['groups'] as unknown[]) : [];
    if (gs.length === 0 || gs.some(isBlank)) issues.push({ field: `${p}.groups`, rule: 'needs a group name' });
    for (const g of gs) if (typeof g === 'string' && g.trim() !== '') groups.add(g);
    const ac = asObject(m['analysisConfigurations']);
    checkSettings(issues, `${p}.analysisConfigurations.canary`, asObject(ac['canary']));
    checkGuardrails(issues, `${p}.analysisConfigurations.canaryJudge`, asObject(ac['canaryJudge']));
    checkTest(issues, p, asObject(ac['canaryJudge']), asObject(ac['canary']));
  });
  return groups;
}

function checkWeights(issues: RuleIssue[], base: string, config: Record<string, unknown>, groups: Set<string>) {
  const wBase = `${base}.classifier.groupWeights`;
  const weights = asObject(asObject(config['classifier'])['groupWeights']);
  // No weights at all: every group gets an equal share (Kayenta's rule for unweighted groups), nothing to check.
  if (Object.keys(weights).length === 0) return;
  let sum = 0;
  let allNumeric = true;
  for (const [g, w] of Object.entries(weights)) {
    const v = checkNumber(issues, `${wBase}.${g}`, w, { required: true, min: 0, max: 100 });
    if (v === undefined) allNumeric = false;
    else sum += v;
    if (!groups.has(g)) issues.push({ field: `${wBase}.${g}`, rule: 'no metric is in this group' });
  }
  for (const g of groups) {
    if (!(g in weights)) issues.push({ field: `${wBase}.${g}`, rule: `group "${g}" needs a weight` });
  }
  if (allNumeric && groups.size > 0 && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    issues.push({ field: wBase, rule: `weights must sum to 100 (they sum to ${Number(sum.toPrecision(12))})` });
  }
}

/**
 * Every strict rule of a canary config (module doc): at least one metric; per metric a name (unique), a query
 * (of the chosen source's kind when known), at least one non-blank group, known enum settings, boolean flags, an
 * outlier factor > 0, effect sizes on the right side of no change (critical beyond allowed), valid opt-in
 * guardrails; no weights (equal shares), or one weight (0–100) per group, only for groups that have metrics, summing to
 * 100.
 *
 * @param config the canary config as parsed JSON (any value)
 * @param options path base and the source type
 * @returns every issue found (empty = valid), in document order
 * @example validateCanaryConfig({ metrics: [] }) // [{ field: 'canaryConfig.metrics', rule: 'needs at least one metric' }]
 */
export function validateCanaryConfig(config: unknown, options: CanaryConfigRuleOptions = {}): RuleIssue[] {
  const base = options.base ?? 'canaryConfig';
  const issues: RuleIssue[] = [];
  const c = asObject(config);
  const groups = checkMetrics(issues, base, c, options);
  checkWeights(issues, base, c, groups);
  return issues;
}

/**
 * Score thresholds: `0 < marginal < pass ≤ 100` (the Kayenta UI's rule; Orca then fails a score at or below
 * marginal).
 *
 * @param thresholds `{pass, marginal}` as parsed JSON
 * @param base path of the object, default `thresholds`
 * @returns every issue found
 */
export function validateThresholds(thresholds: unknown, base = 'thresholds'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const t = asObject(thresholds);
  const pass = checkNumber(issues, `${base}.pass`, t['pass'], { required: true, minExclusive: 0, max: 100 });
  const marginal = checkNumber(issues, `${base}.marginal`, t['marginal'], {
    required: true,
    minExclusive: 0,
    max: 100,
  });
  if (pass !== undefined && marginal !== undefined && !(marginal < pass)) {
    issues.push({ field: `${base}.marginal`, rule: `must be below pass (${pass})` });
  }
  return issues;
}
