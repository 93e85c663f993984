import { describe, expect, it } from 'vitest';
import { judge } from '@canary-judge/shared';
import { explainScore } from './scoreExplanation';
import { failResult, metricResult } from '../testing/reportFixtures';

const series = (base: number) => Array.from({ length: 40 }, (_, i) => base + (i % 4));

describe('explainScore', () => {
  it('names the critical metric that zeroed the score', () => {
    const e = explainScore(failResult(), { latency: 60, errors: 40 });
    expect(e.rule).toBe('critical-failure');
    expect(e.lines).toEqual(['Critical metric p99-latency is High, so the whole canary scores 0.']);
    expect(e.decisive).toEqual(['p99-latency']);
  });

  it('explains the no-data rule', () => {
    const r = failResult();
    r.results = [metricResult({ name: 'a', classification: 'Nodata' }), metricResult({ name: 'b' })];
    expect(explainScore(r, {}).lines).toEqual(['1 of 2 metrics returned no data (50 % or more), so the score is 0.']);
  });

  it('adds up group contributions to the score the real judge computes (weights, remainder, no-data group)', () => {
    // Three groups: "lat" (one High, one Pass → 50), "err" (Pass → 100) unweighted, "cpu" (only no data → counts 100).
    const request = {
      canaryConfig: {
        metrics: [
          { name: 'p99', groups: ['lat'], analysisConfigurations: { canary: { direction: 'increase' } } },
          { name: 'p50', groups: ['lat'] },
          { name: 'err', groups: ['err'] },
          { name: 'cpu', groups: ['cpu'], analysisConfigurations: { canary: { mustHaveData: false } } },
        ],
        classifier: { groupWeights: { lat: 50, cpu: 20 } },
      },
      metricSetPairList: [
        { name: 'p99', values: { control: series(100), experiment: series(160) } },
        { name: 'p50', values: { control: series(50), experiment: series(50) } },
        { name: 'err', values: { control: series(1), experiment: series(1) } },
        { name: 'cpu', values: { control: series(30), experiment: [] } },
      ],
      scoreThresholds: { pass: 75, marginal: 50 },
    };
    const result = judge(request);
    const e = explainScore(result, request.canaryConfig.classifier.groupWeights);
    expect(e.rule).toBe('weighted-sum');
    expect(e.computed).toBeCloseTo(result.score.score, 2);
    expect(e.lines).toContain(
      'err: 100 % of its metrics pass × weight 30 % (unweighted: shares the remainder) = 30 points',
    );
    expect(e.lines).toContain('cpu: no countable data, counts as 100 × weight 20 % = 20 points');
    expect(e.lines[e.lines.length - 1]).toBe('Most points were lost in lat (−25): p99.');
    expect(e.decisive).toEqual(['p99']);
  });

  it('mentions muted metrics and handles all muted', () => {
    const r = failResult();
    r.results = r.results.map((x) => ({ ...x, muted: true }));
    expect(explainScore(r, {})).toMatchObject({ rule: 'no-results', computed: 0 });
    expect(explainScore(r, {}).lines[0]).toBe('3 muted metrics are not counted.');
  });
});
