/**
 * Validation of a `canaryJudge` stage before it is saved. Works on the stage JSON (not the form), so the same rules
 * run in the config panel and in Deck's pipeline validator. Each issue names the JSON path and the rule broken, in
 * the form `<path>: <rule>` (e.g. `payload.thresholds.marginal: must be below pass (75)`).
 *
 * Rules: thresholds 0 < marginal < pass ≤ 100 (Kayenta's canaryScores.tsx rule, with pass = 100 allowed); group
 * weights ≥ 0, one per metric group, summing to 100 (Kayenta's validators.ts); required names, queries, groups,
 * scopes and metric source; unique metric names; positive lifetime/interval/step; non-negative warm-up, lookback and
 * baseline offset; interval ≤ lifetime; ISO-8601 UTC retrospective window with end after start; effect sizes on the
 * right side of 1 (critical beyond allowed), CLES in (0, 1); outlier factor > 0; the opt-in guardrails
 * (`analysisConfigurations.canaryJudge`): a whole `minimumPoints` ≥ 1, an absolute limit with a known statistic, at
 * least one limit, and lower ≤ upper — the judge's own rules (`shared/src/judge/guardrails.ts`).
 */

import { GUARDRAIL_STATISTICS } from '@canary-judge/shared';
import { queryText } from './stageJson';

/**
 * A query config typed for a store other than Prometheus (`type: 'datadog'`, …) with at least one other field set:
 * its fields are checked by the judge's source (`check`), not by the single query text.
 */
function isOtherStoreQuery(query: Record<string, unknown>): boolean {
  const type = query['type'];
  if (typeof type !== 'string' || type === '' || type === 'prometheus') return false;
  return Object.entries(query).some(([k, v]) => k !== 'type' && v !== undefined && v !== null && v !== '');
}

/** One validation problem: `path` is a JSON path into the stage (dot/bracket notation), `message` the rule. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Tolerance for the weight sum, in percent points (weights are typed by hand, 33.33+33.33+33.34 must pass). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Checks one numeric field. Returns the number when valid (or undefined when absent and optional). */
function num(
  issues: ValidationIssue[],
  path: string,
  v: unknown,
  opts: { required?: boolean; min?: number; minExclusive?: number; max?: number; label?: string },
): number | undefined {
  if (isBlank(v)) {
    if (opts.required) issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ path, message: `must be a number (got ${JSON.stringify(v)})` });
    return undefined;
  }
  if (opts.minExclusive !== undefined && !(v > opts.minExclusive)) {
    issues.push({ path, message: `must be greater than ${opts.minExclusive} (got ${v})` });
    return undefined;
  }
  if (opts.min !== undefined && v < opts.min) {
    issues.push({ path, message: `must be at least ${opts.min} (got ${v})` });
    return undefined;
  }
  if (opts.max !== undefined && v > opts.max) {
    issues.push({ path, message: `must be at most ${opts.max} (got ${v})` });
    return undefined;
  }
  return v;
}

function validateEffectSize(issues: ValidationIssue[], base: string, effect: Record<string, unknown>): void {
  const cles = effect['measure'] === 'cles';
  const incOpts = cles ? { min: 0, max: 1 } : { min: 1 };
  const decOpts = cles ? { min: 0, max: 1 } : { minExclusive: 0, max: 1 };
  const ai = num(issues, `${base}.allowedIncrease`, effect['allowedIncrease'], incOpts);
  const ad = num(issues, `${base}.allowedDecrease`, effect['allowedDecrease'], decOpts);
  const ci = num(issues, `${base}.criticalIncrease`, effect['criticalIncrease'], incOpts);
  const cd = num(issues, `${base}.criticalDecrease`, effect['criticalDecrease'], decOpts);
  if (ai !== undefined && ci !== undefined && ci < ai) {
    issues.push({ path: `${base}.criticalIncrease`, message: `must be at least allowedIncrease (${ai})` });
  }
  if (ad !== undefined && cd !== undefined && cd > ad) {
    issues.push({ path: `${base}.criticalDecrease`, message: `must be at most allowedDecrease (${ad})` });
  }
}

