import { describe, expect, it } from 'vitest';
import type { CanaryJudgeResult } from '@canary-judge/shared';
import { criticalHighResult, mannWhitneyDetail, metricResult } from '@canary-judge/shared/testing';
import { columns, formatNumber, formatTable } from './table';
import { sampleRequest } from './testing/run-main';

const detail = mannWhitneyDetail({
  ciLower: 8.1,
  ciUpper: 12.4,
  estimate: 10.2,
  lowerBound: -2.55,
  upperBound: 2.55,
  effectSize: 2.0675587089381087,
  explanation: 'The 98% interval [8.1, 12.4] lies above the upper bound 2.55.',
});

const result: CanaryJudgeResult = {
  judgeName: 'NetflixACAJudge-v1.0',
  results: [
    criticalHighResult({
      name: 'cpu',
      tags: { region: 'eu' },
      groups: ['system'],
      experimentMetadata: { stats: { count: 30, mean: 20.22, min: 15.86, max: 24.06, std: 2.13 } },
      controlMetadata: { stats: { count: 30, mean: 9.78, min: 6.19, max: 14.21, std: 2.1 } },
      resultMetadata: { ratio: 2.0675587089381087 },
      canaryJudge: detail,
    }),
    metricResult({
      name: 'mem',
      groups: ['system'],
      experimentMetadata: { stats: { count: 30, mean: 1, min: 1, max: 1, std: 0 } },
      controlMetadata: { stats: { count: 30, mean: 1, min: 1, max: 1, std: 0 } },
      resultMetadata: { ratio: 'NaN' },
    }),
  ],
  groupScores: [{ name: 'system', score: 50, classification: '', classificationReason: '' }],
  score: {
    score: 0,
    classification: 'Fail',
    classificationReason: 'Canary Failed: The metric cpu was classified as High (Critical)',
  },
};

describe('formatTable', () => {
  const text = formatTable(sampleRequest(), result);
  const lines = text.split('\n');

  it('leads with the verdict, score and thresholds', () => {
    expect(lines[0]).toBe('Verdict: FAIL');
    // Issue 13: the bands in Orca's words (a score at marginal fails), and the metric behind the verdict.
    expect(lines[1]).toBe('Score:   0 (Fail ≤ 50 · Marginal > 50 and < 75 · Pass ≥ 75)');
    expect(lines[2]).toBe('Reason:  Canary Failed: The metric cpu was classified as High (Critical)');
    expect(lines[3]).toMatch(
      /^Why: {5}FAIL 0\/100: critical metric cpu is High \(canary mean \+106\.7 % vs baseline\); score 0 is at or below marginal 50$/,
    );
  });

  it("lists failing metrics first, and labels a score at marginal by Orca's rule", () => {
    const pass = { ...result.results[1]!, name: 'aaa' };
    const reordered = { ...result, results: [pass, ...result.results] };
    const metricRows = formatTable(sampleRequest(), reordered)
      .split('\n')
      .filter(
        (l) => /^ {2}\S/.test(l) && !l.startsWith('  system') && !l.startsWith('  group') && !l.startsWith('  metric'),
      );
    expect(metricRows[0]).toMatch(/^ {2}cpu\{region=eu\} +High/);
    const atMarginal = { ...result, score: { ...result.score, score: 50, classification: 'Marginal' as const } };
    expect(formatTable(sampleRequest(), atMarginal).split('\n')[0]).toBe(
      "Verdict: FAIL (Orca's rule; Kayenta's summary says Marginal)",
    );
  });

  it('lists group scores with their weights', () => {
    expect(text).toMatch(/^ {2}system +50 +100$/m);
  });

  it('shows the failing metric with its classification, reason, numbers and explanation', () => {
    const row = lines.findIndex((l) => l.includes('cpu{region=eu}'));
    expect(lines[row]).toMatch(/cpu\{region=eu\} +High +critical +The metric cpu was classified as High \(Critical\)/);
    expect(lines[row + 1]).toContain('baseline n=30 mean=9.78 · canary n=30 mean=20.22 · ratio=2.068');
    expect(lines[row + 2]).toContain(detail.explanation);
    expect(text).toMatch(/ {2}mem +Pass +-/);
    expect(text).toContain('ratio=NaN');
  });
});

describe('formatTable without an explanation', () => {
  it('prints the interval and bounds itself', () => {
    const first = result.results[0]!;
    const bare = { ...result, results: [{ ...first, canaryJudge: { ...detail, explanation: '' } }] };
    expect(formatTable(sampleRequest(), bare)).toContain(
      'ratio=2.068 · 98% CI of shift [8.1, 12.4] · bounds [-2.55, 2.55]',
    );
  });
});

describe('table helpers', () => {
  it('formatNumber keeps integers, rounds others to 4 significant digits', () => {
    expect([formatNumber(100), formatNumber(66.66666666666667), formatNumber('NaN'), formatNumber(null)]).toEqual([
      '100',
      '66.67',
      'NaN',
      '-',
    ]);
  });
  it('columns pads every column but the last', () => {
    expect(
      columns([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'e'],
      ]),
    ).toEqual(['a    bb  c', 'ccc  d   e']);
  });
});
