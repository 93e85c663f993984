import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanaryJudgeResult, Direction, RemoteJudgeRequest } from '../contract/kayenta';
import { JudgeInputError } from './errors';
import { judge } from './judge';

/** One metric `errors` with the given settings; `canaryJudge` as given (omitted for `'none'`). */
function request(
  control: number[],
  experiment: number[],
  canary: Record<string, unknown> = {},
  canaryJudge: unknown = { test: 'poissonRate' },
): RemoteJudgeRequest {
  return {
    canaryConfig: {
      metrics: [
        {
          name: 'errors',
          groups: ['g'],
          analysisConfigurations: { canary, ...(canaryJudge === 'none' ? {} : { canaryJudge }) },
        },
      ],
    } as RemoteJudgeRequest['canaryConfig'],
    metricSetPairList: [{ name: 'errors', values: { control, experiment } }],
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}
const result = (r: CanaryJudgeResult) => {
  const m = r.results[0]!;
  return { ...m, canaryJudge: m.canaryJudge! };
};

describe('canaryJudge.test "poissonRate" (opt-in exact rate test)', () => {
  it('spinnaker/kayenta#426: canary 0,1,2,1,0,0 against six zeros is High (Kayenta’s Mann-Whitney test passes it)', () => {
    const zeros = [0, 0, 0, 0, 0, 0];
    const canary = [0, 1, 2, 1, 0, 0];
    expect(result(judge(request(zeros, canary, {}, 'none'))).classification).toBe('Pass'); // Kayenta's answer
    const r = result(judge(request(zeros, canary)));
    expect(r.classification).toBe('High');
    expect(r.classificationReason).toBe('errors was classified as High');
    expect(r.canaryJudge.decidedBy).toBe('poisson-rate');
    // R: poisson.test(c(4, 0), c(6, 6), alternative = "greater", conf.level = 0.9)$conf.int[1] = 1.2848855913456436
    expect(r.canaryJudge.poissonRate).toMatchObject({
      canaryEvents: 4,
      canaryExposure: 6,
      baselineEvents: 0,
      baselineExposure: 6,
      confidenceLevel: 0.9,
    });
    expect(r.canaryJudge.poissonRate!.ciLower).toBeCloseTo(1.2848855913456436, 12);
    // R: poisson.test(c(4, 0), c(6, 6))$p.value = 0.125
    expect(r.canaryJudge.poissonRate!.pValue).toBeCloseTo(0.125, 12);
    expect(r.canaryJudge.explanation).toMatch(
      /^Poisson rate test: canary 4 events in 6 points, baseline 0 in 6; .*: High\.$/,
    );
    expect(judge(request(zeros, canary)).score.score).toBe(0);
  });

  it('identical counts pass; 3 events against none pass (one-sided p = 1/8 > 0.1)', () => {
    const same = [3, 0, 7, 1, 0, 2];
    expect(result(judge(request(same, same))).classification).toBe('Pass');
    expect(result(judge(request(same, [...same].reverse()))).classification).toBe('Pass');
    expect(result(judge(request([0, 0, 0, 0], [1, 0, 2, 0]))).classification).toBe('Pass');
  });

  it('a lower rate is Low; direction, the allowed rate ratio and the critical threshold act as for Kayenta’s test', () => {
    const base = [20, 25, 22, 18, 24, 21];
    const low = [5, 4, 6, 3, 5, 4];
    expect(result(judge(request(base, low))).classification).toBe('Low');
    expect(result(judge(request(base, low, { direction: 'increase' }))).classification).toBe('Pass');
    const high = [30, 28, 33, 29, 31, 30];
    expect(result(judge(request(base, high))).classification).toBe('High');
    // rate ratio 181/130 = 1.39: vetoed by an allowed increase of 1.5, High with 1.3
    expect(result(judge(request(base, high, { effectSize: { allowedIncrease: 1.5 } }))).classification).toBe('Pass');
    expect(result(judge(request(base, high, { effectSize: { allowedIncrease: 1.3 } }))).classification).toBe('High');
    const critical = result(judge(request(base, high, { critical: true, effectSize: { criticalIncrease: 2 } })));
    expect([critical.classification, critical.critical]).toEqual(['High', false]);
    const fails = result(judge(request(base, high, { critical: true })));
    expect([fails.classification, fails.critical]).toEqual(['High', true]);
  });

  it('keeps Kayenta’s empty-data, mustHaveData and muted rules', () => {
    expect(result(judge(request([], [1, 2]))).classification).toBe('Nodata');
    expect(result(judge(request(['NaN' as never], [1, 2], { mustHaveData: true }))).classification).toBe(
      'NodataFailMetric',
    );
    const muted = result(judge(request([0, 0, 0, 0, 0, 0], [0, 1, 2, 1, 0, 0], { muted: true })));
    expect([muted.classification, muted.muted]).toEqual(['High', true]);
    expect(muted.canaryJudge.explanation).toMatch(/\(muted: reported, not scored\)\.$/);
  });

  it('a point that is not a count is Error, naming it', () => {
    const r = result(judge(request([0, 1.5, 0], [0, 1, 2])));
    expect([r.classification, r.classificationReason, r.canaryJudge.decidedBy]).toEqual([
      'Error',
      'Metric Classification Failed',
      'error',
    ]);
    expect(r.canaryJudge.errorMessage).toContain('baseline point 2 is 1.5');
    expect(result(judge(request([0, 1], [-1, 2]))).canaryJudge.errorMessage).toContain('canary point 1 is -1');
  });

  it('"mannWhitney", null or no test give Kayenta’s result byte for byte', () => {
    const c = [3, 0, 7, 1, 0, 2];
    const e = [9, 4, 8, 12, 5, 7];
    const plain = JSON.stringify(judge(request(c, e, {}, 'none')));
    for (const cj of [{ test: 'mannWhitney' }, { test: null }, {}, null]) {
      expect(JSON.stringify(judge(request(c, e, {}, cj)))).toBe(plain);
    }
  });

  it('refuses an unknown test and the CLES measure with poissonRate, naming the field', () => {
    const refusal = (req: RemoteJudgeRequest): JudgeInputError => {
      try {
        judge(req);
      } catch (e) {
        if (e instanceof JudgeInputError) return e;
      }
      throw new Error('expected a JudgeInputError');
    };
    expect(refusal(request([1], [1], {}, { test: 'poisson' })).path).toBe(
      'canaryConfig.metrics[0].analysisConfigurations.canaryJudge.test',
    );
    const cles = refusal(request([1], [1], { effectSize: { measure: 'cles' } }));
    expect(cles.path).toBe('canaryConfig.metrics[0].analysisConfigurations.canary.effectSize.measure');
  });
});

describe('poissonRate: properties over random counts', () => {
  const counts = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 30 });
  const direction = fc.constantFrom<Direction>('increase', 'decrease', 'either');

  it('never throws, and the output is plain JSON', () => {
    fc.assert(
      fc.property(counts, counts, direction, fc.boolean(), (c, e, d, critical) => {
        const r = judge(request(c, e, { direction: d, critical }));
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        expect(['High', 'Low', 'Pass']).toContain(result(r).classification);
      }),
      { numRuns: 150 },
    );
  });

  it('the verdict moves monotonically with the canary rate: more canary events never go High → Pass/Low or Pass → Low', () => {
    const rank = { Low: 0, Pass: 1, High: 2 } as Record<string, number>;
    fc.assert(
      fc.property(counts, counts, fc.nat({ max: 29 }), fc.integer({ min: 1, max: 20 }), (c, e, i, extra) => {
        const more = [...e];
        more[i % more.length]! += extra;
        const a = rank[result(judge(request(c, e))).classification]!;
        const b = rank[result(judge(request(c, more))).classification]!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: 150 },
    );
  });
});