function validateGuardrails(issues: ValidationIssue[], base: string, guard: Record<string, unknown>): void {
  const min = num(issues, `${base}.minimumPoints`, guard['minimumPoints'], { min: 1 });
  if (min !== undefined && !Number.isInteger(min)) {
    issues.push({ path: `${base}.minimumPoints`, message: `must be a whole number (got ${min})` });
  }
  const rawAbsolute = guard['absolute'];
  if (rawAbsolute === undefined || rawAbsolute === null) return;
  const absolute = rec(rawAbsolute);
  const p = `${base}.absolute`;
  const statistic = absolute['statistic'];
  if (isBlank(statistic)) {
    issues.push({ path: `${p}.statistic`, message: `is required: one of ${GUARDRAIL_STATISTICS.join(', ')}` });
  } else if (!(GUARDRAIL_STATISTICS as readonly unknown[]).includes(statistic)) {
    issues.push({
      path: `${p}.statistic`,
      message: `must be one of ${GUARDRAIL_STATISTICS.join(', ')} (got ${JSON.stringify(statistic)})`,
    });
  }
  const upper = num(issues, `${p}.upperLimit`, absolute['upperLimit'], {});
  const lower = num(issues, `${p}.lowerLimit`, absolute['lowerLimit'], {});
  if (isBlank(absolute['upperLimit']) && isBlank(absolute['lowerLimit'])) {
    issues.push({ path: `${p}.upperLimit`, message: 'needs an upper or a lower limit (or both)' });
  }
  if (upper !== undefined && lower !== undefined && lower > upper) {
    issues.push({ path: `${p}.lowerLimit`, message: `must be at most upperLimit (${upper})` });
  }
}

function validateMetrics(issues: ValidationIssue[], config: Record<string, unknown>): Set<string> {
  const groups = new Set<string>();
  const metrics = config['metrics'];
  const base = 'payload.canaryConfig.metrics';
  if (!Array.isArray(metrics) || metrics.length === 0) {
    issues.push({ path: base, message: 'needs at least one metric' });
    return groups;
  }
  const seen = new Map<string, number>();
  metrics.forEach((raw, i) => {
    const m = rec(raw);
    const p = `${base}[${i}]`;
    const name = m['name'];
    if (isBlank(name)) issues.push({ path: `${p}.name`, message: 'is required' });
    else if (typeof name === 'string') {
      const first = seen.get(name);
      if (first !== undefined)
        issues.push({ path: `${p}.name`, message: `duplicates metric ${first + 1} ("${name}")` });
      else seen.set(name, i);
    }
    if (queryText(rec(m['query'])).trim() === '' && !isOtherStoreQuery(rec(m['query']))) {
      issues.push({ path: `${p}.query`, message: 'is required (query.promql, or query.series for the demo source)' });
    }
    const gs = Array.isArray(m['groups']) ? (m['groups'] as unknown[]) : [];
    if (gs.length === 0 || gs.some(isBlank)) issues.push({ path: `${p}.groups`, message: 'needs a group name' });
    for (const g of gs) if (typeof g === 'string' && g.trim() !== '') groups.add(g);
    const canary = rec(rec(m['analysisConfigurations'])['canary']);
    const outliers = rec(canary['outliers']);
    num(issues, `${p}.analysisConfigurations.canary.outliers.outlierFactor`, outliers['outlierFactor'], {
      minExclusive: 0,
    });
    validateEffectSize(issues, `${p}.analysisConfigurations.canary.effectSize`, rec(canary['effectSize']));
    validateGuardrails(
      issues,
      `${p}.analysisConfigurations.canaryJudge`,
      rec(rec(m['analysisConfigurations'])['canaryJudge']),
    );
  });
  return groups;
}

