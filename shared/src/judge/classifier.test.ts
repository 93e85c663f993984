import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFIER_OPTIONS } from '../testing/judge-fixtures';
import type { Direction, NanStrategy } from '../contract/kayenta';
import { classifyMetric, type ClassifierOptions } from './classifier';
import type { EffectSizeMeasure } from './settings';
import { NOT_APPLICABLE, upstreamCases } from '../testing/upstream-cases';

const JUDGE: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS;

const rep = (value: number, times: number): number[] => Array.from({ length: times }, () => value);

describe('classifyMetric: upstream ClassifierSuite cases (classifier-level tolerance/confLevel)', () => {
  const cases = upstreamCases('classifier');
  const runnable = cases.filter((c) => !(c.source in NOT_APPLICABLE));

  it('runs every Mann-Whitney case and lists the others as not applicable', () => {
    for (const c of cases) {
      if (c.config['classifier'] === 'MannWhitney') expect(runnable).toContain(c);
      else expect(NOT_APPLICABLE[c.source], c.source).toMatch(/\w/);
    }
  });

  it.each(runnable.map((c) => [c.source.split('#')[1] ?? c.source, c] as const))('%s', (_name, c) => {
    const k = c.config;
    const [allowedDecrease, allowedIncrease] = k['effectSizeThresholds'] as [number, number];
    const [criticalDecrease, criticalIncrease] = k['criticalThresholds'] as [number, number];
    const options: ClassifierOptions = {
      metricName: k['metricName'] as string,
      direction: k['direction'] as Direction,
      nanStrategy: k['nanStrategy'] as NanStrategy,
      critical: k['isCriticalMetric'] as boolean,
      mustHaveData: k['isDataRequired'] as boolean,
      tolerance: k['tolerance'] as number,
      confLevel: k['confLevel'] as number,
      effectSizeMeasure: k['effectSizeMeasure'] as EffectSizeMeasure,
      allowedIncrease,
      allowedDecrease,
      criticalIncrease,
      criticalDecrease,
    };
    const v = classifyMetric(c.input['control'] as number[], c.input['experiment'] as number[], options);
    const e = c.expected;
    if ('classification' in e) expect(v.classification).toBe(e['classification']);
    if ('critical' in e) expect(v.critical).toBe(e['critical']);
    if ('reasonNonEmpty' in e) expect((v.reason ?? '').length > 0).toBe(e['reasonNonEmpty']);
    if ('deviation' in e) {
      if (e['deviation'] === 'NaN') expect(v.deviation).toBeNaN();
      else expect(v.deviation).toBe(e['deviation']);
    }
    const known = ['classification', 'critical', 'reasonNonEmpty', 'deviation'];
    expect(Object.keys(e).filter((key) => !known.includes(key))).toEqual([]);
  });
});

