import { describe, expect, it } from 'vitest';
import type { RemoteJudgeRequest, WireNumber } from '../contract/kayenta';
import healthy from '../../examples/healthy-request.json';
import regressed from '../../examples/remote-judge-request.json';
import { judge } from './judge';
// Reference results of r-judge.R, an independent base-R implementation of the judge (R's quantile type 7, mean, sd,
// wilcox.test interval, uniroot estimate on the continuity-corrected statistic), for the two example requests and
// four synthetic ones stored in the same file. Regenerate with testdata/r-judge.mjs (run with tsx; needs Rscript).
import reference from './testdata/r-judge-reference.json';

interface RMetric {
  name: string;
  classification: string;
  critical: boolean;
  ratio: number | 'NaN' | null;
  ciLower: number | null;
  ciUpper: number | null;
  estimate: number | null;
  control: (number | 'NaN')[];
  experiment: (number | 'NaN')[];
}
interface RResult {
  name: string;
  metrics: RMetric[];
  groupScores: Record<string, number | 'NaN'>;
  unroundedScore: number;
  classification: string;
}

const ref = reference as unknown as {
  synthetic: { name: string; body: RemoteJudgeRequest }[];
  results: RResult[];
};
const requests: Record<string, RemoteJudgeRequest> = {
  'shared/examples/remote-judge-request.json': regressed as unknown as RemoteJudgeRequest,
  'shared/examples/healthy-request.json': healthy as unknown as RemoteJudgeRequest,
  ...Object.fromEntries(ref.synthetic.map((s) => [s.name, s.body])),
};

const num = (x: WireNumber | null | undefined): number => (x === 'NaN' || x === null || x === undefined ? NaN : x);

/** |a − b| ≤ rel·max(|a|, |b|) + abs, with NaN = NaN. */
function close(a: number, b: number, rel: number, abs = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

describe('judge() against an independent R implementation (testdata/r-judge.R)', () => {
  it('covers the two examples and four synthetic requests', () => {
    expect(ref.results.map((r) => r.name)).toEqual(Object.keys(requests));
  });

  it.each(ref.results.map((r) => [r.name, r] as const))('%s', (name, r) => {
    const ours = judge(requests[name]!);
    expect(ours.results.map((m) => m.name)).toEqual(r.metrics.map((m) => m.name));
    r.metrics.forEach((rm, i) => {
      const m = ours.results[i]!;
      const where = `${name} / ${rm.name}`;
      expect([m.classification, m.critical], where).toEqual([rm.classification, rm.critical]);
      // means: commons-math's two-pass mean vs R's long-double mean agree to the last few bits
      expect(close(num(m.resultMetadata?.ratio), rm.ratio === null ? NaN : num(rm.ratio), 1e-13), where).toBe(true);
      const d = m.canaryJudge;
      // interval: the same statistic and zeroin iteration; R sums ranks in long double, hence a small tolerance
      expect(close(num(d?.ciLower), num(rm.ciLower), 1e-9, 1e-12), `${where} ciLower`).toBe(true);
      expect(close(num(d?.ciUpper), num(rm.ciUpper), 1e-9, 1e-12), `${where} ciUpper`).toBe(true);
      expect(close(num(d?.estimate), num(rm.estimate), 1e-9, 1e-12), `${where} estimate`).toBe(true);
      for (const [side, stats] of [
        ['control', m.controlMetadata.stats],
        ['experiment', m.experimentMetadata.stats],
      ] as const) {
        const expected = (side === 'control' ? rm.control : rm.experiment).map((x) => num(x));
        const got = [stats.count, num(stats.mean), num(stats.min), num(stats.max), num(stats.std)];
        got.forEach((g, k) => expect(close(g, expected[k]!, 1e-12), `${where} ${side} stat ${k}`).toBe(true));
      }
    });
    for (const g of ours.groupScores) {
      const expected = num(r.groupScores[g.name] ?? null);
      if (Number.isNaN(expected)) expect(g.noData, g.name).toBe(true);
      else expect(g.score, g.name).toBeCloseTo(expected, 10);
    }
    expect(ours.groupScores.map((g) => g.name).sort()).toEqual(Object.keys(r.groupScores).sort());
    expect(ours.score.score).toBeCloseTo(r.unroundedScore, 2);
    expect(ours.score.classification).toBe(r.classification);
  });
});
