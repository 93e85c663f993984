import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateFinal, NO_JUDGEMENTS_MESSAGE } from './aggregate';
import { INTERVAL_FAIL_MESSAGE, intervalOutcome, ORCA_DEFAULT_THRESHOLDS } from './outcome';
import { LOW_SAMPLE_WARNING, lowSampleWarning, mergeWarnings } from './warnings';

describe('aggregateFinal', () => {
  it.each([
    [[100], {}, true, 'PASS', 'No score thresholds were specified.'],
    [[100], { pass: null, marginal: null }, true, 'PASS', 'No score thresholds were specified.'],
    [
      [90, 50],
      { marginal: 50, pass: 75 },
      false,
      'FAIL',
      'Final canary score 50.0 is not above the marginal score threshold.',
    ],
    [[85], { marginal: 75 }, true, 'PASS', 'No pass score threshold was specified.'],
    [
      [60.5],
      { marginal: 50, pass: 75 },
      false,
      'MARGINAL',
      'Final canary score 60.5 is below the pass score threshold.',
    ],
    [[10], { pass: 75 }, false, 'FAIL', 'Final canary score 10.0 is below the pass score threshold.'],
    [
      [0, 75],
      { marginal: 50, pass: 75 },
      true,
      'PASS',
      'Final canary score 75.0 met or exceeded the pass score threshold.',
    ],
    [
      [100],
      ORCA_DEFAULT_THRESHOLDS,
      true,
      'PASS',
      'Final canary score 100.0 met or exceeded the pass score threshold.',
    ],
  ] as const)('%j with %j → passed %s, %s', (scores, thresholds, passed, verdict, message) => {
    expect(aggregateFinal(scores, thresholds)).toEqual({ passed, verdict, message });
  });

  it('only the last score counts', () => {
    expect(aggregateFinal([0, 0, 99], { marginal: 50, pass: 75 }).passed).toBe(true);
    expect(aggregateFinal([99, 99, 0], { marginal: 50, pass: 75 }).passed).toBe(false);
  });

  it('with no judgement at all: not passed, SCA message', () => {
    expect(aggregateFinal([], { pass: 75 })).toEqual({
      passed: false,
      verdict: 'FAIL',
      message: NO_JUDGEMENTS_MESSAGE,
    });
  });

  it("compares the real score, not Orca's Int truncation (75.5 with marginal 75 is above it)", () => {
    expect(aggregateFinal([75.5], { marginal: 75, pass: 90 }).verdict).toBe('MARGINAL');
    expect(aggregateFinal([89.99], { marginal: 75, pass: 89.99 }).passed).toBe(true);
  });

  it('refuses a non-finite final score or threshold', () => {
    expect(() => aggregateFinal([NaN], { pass: 75 })).toThrow('intervalScores[0]: must be a finite number');
    expect(() => aggregateFinal([50], { pass: Infinity })).toThrow('thresholds.pass');
  });
});

describe('intervalOutcome', () => {
  it('fails fast when the score is at or below marginal', () => {
    expect(intervalOutcome(50, ORCA_DEFAULT_THRESHOLDS)).toBe('fail');
    expect(intervalOutcome(0, ORCA_DEFAULT_THRESHOLDS)).toBe('fail');
    expect(intervalOutcome(50.01, ORCA_DEFAULT_THRESHOLDS)).toBe('continue');
    expect(intervalOutcome(75.5, { pass: 90, marginal: 75 })).toBe('continue');
  });
  it("keeps Orca's message text and default thresholds", () => {
    expect(INTERVAL_FAIL_MESSAGE).toBe('Canary score is not above the marginal score threshold.');
    expect(ORCA_DEFAULT_THRESHOLDS).toEqual({ pass: 75, marginal: 50 });
  });
  it('refuses NaN', () => {
    expect(() => intervalOutcome(NaN, ORCA_DEFAULT_THRESHOLDS)).toThrow(RangeError);
  });
});

describe('lowSampleWarning', () => {
  const r = (count: number) => ({ controlMetadata: { stats: { count } } });
  it('warns when any control series has fewer than 50 points', () => {
    expect(lowSampleWarning([r(50), r(49)])).toBe(LOW_SAMPLE_WARNING);
    expect(lowSampleWarning([r(50), r(500)])).toBeNull();
    expect(lowSampleWarning([])).toBeNull();
  });
});

describe('aggregateFinal properties', () => {
  const thresholdsArb = fc
    .tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }))
    .map(([a, b]) => ({ marginal: Math.min(a, b), pass: Math.max(a, b) }));
  const score = fc.double({ min: -10, max: 110, noNaN: true });
  const rank = { FAIL: 0, MARGINAL: 1, PASS: 2 } as const;

  it('the verdict never gets worse as the final score rises', () => {
    fc.assert(
      fc.property(thresholdsArb, score, score, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank[aggregateFinal([lo], t).verdict]).toBeLessThanOrEqual(rank[aggregateFinal([hi], t).verdict]);
      }),
    );
  });

  it('agrees with intervalOutcome: a last interval that fails fast is a FAIL verdict; passed iff PASS', () => {
    fc.assert(
      fc.property(thresholdsArb, fc.array(score, { minLength: 1, maxLength: 5 }), (t, scores) => {
        const final = aggregateFinal(scores, t);
        if (intervalOutcome(scores[scores.length - 1]!, t) === 'fail') expect(final.verdict).toBe('FAIL');
        expect(final.passed).toBe(final.verdict === 'PASS');
      }),
    );
  });
});

describe('mergeWarnings (issue 13: a warning is shown once)', () => {
  it('keeps identical warnings once and names the intervals of a repeated interval warning', () => {
    expect(
      mergeWarnings([
        'this judgment may take up to 90 min',
        'interval 1: metric cpu (canary c): the query returned no series',
        'interval 2: metric cpu (canary c): the query returned no series',
        LOW_SAMPLE_WARNING,
        'interval 3: metric cpu (canary c): the query returned no series',
        'interval 5: metric cpu (canary c): the query returned no series',
        'interval 5: metric cpu (canary c): the query returned no series',
        'interval 2: metric mem (baseline b): the query returned no series',
        LOW_SAMPLE_WARNING,
      ]),
    ).toEqual([
      'this judgment may take up to 90 min',
      'metric cpu (canary c): the query returned no series (intervals 1–3, 5)',
      LOW_SAMPLE_WARNING,
      'metric mem (baseline b): the query returned no series (interval 2)',
    ]);
  });

  it('leaves a list without repeats as it is', () => {
    expect(mergeWarnings([])).toEqual([]);
    expect(mergeWarnings(['a', 'b'])).toEqual(['a', 'b']);
  });
});
