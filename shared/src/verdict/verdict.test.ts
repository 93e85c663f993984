import { describe, expect, it } from 'vitest';
import type { CanaryAnalysisResult, CanaryJudgeResult } from '../contract/kayenta';
import { judge } from '../judge/judge';
import { criticalMetricNames, verdictCauses, verdictHeadline } from './cause';
import { scoreBands, scoreRuleText, verdictOfScore } from './score-rule';
import { formatChange, formatEffectThreshold, percentAsRatio, ratioAsPercent } from './units';

const T = { pass: 75, marginal: 50 };

describe('units', () => {
  it('shows mean-ratio thresholds as percent and CLES as a probability', () => {
    expect(ratioAsPercent(1.1)).toBe('+10 %');
    expect(ratioAsPercent(0.9)).toBe('−10 %');
    expect(ratioAsPercent(1)).toBe('0 %');
    expect(percentAsRatio(10)).toBe(1.1);
    expect(formatEffectThreshold('meanRatio', 1.39)).toBe('+39 %');
    expect(formatEffectThreshold('cles', 0.6)).toBe('probability 0.6');
  });

  it('says "near-zero baseline" instead of a huge percent', () => {
    expect(formatChange(139, 100)).toBe('+39 %');
    expect(formatChange(43.5, 0.2)).toBe('43.5 vs 0.2 (near-zero baseline)');
    expect(formatChange(5, 0)).toBe('5 vs 0 (zero baseline)');
    expect(formatChange(1, 1)).toBe('no change');
  });
});

describe('score rule (Orca: at or below marginal fails)', () => {
  it('labels a score exactly at marginal FAIL everywhere', () => {
    expect(verdictOfScore(50, T)).toBe('FAIL');
    expect(verdictOfScore(50.01, T)).toBe('MARGINAL');
    expect(verdictOfScore(75, T)).toBe('PASS');
    expect(scoreRuleText(50, T)).toBe('score 50 is at or below marginal 50');
    expect(scoreBands(T).map((b) => b.label)).toEqual(['Fail ≤ 50', 'Marginal > 50 and < 75', 'Pass ≥ 75']);
  });
});

function regression(): { result: CanaryJudgeResult; config: Parameters<typeof judge>[0]['canaryConfig'] } {
  const base = Array.from({ length: 30 }, (_, i) => 100 + (i % 5));
  const canary = base.map((x) => x * 1.39);
  const config = {
    metrics: [
      {
        name: 'request-latency',
        groups: ['latency'],
        analysisConfigurations: { canary: { direction: 'increase', critical: true } },
      },
      { name: 'cpu', groups: ['latency'] },
    ],
    classifier: { groupWeights: { latency: 100 } },
  };
  const result = judge({
    canaryConfig: config,
    metricSetPairList: [
      { name: 'request-latency', values: { control: base, experiment: canary } },
      { name: 'cpu', values: { control: base, experiment: base } },
    ],
    scoreThresholds: T,
  });
  return { result, config };
}

describe('verdictHeadline', () => {
  it('names the critical metric first, with the canary change, then the score rule', () => {
    const { result, config } = regression();
    expect(verdictHeadline({ verdict: 'FAIL', score: result.score.score, thresholds: T, result, config })).toBe(
      'FAIL 0/100: critical metric request-latency is High (canary mean +39 % vs baseline); score 0 is at or below marginal 50',
    );
  });

  it('says a critical metric that ended Error was left out of the score, also on a PASS', () => {
    const { result, config } = regression();
    const error: CanaryAnalysisResult = { ...result.results[0]!, classification: 'Error', critical: false };
    const r = { ...result, results: [error, result.results[1]!] };
    expect(criticalMetricNames(config)).toEqual(new Set(['request-latency']));
    expect(verdictCauses(r, config)[0]?.text).toBe(
      'critical metric request-latency could not be judged, so it was left out of the score',
    );
    expect(verdictHeadline({ verdict: 'PASS', score: 100, thresholds: T, result: r, config })).toMatch(
      /^PASS 100\/100: critical metric request-latency could not be judged, so it was left out of the score; score 100 meets pass 75$/,
    );
  });

  it('says all metrics passed, the interval count, and an early stop', () => {
    const { result, config } = regression();
    const passing = { ...result, results: result.results.map((x) => ({ ...x, classification: 'Pass' as const })) };
    expect(
      verdictHeadline({ verdict: 'PASS', score: 100, thresholds: T, result: passing, config, judged: 3, planned: 3 }),
    ).toBe('PASS 100/100: all 2 metrics passed; score 100 meets pass 75 after 3 of 3 intervals');
    expect(
      verdictHeadline({ verdict: 'FAIL', score: 0, thresholds: T, result, config, judged: 1, planned: 3 }),
    ).toMatch(/in interval 1 of 3; stopped early$/);
    expect(verdictHeadline({ verdict: 'FAIL', score: 40, thresholds: T, result: null })).toBe(
      'FAIL 40/100: score 40 is at or below marginal 50',
    );
  });
});
