/**
 * Judge benchmark (issue 2): median time of one `judge()` call on seeded inputs, and its ratio to the time of one
 * `Float64Array` sort of the same number of points (all control and experiment points of the call together).
 * The ratio is the machine-independent figure: Kayenta re-sorts the pooled sample at every root-finder step, so its
 * judge costs dozens of sorts per metric; ours merges two pre-sorted arrays per step.
 */
import { judge, type RemoteJudgeRequest } from '@canary-judge/shared';
import { median, mulberry32, normals, timeRuns } from './seeded';

/** One benchmark case: `metrics` metrics of `points` points on each side. */
export interface JudgeBenchCase {
  label: string;
  metrics: number;
  points: number;
}

/** The four cases the issue asks for. */
export const JUDGE_CASES: JudgeBenchCase[] = [
  { label: '(a) 1 metric, 10,000 vs 10,000', metrics: 1, points: 10_000 },
  { label: '(b) 100 metrics x 1,000', metrics: 100, points: 1_000 },
  { label: '(c) 1 metric, 100,000 vs 100,000', metrics: 1, points: 100_000 },
  { label: '(d) 300 metrics x 500', metrics: 300, points: 500 },
];

/** Builds a seeded RemoteJudge request; every third metric's canary is shifted up by 5 % so all paths run. */
export function buildRequest(metrics: number, points: number, seed = 42): RemoteJudgeRequest {
  const rnd = mulberry32(seed);
  const metricConfigs = [];
  const pairs = [];
  for (let m = 0; m < metrics; m++) {
    const name = `metric-${m}`;
    const shift = m % 3 === 0 ? 5 : 0;
    metricConfigs.push({
      name,
      groups: [`group-${m % 4}`],
      analysisConfigurations: { canary: { direction: 'either' } },
    });
    pairs.push({
      name,
      id: name,
      tags: {},
      values: { control: normals(rnd, points, 100, 10), experiment: normals(rnd, points, 100 + shift, 10) },
    });
  }
  return {
    canaryConfig: { metrics: metricConfigs, classifier: { groupWeights: {} } },
    metricSetPairList: pairs,
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

/** Runs one case; returns the median judge time, the median sort time and their ratio. */
export function runJudgeCase(c: JudgeBenchCase, runs = 7): { judgeMs: number; sortMs: number; ratio: number } {
  const request = buildRequest(c.metrics, c.points);
  const judgeMs = median(timeRuns(() => void judge(request), runs));
  const total = c.metrics * c.points * 2;
  const source = Float64Array.from(normals(mulberry32(7), total, 100, 10));
  const sortMs = median(
    timeRuns(
      () => {
        source.slice().sort();
      },
      Math.max(runs, 11),
    ),
  );
  return { judgeMs, sortMs, ratio: judgeMs / sortMs };
}

/** Prints the judge figures as a table. */
export function benchJudge(): void {
  console.log('\n## Judge (median of 7 calls; ratio = judge time / one Float64Array sort of all points of the call)');
  console.log('| case | judge ms | sort ms | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const c of JUDGE_CASES) {
    const r = runJudgeCase(c);
    console.log(`| ${c.label} | ${r.judgeMs.toFixed(2)} | ${r.sortMs.toFixed(3)} | ${r.ratio.toFixed(1)} |`);
  }
}
