/**
 * Comparison with R (values in r-reference.json, produced by r-reference.R; R is not run here). Each JSON entry
 * records the R code behind it. Tolerances: the Mann-Whitney interval to 1e-9 relative (R and Kayenta use the same
 * algorithm; they differ only by the normal quantile, an ulp apart, `design/kayenta-judge.md` §14) and exactly when R's
 * own quantiles are passed in, Kayenta's continuity-corrected estimate exactly, the rest to a few ulps (R sums in
 * extended precision and computes type-7 quantiles as `(1 − h)·lo + h·hi`).
 */
import { describe, expect, it } from 'vitest';
import reference from './r-reference.json';
import { describe as summarize } from './describe';
import { cles } from './effect-sizes';
import { kayentaNormalQuantile } from './erf-inv';
import { mannWhitney, mannWhitneyWithQuantiles } from './mann-whitney';
import { normalQuantile } from './normal-quantile';
import { percentileR7, sortedForPercentile } from './percentile';
import { averageRanks } from './ranks';
import { wilcoxonDiff } from './wilcoxon';

interface RDataset {
  name: string;
  dataCode: string;
  experiment: number[];
  control: number[];
  intervals: {
    confLevel: number;
    call: string;
    confInt: [number, number];
    rEstimate: number;
    zqCode: string;
    zq: [number, number];
  }[];
  kayentaEstimate: { code: string; value: number };
  wdiffAtZero: { code: string; value: number };
  quantiles: { code: string; probs: number[]; experiment: number[]; control: number[] };
  mean: { code: string; experiment: number; control: number };
  sd: { code: string; experiment: number; control: number };
  cles: { code: string; value: number };
  ranks: { code: string; value: number[] };
}

const datasets = reference.datasets as unknown as RDataset[];

/** |actual − expected| ≤ rel·max(|expected|, floor). */
function expectRelClose(actual: number, expected: number, rel: number, floor = 0): void {
  const bound = rel * Math.max(Math.abs(expected), floor);
  expect(Math.abs(actual - expected), `actual ${actual} vs R ${expected}`).toBeLessThanOrEqual(bound);
}

describe('R reference values (r-reference.json)', () => {
  it('holds the data sets the tests expect, each with the R code that produced it', () => {
    expect(datasets.length).toBeGreaterThanOrEqual(8);
    for (const d of datasets) {
      expect(d.dataCode).toContain('experiment <-');
      for (const i of d.intervals) expect(i.call).toMatch(/^wilcox\.test\(x = experiment, y = control/);
    }
  });

  for (const d of datasets) {
    describe(d.name, () => {
      for (const i of d.intervals) {
        it(`Mann-Whitney interval at ${i.confLevel} matches ${i.call} to 1e-9 relative`, () => {
          const r = mannWhitney(d.experiment, d.control, i.confLevel);
          // Scale of the data: an interval end near 0 is compared relative to the data's spread.
          const spread = Math.abs(r.ciUpper - r.ciLower) + 1e-300;
          expectRelClose(r.ciLower, i.confInt[0], 1e-9, spread);
          expectRelClose(r.ciUpper, i.confInt[1], 1e-9, spread);
        });
      }

      for (const i of d.intervals) {
        it(`with R's own quantiles (${i.zqCode}) the interval at ${i.confLevel} is R's bit for bit`, () => {
          const r = mannWhitneyWithQuantiles(d.experiment, d.control, i.zq[0], i.zq[1]);
          expect([r.ciLower, r.ciUpper]).toEqual(i.confInt);
        });
      }

      it(`estimate equals ${d.kayentaEstimate.code} (continuity-corrected uniroot) exactly`, () => {
        expect(mannWhitney(d.experiment, d.control, 0.98).estimate).toBe(d.kayentaEstimate.value);
      });

      it(`statistic at d = 0 equals ${d.wdiffAtZero.code} exactly`, () => {
        expect(wilcoxonDiff(0, 0, d.experiment, d.control)).toBe(d.wdiffAtZero.value);
      });

      it('R-7 percentiles match quantile(type = 7) to 1e-13 relative', () => {
        const { probs } = d.quantiles;
        const sortedE = sortedForPercentile(d.experiment);
        const sortedC = sortedForPercentile(d.control);
        probs.forEach((p, k) => {
          expectRelClose(percentileR7(sortedE, p * 100), d.quantiles.experiment[k]!, 1e-13, 1e-300);
          expectRelClose(percentileR7(sortedC, p * 100), d.quantiles.control[k]!, 1e-13, 1e-300);
        });
      });

      it('mean and sd match R to 1e-14 / 1e-12 relative', () => {
        const e = summarize(d.experiment);
        const c = summarize(d.control);
        expectRelClose(e.mean, d.mean.experiment, 1e-14);
        expectRelClose(c.mean, d.mean.control, 1e-14);
        expectRelClose(e.std, d.sd.experiment, 1e-12);
        expectRelClose(c.std, d.sd.control, 1e-12);
      });

      it('CLES equals W / (m·n) from wilcox.test and average ranks equal rank()', () => {
        expectRelClose(cles(d.control, d.experiment), d.cles.value, 1e-14);
        expect(Array.from(averageRanks([...d.experiment, ...d.control]))).toEqual(d.ranks.value);
      });
    });
  }

  it('normalQuantile (AS 241) is within 2 ulps of qnorm everywhere', () => {
    const { p, value } = reference.qnorm as { p: number[]; value: number[] };
    p.forEach((pk, k) => expectRelClose(normalQuantile(pk), value[k]!, 4.5e-16));
  });

  it('kayentaNormalQuantile (commons-math) is within 1e-14 relative of qnorm for 0.001 ≤ p ≤ 0.999', () => {
    const { p, value } = reference.qnorm as { p: number[]; value: number[] };
    let checked = 0;
    p.forEach((pk, k) => {
      if (pk < 0.001 || pk > 0.999) return; // 2p − 1 rounds away the tail: see kayentaNormalQuantile's doc
      expectRelClose(kayentaNormalQuantile(pk), value[k]!, 1e-14);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
  });
});
