import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFIER_OPTIONS } from '../testing/judge-fixtures';
import type { SampleCounts } from '../contract/kayenta';
import { classifyMetric, type ClassifierOptions } from './classifier';
import { explainVerdict, formatNumber } from './explain';

const O: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS;
const counts = (used: number, nanRemoved = 0): SampleCounts => ({
  raw: used + nanRemoved,
  nan: nanRemoved,
  nanRemoved,
  nanReplaced: 0,
  outliersRemoved: 0,
  used,
});
const base = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];

function sentence(control: number[], experiment: number[], options: Partial<ClassifierOptions> = {}, muted = false) {
  const o = { ...O, ...options };
  const v = classifyMetric(control, experiment, o);
  return explainVerdict(v, o, { control: counts(control.length), experiment: counts(experiment.length, 3) }, muted);
}

describe('formatNumber', () => {
  it.each([
    [24.75, '24.75'],
    [98.99992904170193, '99'],
    [6.825022991538781e-5, '6.825e-5'],
    [1234567.8, '1.235e6'],
    [NaN, 'NaN'],
    [Infinity, '∞'],
    [-0.5, '-0.5'],
    [42, '42'],
  ])('%s → %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });
});

describe('explainVerdict', () => {
  it('names the interval, the bound and the effect size of a High', () => {
    const s = sentence(
      base,
      base.map((x) => x * 2),
    );
    // Issue 13: lead with what a person checks, in one unit (percent for the mean ratio), then the interval.
    expect(s).toMatch(/^canary mean \+100 % vs baseline; significant at 98 %; allowed 0 %: High\. The 98% interval/);
    expect(s).toMatch(/\. The 98% interval of the shift canary − baseline is \[[\d.]+, [\d.]+\] \(estimate [\d.]+\)/);
    expect(s).toMatch(/lies above \+[\d.]+ and the mean ratio 2 \(\+100 %\) ≥ the allowed increase 0 %: High\.$/);
  });

  it('says why a significant change passed: effect-size veto, or a direction that ignores it', () => {
    expect(
      sentence(
        base,
        base.map((x) => x * 2),
        { allowedIncrease: 3 },
      ),
    ).toMatch(/significantly higher .* but the mean ratio 2 \(\+100 %\) < the allowed increase \+200 %: Pass\.$/);
    expect(
      sentence(
        base,
        base.map((x) => x / 2),
        { direction: 'increase' },
      ),
    ).toMatch(/lower .* but direction is increase, so only increases count: Pass\.$/);
  });

  it('says whether a critical metric fails the canary', () => {
    expect(
      sentence(
        base,
        base.map((x) => x * 2),
        { critical: true },
      ),
    ).toMatch(/critical and 2 \(\+100 %\) ≥ the critical increase 0 %, so it fails the canary\.$/);
    expect(
      sentence(
        base,
        base.map((x) => x / 2),
        { critical: true, criticalDecrease: 0.2 },
      ),
    ).toMatch(/critical but 0.5 \(−50 %\) > the critical decrease −80 %, so it does not fail the canary by itself\.$/);
  });

  it('explains no-change, missing data, identical, single value, constant series and errors', () => {
    expect(sentence(base, [...base].reverse())).toMatch(/exactly the same values/);
    expect(
      sentence(
        base,
        base.map((x, i) => (i % 2 === 0 ? x + 0.5 : x - 0.5)),
      ),
    ).toMatch(/no significant change: Pass\.$/);
    expect(sentence(base, [])).toMatch(
      /^No data to compare \(canary 0 points \(3 raw, 3 NaN removed\), baseline 10 points \(10 raw\)\); the metric is left out/,
    );
    expect(sentence(base, [], { critical: true })).toMatch(/critical, so missing data fails the canary/);
    expect(sentence(base, [], { mustHaveData: true })).toMatch(/mustHaveData makes this a failure/);
    expect(sentence(base, [], { nanStrategy: 'replace' })).toMatch(/counts this as Pass/);
    expect(sentence([1, 1], [1, 1, 1])).toMatch(/same value, so the metric passes/);
    expect(sentence([1, 1, 1], [4, 4, 4])).toMatch(
      /^canary mean \+300 % vs baseline; significant at 98 %; allowed 0 %: High\. Both series are constant, so the shift is exactly 3 .*: High\.$/,
    );
    expect(sentence([1e16, 1e16], [1, 1.0000000000000002])).toMatch(/could not be computed \(cannot compute .* tied;/);
    expect(sentence(base, base, {}, true)).toMatch(/\(muted: reported, not scored\)\.$/);
  });

  it('says "near-zero baseline" instead of a huge percent, and shows CLES as a probability', () => {
    expect(sentence([0.01, 0.02, 0.01, 0.02, 0.01, 0.02], [5, 6, 5, 6, 5, 6])).toMatch(
      /^canary mean 366\.7× the baseline \(near-zero baseline\); significant at 98 %/,
    );
    expect(
      sentence(
        base,
        base.map((x) => x * 2),
        { effectSizeMeasure: 'cles', allowedIncrease: 0.6 },
      ),
    ).toMatch(/^P\(canary > baseline\) [\d.]+; significant at 98 %; allowed probability 0\.6: High\./);
  });

  it('mentions a skipped effect-size check when a mean is zero', () => {
    expect(sentence([0, 0, 0, 0, 0], [54.9, 54.5, 55.1, 55.6, 57.4])).toMatch(
      /mean ratio is NaN \(a zero mean\), so the effect-size check is skipped: High\.$/,
    );
  });
});
