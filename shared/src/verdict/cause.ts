/**
 * Verdicts that explain themselves: the metric(s) behind a verdict, named first, with the number a person checks
 * ("critical metric request-latency is High (canary mean +39 % vs baseline)"), then the score rule in Orca's words.
 * One text for the judgment's final message (Orca shows it in Deck and in notifications) and the results header.
 * Pure formatting over a Kayenta `CanaryJudgeResult`; no decision is made here.
 * Reference: `docs/design/orca-webhook-contract.md` §6.4 (the resource's `message`); users ask Kayenta "why did it
 * fail?" (spinnaker/kayenta#521); Kayenta's `CanaryAnalysisResult` fields (`spinnaker/kayenta:kayenta-core/.../canary/results/`).
 */
import type { CanaryAnalysisResult, CanaryConfig, CanaryJudgeResult, ScoreThresholds } from '../contract/kayenta';
import type { Verdict } from '../contract/judgment';
import { NODATA_MAJORITY_REASON } from '../judge/scorer';
import { fromWireNumber } from '../judge/wire';
import { formatPoints, scoreRuleText } from './score-rule';
import { formatNumber } from '../judge/format-number';
import { formatChange } from './units';

/** One metric behind a verdict. */
export interface VerdictCause {
  /** Metric name. */
  metric: string;
  /** Its classification (`High`, `Low`, `Nodata`, `NodataFailMetric`, `Error`). */
  classification: CanaryAnalysisResult['classification'];
  /** The metric is configured critical (`analysisConfigurations.canary.critical`). */
  critical: boolean;
  /** It decided the score alone (a critical failure scores 0). */
  decisive: boolean;
  /** E.g. `critical metric request-latency is High (canary mean +39 % vs baseline)`. */
  text: string;
}

/** At most this many metrics are named in a headline (the rest are counted), so it fits a notification. */
export const MAX_NAMED_CAUSES = 2;

/** Names of the metrics the config marks critical. */
export function criticalMetricNames(config: CanaryConfig | undefined): Set<string> {
  const names = new Set<string>();
  for (const m of config?.metrics ?? []) {
    if (m.analysisConfigurations?.canary?.critical === true) names.add(m.name);
  }
  return names;
}

/**
 * The canary-versus-baseline comparison of one metric in a few words: `canary mean +39 % vs baseline`, or the
 * point counts when a side had no data, or why it could not be judged.
 *
 * @param r one metric result (wire JSON)
 * @returns the comparison text
 */
export function metricChangeText(r: CanaryAnalysisResult): string {
  const x = r.experimentMetadata?.stats;
  const c = r.controlMetadata?.stats;
  if (r.classification === 'Error') {
    const why = r.canaryJudge?.errorMessage;
    return why ? `could not be judged: ${why}` : 'could not be judged';
  }
  if (!x || !c || x.count === 0 || c.count === 0) {
    return `no data: canary ${x?.count ?? 0} points, baseline ${c?.count ?? 0}`;
  }
  const xm = fromWireNumber(x.mean);
  const cm = fromWireNumber(c.mean);
  const change = formatChange(xm, cm);
  if (change.endsWith('%')) return `canary mean ${change} vs baseline`;
  if (change === 'no change') return 'canary mean equals the baseline mean';
  const note = change.endsWith(')') ? ` ${change.slice(change.lastIndexOf('('))}` : '';
  return `canary mean ${formatNumber(xm)} vs baseline ${formatNumber(cm)}${note}`;
}

const FAILING = new Set(['High', 'Low', 'NodataFailMetric']);

/**
 * The metrics behind a result, most important first: critical failures (they score 0), a critical metric that
 * ended `Error` (left out of the score, so it cannot fail the canary: worth saying), other High/Low/
 * NodataFailMetric, then Nodata. Muted metrics and passes are not causes.
 *
 * @param result the judge result of the deciding interval
 * @param config the canary config (to know which metrics are configured critical); optional
 * @returns the causes in that order (empty when every counted metric passed)
 */
