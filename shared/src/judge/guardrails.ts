/**
 * Opt-in "better than Kayenta" guardrails, read from `analysisConfigurations.canaryJudge` — a key Kayenta ignores,
 * so a config that uses them still runs on Kayenta (without the guardrails). A metric without them (no key, `null`
 * or `{}`) is judged exactly as Kayenta would: this module is not consulted at all.
 *
 * 1. **Data sufficiency** `minimumPoints` (integer ≥ 1): when either side has fewer points after NaN and outlier
 *    handling, the metric is `Nodata` (`NodataFailMetric` with `mustHaveData` on a non-critical metric — Kayenta's
 *    rule for an empty side; a critical Nodata stays critical), reason
 *    `Too few data points for <name>: canary has 12, at least 30 required`. It replaces Kayenta's whole
 *    classification (including the empty check), so a sparse metric can no longer pass silently
 *    (spinnaker/kayenta#426; `shared/KAYENTA-DIFFERENCES.md`, "Opt-in extensions").
 * 2. **Absolute guardrail** `absolute: {statistic, upperLimit?, lowerLimit?}`: after Kayenta's classification, the
 *    canary statistic (on the transformed canary series; percentiles R-7) above `upperLimit` makes the metric `High`,
 *    below `lowerLimit` `Low`, reason `<name> p99 0.62 is above the absolute limit 0.5`; `critical` applies as usual
 *    (a critical metric's breach is a critical failure). A metric Kayenta already classified High/Low keeps its label
 *    and reason (a breach on a critical metric still makes it critical). Evaluated only when the canary has points,
 *    `minimumPoints`, if set, is met, and the statistic is a number (a mean can overflow near the double range).
 *    Direction does not apply: the limits are explicit.
 *    (A rule operators ask for: "no significant increase AND p99 < 500 ms"; `shared/KAYENTA-DIFFERENCES.md`.)
 *
 * Settings are validated strictly (our own key, no Kayenta reading rules to mirror): a wrong type is a
 * {@link JudgeInputError} naming the path and the rule. Unknown keys inside `canaryJudge` are ignored.
 */
import type {
  GuardrailStatistic,
  MetricClassification,
  MetricDecisionRule,
  MetricGuardrailsDetail,
} from '../contract/kayenta';
import { describe as summarize, percentileR7, sortedForPercentile } from '../stats';
import { JudgeInputError } from './errors';
import { formatNumber } from './format-number';
import { GUARDRAIL_STATISTICS } from './guardrail-statistics';
import { toWireNumber } from './wire';

export { GUARDRAIL_STATISTICS };

/** An absolute guardrail: at least one limit is set; `lowerLimit ≤ upperLimit` when both are. */
export interface AbsoluteGuardrail {
  /** Statistic of the transformed canary series compared with the limits. */
  readonly statistic: GuardrailStatistic;
  /** The statistic must not be above this (metric unit); null when not set. */
  readonly upperLimit: number | null;
  /** The statistic must not be below this (metric unit); null when not set. */
  readonly lowerLimit: number | null;
}

