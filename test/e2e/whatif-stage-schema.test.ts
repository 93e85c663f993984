// Cross-package contract test (issue 13): the what-if's "Copy as stage JSON" gives a stage that validates against the
// stage schema of orca-stage-spec, that the plugin's validation and the service's request rules accept, and whose
// request judges the interval's series to the simulated score.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { validateJudgmentRequest, type CanaryConfig, type ScoreThresholds } from '@canary-judge/shared';
import {
  judgePayload,
  runWhatIf,
  validateStage,
  whatIfDefaults,
  whatIfReport,
  whatIfStageJson,
  type WhatIfSettings,
} from '@canary-judge/deck-plugin/testing';

const schemaPath = fileURLToPath(
  new URL('../../orca-stage-spec/stage/canary-judge-stage.schema.json', import.meta.url),
);
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** Every kind of what-if change: thresholds, weights, effect sizes in percent, CLES, outliers, a guardrail, muting. */
function simulated(base: WhatIfSettings): WhatIfSettings {
  const m = base.metrics;
  return {
    pass: 80,
    marginal: 40,
    weights: { latency: 30, errors: 70 },
    metrics: {
      ...m,
      'p99-latency': { ...m['p99-latency']!, critical: false, allowedIncrease: '25', criticalIncrease: '60' },
      'error-rate': {
        ...m['error-rate']!,
        measure: 'cles',
        allowedIncrease: '0.7',
        criticalIncrease: '0.9',
        outlierStrategy: 'remove',
        outlierFactor: '2',
        minimumPoints: '10',
      },
      cpu: { ...m['cpu']!, muted: true },
    },
  };
}

describe('what-if "Copy as stage JSON" vs the stage schema and the judge', () => {
  it('validates against the stage schema, the plugin and the API rules, and judges to the simulated score', () => {
    const r = whatIfReport('same');
    const interval = r.intervals[1]!;
    const settings = simulated(whatIfDefaults(r));
    // The text the panel copies, read back as a person pasting it would.
    const stage = JSON.parse(JSON.stringify(whatIfStageJson(r, interval, settings), null, 2)) as Record<
      string,
      unknown
    >;
    const ok = validate(stage);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validateStage(stage)).toEqual([]);
    const payload = stage['payload'] as { canaryConfig: CanaryConfig; thresholds: ScoreThresholds };
    // The service refuses unresolved SpEL; Orca resolves the informational spinnaker block before the call.
    expect(validateJudgmentRequest({ ...payload, spinnaker: {} }, { sourceType: 'demo' })).toEqual([]);

    const sim = runWhatIf(r, interval, settings);
    if (!sim.ok) throw new Error(sim.error);
    const fromStage = judgePayload(payload, interval);
    expect(fromStage.score).toEqual(sim.result.score);
    expect(fromStage.results.map((x) => x.classification)).toEqual(sim.result.results.map((x) => x.classification));
  });
});
