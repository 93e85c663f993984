import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemoteJudgeRequest } from '../contract/kayenta';
import { judge } from './judge';
import { canarySettings, wireSeries } from '../testing/arbitraries';

const series = wireSeries;
const settings = canarySettings(['increase', 'decrease', 'either', 'sideways'], true);

/** Group weights that sum to exactly 100 over groups g0…g(k−1), and metrics each in one of those groups. */
const weightedRequest = fc
  .integer({ min: 1, max: 4 })
  .chain((k) =>
    fc.record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: k - 1, minLength: k - 1 }),
      metrics: fc.array(
        fc.record({ group: fc.integer({ min: 0, max: k - 1 }), settings, control: series, experiment: series }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  )
  .map(({ cuts, metrics }): RemoteJudgeRequest => {
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), 100];
    const groupWeights: Record<string, number> = {};
    for (let i = 0; i + 1 < bounds.length; i++) groupWeights[`g${i}`] = bounds[i + 1]! - bounds[i]!;
    return {
      canaryConfig: {
        metrics: metrics.map((m, i) => ({
          name: `m${i}`,
          groups: [`g${m.group}`],
          analysisConfigurations: { canary: m.settings },
        })),
        classifier: { groupWeights },
      },
      metricSetPairList: metrics.map((m, i) => ({
        name: `m${i}`,
        values: { control: m.control, experiment: m.experiment },
      })),
      scoreThresholds: { pass: 75, marginal: 50 },
    };
  });

describe('judge: properties', () => {
  it('never throws on any mix of finite numbers and NaN with valid configs, and its output is plain JSON', () => {
    fc.assert(
      fc.property(weightedRequest, (req) => {
        const result = judge(req);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result); // no undefined, Infinity or raw NaN
        expect(result.results).toHaveLength(req.metricSetPairList.length);
      }),
    );
  });

  it('keeps the summary score within 0–100 when the group weights sum to 100', () => {
    fc.assert(
      fc.property(weightedRequest, (req) => {
        const { score } = judge(req).score;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('passes identical series (in any order) whenever some data survive the transforms', () => {
    fc.assert(
      fc.property(series, settings, (values, s) => {
        const result = judge({
          canaryConfig: { metrics: [{ name: 'm', groups: ['g'], analysisConfigurations: { canary: s } }] },
          metricSetPairList: [{ name: 'm', values: { control: values, experiment: [...values].reverse() } }],
          scoreThresholds: { pass: 75, marginal: 50 },
        });
        const m = result.results[0];
        // Both sides are transformed alike, so they are empty together (all NaN, or — with denormal data and a
        // tiny outlierFactor — every point outside Kayenta's IQR fences): then the empty-data rule decides.
        if ((m?.canaryJudge?.samples.experiment.used ?? 0) > 0) {
          expect(m?.classification).toBe('Pass');
          expect(m?.critical).toBe(false);
        } else {
          expect(['Nodata', 'NodataFailMetric', 'Pass']).toContain(m?.classification);
        }
      }),
    );
  });

  it('is deterministic: the same request gives the same JSON', () => {
    fc.assert(
      fc.property(weightedRequest, (req) => {
        expect(JSON.stringify(judge(req))).toBe(JSON.stringify(judge(req)));
      }),
      { numRuns: 30 },
    );
  });
});