/** The resolved opt-in guardrails of one metric; each is null when not configured. */
export interface MetricGuardrails {
  /** Data sufficiency: required points per side (integer ≥ 1). */
  readonly minimumPoints: number | null;
  /** Absolute limit on a canary statistic. */
  readonly absolute: AbsoluteGuardrail | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function readLimit(o: Record<string, unknown>, key: string, path: string): number | null {
  const v = own(o, key);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new JudgeInputError(`${path}.${key}`, 'must be a finite number');
  return v;
}

/**
 * Reads and validates `analysisConfigurations.canaryJudge` (module doc).
 *
 * @param analysisConfigurations The metric config's `analysisConfigurations` (any parsed JSON value).
 * @param basePath JSON path of that value, e.g. `canaryConfig.metrics[2].analysisConfigurations`.
 * @returns The guardrails, or null when none is configured (no key, `null`, `{}`, or only unknown keys).
 * @throws JudgeInputError for a `canaryJudge`/`absolute` that is not an object, a `minimumPoints` that is not an
 *   integer ≥ 1, an unknown `statistic`, a limit that is not a finite number, no limit, or `lowerLimit > upperLimit`.
 * @example
 * readGuardrails({ canaryJudge: { minimumPoints: 30 } }, 'm') // { minimumPoints: 30, absolute: null }
 */
export function readGuardrails(analysisConfigurations: unknown, basePath: string): MetricGuardrails | null {
  if (!isObject(analysisConfigurations)) return null;
  const raw = own(analysisConfigurations, 'canaryJudge');
  if (raw === undefined || raw === null) return null;
  const path = `${basePath}.canaryJudge`;
  if (!isObject(raw)) throw new JudgeInputError(path, 'must be an object');

  let minimumPoints: number | null = null;
  const mp = own(raw, 'minimumPoints');
  if (mp !== undefined && mp !== null) {
    if (typeof mp !== 'number' || !Number.isSafeInteger(mp) || mp < 1) {
      throw new JudgeInputError(`${path}.minimumPoints`, 'must be an integer ≥ 1');
    }
    minimumPoints = mp;
  }

  let absolute: AbsoluteGuardrail | null = null;
  const abs = own(raw, 'absolute');
  if (abs !== undefined && abs !== null) {
    const absPath = `${path}.absolute`;
    if (!isObject(abs)) throw new JudgeInputError(absPath, 'must be an object');
    const statistic = own(abs, 'statistic');
    if (typeof statistic !== 'string' || !(GUARDRAIL_STATISTICS as readonly string[]).includes(statistic)) {
      throw new JudgeInputError(
        `${absPath}.statistic`,
        `must be one of ${GUARDRAIL_STATISTICS.map((s) => JSON.stringify(s)).join(', ')}`,
      );
    }
    const upperLimit = readLimit(abs, 'upperLimit', absPath);
    const lowerLimit = readLimit(abs, 'lowerLimit', absPath);
    if (upperLimit === null && lowerLimit === null) {
      throw new JudgeInputError(absPath, 'needs upperLimit, lowerLimit or both');
    }
    if (upperLimit !== null && lowerLimit !== null && lowerLimit > upperLimit) {
      throw new JudgeInputError(`${absPath}.lowerLimit`, `must not be greater than upperLimit (${String(upperLimit)})`);
    }
    absolute = { statistic: statistic as GuardrailStatistic, upperLimit, lowerLimit };
  }
  return minimumPoints === null && absolute === null ? null : { minimumPoints, absolute };
}

/**
 * The statistic of a series an absolute guardrail uses: commons-math mean, R-7 percentile or maximum.
 *
 * @param values The transformed canary series (no NaN).
 * @param statistic Which statistic.
 * @returns Its value; NaN for an empty series.
 * @example guardrailStatistic([1, 2, 3, 4], 'p50') // 2.5
 */
export function guardrailStatistic(values: ArrayLike<number>, statistic: GuardrailStatistic): number {
  if (values.length === 0) return NaN;
  switch (statistic) {
    case 'mean':
      return summarize(values).mean;
    case 'max':
      return summarize(values).max;
    default:
      return percentileR7(sortedForPercentile(values), Number(statistic.slice(1)));
  }
}

/** The part of a verdict the guardrails may change. */
export interface GuardedOutcome {
  /** Final label. */
  readonly classification: MetricClassification;
  /** Final reason (null for a plain Pass). */
  readonly reason: string | null;
  /** Final critical flag. */
  readonly critical: boolean;
  /** Final deciding rule. */
  readonly decidedBy: MetricDecisionRule;
}

/** Inputs of {@link applyGuardrails}. */
export interface GuardrailInput {
  /** Metric name, for reasons. */
  readonly metricName: string;
  /** The configured guardrails. */
  readonly guardrails: MetricGuardrails;
  /** Whether the metric is critical. */
  readonly critical: boolean;
  /** Whether missing data fails the metric. */
  readonly mustHaveData: boolean;
  /** Transformed baseline series. */
  readonly control: ArrayLike<number>;
  /** Transformed canary series. */
  readonly experiment: ArrayLike<number>;
  /** Kayenta's verdict on the same series. */
  readonly kayenta: GuardedOutcome;
}

/** What the guardrails decided, and the detail to report. */
export interface GuardrailResult {
  /** The final outcome (Kayenta's when nothing applied). */
  readonly outcome: GuardedOutcome;
  /** The `canaryJudge.guardrails` detail (numbers unrounded; NaN as NaN). */
  readonly detail: MetricGuardrailsDetail;
  /** Writes the explanation (without its full stop) from Kayenta's explanation of the same metric (without its own). */
  readonly sentence: (kayentaSentence: string) => string;
}

/** Formats a value so that it reads differently from the limit it is compared with (more digits when needed). */
function distinct(value: number, limit: number): string {
  const v = formatNumber(value);
  return v === formatNumber(limit) ? String(value) : v;
}

/**
 * Applies the configured guardrails to Kayenta's verdict on one metric (module doc).
 *
 * @param input Name, guardrails, flags, transformed series and Kayenta's verdict.
 * @returns The final outcome, the detail, and a function that writes the explanation from Kayenta's sentence
 *   (without its full stop).
 */
export function applyGuardrails(input: GuardrailInput): GuardrailResult {
  const { guardrails: g, kayenta, metricName: name } = input;
  const k = kayenta;
  const nc = input.control.length;
  const ne = input.experiment.length;
  const pointsMet = g.minimumPoints === null || (nc >= g.minimumPoints && ne >= g.minimumPoints);
  const detail: MetricGuardrailsDetail = {
    ...(g.minimumPoints !== null
      ? { minimumPoints: { required: g.minimumPoints, control: nc, experiment: ne, met: pointsMet } }
      : {}),
    kayenta: { classification: k.classification, reason: k.reason, critical: k.critical, decidedBy: k.decidedBy },
  };

  if (!pointsMet) {
    const required = g.minimumPoints!;
    const sides: string[] = [];
    if (ne < required) sides.push(`canary has ${ne}`);
    if (nc < required) sides.push(`baseline has ${nc}`);
    const reason = `Too few data points for ${name}: ${sides.join(', ')}, at least ${required} required`;
    const fail = input.mustHaveData && !input.critical;
    const outcome: GuardedOutcome = {
      classification: fail ? 'NodataFailMetric' : 'Nodata',
      reason,
      critical: fail ? false : input.critical,
      decidedBy: 'minimum-points',
    };
    if (g.absolute !== null) detail.absolute = absoluteDetail(g.absolute, null, 'not-evaluated', null);
    const consequence = fail
      ? 'mustHaveData makes this a failure of the metric'
      : input.critical
        ? 'the metric is critical, so too little data fails the canary'
        : 'the metric is left out of its group scores';
    return {
      outcome,
      detail,
      sentence: (ks) =>
        `${reason} (canaryJudge.minimumPoints), so the metric is ${outcome.classification}: ${consequence}` +
        (g.absolute !== null ? '; the absolute limit is not checked on so few points' : '') +
        `. Kayenta alone says ${k.classification}: ${ks}`,
    };
  }

  if (g.absolute === null) {
    return {
      outcome: k,
      detail,
      sentence: (ks) => `${ks}; each side has at least the required ${g.minimumPoints} points`,
    };
  }

  const a = g.absolute;
  if (ne === 0) {
    detail.absolute = absoluteDetail(a, null, 'not-evaluated', null);
    return { outcome: k, detail, sentence: (ks) => `${ks}; the absolute limit is not checked without canary data` };
  }
  const value = guardrailStatistic(input.experiment, a.statistic);
  if (Number.isNaN(value)) {
    // Only reachable when the statistic overflows (values near the double range): there is nothing to compare.
    detail.absolute = absoluteDetail(a, value, 'not-evaluated', null);
    return {
      outcome: k,
      detail,
      sentence: (ks) =>
        `${ks}; the canary ${a.statistic} is not a number (overflow), so the absolute limit is not checked`,
    };
  }
  const label = `${name} ${a.statistic}`;
  let breached: 'upper' | 'lower' | 'none' = 'none';
  let reason: string | null = null;
  if (a.upperLimit !== null && value > a.upperLimit) {
    breached = 'upper';
    reason = `${label} ${distinct(value, a.upperLimit)} is above the absolute limit ${formatNumber(a.upperLimit)}`;
  } else if (a.lowerLimit !== null && value < a.lowerLimit) {
    breached = 'lower';
    reason = `${label} ${distinct(value, a.lowerLimit)} is below the absolute limit ${formatNumber(a.lowerLimit)}`;
  }
  detail.absolute = absoluteDetail(a, value, breached, reason);
  if (breached === 'none') {
    const limits = [
      a.lowerLimit !== null ? `≥ ${formatNumber(a.lowerLimit)}` : null,
      a.upperLimit !== null ? `≤ ${formatNumber(a.upperLimit)}` : null,
    ]
      .filter((x) => x !== null)
      .join(' and ');
    return {
      outcome: k,
      detail,
      sentence: (ks) =>
        `${ks}; the canary ${a.statistic} ${formatNumber(value)} is within the absolute limit (${limits})`,
    };
  }
  const criticalText = input.critical ? '; the metric is critical, so it fails the canary' : '';
  if (k.classification === 'High' || k.classification === 'Low') {
    const outcome: GuardedOutcome = { ...k, critical: k.critical || input.critical };
    return {
      outcome,
      detail,
      sentence: (ks) =>
        `${ks}; also ${reason!} (canaryJudge.absolute)` +
        (input.critical && !k.critical ? ', and the metric is critical, so it fails the canary' : ''),
    };
  }
  const classification: MetricClassification = breached === 'upper' ? 'High' : 'Low';
  const outcome: GuardedOutcome = { classification, reason, critical: input.critical, decidedBy: 'absolute-limit' };
  return {
    outcome,
    detail,
    sentence: (ks) =>
      `${reason!} (canaryJudge.absolute), so the metric is ${classification}${criticalText}. ` +
      `Kayenta alone says ${k.classification}: ${ks}`,
  };
}

function absoluteDetail(
  a: AbsoluteGuardrail,
  value: number | null,
  breached: 'upper' | 'lower' | 'none' | 'not-evaluated',
  reason: string | null,
): NonNullable<MetricGuardrailsDetail['absolute']> {
  return {
    statistic: a.statistic,
    value: value === null ? null : toWireNumber(value),
    upperLimit: positiveZero(a.upperLimit),
    lowerLimit: positiveZero(a.lowerLimit),
    breached: breached === 'not-evaluated' ? null : breached,
    reason,
  };
}

/** −0 as 0, as everywhere on the wire (`JSON.stringify` writes both as `0`). */
function positiveZero(x: number | null): number | null {
  return x === 0 ? 0 : x;
}
