/**
 * The stage contract seen from both ends: the documented stage example must satisfy the service's own request
 * schema, and the stage the Deck plugin actually writes (`formToStage`) must satisfy the stage schema and carry the
 * same webhook fields as the documented example.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { judgmentRequestSchema } from '@canary-judge/orca-stage-spec/testing';
import { formToStage, JUDGE_MONITOR_FIELDS, stageToForm } from '@canary-judge/deck-plugin/testing';
import { loadStageExample, loadStageSchema } from './stage-documents';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateStage = ajv.compile(loadStageSchema());
const validateRequest = ajv.compile(judgmentRequestSchema);

/** The webhook fields the plugin writes that must equal the documented example's: the call and Orca's polling. */
const WEBHOOK_FIELDS = ['alias', 'method', 'failFastStatusCodes', ...Object.keys(JUDGE_MONITOR_FIELDS), 'cancelMethod'];

describe('stage contract across packages', () => {
  it("the documented example's payload is valid for the service's JudgmentRequest schema", () => {
    const ok = validateRequest(loadStageExample().payload);
    expect(validateRequest.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the stage schema's payload names the same fields as the service's schema (no drift)", () => {
    const defs = loadStageSchema().$defs as Record<string, { properties: Record<string, { properties?: object }> }>;
    const mine = defs.judgmentRequest?.properties ?? {};
    const theirs = judgmentRequestSchema.properties as Record<string, { properties?: object }>;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    for (const key of ['timing', 'scopes', 'thresholds', 'spinnaker']) {
      expect(Object.keys(mine[key]?.properties ?? {}).sort(), key).toEqual(
        Object.keys(theirs[key]?.properties ?? {}).sort(),
      );
    }
  });

  it('the stage the Deck plugin writes from a filled-in form is valid for the stage schema', () => {
    const form = stageToForm({}, 'https://canary-judge.example.com');
    const metric = form.metrics[0];
    expect(metric).toBeDefined();
    const filled = {
      ...form,
      metricSource: 'prometheus',
      configName: 'checkout',
      metrics: [
        { ...metric!, name: 'p99 latency', query: 'sum(rate(x{deployment="${scope}"}[1m]))', group: 'latency' },
      ],
      groupWeights: [{ group: 'latency', weight: '100' }],
      controlScope: 'checkout-baseline',
      experimentScope: 'checkout-canary',
      analysisType: 'realTime' as const,
      lifetimeMinutes: '60',
      intervalMinutes: '15',
      pass: '75',
      marginal: '50',
    };
    const base = { type: 'canaryJudge', name: 'Canary Judge', refId: '4', requisiteStageRefIds: [] };
    const stage: Record<string, unknown> = { ...base, ...formToStage(filled, base) };
    validateStage(stage);
    expect((validateStage.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    const example = loadStageExample();
    for (const field of WEBHOOK_FIELDS) expect(stage[field], field).toEqual(example[field]);
    expect(stage.url).toBe(example.url);
    expect(stage.cancelEndpoint).toBe(example.cancelEndpoint);
    expect(validateRequest(stage.payload)).toBe(true);
  });
});
