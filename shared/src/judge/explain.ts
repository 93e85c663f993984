/**
 * One readable sentence per metric verdict, with the numbers that decided it — the answer to "why did this metric
 * pass/fail?" that Kayenta's result does not give (spinnaker/kayenta#521).
 * A test-decided sentence leads with what a person checks — `canary mean +39 % vs baseline; significant at 98 %;
 * allowed +10 %: High.` — and keeps the interval and estimate after it. Effect-size thresholds read in one unit:
 * percent for the mean ratio, a probability for CLES (`verdict/units.ts`); a change on a near-zero baseline says so.
 * Pure formatting: no decision is made here.
 */
import type { SampleCounts } from '../contract/kayenta';
import { formatEffectThreshold, NEAR_ZERO_PERCENT_LIMIT, ratioAsPercent } from '../verdict/units';
import type { ClassifierOptions, MetricVerdict } from './classifier';
import { formatNumber } from './format-number';

export { formatNumber };

function pct(fraction: number): string {
  return `${formatNumber(fraction * 100)}%`;
}

function counts(c: SampleCounts): string {
  const parts: string[] = [`${c.raw} raw`];
  if (c.nanRemoved > 0) parts.push(`${c.nanRemoved} NaN removed`);
  if ((c.nanReplaced ?? 0) > 0) parts.push(`${c.nanReplaced} NaN replaced by 0`);
  if (c.outliersRemoved > 0) parts.push(`${c.outliersRemoved} outliers removed`);
  return `${c.used} points (${parts.join(', ')})`;
}

/**
 * Writes the explanation sentence of a metric verdict.
 *
 * @param verdict The classifier's verdict.
 * @param options The classifier options it was computed with (direction, thresholds, tolerance, level).
 * @param samples Point counts of both series.
 * @param muted Whether the metric is muted (mentioned, since it is then not scored).
 * @returns One sentence ending with a full stop.
 * @example
 * // 'Canary is higher: the 98% interval of the shift canary − baseline [98.99, 99] lies above +24.75 (25% of the
 * //  estimate 99) and the mean ratio 8.92 ≥ the allowed increase 1.'
 */
export function explainVerdict(
  verdict: MetricVerdict,
  options: ClassifierOptions,
  samples: { control: SampleCounts; experiment: SampleCounts },
  muted: boolean,
): string {
  const tested =
    verdict.test !== null && (verdict.decidedBy === 'mann-whitney' || verdict.decidedBy === 'constant-series');
  const lead = tested ? `${leadSentence(verdict, options)}. ` : '';
  return finishExplanation(lead + explainVerdictBody(verdict, options, samples), muted);
}

/**
 * The explanation of a verdict without its lead (`canary mean +39 % vs baseline; …: High.`), full stop and muted
 * note (for callers that extend the sentence, such as the opt-in guardrails, which lead with their own reason).
 *
 * @param verdict The classifier's verdict.
 * @param options The classifier options it was computed with.
 * @param samples Point counts of both series.
 * @returns The sentence body, no trailing full stop.
 */
export function explainVerdictBody(
  verdict: MetricVerdict,
  options: ClassifierOptions,
  samples: { control: SampleCounts; experiment: SampleCounts },
): string {
  return body(verdict, options, samples);
}

/**
 * Ends an explanation body: a full stop, preceded by the muted note for a muted metric.
 *
 * @param sentence The body, without full stop.
 * @param muted Whether the metric is muted.
 * @returns The finished explanation.
 */
export function finishExplanation(sentence: string, muted: boolean): string {
  return muted ? `${sentence} (muted: reported, not scored).` : `${sentence}.`;
}

function body(v: MetricVerdict, o: ClassifierOptions, s: { control: SampleCounts; experiment: SampleCounts }): string {
  const sides = `canary ${counts(s.experiment)}, baseline ${counts(s.control)}`;
  switch (v.decidedBy) {
    case 'empty':
      if (v.classification === 'Pass') {
        return `No data to compare (${sides}); with nanStrategy replace Kayenta counts this as Pass`;
      }
      if (v.classification === 'NodataFailMetric') {
        return `No data to compare (${sides}); mustHaveData makes this a failure of the metric`;
      }
      return v.critical
        ? `No data to compare (${sides}); the metric is critical, so missing data fails the canary`
        : `No data to compare (${sides}); the metric is left out of its group scores`;
    case 'identical':
      return `Canary and baseline hold exactly the same values (${s.experiment.used} points), so the metric passes`;
    case 'single-value':
      return `Every canary and baseline point has the same value, so the metric passes`;
    case 'error':
      return `The Mann-Whitney test could not be computed (${v.errorMessage ?? 'unknown error'}; ${sides}), so the metric is an Error and left out of the scores`;
    case 'constant-series':
    case 'mann-whitney':
      return testSentence(v, o);
    case 'minimum-points':
    case 'absolute-limit':
      // Guardrail rules are applied (and explained) by guardrails.ts, never by the classifier.
      return v.reason ?? 'Decided by a canaryJudge guardrail';
    case 'poisson-rate':
      // The Poisson rate test is explained with its event counts by explainPoissonBody.
      return v.reason ?? 'Decided by the canaryJudge poissonRate test';
  }
}

