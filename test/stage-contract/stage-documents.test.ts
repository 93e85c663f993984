import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkUrl, evaluateTemplates, planStage, type UnresolvedExpression } from '../orca-client';
import { loadOrcaLocal, loadStageExample, loadStageSchema } from './stage-documents';
import { JUDGE_MONITOR_FIELDS } from '../orca-client/judge-monitor';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(loadStageSchema());

const scope = {
  root: {},
  currentStage: { id: '01JAC0STAGE', startTime: 1718031234567 },
  currentUser: 'alice@example.com',
};
const execution = { id: '01JAB0EXEC', application: 'checkout', name: 'deploy-prod' };

/** Evaluates a planned stage's context as Orca does at run time; expressions it leaves raw go into `unresolved`. */
function evaluateStage(context: Record<string, unknown>, unresolved?: UnresolvedExpression[]): Record<string, unknown> {
  return evaluateTemplates(context, { ...scope, root: { ...context, execution, trigger: {} } }, unresolved) as Record<
    string,
    unknown
  >;
}

function errorsOf(stage: unknown): string[] {
  return validate(stage) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('stage/canary-judge-stage.example.json', () => {
  it('is valid against stage/canary-judge-stage.schema.json', () => {
    expect(errorsOf(loadStageExample())).toEqual([]);
  });

  it.each([
    ['/type', { type: 'canaryJudgeGeneric' }],
    ['/alias', { alias: 'preconfiguredWebhook' }],
    ['/statusJsonPath', { statusJsonPath: '$.state' }],
    ['/successStatuses', { successStatuses: 'SUCCEEDED,PASS' }],
    ['/failFastStatusCodes', { failFastStatusCodes: [503] }],
    ['/url', { url: 'https://judge.example.com/v1/judgments/${execution.id}' }],
    ['/markSuccessfulOnTimeout', { markSuccessfulOnTimeout: true }],
    ['', { successStatuses: undefined }],
  ])('rejects a stage whose %s breaks the contract', (path, change) => {
    const stage = { ...loadStageExample(), ...change };
    expect(errorsOf(JSON.parse(JSON.stringify(stage))).some((e) => e.startsWith(`${path} `))).toBe(true);
  });

  it('rejects payloads that miss thresholds or mix live and retrospective timing', () => {
    const stage = loadStageExample();
    const payload = stage.payload as Record<string, unknown>;
    delete payload.thresholds;
    payload.timing = { lifetimeMinutes: 30, startTimeIso: '2024-06-10T12:00:00Z', endTimeIso: '2024-06-10T13:00:00Z' };
    const errors = errorsOf(stage);
    expect(errors).toContain("/payload must have required property 'thresholds'");
    expect(errors.some((e) => e.startsWith('/payload/timing '))).toBe(true);
  });

  it('uses the same judgment key for create, poll and cancel', () => {
    const stage = loadStageExample();
    expect(stage.cancelEndpoint).toBe(`${String(stage.url)}/cancel`);
  });

  it('resolves under Orca-style templating: key and spinnaker info filled in, PromQL placeholders left raw', () => {
    const { context } = planStage(loadStageExample());
    const unresolved: UnresolvedExpression[] = [];
    const evaluated = evaluateStage(context, unresolved);
    expect(evaluated.url).toBe('https://canary-judge.example.com/v1/judgments/01JAB0EXEC-01JAC0STAGE-1718031234567');
    expect((evaluated.payload as { spinnaker: unknown }).spinnaker).toEqual({
      application: 'checkout',
      pipelineName: 'deploy-prod',
      executionId: '01JAB0EXEC',
      stageId: '01JAC0STAGE',
      user: 'alice@example.com',
    });
    expect(unresolved.map((u) => u.expression)).toEqual(['${scope}', '${scope}']);
    expect(JSON.stringify(evaluated.payload)).toContain('deployment=\\"${scope}\\"');
    expect(checkUrl(String(evaluated.url), 'PUT')).toBeNull();
  });
});

describe('orca/orca-local.yml', () => {
  const config = loadOrcaLocal();
  const entries = config.webhook.preconfigured;

  it('never gives a preconfigured webhook the plugin type canaryJudge', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.type)).not.toContain('canaryJudge');
    expect(entries.map((e) => e.type)).toContain('canaryJudgeGeneric');
  });

  it('sets every field whose absence breaks Orca, and never parameterValues', () => {
    for (const entry of entries) {
      expect(entry).toMatchObject({
        method: 'PUT',
        ...JUDGE_MONITOR_FIELDS,
        cancelMethod: 'POST',
      });
      expect(entry.failFastStatusCodes).toEqual([501]);
      expect(entry.customHeaders).toMatchObject({ 'Content-Type': ['application/json'] });
      expect(entry).not.toHaveProperty('parameterValues');
      expect(entry.cancelEndpoint).toBe(`${String(entry.url)}/cancel`);
    }
  });

  it('keeps SpEL colon-free (Spring placeholder binding) and wraps user values in #toJson', () => {
    for (const entry of entries) {
      const text = JSON.stringify(entry);
      const expressions = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] ?? '');
      expect(expressions.length).toBeGreaterThan(5);
      expect(expressions.filter((e) => e.includes(':'))).toEqual([]);
      const payload = String(entry.payload);
      expect([...payload.matchAll(/\$\{(?!#toJson\()[^}]*\}/g)].map((m) => m[0])).toEqual([]);
    }
  });

  it('allow-lists exactly the judge API, for the methods and URLs the stage uses', () => {
    const rules = config.webhook.allowedRequests ?? [];
    expect(config.webhook.allowedRequestsEnabled).toBe(true);
    const entry = entries[0];
    expect(entry).toBeDefined();
    const { context } = planStage(
      { type: 'canaryJudgeGeneric', alias: 'preconfiguredWebhook', parameterValues: {} },
      entries,
    );
    const evaluated = evaluateStage(context);
    expect(checkUrl(String(evaluated.url), 'PUT', undefined, rules)).toBeNull();
    expect(checkUrl(String(evaluated.url), 'GET', undefined, rules)).toBeNull();
    expect(checkUrl(String(evaluated.cancelEndpoint), 'POST', undefined, rules)).toBeNull();
    expect(checkUrl('https://canary-judge.example.com/healthz', 'GET', undefined, rules)).not.toBeNull();
  });

  it('produces a JSON payload from the generic form parameters after templating', () => {
    const parameterValues = {
      metricSource: 'demo',
      canaryConfigJson: '{"metrics": [{"name": "latency \\"p99\\"", "groups": ["g"], "query": {"series": "latency"}}]}',
      controlScope: 'checkout-baseline',
      experimentScope: 'checkout-"canary',
      location: 'us-east-1',
      lifetimeMinutes: '30',
      intervalMinutes: '10',
      warmupMinutes: '0',
      passThreshold: '75',
      marginalThreshold: '50',
    };
    const { context } = planStage(
      { type: 'canaryJudgeGeneric', alias: 'preconfiguredWebhook', parameterValues },
      entries,
    );
    const unresolved: UnresolvedExpression[] = [];
    const evaluated = evaluateStage(context, unresolved);
    expect(unresolved).toEqual([]);
    const body = JSON.parse(String(evaluated.payload)) as Record<string, Record<string, unknown>>;
    expect(body.scopes?.experimentScope).toBe('checkout-"canary');
    expect(body.canaryConfig).toEqual(JSON.parse(parameterValues.canaryConfigJson));
    expect(body.timing).toEqual({ lifetimeMinutes: '30', intervalMinutes: '10', warmupMinutes: '0' });
    expect(body.spinnaker?.stageId).toBe('01JAC0STAGE');
  });
});
