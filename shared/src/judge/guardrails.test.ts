import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  CanaryAnalysisResult,
  CanaryAnalysisSettings,
  CanaryJudgeResult,
  CanaryJudgeSettings,
  RemoteJudgeRequest,
  WireNumber,
} from '../contract/kayenta';
import { percentileR7 } from '../stats';
import { JudgeInputError } from './errors';
import { guardrailStatistic, readGuardrails } from './guardrails';
import { judge } from './judge';
import { readMetricSettings } from './settings';
import { canarySettings, wireSeries } from '../testing/arbitraries';

const range = (from: number, n: number, step = 1): number[] => Array.from({ length: n }, (_, i) => from + i * step);
/** 20 baseline points around 0.40 and 20 canary points that Kayenta calls Pass against them (same spread). */
const BASE_SERIES = range(0.3, 20, 0.01);
const SIMILAR = range(0.301, 20, 0.01);
/** Canary points clearly higher than BASE_SERIES (Kayenta: High). */
const HIGHER = range(0.6, 20, 0.01);

interface Metric {
  canary?: CanaryAnalysisSettings;
  canaryJudge?: CanaryJudgeSettings | null | Record<string, unknown>;
  control: WireNumber[];
  experiment: WireNumber[];
}

function request(metrics: Metric[]): RemoteJudgeRequest {
  return {
    canaryConfig: {
      metrics: metrics.map((m, i) => ({
        name: i === 0 ? 'latency' : `m${i}`,
        groups: ['g'],
        analysisConfigurations: {
          ...(m.canary !== undefined ? { canary: m.canary } : {}),
          ...(m.canaryJudge !== undefined ? { canaryJudge: m.canaryJudge as CanaryJudgeSettings } : {}),
        },
      })),
    },
    metricSetPairList: metrics.map((m, i) => ({
      name: i === 0 ? 'latency' : `m${i}`,
      values: { control: m.control, experiment: m.experiment },
    })),
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

function one(m: Metric): { r: CanaryAnalysisResult; all: CanaryJudgeResult } {
  const all = judge(request([m]));
  return { r: all.results[0]!, all };
}

describe('canaryJudge.minimumPoints', () => {
  type Expected = { classification: string; reason?: string; critical: boolean; decidedBy: string; met: boolean };
  /** A side with too few points: Nodata decided by the guardrail, with the reason naming the counts. */
  const tooFew = (counts: string, over: Partial<Expected> = {}): Expected => ({
    classification: 'Nodata',
    reason: `Too few data points for latency: ${counts}, at least 5 required`,
    critical: false,
    decidedBy: 'minimum-points',
    met: false,
    ...over,
  });
  const cases: {
    name: string;
    canary?: CanaryAnalysisSettings;
    control: WireNumber[];
    experiment: WireNumber[];
    expected: Expected;
  }[] = [
    {
      name: 'canary below the minimum',
      control: range(1, 10),
      experiment: range(1, 4),
      expected: tooFew('canary has 4'),
    },
    {
      name: 'baseline below the minimum',
      control: range(1, 4),
      experiment: range(1, 10),
      expected: tooFew('baseline has 4'),
    },
    {
      name: 'both sides below the minimum',
      control: range(1, 3),
      experiment: range(2, 2),
      expected: tooFew('canary has 2, baseline has 3'),
    },
    {
      name: 'both sides exactly at the minimum (Kayenta decides)',
      control: range(1, 5),
      experiment: range(1, 5).reverse(),
      expected: {
        classification: 'Pass',
        reason: 'The Canary and Baseline data are identical',
        critical: false,
        decidedBy: 'identical',
        met: true,
      },
    },
    {
      name: 'both sides above the minimum, Kayenta High stays High',
      control: BASE_SERIES,
      experiment: HIGHER,
      expected: {
        classification: 'High',
        reason: 'latency was classified as High',
        critical: false,
        decidedBy: 'mann-whitney',
        met: true,
      },
    },
    {
      name: 'NaN points removed first count as missing',
      control: range(1, 10),
      experiment: [1, 2, 'NaN', 'NaN', 5, 6],
      expected: tooFew('canary has 4'),
    },
    {
      name: 'NaN points replaced by 0 count',
      canary: { nanStrategy: 'replace' },
      control: [1, 2, 3, 4, 5],
      experiment: [1, 2, 'NaN', 4, 5],
      expected: { classification: 'Pass', critical: false, decidedBy: 'mann-whitney', met: true },
    },
    {
      name: 'outliers removed first do not count',
      canary: { outliers: { strategy: 'remove', outlierFactor: 1.5 } },
      control: range(1, 10),
      experiment: [5, 5.1, 5.2, 5.3, 1000],
      expected: tooFew('canary has 4'),
    },
    {
      name: 'an empty side under nanStrategy replace (Kayenta: Pass) becomes Nodata',
      canary: { nanStrategy: 'replace' },
      control: range(1, 10),
      experiment: [],
      expected: tooFew('canary has 0'),
    },
    {
      name: 'a critical metric: critical Nodata',
      canary: { critical: true },
      control: range(1, 10),
      experiment: range(1, 4),
      expected: tooFew('canary has 4', { critical: true }),
    },
    {
      name: 'mustHaveData: NodataFailMetric',
      canary: { mustHaveData: true },
      control: range(1, 10),
      experiment: range(1, 4),
      expected: tooFew('canary has 4', { classification: 'NodataFailMetric' }),
    },
    {
      name: 'mustHaveData on a critical metric: critical Nodata (Kayenta rule)',
      canary: { mustHaveData: true, critical: true },
      control: range(1, 10),
      experiment: range(1, 4),
      expected: tooFew('canary has 4', { critical: true }),
    },
  ];

  it.each(cases)('$name', ({ canary, control, experiment, expected }) => {
    const { r } = one({ canary, canaryJudge: { minimumPoints: 5 }, control, experiment });
    expect(r.classification).toBe(expected.classification);
    expect(r.classificationReason).toBe(expected.reason);
    expect(r.critical).toBe(expected.critical);
    expect(r.canaryJudge?.decidedBy).toBe(expected.decidedBy);
    expect(r.canaryJudge?.guardrails?.minimumPoints?.met).toBe(expected.met);
    expect(r.canaryJudge?.guardrails?.minimumPoints?.required).toBe(5);
    expect(r.canaryJudge?.guardrails?.minimumPoints?.experiment).toBe(r.canaryJudge?.samples.experiment.used);
    expect(r.canaryJudge?.guardrails?.minimumPoints?.control).toBe(r.canaryJudge?.samples.control.used);
  });

  it("records Kayenta's own verdict when it overrides it", () => {
    const { r } = one({ canaryJudge: { minimumPoints: 30 }, control: BASE_SERIES, experiment: HIGHER });
    expect(r.classification).toBe('Nodata');
    expect(r.canaryJudge?.guardrails?.kayenta).toEqual({
      classification: 'High',
      reason: 'latency was classified as High',
      critical: false,
      decidedBy: 'mann-whitney',
    });
  });

  it("applies Kayenta's scoring rules: a critical Nodata fails the canary, a plain one is left out", () => {
    const other = { control: BASE_SERIES, experiment: SIMILAR };
    const critical = judge(
      request([
        { canary: { critical: true }, canaryJudge: { minimumPoints: 5 }, control: [1, 2], experiment: [1, 2] },
        other,
        other,
      ]),
    );
    expect(critical.score).toEqual({
      score: 0,
      classification: 'Fail',
      classificationReason:
        'Canary Failed: Too few data points for latency: canary has 2, baseline has 2, at least 5 required',
    });
    const plain = judge(
      request([{ canaryJudge: { minimumPoints: 5 }, control: [1, 2], experiment: [1, 2] }, other, other]),
    );
    expect(plain.results[0]?.classification).toBe('Nodata');
    expect(plain.score.score).toBe(100);
    const half = judge(request([{ canaryJudge: { minimumPoints: 5 }, control: [1, 2], experiment: [1, 2] }, other]));
    expect(half.score.classificationReason).toBe('Canary Failed: 50% or more metrics returned NODATA');
    const failMetric = judge(
      request([
        { canary: { mustHaveData: true }, canaryJudge: { minimumPoints: 5 }, control: [1, 2], experiment: [1, 2] },
        other,
      ]),
    );
    expect(failMetric.score.score).toBe(50);
  });

  it('a muted metric is reported as Nodata but not scored', () => {
    const all = judge(
      request([
        { canary: { muted: true, critical: true }, canaryJudge: { minimumPoints: 5 }, control: [1], experiment: [1] },
        { control: BASE_SERIES, experiment: SIMILAR },
      ]),
    );
    expect(all.results[0]?.classification).toBe('Nodata');
    expect(all.results[0]?.muted).toBe(true);
    expect(all.score.score).toBe(100);
  });
});

describe('canaryJudge.absolute', () => {
  // Canary series whose statistics are easy to read: max 0.62, mean 0.4.
  const canary = [0.2, 0.3, 0.4, 0.5, 0.62].map((x) => x) as number[];
  const baseline = [0.2, 0.3, 0.4, 0.5, 0.6];
  type Expected = {
    classification: string;
    reason?: string;
    critical: boolean;
    decidedBy: string;
    breached: 'upper' | 'lower' | 'none' | null;
  };
  /** The guardrail decides: High above the upper limit, Low below the lower one, with the limit's reason. */
  const byLimit = (breached: 'upper' | 'lower', reason: string, over: Partial<Expected> = {}): Expected => ({
    classification: breached === 'upper' ? 'High' : 'Low',
    reason,
    critical: false,
    decidedBy: 'absolute-limit',
    breached,
    ...over,
  });
  /** Kayenta's own label and reason stand; the guardrail records what it saw. */
  const kayenta = (classification: 'High' | 'Low', breached: 'upper', over: Partial<Expected> = {}): Expected => ({
    classification,
    reason: `latency was classified as ${classification}`,
    critical: false,
    decidedBy: 'mann-whitney',
    breached,
    ...over,
  });
  /** Kayenta's Pass within the limits (no reason). */
  const KAYENTA_PASS: Expected = {
    classification: 'Pass',
    critical: false,
    decidedBy: 'mann-whitney',
    breached: 'none',
  };
  /** An empty canary: Kayenta's missing-data verdict, the limits not checked. */
  const notChecked = (classification: 'Nodata' | 'NodataFailMetric'): Expected => ({
    classification,
    reason: 'Missing data for latency',
    critical: false,
    decidedBy: 'empty',
    breached: null,
  });
  const MAX_ABOVE = 'latency max 0.62 is above the absolute limit 0.5';
  const cases: {
    name: string;
    absolute: CanaryJudgeSettings['absolute'];
    canary?: CanaryAnalysisSettings;
    control?: number[];
    experiment?: number[];
    expected: Expected;
  }[] = [
    {
      name: 'max above the upper limit → High',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      expected: byLimit('upper', MAX_ABOVE),
    },
    {
      name: 'max exactly at the upper limit → Kayenta verdict',
      absolute: { statistic: 'max', upperLimit: 0.62 },
      expected: KAYENTA_PASS,
    },
    {
      name: 'max below the upper limit → Kayenta verdict',
      absolute: { statistic: 'max', upperLimit: 1 },
      expected: KAYENTA_PASS,
    },
    {
      name: 'mean below the lower limit → Low',
      absolute: { statistic: 'mean', lowerLimit: 0.5 },
      expected: byLimit('lower', 'latency mean 0.404 is below the absolute limit 0.5'),
    },
    {
      name: 'mean exactly at the lower limit → Kayenta verdict',
      absolute: { statistic: 'mean', lowerLimit: 0.404, upperLimit: 0.404 },
      expected: KAYENTA_PASS,
    },
    {
      name: 'within both limits → Kayenta verdict',
      absolute: { statistic: 'p50', lowerLimit: 0.1, upperLimit: 0.5 },
      expected: KAYENTA_PASS,
    },
    {
      name: 'p90 (R-7) above the upper limit',
      absolute: { statistic: 'p90', upperLimit: 0.55 },
      expected: byLimit('upper', 'latency p90 0.572 is above the absolute limit 0.55'),
    },
    {
      name: 'critical metric → critical High',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      canary: { critical: true },
      expected: byLimit('upper', MAX_ABOVE, { critical: true }),
    },
    {
      name: 'direction does not apply to the explicit limits',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      canary: { direction: 'decrease' },
      expected: byLimit('upper', MAX_ABOVE),
    },
    {
      name: 'Kayenta High keeps its label and reason, the breach is recorded',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      control: BASE_SERIES,
      experiment: HIGHER,
      expected: kayenta('High', 'upper'),
    },
    {
      name: 'Kayenta Low with an upper breach keeps Low and its reason',
      absolute: { statistic: 'max', upperLimit: 0.3 },
      control: HIGHER,
      experiment: BASE_SERIES,
      expected: kayenta('Low', 'upper'),
    },
    {
      name: 'a non-critical Kayenta High on a critical metric becomes critical on a breach',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      canary: { critical: true, effectSize: { criticalIncrease: 100 } },
      control: BASE_SERIES,
      experiment: HIGHER,
      expected: kayenta('High', 'upper', { critical: true }),
    },
    {
      name: 'a Kayenta Error (all observations tied) is overridden by a breach',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      control: [0.6],
      experiment: [0.7],
      expected: byLimit('upper', 'latency max 0.7 is above the absolute limit 0.5'),
    },
    {
      name: 'an empty canary is not checked (Kayenta Nodata)',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      experiment: [],
      expected: notChecked('Nodata'),
    },
    {
      name: 'an empty canary with mustHaveData stays NodataFailMetric',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      canary: { mustHaveData: true },
      experiment: [],
      expected: notChecked('NodataFailMetric'),
    },
    {
      name: 'an empty baseline does not stop the absolute check',
      absolute: { statistic: 'max', upperLimit: 0.5 },
      control: [],
      expected: byLimit('upper', MAX_ABOVE),
    },
  ];

  it.each(cases)('$name', ({ absolute, canary: c, control, experiment, expected }) => {
    const { r } = one({
      canary: c,
      canaryJudge: { absolute },
      control: control ?? baseline,
      experiment: experiment ?? canary,
    });
    expect(r.classification).toBe(expected.classification);
    expect(r.classificationReason).toBe(expected.reason);
    expect(r.critical).toBe(expected.critical);
    expect(r.canaryJudge?.decidedBy).toBe(expected.decidedBy);
    expect(r.canaryJudge?.guardrails?.absolute?.breached).toBe(expected.breached);
    expect(r.canaryJudge?.guardrails?.absolute?.statistic).toBe(absolute?.statistic);
    expect(r.canaryJudge?.guardrails?.absolute?.upperLimit).toBe(absolute?.upperLimit ?? null);
    expect(r.canaryJudge?.guardrails?.absolute?.lowerLimit).toBe(absolute?.lowerLimit ?? null);
  });

  it('records the statistic value and both verdicts when Kayenta already said High', () => {
    const { r } = one({
      canaryJudge: { absolute: { statistic: 'p99', upperLimit: 0.5 } },
      control: BASE_SERIES,
      experiment: HIGHER,
    });
    const g = r.canaryJudge?.guardrails;
    expect(g?.absolute?.value).toBeCloseTo(percentileR7(HIGHER, 99), 15);
    expect(g?.absolute?.reason).toBe('latency p99 0.7881 is above the absolute limit 0.5');
    expect(g?.kayenta.classification).toBe('High');
    expect(g?.kayenta.reason).toBe('latency was classified as High');
  });

  it('a critical breach fails the canary with the guardrail reason', () => {
    const all = judge(
      request([
        {
          canary: { critical: true },
          canaryJudge: { absolute: { statistic: 'max', upperLimit: 0.5 } },
          control: baseline,
          experiment: canary,
        },
        { control: BASE_SERIES, experiment: SIMILAR },
      ]),
    );
    expect(all.score).toEqual({
      score: 0,
      classification: 'Fail',
      classificationReason: 'Canary Failed: latency max 0.62 is above the absolute limit 0.5',
    });
  });

  it('a non-critical breach counts as a failed metric in its group; muted, it is not scored', () => {
    const breach = {
      canaryJudge: { absolute: { statistic: 'max' as const, upperLimit: 0.5 } },
      control: baseline,
      experiment: canary,
    };
    const other = { control: BASE_SERIES, experiment: SIMILAR };
    expect(judge(request([breach, other])).score.score).toBe(50);
    const muted = judge(request([{ ...breach, canary: { muted: true } }, other]));
    expect(muted.results[0]?.classification).toBe('High');
    expect(muted.score.score).toBe(100);
  });

  it('is not checked when minimumPoints is not met', () => {
    const { r } = one({
      canaryJudge: { minimumPoints: 10, absolute: { statistic: 'max', upperLimit: 0.5 } },
      control: baseline,
      experiment: canary,
    });
    expect(r.classification).toBe('Nodata');
    expect(r.canaryJudge?.guardrails?.absolute).toEqual({
      statistic: 'max',
      value: null,
      upperLimit: 0.5,
      lowerLimit: null,
      breached: null,
      reason: null,
    });
  });

  it('does not check a statistic that overflows (mean near the double range): written "NaN", not evaluated', () => {
    const metric = { control: [1, 2], experiment: [1.7e308, 1.7e308] };
    const plain = one(metric).r;
    const { r } = one({ ...metric, canaryJudge: { absolute: { statistic: 'mean', upperLimit: 1 } } });
    expect(r.canaryJudge?.guardrails?.absolute).toMatchObject({ value: 'NaN', breached: null, reason: null });
    expect([r.classification, r.classificationReason]).toEqual([plain.classification, plain.classificationReason]);
    expect(r.canaryJudge?.explanation).toMatch(
      /the canary mean is not a number \(overflow\), so the absolute limit is not checked\.$/,
    );
  });

  it('prints more digits when the short form would equal the limit', () => {
    const { r } = one({
      canaryJudge: { absolute: { statistic: 'max', upperLimit: 0.5 } },
      control: [0.1, 0.5000001],
      experiment: [0.5000001, 0.1],
    });
    expect(r.classificationReason).toBe('latency max 0.5000001 is above the absolute limit 0.5');
  });
});

describe('guardrailStatistic', () => {
  const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
  const sorted = [...values].sort((a, b) => a - b);
  it.each([
    ['p50', 50],
    ['p90', 90],
    ['p95', 95],
    ['p99', 99],
  ] as const)('%s is the R-7 percentile', (statistic, p) => {
    expect(guardrailStatistic(values, statistic)).toBe(percentileR7(sorted, p));
  });
  it('mean and max', () => {
    expect(guardrailStatistic(values, 'mean')).toBe(5.5);
    expect(guardrailStatistic(values, 'max')).toBe(10);
    expect(guardrailStatistic(values, 'p99')).toBeCloseTo(9.91, 12);
    expect(guardrailStatistic([], 'max')).toBeNaN();
  });
});

describe('canaryJudge validation', () => {
  const BASE = 'canaryConfig.metrics[2].analysisConfigurations';
  function refusal(canaryJudge: unknown): string {
    try {
      readMetricSettings({ canaryJudge }, BASE);
    } catch (e) {
      if (e instanceof JudgeInputError) return `${e.path} | ${e.rule} | ${e.message}`;
      throw e;
    }
    throw new Error('expected a JudgeInputError');
  }
  const P = `${BASE}.canaryJudge`;
  it.each([
    ['x', `${P} | must be an object | ${P}: must be an object`],
    [[], `${P} | must be an object | ${P}: must be an object`],
    ...[0, -1, 1.5, '30', true, 2 ** 60].map((v): [unknown, string] => [
      { minimumPoints: v },
      `${P}.minimumPoints | must be an integer ≥ 1 | ${P}.minimumPoints: must be an integer ≥ 1`,
    ]),
    [{ absolute: 5 }, `${P}.absolute | must be an object | ${P}.absolute: must be an object`],
    ...[undefined, 'p75', 'P99', 99].map((statistic): [unknown, string] => [
      { absolute: { statistic, upperLimit: 1 } },
      `${P}.absolute.statistic | must be one of "mean", "p50", "p90", "p95", "p99", "max" | ` +
        `${P}.absolute.statistic: must be one of "mean", "p50", "p90", "p95", "p99", "max"`,
    ]),
    [
      { absolute: { statistic: 'p99', upperLimit: '0.5' } },
      `${P}.absolute.upperLimit | must be a finite number | ${P}.absolute.upperLimit: must be a finite number`,
    ],
    [
      { absolute: { statistic: 'p99', lowerLimit: true } },
      `${P}.absolute.lowerLimit | must be a finite number | ${P}.absolute.lowerLimit: must be a finite number`,
    ],
    [
      { absolute: { statistic: 'p99' } },
      `${P}.absolute | needs upperLimit, lowerLimit or both | ${P}.absolute: needs upperLimit, lowerLimit or both`,
    ],
    [
      { absolute: { statistic: 'p99', upperLimit: 0.5, lowerLimit: 0.6 } },
      `${P}.absolute.lowerLimit | must not be greater than upperLimit (0.5) | ` +
        `${P}.absolute.lowerLimit: must not be greater than upperLimit (0.5)`,
    ],
  ])('refuses %j', (canaryJudge, expected) => {
    expect(refusal(canaryJudge)).toBe(expected);
  });

  it('names the metric config in a judge call', () => {
    const req = request([{ control: [1], experiment: [1] }]);
    req.canaryConfig.metrics[0]!.analysisConfigurations = { canaryJudge: { minimumPoints: 0 } };
    expect(() => judge(req)).toThrow(
      'canaryConfig.metrics[0].analysisConfigurations.canaryJudge.minimumPoints: must be an integer ≥ 1',
    );
  });

  it('reads nothing for absent, null, empty or unknown-only canaryJudge, and for non-object analysisConfigurations', () => {
    for (const config of [undefined, null, 'x', [{ canaryJudge: { minimumPoints: 0 } }], {}, { canaryJudge: null }]) {
      expect(readGuardrails(config, BASE)).toBeNull();
    }
    expect(readGuardrails({ canaryJudge: {} }, BASE)).toBeNull();
    expect(readGuardrails({ canaryJudge: { later: 1, minimumPoints: null, absolute: null } }, BASE)).toBeNull();
    expect('guardrails' in readMetricSettings({ canaryJudge: {} }, BASE)).toBe(false);
  });

  it('reads valid settings', () => {
    expect(
      readGuardrails({ canaryJudge: { minimumPoints: 30, absolute: { statistic: 'p99', upperLimit: 0.5 } } }, BASE),
    ).toEqual({
      minimumPoints: 30,
      absolute: { statistic: 'p99', upperLimit: 0.5, lowerLimit: null },
    });
    expect(
      readMetricSettings({ canaryJudge: { absolute: { statistic: 'mean', lowerLimit: -1, upperLimit: -1 } } }, BASE)
        .guardrails,
    ).toEqual({
      minimumPoints: null,
      absolute: { statistic: 'mean', upperLimit: -1, lowerLimit: -1 },
    });
  });
});

describe('guardrail explanations', () => {
  const kayentaPass =
    'The 98% interval of the shift canary − baseline is [-5, 3] (estimate -1); it does not lie wholly outside ' +
    '±0.25 (25% of |estimate|), so there is no significant change: Pass';
  const kayentaPass2 =
    'The 98% interval of the shift canary − baseline is [-0.3999, 0.4199] (estimate 1.908e-6); it does not lie ' +
    'wholly outside ±4.771e-7 (25% of |estimate|), so there is no significant change: Pass';
  const six = [1, 2, 3, 4, 5, 6];
  const four = [1, 2, 3, 4];
  const base5 = [0.2, 0.3, 0.4, 0.5, 0.6];
  const canary5 = [0.2, 0.3, 0.4, 0.5, 0.62];
  it.each<{ name: string; metric: Metric; text: string }>([
    {
      name: 'too few points',
      metric: { canaryJudge: { minimumPoints: 5 }, control: six, experiment: four },
      text:
        'Too few data points for latency: canary has 4, at least 5 required (canaryJudge.minimumPoints), so the ' +
        `metric is Nodata: the metric is left out of its group scores. Kayenta alone says Pass: ${kayentaPass}.`,
    },
    {
      name: 'too few points on a critical metric with an absolute limit',
      metric: {
        canary: { critical: true },
        canaryJudge: { minimumPoints: 5, absolute: { statistic: 'p99', upperLimit: 1 } },
        control: six,
        experiment: four,
      },
      text:
        'Too few data points for latency: canary has 4, at least 5 required (canaryJudge.minimumPoints), so the ' +
        'metric is Nodata: the metric is critical, so too little data fails the canary; the absolute limit is not ' +
        `checked on so few points. Kayenta alone says Pass: ${kayentaPass}.`,
    },
    {
      name: 'too few points with mustHaveData, muted',
      metric: {
        canary: { mustHaveData: true, muted: true },
        canaryJudge: { minimumPoints: 5 },
        control: six,
        experiment: four,
      },
      text:
        'Too few data points for latency: canary has 4, at least 5 required (canaryJudge.minimumPoints), so the ' +
        'metric is NodataFailMetric: mustHaveData makes this a failure of the metric. Kayenta alone says Pass: ' +
        `${kayentaPass} (muted: reported, not scored).`,
    },
    {
      name: 'enough points',
      metric: { canaryJudge: { minimumPoints: 3 }, control: six, experiment: four },
      text: `${kayentaPass}; each side has at least the required 3 points.`,
    },
    {
      name: 'absolute breach on a critical metric',
      metric: {
        canary: { critical: true },
        canaryJudge: { absolute: { statistic: 'max', upperLimit: 0.5 } },
        control: base5,
        experiment: canary5,
      },
      text:
        'latency max 0.62 is above the absolute limit 0.5 (canaryJudge.absolute), so the metric is High; the ' +
        `metric is critical, so it fails the canary. Kayenta alone says Pass: ${kayentaPass2}.`,
    },
    {
      name: 'within the absolute limits',
      metric: {
        canaryJudge: { absolute: { statistic: 'p50', upperLimit: 0.5, lowerLimit: 0.1 } },
        control: base5,
        experiment: canary5,
      },
      text: `${kayentaPass2}; the canary p50 0.4 is within the absolute limit (≥ 0.1 and ≤ 0.5).`,
    },
    {
      name: 'Kayenta High and an absolute breach that makes a critical metric fail',
      metric: {
        canary: { critical: true, effectSize: { criticalIncrease: 100 } },
        canaryJudge: { absolute: { statistic: 'p99', upperLimit: 0.5 } },
        control: BASE_SERIES,
        experiment: HIGHER,
      },
      text:
        'The 98% interval of the shift canary − baseline is [0.25, 0.35] (estimate 0.3); the canary is higher: the ' +
        'interval lies above +0.075 and the mean ratio 1.759 (+75.95 %) ≥ the allowed increase 0 %: High; the metric is critical ' +
        'but 1.759 (+75.95 %) < the critical increase +9900 %, so it does not fail the canary by itself; also latency p99 0.7881 is ' +
        'above the absolute limit 0.5 (canaryJudge.absolute), and the metric is critical, so it fails the canary.',
    },
    {
      name: 'no canary data',
      metric: { canaryJudge: { absolute: { statistic: 'p99', upperLimit: 0.5 } }, control: [1], experiment: [] },
      text:
        'No data to compare (canary 0 points (0 raw), baseline 1 points (1 raw)); the metric is left out of its ' +
        'group scores; the absolute limit is not checked without canary data.',
    },
  ])('$name', ({ metric, text }) => {
    expect(one(metric).r.canaryJudge?.explanation).toBe(text);
  });
});

describe('canaryJudge: properties', () => {
  const series = wireSeries;
  const canarySettingsArb = canarySettings(['increase', 'decrease', 'either'], false);
  const metrics = fc.array(fc.record({ canary: canarySettingsArb, control: series, experiment: series }), {
    minLength: 1,
    maxLength: 4,
  });
  // Bounded values, so that a mean or an interpolated percentile cannot overflow to ±Infinity.
  const boundedSeries = fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e300, max: 1e300, noNaN: true }) },
      { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }) },
      { weight: 2, arbitrary: fc.constant<WireNumber>('NaN') },
    ),
    { maxLength: 25 },
  );
  const boundedMetrics = fc.array(
    fc.record({ canary: canarySettingsArb, control: boundedSeries, experiment: boundedSeries }),
    { minLength: 1, maxLength: 4 },
  );

  it('adding canaryJudge: {} (or null, or unknown keys only) never changes any result', () => {
    fc.assert(
      fc.property(metrics, fc.constantFrom<unknown>({}, null, { later: true }), (ms, extra) => {
        const plain = judge(request(ms));
        const withKey = judge(request(ms.map((m) => ({ ...m, canaryJudge: extra as CanaryJudgeSettings }))));
        expect(JSON.stringify(withKey)).toBe(JSON.stringify(plain));
      }),
    );
  });

  it('any valid guardrails: never throws, plain JSON out, and the guardrail rules hold', () => {
    const guardrails = fc.record(
      {
        minimumPoints: fc.integer({ min: 1, max: 30 }),
        absolute: fc
          .record({
            statistic: fc.constantFrom('mean', 'p50', 'p90', 'p95', 'p99', 'max'),
            a: fc.double({ noNaN: true, noDefaultInfinity: true }),
            b: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
          })
          .map(({ statistic, a, b }) =>
            b === undefined
              ? { statistic, upperLimit: a }
              : { statistic, lowerLimit: Math.min(a, b), upperLimit: Math.max(a, b) },
          ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(metrics, fc.array(guardrails, { minLength: 4, maxLength: 4 }), (ms, gs) => {
        const plain = judge(request(ms));
        const guarded = judge(request(ms.map((m, i) => ({ ...m, canaryJudge: gs[i] }))));
        expect(JSON.parse(JSON.stringify(guarded))).toEqual(guarded);
        guarded.results.forEach((r, i) => {
          const g = r.canaryJudge?.guardrails;
          const p = plain.results[i]!;
          if (g === undefined) {
            expect(r).toEqual(p);
            return;
          }
          expect(g.kayenta).toEqual({
            classification: p.classification,
            reason: p.classificationReason ?? null,
            critical: p.critical,
            decidedBy: p.canaryJudge?.decidedBy,
          });
          if (g.minimumPoints?.met === false) {
            expect(r.canaryJudge?.decidedBy).toBe('minimum-points');
            expect(['Nodata', 'NodataFailMetric']).toContain(r.classification);
          } else if (g.absolute?.breached === 'upper' || g.absolute?.breached === 'lower') {
            expect(['High', 'Low']).toContain(r.classification);
            if (p.classification !== 'High' && p.classification !== 'Low') {
              expect(r.classification).toBe(g.absolute.breached === 'upper' ? 'High' : 'Low');
              expect(r.classificationReason).toBe(g.absolute.reason);
            }
          } else {
            expect([r.classification, r.classificationReason, r.critical]).toEqual([
              p.classification,
              p.classificationReason,
              p.critical,
            ]);
          }
        });
      }),
    );
  });

  it('limits that are never crossed change no label, reason, flag or score', () => {
    fc.assert(
      fc.property(boundedMetrics, fc.constantFrom('mean', 'p50', 'p90', 'p95', 'p99', 'max'), (ms, statistic) => {
        const plain = judge(request(ms));
        const absolute = { statistic, upperLimit: Number.MAX_VALUE, lowerLimit: -Number.MAX_VALUE };
        const guarded = judge(request(ms.map((m) => ({ ...m, canaryJudge: { absolute } }))));
        expect(guarded.score).toEqual(plain.score);
        guarded.results.forEach((r, i) => {
          const p = plain.results[i]!;
          expect([r.classification, r.classificationReason, r.critical, r.canaryJudge?.decidedBy]).toEqual([
            p.classification,
            p.classificationReason,
            p.critical,
            p.canaryJudge?.decidedBy,
          ]);
          expect(r.canaryJudge?.guardrails?.absolute?.breached).not.toBe('upper');
          expect(r.canaryJudge?.guardrails?.absolute?.breached).not.toBe('lower');
        });
      }),
    );
  });
});
