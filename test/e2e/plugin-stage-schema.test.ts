// Cross-package contract test: the stage JSON the Deck plugin writes validates against the stage schema of
// orca-stage-spec, and the plugin's own validation agrees with the schema on the cases both check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formToStage, retrospectiveForm, validForm, validateStage } from '@canary-judge/deck-plugin/testing';

const schemaPath = fileURLToPath(
  new URL('../../orca-stage-spec/stage/canary-judge-stage.schema.json', import.meta.url),
);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

function stageFrom(form = validForm(), extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'canaryJudge',
    name: 'Canary Judge',
    refId: '4',
    requisiteStageRefIds: ['3'],
    ...formToStage(form, {}),
    ...extra,
  };
}

describe('plugin stage JSON vs orca-stage-spec stage schema', () => {
  it('a valid form gives a stage the schema accepts', () => {
    const ok = validate(stageFrom());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a retrospective stage is accepted too', () => {
    expect(validate(stageFrom(retrospectiveForm()))).toBe(true);
  });

  it.each([
    ['pass above 100', { pass: '101' }],
    ['no lifetime', { lifetimeMinutes: '' }],
    ['no metric source', { metricSource: '' }],
  ])('both the plugin and the schema reject %s', (_label, patch) => {
    const stage = stageFrom({ ...validForm(), ...patch });
    expect(validateStage(stage).length).toBeGreaterThan(0);
    expect(validate(stage)).toBe(false);
  });

  it("the docs' example pipeline stage is accepted", () => {
    const examplePath = fileURLToPath(new URL('../../deck-plugin/docs/example-pipeline.json', import.meta.url));
    const pipeline = JSON.parse(readFileSync(examplePath, 'utf8')) as { stages: Array<Record<string, unknown>> };
    const stage = pipeline.stages.find((s) => s['type'] === 'canaryJudge');
    const ok = validate(stage);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('marginal < pass is a cross-field rule only the plugin (and the service) can check', () => {
    const stage = stageFrom({ ...validForm(), marginal: '80' });
    expect(validate(stage)).toBe(true);
    expect(validateStage(stage).map((i) => i.path)).toEqual(['payload.thresholds.marginal']);
  });
});
