import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_STYLE, STATUS_STYLE, isFailing, scoreBand } from './status';
import { contrast } from '../testing/contrast';

describe('status styles', () => {
  it.each(Object.entries({ ...STATUS_STYLE, ...CLASSIFICATION_STYLE }))(
    '%s has an icon, a label and 4.5:1 contrast',
    (_k, s) => {
      expect(s.icon.length).toBeGreaterThan(0);
      expect(s.label.length).toBeGreaterThan(0);
      expect(contrast(s.color, s.background)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('uses distinct icons for pass, marginal and fail', () => {
    const icons = new Set([STATUS_STYLE.PASS.icon, STATUS_STYLE.MARGINAL.icon, STATUS_STYLE.FAIL.icon]);
    expect(icons.size).toBe(3);
  });
});

describe('scoreBand', () => {
  it.each([
    [75, 'PASS'],
    [74.99, 'MARGINAL'],
    [50.01, 'MARGINAL'],
    // Issue 13: a score exactly at marginal fails, as Orca decides (labelled the same everywhere).
    [50, 'FAIL'],
    [49.9, 'FAIL'],
    [NaN, null],
  ])('score %s → %s at pass 75 / marginal 50', (score, band) => {
    expect(scoreBand(score, { pass: 75, marginal: 50 })).toBe(band);
  });
});

describe('isFailing', () => {
  it('flags High, Low, NodataFailMetric and Error only', () => {
    expect(['Pass', 'High', 'Low', 'Nodata', 'NodataFailMetric', 'Error'].filter((c) => isFailing(c as never))).toEqual(
      ['High', 'Low', 'NodataFailMetric', 'Error'],
    );
  });
});