/** The effect size in the unit people read: a mean ratio as `2 (+100 %)`, CLES as a probability. */
function effectText(o: ClassifierOptions, es: number): string {
  return o.effectSizeMeasure === 'cles' ? formatNumber(es) : `${formatNumber(es)} (${ratioAsPercent(es)})`;
}

/** What a person checks first: the change, whether it is significant, the allowed change; then the label. */
function leadSentence(v: MetricVerdict, o: ClassifierOptions): string {
  const es = v.effectSize ?? NaN;
  let change: string;
  if (o.effectSizeMeasure === 'cles') {
    change = `P(canary > baseline) ${formatNumber(es)}`;
  } else if (Number.isNaN(es)) {
    change = 'canary mean vs a zero baseline mean (no percent change)';
  } else if (Math.abs(es - 1) * 100 > NEAR_ZERO_PERCENT_LIMIT) {
    change = `canary mean ${formatNumber(es)}× the baseline (near-zero baseline)`;
  } else {
    change = `canary mean ${ratioAsPercent(es)} vs baseline`;
  }
  const level = pct(o.confLevel).replace('%', ' %');
  if (v.significance === 'none' || v.significance === null) {
    return `${change}; not significant at ${level}: ${v.classification}`;
  }
  const up = v.classification === 'High' || (v.classification !== 'Low' && v.significance !== 'decrease');
  const allowed = formatEffectThreshold(o.effectSizeMeasure, up ? o.allowedIncrease : o.allowedDecrease);
  return `${change}; significant at ${level}; allowed ${allowed}: ${v.classification}`;
}

/** The figures {@link explainPoissonBody} needs (events and exposures per side, p-value). */
export interface PoissonFigures {
  readonly canaryEvents: number;
  readonly canaryExposure: number;
  readonly baselineEvents: number;
  readonly baselineExposure: number;
  readonly pValue: number;
}

/**
 * One sentence (without the final period) for a verdict of the opt-in Poisson rate test (`poisson-classifier.ts`):
 * events per side, the rate ratio with its one-sided bounds and p-value, and which check decided.
 *
 * @param v The verdict (decidedBy `poisson-rate`).
 * @param o The metric's options (direction, thresholds, critical).
 * @param f Events, exposures and p-value.
 * @param level One-sided confidence level of each bound (0.9).
 * @returns The sentence, e.g. `Poisson rate test: canary 4 events in 6 points, baseline 0 in 6; … : High`.
 */
export function explainPoissonBody(v: MetricVerdict, o: ClassifierOptions, f: PoissonFigures, level: number): string {
  const t = v.test;
  const head =
    `Poisson rate test: canary ${f.canaryEvents} events in ${f.canaryExposure} points, baseline ` +
    `${f.baselineEvents} in ${f.baselineExposure}`;
  if (t === null) return head;
  const ratio = `the rate ratio canary/baseline is ${formatNumber(t.estimate)}, its ${pct(level)} one-sided bounds [${formatNumber(t.ciLower)}, ${formatNumber(t.ciUpper)}] (exact p = ${formatNumber(f.pValue)})`;
  if (v.significance === 'none') return `${head}; ${ratio} include 1, so the rates do not differ significantly: Pass`;
  const up = v.significance === 'increase';
  const word = up ? 'higher' : 'lower';
  const side = up ? 'the lower bound is above 1' : 'the upper bound is below 1';
  const directionAllows = o.direction === 'either' || o.direction === (up ? 'increase' : 'decrease');
  if (!directionAllows) {
    return `${head}; ${ratio}: the canary's rate is ${word} (${side}) but direction is ${o.direction}: Pass`;
  }
  const allowed = up ? o.allowedIncrease : o.allowedDecrease;
  const cmp = up ? '≥' : '≤';
  const es = v.effectSize ?? NaN;
  if (v.classification === 'Pass') {
    return `${head}; ${ratio}: the canary's rate is significantly ${word} (${side}) but the rate ratio ${formatNumber(es)} is within the allowed ${up ? 'increase' : 'decrease'} ${formatNumber(allowed)}: Pass`;
  }
  let sentence = `${head}; ${ratio}: the canary's rate is ${word} (${side}) and the rate ratio ${formatNumber(es)} ${cmp} the allowed ${up ? 'increase' : 'decrease'} ${formatNumber(allowed)}: ${v.classification}`;
  if (o.critical) {
    sentence += v.critical
      ? '; the metric is critical, so it fails the canary'
      : `; the metric is critical but the rate ratio does not reach the critical ${up ? 'increase' : 'decrease'} ${formatNumber(up ? o.criticalIncrease : o.criticalDecrease)}, so it does not fail the canary by itself`;
  }
  return sentence;
}