describe('classifyMetric: docs/design/kayenta-judge.md §5 edge cases at the judge settings (0.25, 0.98)', () => {
  // spinnaker/spinnaker#6278 printed CI lower 6.825022991538781E-5 and estimate 98.99992904170193 from a Kayenta build.
  // These are the numbers of the 7-of-10 case (the Pass: the interval reaches down to ~0, far below the bound
  // 0.25·98.9999 ≈ 24.75), not of the 8-of-10 case, whose interval is [98.99993164762162, 99].
  it('[100×7, 1×3] vs ten 1s → Pass with the numbers printed in spinnaker/spinnaker#6278', () => {
    const v = classifyMetric(rep(1, 10), [...rep(100, 7), ...rep(1, 3)], JUDGE);
    expect(v.classification).toBe('Pass');
    expect(v.decidedBy).toBe('mann-whitney');
    expect(v.significance).toBe('none');
    expect(v.test?.ciLower).toBe(6.825022991538781e-5);
    expect(v.test?.estimate).toBe(98.99992904170193);
    expect(v.test?.upperBound).toBeCloseTo(24.75, 3);
  });

  it('[100×8, 1×2] vs ten 1s → High', () => {
    const v = classifyMetric(rep(1, 10), [...rep(100, 8), ...rep(1, 2)], JUDGE);
    expect(v.classification).toBe('High');
    expect(v.reason).toBe('m was classified as High');
    expect(v.test?.ciLower).toBeGreaterThan(v.test?.upperBound ?? Infinity);
  });

  it('sparse [0,1,2,1,0,0] vs zeros → Pass: the lower end 0 does not clear 0.25·|estimate| (spinnaker/kayenta#426)', () => {
    const v = classifyMetric(rep(0, 6), [0, 1, 2, 1, 0, 0], JUDGE);
    expect(v.classification).toBe('Pass');
    expect(v.test?.ciLower).toBeCloseTo(0, 3);
    expect(v.deviation).toBeNaN();
  });

  it('zero-mean control → ratio NaN, effect-size veto skipped → High', () => {
    const v = classifyMetric(rep(0, 5), [54.9, 54.5, 55.1, 55.6, 57.4], { ...JUDGE, allowedIncrease: 100 });
    expect(v.classification).toBe('High');
    expect(v.deviation).toBeNaN();
    expect(v.effectSize).toBeNaN();
  });

  it('small samples use the normal approximation: [10,11,12] vs [1,2,3] → High', () => {
    expect(classifyMetric([1, 2, 3], [10, 11, 12], JUDGE).classification).toBe('High');
  });

  it('a significant increase below allowedIncrease passes ("significant but too small")', () => {
    const control = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];
    const experiment = control.map((x) => x + 5);
    expect(classifyMetric(control, experiment, JUDGE).classification).toBe('High');
    const v = classifyMetric(control, experiment, { ...JUDGE, allowedIncrease: 2 });
    expect(v.classification).toBe('Pass');
    expect(v.significance).toBe('increase');
  });

  it('direction filters: a Low under direction increase passes, a High under decrease passes', () => {
    const base = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];
    const lower = base.map((x) => x - 5);
    expect(classifyMetric(base, lower, JUDGE).classification).toBe('Low');
    expect(classifyMetric(base, lower, { ...JUDGE, direction: 'increase' }).classification).toBe('Pass');
    expect(classifyMetric(lower, base, { ...JUDGE, direction: 'decrease' }).classification).toBe('Pass');
  });

  it('critical upgrade only beyond the critical threshold', () => {
    const base = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];
    const higher = base.map((x) => x * 1.5);
    const critical = { ...JUDGE, critical: true };
    const upgraded = classifyMetric(base, higher, critical);
    expect([upgraded.classification, upgraded.critical, upgraded.reason]).toEqual([
      'High',
      true,
      'The metric m was classified as High (Critical)',
    ]);
    const notUpgraded = classifyMetric(base, higher, { ...critical, criticalIncrease: 2 });
    expect([notUpgraded.classification, notUpgraded.critical, notUpgraded.reason]).toEqual([
      'High',
      false,
      'm was classified as High',
    ]);
  });

  it('Nodata / NodataFailMetric / replace-Pass on empty data', () => {
    expect(classifyMetric([], [1], JUDGE)).toMatchObject({ classification: 'Nodata', critical: false, deviation: 1 });
    expect(classifyMetric([1], [], { ...JUDGE, critical: true })).toMatchObject({
      classification: 'Nodata',
      critical: true,
    });
    expect(classifyMetric([1], [], { ...JUDGE, mustHaveData: true })).toMatchObject({
      classification: 'NodataFailMetric',
      reason: 'Missing data for m',
      critical: false,
    });
    expect(classifyMetric([1], [], { ...JUDGE, mustHaveData: true, critical: true }).classification).toBe('Nodata');
    expect(classifyMetric([], [], { ...JUDGE, nanStrategy: 'replace', mustHaveData: true })).toMatchObject({
      classification: 'Pass',
      reason: null,
      critical: false,
    });
  });

  it('identical multisets and a single overall value pass with ratio 1', () => {
    expect(classifyMetric([3, 1, 2], [2, 3, 1], JUDGE)).toMatchObject({
      classification: 'Pass',
      reason: 'The Canary and Baseline data are identical',
      decidedBy: 'identical',
      deviation: 1,
    });
    expect(classifyMetric([1, 1], [1, 1, 1], JUDGE)).toMatchObject({
      classification: 'Pass',
      reason: null,
      decidedBy: 'single-value',
    });
  });

  it('counts −0 and 0 as one value, as Scala’s distinct does (cooperative equality)', () => {
    // Scala 2.11.12: Array(0.0, -0.0).distinct.length == 1, so [0] vs [0, −0] is "one value overall" → Pass.
    expect(classifyMetric([0], [0, -0], JUDGE)).toMatchObject({ classification: 'Pass', decidedBy: 'single-value' });
    expect(classifyMetric([-0, 0], [0, -0], JUDGE)).toMatchObject({ classification: 'Pass', decidedBy: 'identical' });
  });

  it('all observations tied inside the test → Error, no ratio, never critical', () => {
    // x − d rounds to 1e16 for both canary points at the shift min(x) − max(y), so the pooled values are all tied
    // there and σ = 0 (Kayenta/R: "cannot compute confidence interval when all observations are tied").
    const v = classifyMetric([1e16, 1e16], [1, 1.0000000000000002], { ...JUDGE, critical: true });
    expect(v).toMatchObject({
      classification: 'Error',
      reason: 'Metric Classification Failed',
      critical: false,
      deviation: null,
      decidedBy: 'error',
      test: null,
    });
    expect(v.errorMessage).toContain('all observations are tied');
  });
});

