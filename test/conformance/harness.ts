/**
 * Building blocks of the conformance suite: judgment requests for the demo source, the documented plugin stage
 * pointed at a local judge, and an Orca-shaped run of it with unique execution/stage ids on an accelerated clock.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { expect } from 'vitest';
import { runWebhookStage, scaledClock, type CallRecord, type OrcaClientOptions, type StageRun } from '../orca-client';
import type { StageJson } from '../orca-client';
import { loadStageExample, rebase } from '../stage-contract/stage-documents';

/** Orca-side clock speed-up used by the suites (matches the service's default test speed). */
export const ORCA_CLOCK_SPEED = 60;

/** Response size cap the contract promises (`docs/design/orca-webhook-contract.md` §6.4: final body under ~16 KB). */
export const RESPONSE_CAP_BYTES = 16 * 1024;

/** One demo-source metric: a series kind and, optionally, a forced scenario. */
export interface DemoMetric {
  name: string;
  series: 'latency' | 'errors' | 'cpu';
  scenario?: 'healthy' | 'latency-regression' | 'error-burst' | 'missing-data';
  group: string;
}

/**
 * A live judgment request on the demo source.
 * @param metrics the metrics (default one latency metric whose scenario comes from the canary scope name)
 * @param experimentScope canary scope; a demo scenario name inside it selects the scenario
 */
export function demoRequest(options: {
  experimentScope?: string;
  lifetimeMinutes?: number;
  intervalMinutes?: number;
  metrics?: DemoMetric[];
  weights?: Record<string, number>;
  thresholds?: { pass: number; marginal: number };
}): JudgmentRequest {
  const metrics = options.metrics ?? [{ name: 'latency', series: 'latency', group: 'latency' }];
  return {
    apiVersion: 'canary-judge/v1',
    spinnaker: {
      application: '${execution.application}',
      executionId: '${execution.id}',
      stageId: '${#currentStage().id}',
      user: '${#currentUser()}',
    },
    metricSource: 'demo',
    canaryConfig: {
      name: 'conformance',
      metrics: metrics.map((m) => ({
        name: m.name,
        groups: [m.group],
        query: m.scenario ? { series: m.series, scenario: m.scenario } : { series: m.series },
        analysisConfigurations: { canary: { direction: 'increase' } },
      })),
      ...(options.weights ? { classifier: { groupWeights: options.weights } } : {}),
    },
    scopes: { controlScope: 'checkout-baseline', experimentScope: options.experimentScope ?? 'checkout-canary' },
    timing: {
      lifetimeMinutes: options.lifetimeMinutes ?? 3,
      intervalMinutes: options.intervalMinutes ?? 1,
      stepSeconds: 5,
    },
    thresholds: options.thresholds ?? { pass: 75, marginal: 50 },
  };
}

/** The documented plugin stage (`canary-judge-stage.example.json`) aimed at `baseUrl`, with `payload` replaced. */
export function pluginStage(baseUrl: string, payload?: unknown, extra: Record<string, unknown> = {}): StageJson {
  const stage = rebase(loadStageExample(), baseUrl);
  return { ...stage, ...(payload === undefined ? {} : { payload }), ...extra };
}

/**
 * A stage of the generic preconfigured webhook (`canaryJudgeGeneric` in `orca-stage-spec/orca/orca-local.yml`), as
 * Deck saves it without the plugin: every parameter a string. One demo latency metric, live 60 min in 30 min intervals.
 * @param location the `location` parameter (`''` for none).
 */
export function genericStage(location: string): StageJson {
  return {
    type: 'canaryJudgeGeneric',
    name: 'Canary Judge',
    alias: 'preconfiguredWebhook',
    parameterValues: {
      metricSource: 'demo',
      canaryConfigJson: '{"metrics": [{"name": "latency", "groups": ["g"], "query": {"series": "latency"}}]}',
      controlScope: 'checkout-baseline',
      experimentScope: 'checkout-canary',
      location,
      lifetimeMinutes: '60',
      intervalMinutes: '30',
      warmupMinutes: '0',
      passThreshold: '75',
      marginalThreshold: '50',
    },
  };
}

let sequence = 0;

/** A fresh execution/stage identity, so every run gets its own judgment key. */
export function freshIds(): Pick<OrcaClientOptions, 'execution' | 'stageId' | 'stageStartTime' | 'user'> {
  sequence++;
  const tag = `${process.pid}x${sequence}x${Date.now().toString(36)}`;
  return {
    execution: { id: `EXEC${tag}`, application: 'checkout', name: 'deploy-prod' },
    stageId: `STAGE${tag}`,
    stageStartTime: Date.now(),
    user: 'alice@example.com',
  };
}

/** Every call made through {@link runStage} in this worker (for the suite-wide response checks). */
export const allCalls: CallRecord[] = [];

/**
 * Runs a stage like Orca on an accelerated clock (loopback allowed, 16 KB response cap, Orca's default timeouts).
 * @param ids reuse these ids to get the same judgment key again (default fresh ones)
 */
export async function runStage(
  stage: StageJson,
  options: Partial<OrcaClientOptions> = {},
  ids = freshIds(),
): Promise<StageRun> {
  const run = await runWebhookStage(stage, {
    clock: scaledClock(ORCA_CLOCK_SPEED),
    urlRestrictions: { enabled: false },
    maxResponseBytes: RESPONSE_CAP_BYTES,
    ...ids,
    ...options,
  });
  allCalls.push(...run.calls);
  return run;
}

/** The parsed JSON of a call's response body (throws with the text when it is not JSON). */
export function jsonOf(call: CallRecord | undefined): Record<string, unknown> {
  if (call?.bodyText === undefined) throw new Error('call has no response body');
  try {
    return JSON.parse(call.bodyText) as Record<string, unknown>;
  } catch {
    throw new Error(`response is not JSON: ${call.bodyText.slice(0, 200)}`);
  }
}

/** The last poll body stored by Orca (`webhook.monitor.body`), or the create body when there was no poll. */
export function finalBody(run: StageRun): Record<string, unknown> {
  const webhook = run.context.webhook as { body?: unknown; monitor?: { body?: unknown } } | undefined;
  return (webhook?.monitor?.body ?? webhook?.body ?? {}) as Record<string, unknown>;
}

/**
 * Asserts that Orca ended the stage on the create call's refusal: stage TERMINAL, the webhook context holding the
 * refusal's HTTP status and a JSON body with status TERMINAL and a message (what Deck shows the pipeline author).
 * @param run the finished stage run.
 * @param status the HTTP status the service refused with.
 * @returns the refusal's body, for further checks.
 */
export function expectRefusedStage(run: StageRun, status: number): Record<string, unknown> {
  expect(run.status).toBe('TERMINAL');
  const webhook = run.context.webhook as { statusCodeValue: number; body: Record<string, unknown> };
  expect(webhook.statusCodeValue).toBe(status);
  expect(webhook.body).toMatchObject({ status: 'TERMINAL' });
  expect(typeof webhook.body.message).toBe('string');
  return webhook.body;
}