function validateWeights(issues: ValidationIssue[], config: Record<string, unknown>, groups: Set<string>): void {
  const base = 'payload.canaryConfig.classifier.groupWeights';
  const weights = rec(rec(config['classifier'])['groupWeights']);
  let sum = 0;
  let allNumeric = true;
  for (const [g, w] of Object.entries(weights)) {
    const v = num(issues, `${base}.${g}`, w, { required: true, min: 0, max: 100 });
    if (v === undefined) allNumeric = false;
    else sum += v;
    if (!groups.has(g)) issues.push({ path: `${base}.${g}`, message: 'no metric is in this group' });
  }
  for (const g of groups) {
    if (!(g in weights)) issues.push({ path: `${base}.${g}`, message: `group "${g}" needs a weight` });
  }
  if (allNumeric && groups.size > 0 && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    issues.push({ path: base, message: `weights must sum to 100 (they sum to ${Number(sum.toPrecision(12))})` });
  }
}

function validateTiming(issues: ValidationIssue[], timing: Record<string, unknown>): void {
  const base = 'payload.timing';
  const retro = !isBlank(timing['startTimeIso']) || !isBlank(timing['endTimeIso']);
  if (retro) {
    const times: number[] = [];
    for (const key of ['startTimeIso', 'endTimeIso'] as const) {
      const v = timing[key];
      if (isBlank(v)) issues.push({ path: `${base}.${key}`, message: 'is required for a retrospective analysis' });
      else if (typeof v !== 'string' || !ISO_UTC.test(v) || Number.isNaN(Date.parse(v))) {
        issues.push({ path: `${base}.${key}`, message: 'must be an ISO-8601 UTC instant like 2026-01-31T12:00:00Z' });
      } else times.push(Date.parse(v));
    }
    if (times.length === 2 && (times[1] as number) <= (times[0] as number)) {
      issues.push({ path: `${base}.endTimeIso`, message: 'must be after startTimeIso' });
    }
    if (!isBlank(timing['lifetimeMinutes'])) {
      issues.push({ path: `${base}.lifetimeMinutes`, message: 'must be empty for a retrospective analysis' });
    }
  } else {
    const life = num(issues, `${base}.lifetimeMinutes`, timing['lifetimeMinutes'], { required: true, minExclusive: 0 });
    const interval = num(issues, `${base}.intervalMinutes`, timing['intervalMinutes'], { min: 0 });
    if (life !== undefined && interval !== undefined && interval > life) {
      issues.push({ path: `${base}.intervalMinutes`, message: `must not exceed lifetimeMinutes (${life})` });
    }
    num(issues, `${base}.warmupMinutes`, timing['warmupMinutes'], { min: 0 });
    num(issues, `${base}.lookbackMinutes`, timing['lookbackMinutes'], { min: 0 });
  }
  num(issues, `${base}.baselineOffsetMinutes`, timing['baselineOffsetMinutes'], { min: 0 });
  num(issues, `${base}.stepSeconds`, timing['stepSeconds'], { minExclusive: 0 });
}

function validateThresholds(issues: ValidationIssue[], thresholds: Record<string, unknown>): void {
  const base = 'payload.thresholds';
  const pass = num(issues, `${base}.pass`, thresholds['pass'], { required: true, minExclusive: 0, max: 100 });
  const marginal = num(issues, `${base}.marginal`, thresholds['marginal'], {
    required: true,
    minExclusive: 0,
    max: 100,
  });
  if (pass !== undefined && marginal !== undefined && !(marginal < pass)) {
    issues.push({ path: `${base}.marginal`, message: `must be below pass (${pass})` });
  }
}

/** Scope names the judge accepts under `namedScopes` (its request schema); `default` is the `scopes` field. */
export const SCOPE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Named scope pairs and each metric's `scopeName` (Kayenta semantics: the metric's scope name selects a pair;
 * `default` is `scopes`): names match {@link SCOPE_NAME} and are not `default`, each pair has both scopes, and every
 * metric names a defined scope — the judge refuses the request otherwise (400 UNKNOWN_SCOPE).
 */