describe('classifyMetric: both series constant (deterministic σ → 0 limit of Kayenta noise)', () => {
  it.each([
    ['10 vs 1 → High', rep(10, 5), rep(1, 5), {}, 'High', 9],
    ['10 vs 0 → High (ratio NaN skips the veto)', rep(10, 5), rep(0, 5), {}, 'High', 10],
    ['1 vs 10 → Low', rep(1, 5), rep(10, 5), {}, 'Low', -9],
    ['0 vs 10 → Low', rep(0, 5), rep(10, 5), {}, 'Low', -10],
    ['10 vs 1, direction decrease → Pass', rep(10, 5), rep(1, 5), { direction: 'decrease' }, 'Pass', 9],
    [
      '1.05 vs 1 with allowedIncrease 1.1 → Pass (veto on the un-noised ratio)',
      rep(1.05, 5),
      rep(1, 5),
      { allowedIncrease: 1.1 },
      'Pass',
      0.050000000000000044,
    ],
    ['-2 vs -1 → Low (mean ratio 2 ≤ allowedDecrease 1 fails → Pass)', rep(-2, 5), rep(-1, 5), {}, 'Pass', -1],
    ['different lengths 7×3 vs 2×8 → High', rep(7, 3), rep(2, 8), {}, 'High', 5],
    [
      'CLES measure: 10 vs 1 → effect 1 ≥ 0.5 → High',
      rep(10, 4),
      rep(1, 4),
      { effectSizeMeasure: 'cles', allowedIncrease: 0.5 },
      'High',
      9,
    ],
  ] as const)('%s', (_name, experiment, control, extra, label, gap) => {
    const v = classifyMetric(control, experiment, { ...JUDGE, ...extra });
    expect(v.decidedBy).toBe('constant-series');
    expect(v.classification).toBe(label);
    expect(v.test).toEqual({
      ciLower: gap,
      ciUpper: gap,
      estimate: gap,
      lowerBound: -0.25 * Math.abs(gap),
      upperBound: 0.25 * Math.abs(gap),
    });
  });

  it('reports the un-noised mean ratio (10, where Kayenta reports e.g. 10.0000344)', () => {
    expect(classifyMetric(rep(1, 5), rep(10, 5), JUDGE).deviation).toBe(10);
  });

  it('upgrades a critical constant High like any other High', () => {
    const v = classifyMetric(rep(1, 5), rep(10, 5), { ...JUDGE, critical: true });
    expect([v.classification, v.critical]).toEqual(['High', true]);
  });
});
