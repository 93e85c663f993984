import { describe, expect, it } from 'vitest';
import { groupBlocks, intervalTrend } from './scores';
import { failResult } from '../testing/reportFixtures';

describe('intervalTrend', () => {
  it('bands each score and leaves planned intervals empty', () => {
    expect(intervalTrend([80, 60], 3, { pass: 75, marginal: 50 })).toEqual([
      { interval: 1, score: 80, band: 'PASS' },
      { interval: 2, score: 60, band: 'MARGINAL' },
      { interval: 3, score: null, band: null },
    ]);
  });
});

describe('groupBlocks', () => {
  const gs = failResult().groupScores;
  it('sizes blocks by weight and sorts by weight', () => {
    expect(groupBlocks(gs, { latency: 60, errors: 40 }, { pass: 75, marginal: 50 })).toEqual([
      { name: 'latency', score: 0, noData: false, weight: 60, widthPct: 60, band: 'FAIL' },
      { name: 'errors', score: 100, noData: false, weight: 40, widthPct: 40, band: 'PASS' },
    ]);
  });
  it('shares the remainder among unweighted groups, and the bar when all weights are 0', () => {
    expect(groupBlocks(gs, { latency: 70 }, { pass: 75, marginal: 50 }).map((b) => b.widthPct)).toEqual([70, 30]);
    expect(groupBlocks(gs, { latency: 0, errors: 0 }, { pass: 75, marginal: 50 }).map((b) => b.widthPct)).toEqual([
      50, 50,
    ]);
  });
});