function validateNamedScopes(issues: ValidationIssue[], payload: Record<string, unknown>): void {
  const named = rec(payload['namedScopes']);
  for (const [name, raw] of Object.entries(named)) {
    const p = `payload.namedScopes.${name}`;
    if (name === 'default') issues.push({ path: p, message: 'is the scopes field; pick another name' });
    else if (!SCOPE_NAME.test(name)) {
      issues.push({ path: p, message: 'name must be letters, digits, ".", "_" or "-" (up to 100)' });
    }
    const pair = rec(raw);
    for (const key of ['controlScope', 'experimentScope']) {
      if (isBlank(pair[key])) issues.push({ path: `${p}.${key}`, message: 'is required' });
    }
  }
  const metrics = rec(payload['canaryConfig'])['metrics'];
  if (!Array.isArray(metrics)) return;
  metrics.forEach((raw, i) => {
    const scopeName = rec(raw)['scopeName'];
    if (isBlank(scopeName) || scopeName === 'default') return;
    if (typeof scopeName !== 'string' || !Object.prototype.hasOwnProperty.call(named, scopeName)) {
      issues.push({
        path: `payload.canaryConfig.metrics[${i}].scopeName`,
        message: `names no scope pair (defined: ${[...new Set(['default', ...Object.keys(named)])].join(', ')})`,
      });
    }
  });
}

/**
 * A shared canary config reference: a name in the judge's pattern and a version that is `latest` or a whole
 * number ≥ 1 (whether the config exists is the judge's check when the judgment starts).
 */
function validateConfigRef(issues: ValidationIssue[], ref: Record<string, unknown>): void {
  const name = ref['name'];
  if (isBlank(name)) issues.push({ path: 'payload.canaryConfigRef.name', message: 'pick a shared canary config' });
  else if (typeof name !== 'string' || !SCOPE_NAME.test(name)) {
    issues.push({ path: 'payload.canaryConfigRef.name', message: 'must be letters, digits, ".", "_" or "-"' });
  }
  const v = ref['version'];
  if (!(v === 'latest' || (typeof v === 'number' && Number.isInteger(v) && v >= 1))) {
    issues.push({
      path: 'payload.canaryConfigRef.version',
      message: `must be "latest" or a version number (got ${JSON.stringify(v)})`,
    });
  }
}

/** Validates a stage's webhook URL and judgment payload; returns every issue found (empty = valid). */
export function validateStage(stage: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const url = stage['url'];
  if (typeof url !== 'string' || !/^https?:\/\/[^/]+/.test(url)) {
    issues.push({ path: 'url', message: 'needs the judge service URL (http:// or https://)' });
  }
  const payload = rec(stage['payload']);
  if (isBlank(payload['metricSource'])) issues.push({ path: 'payload.metricSource', message: 'is required' });
  const scopes = rec(payload['scopes']);
  for (const key of ['controlScope', 'experimentScope']) {
    if (isBlank(scopes[key])) issues.push({ path: `payload.scopes.${key}`, message: 'is required' });
  }
  validateNamedScopes(issues, payload);
  if (payload['canaryConfigRef'] !== undefined) validateConfigRef(issues, rec(payload['canaryConfigRef']));
  else {
    const config = rec(payload['canaryConfig']);
    const groups = validateMetrics(issues, config);
    validateWeights(issues, config, groups);
  }
  validateTiming(issues, rec(payload['timing']));
  validateThresholds(issues, rec(payload['thresholds']));
  return issues;
}

/** One line per issue (`path: message`), or null when valid: the text Deck shows for a failed validator. */
export function describeIssues(issues: readonly ValidationIssue[]): string | null {
  return issues.length === 0 ? null : issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