function testSentence(v: MetricVerdict, o: ClassifierOptions): string {
  const t = v.test;
  if (t === null) return 'The test did not run';
  const level = pct(o.confLevel);
  const interval = `[${formatNumber(t.ciLower)}, ${formatNumber(t.ciUpper)}]`;
  const prefix =
    v.decidedBy === 'constant-series'
      ? `Both series are constant, so the shift is exactly ${formatNumber(t.estimate)} (interval ${interval}, Kayenta would add noise)`
      : `The ${level} interval of the shift canary − baseline is ${interval} (estimate ${formatNumber(t.estimate)})`;
  const bound = `±${formatNumber(t.upperBound)} (${pct(o.tolerance)} of |estimate|)`;
  const measure = o.effectSizeMeasure === 'cles' ? 'CLES' : 'mean ratio';
  const es = v.effectSize ?? NaN;
  const esText = Number.isNaN(es) ? `the ${measure} is NaN (a zero mean), so the effect-size check is skipped` : '';
  if (v.significance === 'none') {
    return `${prefix}; it does not lie wholly outside ${bound}, so there is no significant change: Pass`;
  }
  if (v.significance === 'both' && v.classification === 'Pass') {
    return `${prefix}; its ends are reversed (a solver artifact of Kayenta's 1e-4 tolerance) and clear both ${bound}, but neither High nor Low survives the direction and effect-size checks: Pass`;
  }
  // The side that decided: High/Low name it; a Pass names the side the interval cleared (upwards when both did).
  const up = v.classification === 'High' || (v.classification === 'Pass' && v.significance !== 'decrease');
  const word = up ? 'higher' : 'lower';
  const side = up ? `above +${formatNumber(t.upperBound)}` : `below ${formatNumber(t.lowerBound)}`;
  const allowed = up ? o.allowedIncrease : o.allowedDecrease;
  const criticalLimit = up ? o.criticalIncrease : o.criticalDecrease;
  const cmp = up ? '≥' : '≤';
  const notCmp = up ? '<' : '>';
  const esCheck =
    esText !== ''
      ? esText
      : `the ${measure} ${effectText(o, es)} ${cmp} the allowed ${up ? 'increase' : 'decrease'} ${formatEffectThreshold(o.effectSizeMeasure, allowed)}`;
  if (v.classification === 'Pass') {
    const directionAllows = o.direction === 'either' || o.direction === (up ? 'increase' : 'decrease');
    if (!directionAllows) {
      return `${prefix}; the canary is ${word} (interval ${side}) but direction is ${o.direction}, so only ${o.direction}s count: Pass`;
    }
    return `${prefix}; the canary is significantly ${word} (interval ${side}) but the ${measure} ${effectText(o, es)} ${notCmp} the allowed ${up ? 'increase' : 'decrease'} ${formatEffectThreshold(o.effectSizeMeasure, allowed)}: Pass`;
  }
  let sentence = `${prefix}; the canary is ${word}: the interval lies ${side} and ${esCheck}: ${v.classification}`;
  if (o.critical) {
    const limitText = `the critical ${up ? 'increase' : 'decrease'} ${formatEffectThreshold(o.effectSizeMeasure, criticalLimit)}`;
    sentence += v.critical
      ? Number.isNaN(es)
        ? `; the metric is critical, so it fails the canary`
        : `; the metric is critical and ${effectText(o, es)} ${cmp} ${limitText}, so it fails the canary`
      : `; the metric is critical but ${effectText(o, es)} ${notCmp} ${limitText}, so it does not fail the canary by itself`;
  }
  return sentence;
}
