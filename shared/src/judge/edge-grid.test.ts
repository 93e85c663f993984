import { describe, expect, it } from 'vitest';
import type { CanaryAnalysisSettings, MetricClassification, WireNumber } from '../contract/kayenta';
import { judge } from './judge';

// `design/kayenta-judge.md` §12 "Edge cases — quick table" as one table: each row is judged end to end as a single
// metric.
const rep = (value: WireNumber, times: number): WireNumber[] => Array.from({ length: times }, () => value);
const healthy = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];

type Row = [
  situation: string,
  control: WireNumber[],
  experiment: WireNumber[],
  canary: CanaryAnalysisSettings,
  classification: MetricClassification,
  critical: boolean,
  ratio: WireNumber | undefined,
  decidedBy: string,
];

/**
 * Canary 1.5 × the healthy baseline (ratio 1.5, a significant increase that Mann-Whitney decides): the settings decide
 * the verdict.
 */
const scaledUp = (
  [
    ['critical High below criticalIncrease', { critical: true, effectSize: { criticalIncrease: 2 } }, 'High', false],
    ['critical High beyond criticalIncrease', { critical: true, effectSize: { criticalIncrease: 1.2 } }, 'High', true],
    ['significant but below allowedIncrease', { effectSize: { allowedIncrease: 1.6 } }, 'Pass', false],
    ['increase under direction decrease', { direction: 'decrease' }, 'Pass', false],
  ] as const
).map(([situation, canary, classification, critical]): Row => [
  situation,
  healthy,
  healthy.map((x) => x * 1.5),
  canary,
  classification,
  critical,
  1.5,
  'mann-whitney',
]);

const rows: Row[] = [
  ['canary empty, remove', healthy, [], {}, 'Nodata', false, 1, 'empty'],
  ['baseline empty, remove, critical', [], healthy, { critical: true }, 'Nodata', true, 1, 'empty'],
  ['canary empty, mustHaveData', healthy, [], { mustHaveData: true }, 'NodataFailMetric', false, 1, 'empty'],
  ['raw canary empty, replace', healthy, [], { nanStrategy: 'replace', mustHaveData: true }, 'Pass', false, 1, 'empty'],
  ['canary all NaN, remove', healthy, rep('NaN', 10), {}, 'Nodata', false, 1, 'empty'],
  [
    'canary all NaN, replace → zeros vs values',
    healthy,
    rep('NaN', 10),
    { nanStrategy: 'replace' },
    'Low',
    false,
    'NaN',
    'mann-whitney',
  ],
  ['identical multisets, shuffled', healthy, [...healthy].reverse(), {}, 'Pass', false, 1, 'identical'],
  ['one value overall, different lengths', rep(1, 3), rep(1, 2), {}, 'Pass', false, 1, 'single-value'],
  ['both constant, canary higher', rep(1, 10), rep(10, 10), {}, 'High', false, 10, 'constant-series'],
  [
    'both constant, canary lower, critical',
    rep(10, 10),
    rep(1, 10),
    { critical: true },
    'Low',
    true,
    0.1,
    'constant-series',
  ],
  [
    'zero mean baseline → ratio NaN, veto skipped',
    rep(0, 5),
    [54.9, 54.5, 55.1, 55.6, 57.4],
    { effectSize: { allowedIncrease: 9 } },
    'High',
    false,
    'NaN',
    'mann-whitney',
  ],
  [
    'all tied inside the test → Error',
    [1e16, 1e16],
    [1, 1.0000000000000002],
    { critical: true },
    'Error',
    false,
    undefined,
    'error',
  ],
  ...scaledUp,
  [
    'decrease under direction decrease',
    healthy,
    healthy.map((x) => x / 2),
    { direction: 'decrease' },
    'Low',
    false,
    0.5,
    'mann-whitney',
  ],
  [
    'CLES measure: complete separation',
    healthy,
    healthy.map((x) => x + 10),
    { effectSize: { measure: 'cles' } },
    'High',
    false,
    undefined,
    'mann-whitney',
  ],
  [
    'sparse low-volume errors (spinnaker/kayenta#426)',
    rep(0, 6),
    [0, 1, 2, 1, 0, 0],
    {},
    'Pass',
    false,
    'NaN',
    'mann-whitney',
  ],
];

// Summary score of a one-metric canary: Nodata is 100 % of the metrics (≥ 50 % rule → 0); an Error leaves its group
// without countable results, which counts as 100 (`design/kayenta-judge.md` §9 item 5); NodataFailMetric counts as a
// failure.
const SCORE_OF_ONE_METRIC: Record<MetricClassification, number> = {
  Pass: 100,
  High: 0,
  Low: 0,
  Nodata: 0,
  NodataFailMetric: 0,
  Error: 100,
};

describe('judge: docs/design/kayenta-judge.md §12 edge-case grid', () => {
  it.each(rows)('%s', (_situation, control, experiment, canary, classification, critical, ratio, decidedBy) => {
    const result = judge({
      canaryConfig: { metrics: [{ name: 'm', groups: ['g'], analysisConfigurations: { canary } }] },
      metricSetPairList: [{ name: 'm', values: { control, experiment } }],
      scoreThresholds: { pass: 75, marginal: 50 },
    });
    const m = result.results[0];
    expect(m?.classification).toBe(classification);
    expect(m?.critical).toBe(critical);
    expect(m?.canaryJudge?.decidedBy).toBe(decidedBy);
    if (ratio !== undefined) {
      const got = m?.resultMetadata?.ratio;
      if (typeof ratio === 'number' && typeof got === 'number') expect(got).toBeCloseTo(ratio, 12);
      else expect(got).toBe(ratio);
    }
    if (classification === 'Error') expect(m).not.toHaveProperty('resultMetadata');
    expect(result.score.score).toBe(critical ? 0 : SCORE_OF_ONE_METRIC[classification]);
  });
});
