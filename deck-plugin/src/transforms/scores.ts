/** Score chart data: the interval score trend with threshold bands, and the group-score blocks sized by weight. */
import type { CanaryJudgeGroupScore } from '@canary-judge/shared';
import type { JudgmentReport } from './report';
import { scoreBand } from './status';

/** One point of the interval score trend. */
export interface TrendPoint {
  interval: number;
  score: number | null;
  band: 'PASS' | 'MARGINAL' | 'FAIL' | null;
}

/** Interval scores in order, each with its threshold band; planned intervals not yet judged have a null score. */
export function intervalTrend(
  scores: readonly number[],
  planned: number,
  thresholds: { pass: number; marginal: number },
): TrendPoint[] {
  const n = Math.max(planned, scores.length);
  return Array.from({ length: n }, (_, i) => {
    const s = scores[i];
    return s === undefined
      ? { interval: i + 1, score: null, band: null }
      : { interval: i + 1, score: s, band: scoreBand(s, thresholds) };
  });
}

/** Interval scores from a report (intervals with a score, in index order). */
export function reportScores(report: JudgmentReport): number[] {
  return report.intervals.filter((i) => i.score !== null).map((i) => i.score as number);
}

/** One block of the group-score bar: width in percent of the bar, proportional to the group's weight. */
export interface GroupBlock {
  name: string;
  score: number;
  noData: boolean;
  weight: number;
  widthPct: number;
  band: 'PASS' | 'MARGINAL' | 'FAIL' | null;
}

/**
 * Group blocks sized by weight. Groups present without a configured weight share the remainder `100 − Σweights`
 * equally (the scorer's rule, `docs/design/kayenta-judge.md` §9 item 5); if every weight is 0 the blocks share the bar
 * equally. Sorted by weight (descending), then name, like Kayenta's bar.
 */
export function groupBlocks(
  groupScores: readonly CanaryJudgeGroupScore[],
  weights: Readonly<Record<string, number>>,
  thresholds: { pass: number; marginal: number },
): GroupBlock[] {
  const configured = Object.values(weights).reduce((s, w) => s + (Number.isFinite(w) ? w : 0), 0);
  const unweighted = groupScores.filter((g) => !(g.name in weights)).length;
  const share = unweighted > 0 ? Math.max(0, 100 - configured) / unweighted : 0;
  const withWeights = groupScores.map((g) => ({ g, w: g.name in weights ? (weights[g.name] ?? 0) : share }));
  const total = withWeights.reduce((s, x) => s + x.w, 0);
  return withWeights
    .map(({ g, w }) => ({
      name: g.name,
      score: g.score,
      noData: g.noData === true,
      weight: w,
      widthPct: total > 0 ? (100 * w) / total : 100 / withWeights.length,
      band: g.noData ? null : scoreBand(g.score, thresholds),
    }))
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
}