export function verdictCauses(result: CanaryJudgeResult, config?: CanaryConfig): VerdictCause[] {
  const critical = criticalMetricNames(config);
  const rank = (c: VerdictCause) =>
    c.decisive ? 0 : c.critical && c.classification === 'Error' ? 1 : FAILING.has(c.classification) ? 2 : 3;
  const causes: VerdictCause[] = [];
  for (const r of result.results ?? []) {
    if (r.muted || r.classification === 'Pass') continue;
    const isCritical = critical.has(r.name) || r.critical;
    const decisive = r.critical === true;
    if (r.classification === 'Error' && !isCritical) continue;
    const what = r.classification === 'Error' ? metricChangeText(r) : `is ${r.classification}`;
    const detail = r.classification === 'Error' ? '' : ` (${metricChangeText(r)})`;
    const text =
      r.classification === 'Error'
        ? `critical metric ${r.name} ${what}, so it was left out of the score`
        : `${isCritical ? 'critical metric' : 'metric'} ${r.name} ${what}${detail}`;
    causes.push({ metric: r.name, classification: r.classification, critical: isCritical, decisive, text });
  }
  return causes.sort((a, b) => rank(a) - rank(b));
}

/** What a headline needs. */
export interface HeadlineInput {
  verdict: Verdict;
  /** Summary score in points. */
  score: number;
  thresholds: ScoreThresholds;
  /** The deciding interval's judge result (the last judged one); null when not available. */
  result: CanaryJudgeResult | null;
  config?: CanaryConfig;
  /** Intervals judged and planned; a FAIL with judged < planned stopped early (Orca's rule). */
  judged?: number;
  planned?: number;
}

/**
 * The one-line verdict that names its cause first, then the score rule:
 * `FAIL 0/100: critical metric request-latency is High (canary mean +39 % vs baseline); score 0 is at or below
 * marginal 50`. At most {@link MAX_NAMED_CAUSES} metrics are named; a PASS with a critical `Error` says so.
 *
 * @param h verdict, score, thresholds, the deciding result and the config
 * @returns the headline, no full stop
 */
export function verdictHeadline(h: HeadlineInput): string {
  const head = `${h.verdict} ${formatPoints(h.score)}/100`;
  const causes = h.result ? verdictCauses(h.result, h.config) : [];
  const counted = (h.result?.results ?? []).filter((r) => !r.muted).length;
  let why: string;
  const criticalErrors = causes.filter((c) => c.critical && c.classification === 'Error');
  if (h.result && h.result.score?.classificationReason === NODATA_MAJORITY_REASON && !causes.some((c) => c.decisive)) {
    const nodata = (h.result.results ?? []).filter((r) => !r.muted && r.classification === 'Nodata').length;
    why = `${nodata} of ${counted} metrics had no data, and half or more without data scores 0`;
  } else if (causes.length === 0) {
    why = counted > 0 ? `all ${counted} metrics passed` : '';
  } else if (h.verdict === 'PASS') {
    why = criticalErrors.length > 0 ? criticalErrors.map((c) => c.text).join('; ') : '';
  } else {
    const named = causes.slice(0, MAX_NAMED_CAUSES).map((c) => c.text);
    const more = causes.length - named.length;
    why = named.join('; ') + (more > 0 ? `; and ${more} more` : '');
    // A critical Error is worth saying even when other metrics are named first.
    const hidden = criticalErrors.filter((c) => !named.includes(c.text));
    if (hidden.length > 0) why += `; ${hidden[0]?.text}`;
  }
  let rule = scoreRuleText(h.score, h.thresholds);
  if (h.verdict === 'FAIL' && h.judged !== undefined && h.planned !== undefined && h.judged < h.planned) {
    rule += ` in interval ${h.judged} of ${h.planned}; stopped early`;
  } else if (h.judged !== undefined && h.planned !== undefined && h.planned > 1) {
    rule += ` after ${h.judged} of ${h.planned} intervals`;
  }
  return why === '' ? `${head}: ${rule}` : `${head}: ${why}; ${rule}`;
}
