/**
 * Why a simulated score differs from the real one when no metric changed classification: the score then moved
 * because of how results are counted, not what they are — a metric muted or unmuted (its group's share of passing
 * metrics changes, or the group drops out), a metric made critical or not (the critical-failure rule), or a group's
 * weight. Each line names the cause with the numbers of both sides, using the same arithmetic as the score
 * explanation ({@link explainScore}, which mirrors the scorer's rules, `docs/design/kayenta-judge.md` §9).
 */
import type { CanaryJudgeResult } from '@canary-judge/shared';
import { explainScore, type GroupPart, type ScoreExplanation } from './scoreExplanation';

const fmt = (n: number): string => String(Number(n.toFixed(2)));
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function ruleWords(e: ScoreExplanation): string {
  switch (e.rule) {
    case 'critical-failure':
      return `critical metric ${e.decisive[0] ?? '?'} is not Pass, so the score is 0`;
    case 'nodata-majority':
      return 'half or more of the counted metrics have no data, so the score is 0';
    case 'no-results':
      return 'no metric is counted, so the score is 0';
    default:
      return `the weighted sum of the group scores gives ${fmt(e.computed)} points`;
  }
}

function flagLines(real: CanaryJudgeResult, sim: CanaryJudgeResult): string[] {
  const before = new Map(real.results.map((r) => [r.name, r]));
  const lines: string[] = [];
  for (const r of sim.results) {
    const was = before.get(r.name);
    if (!was) continue;
    // An older result may leave `muted` out: absent reads as not muted, as the scorer reads it.
    if ((r.muted === true) !== (was.muted === true)) {
      lines.push(
        r.muted ? `${r.name} is muted, so it is no longer counted.` : `${r.name} is unmuted and counted again.`,
      );
    }
    if ((r.critical === true) !== (was.critical === true)) {
      lines.push(
        r.critical
          ? `${r.name} is now critical (${r.classification}).`
          : `${r.name} is no longer critical (${r.classification}).`,
      );
    }
  }
  return lines;
}

function mutedIn(group: string, real: CanaryJudgeResult, sim: CanaryJudgeResult): string[] {
  const wasMuted = new Map(real.results.map((r) => [r.name, r.muted === true]));
  return sim.results
    .filter((r) => r.groups.includes(group) && wasMuted.has(r.name) && wasMuted.get(r.name) !== (r.muted === true))
    .map((r) => `${r.name} ${r.muted ? 'muted' : 'unmuted'}`);
}

function part(p: GroupPart): string {
  return `${fmt(p.effective)} % × ${fmt(p.weight)} % = ${fmt(p.points)} points`;
}

function groupLines(a: ScoreExplanation, b: ScoreExplanation, real: CanaryJudgeResult, sim: CanaryJudgeResult) {
  const lines: string[] = [];
  const before = new Map(a.groups.map((g) => [g.name, g]));
  const after = new Map(b.groups.map((g) => [g.name, g]));
  const names = [...b.groups.map((g) => g.name), ...a.groups.map((g) => g.name).filter((n) => !after.has(n))];
  for (const name of names) {
    const x = before.get(name);
    const y = after.get(name);
    if (x && y && same(x.points, y.points)) continue;
    if (x && !y) {
      lines.push(`Group ${name} is no longer counted (no unmuted metric in it); it gave ${part(x)}.`);
      continue;
    }
    if (!x && y) {
      lines.push(`Group ${name} is counted again: ${part(y)}.`);
      continue;
    }
    if (!x || !y) continue;
    const why: string[] = [];
    if (!same(x.weight, y.weight)) {
      const how = y.shared ? ' (its share of the weight the other groups leave)' : '';
      why.push(`weight ${fmt(x.weight)} % → ${fmt(y.weight)} %${how}`);
    }
    if (!same(x.effective, y.effective)) {
      const muted = mutedIn(name, real, sim);
      const data = (g: GroupPart) => (g.noData ? ' (no countable data, counts as 100)' : '');
      why.push(
        `passing share ${fmt(x.effective)} %${data(x)} → ${fmt(y.effective)} %${data(y)}` +
          (muted.length > 0 ? ` (${muted.join(', ')})` : ''),
      );
    }
    lines.push(`Group ${name}: ${why.join('; ')}: ${part(y)} (was ${part(x)}).`);
  }
  return lines;
}

/**
 * The reasons a simulated score differs from the real one, with the numbers; empty when the scores are equal.
 *
 * @param real the judge's result for the interval
 * @param realWeights the judgment's group weights (percent)
 * @param sim the simulated result
 * @param simWeights the simulated group weights (percent)
 * @returns one sentence per cause, then the score change, e.g. `Group latency: weight 60 % → 40 %: 50 % × 40 % = 20
 *   points (was 50 % × 60 % = 30 points).`, `Score 70 → 60.`
 */
export function explainScoreMove(
  real: CanaryJudgeResult,
  realWeights: Readonly<Record<string, number>>,
  sim: CanaryJudgeResult,
  simWeights: Readonly<Record<string, number>>,
): string[] {
  if (same(real.score.score, sim.score.score)) return [];
  const a = explainScore(real, realWeights);
  const b = explainScore(sim, simWeights);
  const lines = flagLines(real, sim);
  if (a.rule !== b.rule) {
    lines.push(`Scoring rule: ${ruleWords(a)} → ${ruleWords(b)}.`);
  } else if (a.rule === 'weighted-sum') {
    lines.push(...groupLines(a, b, real, sim));
  }
  lines.push(`Score ${fmt(real.score.score)} → ${fmt(sim.score.score)}.`);
  return lines;
}
