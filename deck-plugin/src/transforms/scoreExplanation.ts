/**
 * The score arithmetic in words: which rule produced the summary score (a critical failure, too much missing data,
 * or the weighted sum of group scores), each group's contribution (group score × weight), and the group and
 * metrics that cost the most points. Mirrors the scorer's rules (`docs/design/kayenta-judge.md` §9): muted results are
 * ignored, a critical non-pass scores 0, ≥ 50 % "Nodata" scores 0, groups without a configured weight share the
 * remainder of 100 equally, and a group without countable results counts as 100.
 */
import type { CanaryJudgeResult } from '@canary-judge/shared';
import { isFailing } from './status';

/** The explanation: the rule, one line per step, the sum this arithmetic gives, and the metrics to look at first. */
export interface ScoreExplanation {
  rule: 'critical-failure' | 'nodata-majority' | 'weighted-sum' | 'no-results';
  lines: string[];
  /** The score this arithmetic gives (before the judge's rounding to 2 decimals). */
  computed: number;
  /** Metrics that moved the verdict most (the critical one, or the failing metrics of the costliest group). */
  decisive: string[];
  /** The weighted sum's parts, one per group (empty unless `rule` is `weighted-sum`). */
  groups: GroupPart[];
}

/** One group's part of the weighted sum. */
export interface GroupPart {
  name: string;
  /** The group score used: its score, or 100 for a group without countable data (percent). */
  effective: number;
  /** True when the group had no countable data (it then counts as 100). */
  noData: boolean;
  /** The weight used: the configured one, or an equal share of the remainder (percent). */
  weight: number;
  /** True when the weight is a share of the remainder (the group has no configured weight). */
  shared: boolean;
  /** effective × weight / 100, in points. */
  points: number;
}

const fmt = (n: number): string => String(Number(n.toFixed(2)));

/** Explains `result.score.score` from the results, group scores and configured `weights` (percent). */
export function explainScore(result: CanaryJudgeResult, weights: Readonly<Record<string, number>>): ScoreExplanation {
  const counted = result.results.filter((r) => !r.muted);
  const mutedCount = result.results.length - counted.length;
  const mutedLine =
    mutedCount > 0 ? [`${mutedCount} muted metric${mutedCount === 1 ? ' is' : 's are'} not counted.`] : [];
  if (counted.length === 0) {
    return {
      rule: 'no-results',
      lines: [...mutedLine, 'No metric was counted, so the score is 0.'],
      computed: 0,
      decisive: [],
      groups: [],
    };
  }
  const critical = counted.find((r) => r.critical && r.classification !== 'Pass');
  if (critical) {
    return {
      rule: 'critical-failure',
      lines: [
        ...mutedLine,
        `Critical metric ${critical.name} is ${critical.classification}, so the whole canary scores 0.`,
      ],
      computed: 0,
      decisive: [critical.name],
      groups: [],
    };
  }
  const nodata = counted.filter((r) => r.classification === 'Nodata').length;
  if ((nodata / counted.length) * 100 >= 50) {
    return {
      rule: 'nodata-majority',
      lines: [
        ...mutedLine,
        `${nodata} of ${counted.length} metrics returned no data (50 % or more), so the score is 0.`,
      ],
      computed: 0,
      decisive: counted.filter((r) => r.classification === 'Nodata').map((r) => r.name),
      groups: [],
    };
  }
  const configured = Object.values(weights).reduce((s, w) => s + (Number.isFinite(w) ? w : 0), 0);
  const unweighted = result.groupScores.filter((g) => !(g.name in weights));
  const share = unweighted.length > 0 ? (100 - configured) / unweighted.length : 0;
  let computed = 0;
  let worst: { name: string; lost: number } | null = null;
  const lines = [...mutedLine];
  const groups: GroupPart[] = [];
  for (const g of result.groupScores) {
    const w = g.name in weights ? (weights[g.name] ?? 0) : share;
    const effective = g.noData ? 100 : g.score;
    const part = (effective * w) / 100;
    computed += part;
    groups.push({
      name: g.name,
      effective,
      noData: g.noData === true,
      weight: w,
      shared: !(g.name in weights),
      points: part,
    });
    const lost = ((100 - effective) * w) / 100;
    if (lost > 0 && (!worst || lost > worst.lost)) worst = { name: g.name, lost };
    const how = g.noData ? 'no countable data, counts as 100' : `${fmt(g.score)} % of its metrics pass`;
    const whence = g.name in weights ? '' : ' (unweighted: shares the remainder)';
    lines.push(`${g.name}: ${how} × weight ${fmt(w)} %${whence} = ${fmt(part)} points`);
  }
  lines.push(`Total: ${fmt(computed)} points.`);
  const decisive = worst
    ? counted
        .filter((r) => r.groups.includes((worst as { name: string }).name) && isFailing(r.classification))
        .map((r) => r.name)
    : [];
  if (worst)
    lines.push(
      `Most points were lost in ${worst.name} (−${fmt(worst.lost)})${decisive.length ? `: ${decisive.join(', ')}` : ''}.`,
    );
  return { rule: 'weighted-sum', lines, computed, decisive, groups };
}
