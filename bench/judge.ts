/**
 * Judge benchmark (issues 2 and 9): median time of one `judge()` call on seeded inputs and its ratio to the floor
 * of a judge call — sorting each metric's pooled points once, i.e. the sum over the call's metrics of one
 * `Float64Array` sort of that metric's control + experiment points (goal: ≤ 3× for one large metric, ≤ 8× for many
 * small ones). The old figure, one sort of *all* points of the call in a single array, is printed too: it is 5–6×
 * slower than the real floor for many small metrics, so ratios against it flatter those cases. The command-line
 * path (`canary-judge judge --jsonl`: JSON parse, schema check, judge, JSON write) is timed in process on one request
 * line (goal: ≤ 2× the in-process judge). Ratios are the machine-independent figures.
 */
import { Readable, Writable } from 'node:stream';
import { judge, type RemoteJudgeRequest } from '@canary-judge/shared';
import { main } from '@canary-judge/cli';
import { median, mulberry32, normals } from './seeded';

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

/** Median timings of one case, milliseconds, and the ratios the issue sets goals for. */
export interface JudgeCaseFigures {
  /** One in-process `judge()` call on the parsed request. */
  judgeMs: number;
  /** The real floor: Σ over metrics of one Float64Array sort of that metric's control + experiment points. */
  perMetricFloorMs: number;
  /** The old floor: one Float64Array sort of all points of the call together. */
  oneSortMs: number;
  /** `canary-judge judge --jsonl` on one request line (read, JSON parse, schema check, judge, JSON write). */
  cliMs: number;
}

/** The four timed operations of one case, each returning its own duration in milliseconds. */
interface CaseOperations {
  judge: () => number;
  floor: () => number;
  oneSort: () => number;
  cli: () => Promise<number>;
}

/** Wall-clock milliseconds of one synchronous call. */
function wall(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Builds the operations of one case on its seeded request (module doc). */
function caseOperations(c: JudgeBenchCase, clock: (fn: () => void) => number): CaseOperations {
  const request = buildRequest(c.metrics, c.points);
  // The per-metric floor: one sort of each metric's pooled points, summed over the call's metrics.
  const pooled = request.metricSetPairList.map((p) =>
    Float64Array.from([...(p.values.control as number[]), ...(p.values.experiment as number[])]),
  );
  const all = Float64Array.from(normals(mulberry32(7), c.metrics * c.points * 2, 100, 10));
  const line = `${JSON.stringify(request)}\n`;
  return {
    judge: () => clock(() => void judge(request)),
    floor: () =>
      clock(() => {
        for (const a of pooled) a.slice().sort();
      }),
    oneSort: () => clock(() => void all.slice().sort()),
    cli: async () => {
      const sink = new Writable({ write: (_c, _e, done) => done() });
      const io = { stdin: Readable.from([line]), stdout: sink, stderr: sink };
      const t0 = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      const code = await main(['judge', '--jsonl'], io);
      const ms = clock === wall ? Number(process.hrtime.bigint() - t0) / 1e6 : cpuMs(process.cpuUsage(cpu0));
      if (code !== 0) throw new Error(`canary-judge judge --jsonl exited ${code}`);
      return ms;
    },
  };
}

/**
 * Runs the four operations of a case in interleaved rounds (judge, floor, one-sort, CLI, judge, …) after 2 warm-up
 * rounds, so that a change of load on a shared machine hits the judge and its floors alike.
 *
 * @returns every round's durations per operation, milliseconds
 */
async function interleaved(ops: CaseOperations, rounds: number): Promise<Record<keyof CaseOperations, number[]>> {
  const out: Record<keyof CaseOperations, number[]> = { judge: [], floor: [], oneSort: [], cli: [] };
  for (let r = -2; r < rounds; r++) {
    const judgeMs = ops.judge();
    const floorMs = ops.floor();
    const oneSortMs = ops.oneSort();
    const cliMs = await ops.cli();
    if (r < 0) continue;
    out.judge.push(judgeMs);
    out.floor.push(floorMs);
    out.oneSort.push(oneSortMs);
    out.cli.push(cliMs);
  }
  return out;
}

/** Runs one case: median wall-clock time of the judge, both floors and the CLI over interleaved rounds. */
export async function runJudgeCase(c: JudgeBenchCase, runs = 7): Promise<JudgeCaseFigures> {
  const t = await interleaved(caseOperations(c, wall), runs);
  return {
    judgeMs: median(t.judge),
    perMetricFloorMs: median(t.floor),
    oneSortMs: median(t.oneSort),
    cliMs: median(t.cli),
  };
}

/** Process CPU milliseconds (user + system) of a `process.cpuUsage` difference. */
function cpuMs(used: NodeJS.CpuUsage): number {
  return (used.user + used.system) / 1000;
}

/** Process CPU milliseconds of one synchronous call. */
function cpu(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  return cpuMs(process.cpuUsage(start));
}

/**
 * The same figures in process CPU time, best (smallest) of `runs` interleaved rounds: on a machine shared with other
 * work, wall-clock medians swing by several times while CPU time stays within a few per cent.
 */
export async function runJudgeCaseCpu(c: JudgeBenchCase, runs = 11): Promise<JudgeCaseFigures> {
  const t = await interleaved(caseOperations(c, cpu), runs);
  return {
    judgeMs: Math.min(...t.judge),
    perMetricFloorMs: Math.min(...t.floor),
    oneSortMs: Math.min(...t.oneSort),
    cliMs: Math.min(...t.cli),
  };
}

/** Goal per case (issue 9): judge time ≤ this many per-metric floors. */
function goal(c: JudgeBenchCase): number {
  return c.metrics === 1 ? 3 : 8;
}

/** `ratio (≤ goal)`, with `MISSED` when the goal is not met. */
function againstGoal(ratio: number, limit: number, digits = 1): string {
  return `${ratio.toFixed(digits)} (≤ ${limit})${ratio <= limit ? '' : ' MISSED'}`;
}

/** One table row of a case's figures. */
function row(c: JudgeBenchCase, r: JudgeCaseFigures): string {
  return (
    `| ${c.label} | ${r.judgeMs.toFixed(2)} | ${r.perMetricFloorMs.toFixed(3)} | ${r.oneSortMs.toFixed(3)} | ` +
    `${againstGoal(r.judgeMs / r.perMetricFloorMs, goal(c))} | ${(r.judgeMs / r.oneSortMs).toFixed(1)} | ` +
    `${r.cliMs.toFixed(2)} | ${againstGoal(r.cliMs / r.judgeMs, 2, 2)} |`
  );
}

const HEADER =
  '| case | judge ms | floor ms | one-sort ms | judge / floor (goal) | judge / one-sort | CLI ms | CLI / judge (goal) |\n' +
  '|---|---:|---:|---:|---:|---:|---:|---:|';

/** Prints the judge figures as two tables: wall clock (median of 7) and process CPU time (best of 11). */
export async function benchJudge(): Promise<void> {
  console.log(
    '\n## Judge (median of 7 interleaved rounds; floor = Σ over metrics of one Float64Array sort of its control + ' +
      'experiment points; one-sort = one sort of all points of the call; CLI = `canary-judge judge --jsonl` in process)',
  );
  console.log(HEADER);
  for (const c of JUDGE_CASES) console.log(row(c, await runJudgeCase(c)));
  console.log(
    '\n### Same, in process CPU time (best of 11 interleaved rounds; robust when other processes load the machine)',
  );
  console.log(HEADER.replace(' ms |', ' CPU ms |'));
  for (const c of JUDGE_CASES) console.log(row(c, await runJudgeCaseCpu(c)));
}
