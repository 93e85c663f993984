import { describe, expect, it } from 'vitest';
import type { CanaryJudgeResult } from '@canary-judge/shared';
import { whatIfReport } from '../testing/reportFixtures';
import { runWhatIf, whatIfDefaults, type WhatIfSettings } from './whatIf';
import { withMetric } from '../testing/whatIfSettings';
import { explainScoreMove } from './scoreMove';

/** Interval 2 of the what-if fixture with p99-latency not critical: p99 High, error-rate Pass, cpu Pass or no data. */
function setup(cpu: 'same' | 'missing') {
  const r = whatIfReport(cpu);
  const base = whatIfDefaults(r);
  base.metrics['p99-latency']!.critical = false;
  const run = (s: WhatIfSettings): CanaryJudgeResult => {
    const out = runWhatIf(r, r.intervals[1]!, s);
    if (!out.ok) throw new Error(out.error);
    return out.result;
  };
  return { base, run };
}

describe('explainScoreMove', () => {
  it('says nothing when the score did not move', () => {
    const { base, run } = setup('same');
    expect(explainScoreMove(run(base), base.weights, run(base), base.weights)).toEqual([]);
  });

  it('a weight change: names the group, both weights and both contributions', () => {
    const { base, run } = setup('same');
    const weights = { latency: 20, errors: 80 };
    // latency: p99 High + cpu Pass = 50 %; errors: 100 %. Before 30 + 40 = 70, after 10 + 80 = 90.
    expect(explainScoreMove(run(base), base.weights, run({ ...base, weights }), weights)).toEqual([
      // In the scorer's group order (Kayenta's Scala map order).
      'Group errors: weight 40 % → 80 %: 100 % × 80 % = 80 points (was 100 % × 40 % = 40 points).',
      'Group latency: weight 60 % → 20 %: 50 % × 20 % = 10 points (was 50 % × 60 % = 30 points).',
      'Score 70 → 90.',
    ]);
  });

  it('reads a result without a muted field as not muted (no phantom "unmuted" line)', () => {
    const { base, run } = setup('same');
    const real = run(base);
    const older = { ...real, results: real.results.map(({ muted: _m, ...rest }) => rest) } as CanaryJudgeResult;
    const weights = { latency: 20, errors: 80 };
    const lines = explainScoreMove(older, base.weights, run({ ...base, weights }), weights);
    expect(lines.some((l) => l.includes('muted'))).toBe(false);
    expect(lines.at(-1)).toBe('Score 70 → 90.');
  });

  it.each([
    {
      title: "a muted metric: the group's passing share changes, and the muted metric is named",
      cpu: 'same' as const,
      metric: 'cpu',
      patch: { muted: true },
      lines: [
        'cpu is muted, so it is no longer counted.',
        'Group latency: passing share 50 % → 0 % (cpu muted): 0 % × 60 % = 0 points (was 50 % × 60 % = 30 points).',
        'Score 70 → 40.',
      ],
    },
    {
      title: 'a group whose metrics are all muted drops out of the sum',
      cpu: 'same' as const,
      metric: 'error-rate',
      patch: { muted: true },
      lines: [
        'error-rate is muted, so it is no longer counted.',
        'Group errors is no longer counted (no unmuted metric in it); it gave 100 % × 40 % = 40 points.',
        'Score 70 → 30.',
      ],
    },
    {
      title: 'making a metric critical switches the scoring rule',
      cpu: 'missing' as const,
      metric: 'p99-latency',
      patch: { critical: true },
      lines: [
        'p99-latency is now critical (High).',
        'Scoring rule: the weighted sum of the group scores gives 40 points → critical metric p99-latency is not Pass, so the score is 0.',
        'Score 40 → 0.',
      ],
    },
  ])('$title', ({ cpu, metric, patch, lines }) => {
    const { base, run } = setup(cpu);
    const changed = withMetric(base, metric, patch);
    expect(explainScoreMove(run(base), base.weights, run(changed), changed.weights)).toEqual(lines);
  });
});
