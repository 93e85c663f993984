import { describe, expect, it } from 'vitest';
import { JUDGE_KINDS, NOT_APPLICABLE, upstreamCases } from '../testing/upstream-cases';

// Every case of the judge-level kinds is run by the test beside its module (classifier.test.ts, scorer.test.ts,
// map-utils.test.ts, judge.test.ts each iterate over *all* cases of their kind that are not in NOT_APPLICABLE and
// fail on a case they have no runner for) or is listed in NOT_APPLICABLE with a reason.
describe('upstream fixture coverage of the judge-level kinds', () => {
  const all = JUDGE_KINDS.flatMap((k) => upstreamCases(k));

  it('holds the case counts of docs/design/kayenta-judge.md §13, so a dropped or added case is noticed', () => {
    expect(JUDGE_KINDS.map((k) => upstreamCases(k).length)).toEqual([37, 13, 4, 5]);
  });

  it('lists only existing cases as not applicable, each with a reason', () => {
    const sources = new Set(all.map((c) => c.source));
    for (const [source, reason] of Object.entries(NOT_APPLICABLE)) {
      expect(sources.has(source), source).toBe(true);
      expect(reason.length, source).toBeGreaterThan(20);
    }
  });

  it('runs every case that is not listed (only the 3 MeanInequality cases are listed)', () => {
    const run = all.filter((c) => !(c.source in NOT_APPLICABLE));
    expect(run.length + Object.keys(NOT_APPLICABLE).length).toBe(all.length);
    expect(all.filter((c) => c.source in NOT_APPLICABLE).map((c) => c.config['classifier'])).toEqual([
      'MeanInequality',
      'MeanInequality',
      'MeanInequality',
    ]);
  });
});
