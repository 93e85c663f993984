import { describe, expect, it } from 'vitest';
import type { MetricClassification } from '../contract/kayenta';
import { NODATA_MAJORITY_REASON, classifyScore, computeGroupScores, scoreResults, type ScorableResult } from './scorer';
import { NOT_APPLICABLE, upstreamCases } from '../testing/upstream-cases';

const T = { pass: 75, marginal: 50 };

function r(
  classification: MetricClassification,
  groups: string[],
  extra: Partial<ScorableResult> = {},
): ScorableResult {
  return { classification, groups, critical: false, ...extra };
}

describe('scoreResults: upstream ScorerSuite cases', () => {
  const cases = upstreamCases('scorer').filter((c) => !(c.source in NOT_APPLICABLE));
  it.each(cases.map((c) => [c.source.split('#')[1] ?? c.source, c] as const))('%s', (_name, c) => {
    const input = c.input['results'] as {
      name: string;
      classification: MetricClassification;
      groups: string[];
      critical?: boolean;
    }[];
    const results = input.map((x) => ({ ...x, critical: x.critical ?? false }));
    const weights = c.config['groupWeights'] as Record<string, number>;
    const outcome = scoreResults(results, weights, T);
    expect(outcome.score).toBe(c.expected['summaryScore']);
    if (c.expected['groupScores'] !== undefined) {
      const expectedGroups = c.expected['groupScores'] as { name: string; score: number }[];
      expect(outcome.groupScores.map((g) => ({ name: g.name, score: g.score }))).toEqual(expectedGroups);
    }
    if (c.expected['groupScoresSorted'] !== undefined) {
      expect(outcome.groupScores.map((g) => g.score).sort((a, b) => a - b)).toEqual(c.expected['groupScoresSorted']);
    }
  });
});

describe('scoreResults: rules', () => {
  it('ignores muted results, including a muted critical High (spinnaker/kayenta#819)', () => {
    const out = scoreResults(
      [r('High', ['g'], { critical: true, muted: true, classificationReason: 'x' }), r('Pass', ['g'])],
      { g: 100 },
      T,
    );
    expect(out.score).toBe(100);
    expect(out.rule).toBe('weighted-sum');
  });

  it('quotes the first critical failure in result order', () => {
    const out = scoreResults(
      [
        r('Pass', ['g']),
        r('Low', ['g'], { critical: true, classificationReason: 'The metric a was classified as Low (Critical)' }),
        r('High', ['g'], { critical: true, classificationReason: 'The metric b was classified as High (Critical)' }),
      ],
      {},
      T,
    );
    expect(out.score).toBe(0);
    expect(out.classification).toBe('Fail');
    expect(out.classificationReason).toBe('Canary Failed: The metric a was classified as Low (Critical)');
    expect(out.groupScores).toEqual([{ name: 'g', score: (1 / 3) * 100, noData: false }]); // Kayenta: (pass/total)·100
  });

  it('writes "Canary Failed: null" for a critical failure without a reason, as Kayenta concatenates null', () => {
    expect(scoreResults([r('High', ['g'], { critical: true })], {}, T).classificationReason).toBe(
      'Canary Failed: null',
    );
  });

  it('fails when exactly half of the results are Nodata (≥ 50 %)', () => {
    const out = scoreResults([r('Pass', ['a']), r('Nodata', ['b'])], {}, T);
    expect(out.score).toBe(0);
    expect(out.classificationReason).toBe(NODATA_MAJORITY_REASON);
    expect(out.rule).toBe('nodata-majority');
    const under = scoreResults([r('Pass', ['a']), r('Pass', ['a']), r('Nodata', ['b'])], {}, T);
    expect(under.score).toBe(100);
  });

  it('counts NodataFailMetric as a failure and ignores Error and Nodata in group scores', () => {
    const groups = computeGroupScores([
      r('Pass', ['g']),
      r('NodataFailMetric', ['g']),
      r('Error', ['g']),
      r('Nodata', ['g']),
      r('Error', ['e']),
    ]);
    expect(groups).toContainEqual({ name: 'g', score: 50, noData: false });
    expect(groups).toContainEqual({ name: 'e', score: 0, noData: true });
  });

  it('lets unweighted groups share the remainder of 100 and counts noData groups as 100', () => {
    // a: weighted 50 → 50·0.5; b, c unweighted share 50 → 25 each; b all High → 0, c only Error → noData → 100·0.25
    const out = scoreResults([r('Pass', ['a']), r('High', ['b']), r('Error', ['c']), r('Pass', ['a'])], { a: 50 }, T);
    expect(out.unroundedScore).toBe(75);
    expect(out.classification).toBe('Pass');
  });

  it('uses weights as given: configured groups without results add nothing, sums ≠ 100 are not normalised', () => {
    expect(scoreResults([r('Pass', ['a'])], { a: 40, b: 60 }, T).score).toBe(40);
    expect(scoreResults([r('Pass', ['a'])], { a: 150 }, T).score).toBe(150);
  });

  it('scores 0 with no results at all and puts a metric with no groups in no group', () => {
    expect(scoreResults([], {}, T).score).toBe(0);
    expect(scoreResults([r('Pass', [])], {}, T).score).toBe(0);
  });

  it('rounds the summary half-up to 2 decimals', () => {
    const out = scoreResults([r('Pass', ['g']), r('Pass', ['g']), r('High', ['g'])], {}, T);
    expect(out.unroundedScore).toBe(66.66666666666666); // (2/3)·100, not 200/3
    expect(out.score).toBe(66.67);
    expect(out.classification).toBe('Marginal');
  });
});

describe('classifyScore', () => {
  it.each([
    [75, 'Pass'],
    [74.99, 'Marginal'],
    [50, 'Marginal'],
    [49.99, 'Fail'],
  ])('%d with pass 75 / marginal 50 → %s', (score, label) => {
    expect(classifyScore(score, T)).toBe(label);
  });

  it('labels even 0 as Pass with thresholds 0/0', () => {
    expect(classifyScore(0, { pass: 0, marginal: 0 })).toBe('Pass');
  });
});
