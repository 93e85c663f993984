import { describe, expect, it } from 'vitest';
import { validateJudgmentRequest, type CanaryConfig, type ScoreThresholds } from '@canary-judge/shared';
import { judgePayload } from '../testing/judgePayload';
import { whatIfReport } from '../testing/reportFixtures';
import type { JudgmentReport } from './report';
import { JUDGMENT_KEY_SPEL, SPINNAKER_INFO_SPEL } from './stageJson';
import { validateStage } from './validation';
import { runWhatIf, whatIfDefaults, type WhatIfSettings } from './whatIf';
import { whatIfStageJson } from './whatIfStage';

/** The simulation: p99-latency not critical and allowed +50 % (critical +50 %), weights 20/80, pass 65. */
function simulated(r: JudgmentReport): WhatIfSettings {
  const s = whatIfDefaults(r);
  const p99 = s.metrics['p99-latency']!;
  return {
    ...s,
    pass: 65,
    weights: { latency: 20, errors: 80 },
    metrics: {
      ...s.metrics,
      'p99-latency': { ...p99, critical: false, allowedIncrease: '50', criticalIncrease: '50' },
    },
  };
}

describe('whatIfStageJson ("copy as stage JSON")', () => {
  it('is the canaryJudge webhook stage of the judgment, pointed at the same judge, valid for the panel and the API', () => {
    const r = whatIfReport('same');
    const stage = whatIfStageJson(r, r.intervals[1]!, whatIfDefaults(r));
    expect(stage).toMatchObject({
      type: 'canaryJudge',
      alias: 'webhook',
      method: 'PUT',
      url: `http://127.0.0.1:8080/v1/judgments/${JUDGMENT_KEY_SPEL}`,
      stageTimeoutMs: (30 + 15) * 60_000,
    });
    const payload = stage['payload'] as Record<string, unknown>;
    expect(payload['spinnaker']).toEqual(SPINNAKER_INFO_SPEL);
    expect(validateStage(stage)).toEqual([]);
    expect(validateJudgmentRequest(payload, { sourceType: 'demo' })).toEqual([]);
  });

  it('carries the simulated thresholds, weights and metric settings (stored units) and judges to the simulated score', () => {
    const r = whatIfReport('same');
    const settings = simulated(r);
    const interval = r.intervals[1]!;
    const stage = whatIfStageJson(r, interval, settings);
    const payload = stage['payload'] as { canaryConfig: CanaryConfig; thresholds: ScoreThresholds };
    expect(payload.thresholds).toEqual({ pass: 65, marginal: 50 });
    expect(payload.canaryConfig.classifier?.groupWeights).toEqual({ latency: 20, errors: 80 });
    expect(payload.canaryConfig.metrics[0]!.analysisConfigurations?.canary).toMatchObject({
      critical: false,
      effectSize: { measure: 'meanRatio', allowedIncrease: 1.5, criticalIncrease: 1.5 },
    });
    expect(validateStage(stage)).toEqual([]);
    const sim = runWhatIf(r, interval, settings);
    if (!sim.ok) throw new Error(sim.error);
    const fromStage = judgePayload(payload, interval);
    expect(fromStage.score).toEqual(sim.result.score);
    // And the simulation really differs from the judgment, so the test would notice settings left behind.
    const unchanged = runWhatIf(r, interval, whatIfDefaults(r));
    expect(unchanged.ok && unchanged.result.score.score).not.toBe(sim.result.score.score);
  });

  it('writes the simulated config inline: a shared config reference is dropped', () => {
    const r = whatIfReport('same');
    (r.request as unknown as Record<string, unknown>)['canaryConfigRef'] = { name: 'checkout', version: 3 };
    const payload = whatIfStageJson(r, r.intervals[1]!, simulated(r))['payload'] as Record<string, unknown>;
    expect(payload['canaryConfigRef']).toBeUndefined();
    expect(payload['canaryConfig']).toBeDefined();
  });
});
