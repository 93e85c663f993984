/**
 * End-to-end runs of the real judge service against a stand-in metric store (test/support/stand-ins): the store is
 * a loopback stub answering through the stand-in, the service is configured with the stand-in's settings, and
 * judgments go through the Orca-shaped client. The data: a latency metric (mean 100, or 140 for a canary scope
 * containing `slow`) and a cpu metric (mean 40), with deterministic normal noise.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import type { StandIn, StandInData } from '../support/stand-ins/types';
import { startStubServer, type StubServer } from '../support/stub-server';
import { noisyValues } from '../support/noise';

function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * The points of one metric: latency 100 ± 8 (140 for scopes containing `slow`), cpu 40 ± 4, one per step from the
 * first step boundary after `start` up to `end`.
 * @param metric `latency` or `cpu`
 */
export function standInData(metric: string): StandInData {
  return (scope, start, end, step) => {
    const mean = metric === 'latency' ? (scope.includes('slow') ? 140 : 100) : 40;
    const sd = metric === 'latency' ? 8 : 4;
    const next = noisyValues(seedOf(`${metric}/${scope}/${start}`), mean, sd);
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) {
      timestamps.push(t);
      values.push(next());
    }
    return { timestamps, values };
  };
}

/** A judge service reading a stand-in store. */
export interface StandInRig {
  store: StubServer;
  judge: JudgeService;
  stop(): Promise<void>;
}

/**
 * Starts the stand-in store and a judge service with one source named after the stand-in's type.
 * @param standIn the stand-in
 * @param metricOf which metric a store request is for (the stand-ins know only scope and window)
 */
export async function startStandInRig(
  standIn: StandIn,
  metricOf: (url: string, body: string) => string,
): Promise<StandInRig> {
  const store = await startStubServer((req) => standIn.respond(req, standInData(metricOf(req.url, req.body))));
  const judge = await startJudgeService({
    clockSpeed: 60,
    config: {
      scheduler: { tickMs: 100, retryDelaySeconds: 20, deadlineGraceMinutes: 1 },
      metricSources: { [standIn.type]: { ...standIn.settings(store.baseUrl), timeoutMs: 5000 } },
    },
  });
  return {
    store,
    judge,
    async stop() {
      await judge.cleanup();
      await store.close();
    },
  };
}

const HOUR = 3600_000;
/** A past one-hour window (six whole hours ago). */
export const RETROSPECTIVE = (() => {
  const start = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
  return {
    startTimeIso: new Date(start).toISOString(),
    endTimeIso: new Date(start + HOUR).toISOString(),
    stepSeconds: 60,
  };
})();

/**
 * A retrospective judgment of `latency` (critical) and `cpu` on the stand-in's source, with the stand-in's Kayenta
 * query configs.
 * @param standIn the stand-in
 * @param experimentScope the canary scope
 * @param edit changes to the canary config (bad input cases)
 */
export function standInRequest(
  standIn: StandIn,
  experimentScope: string,
  edit: (config: JudgmentRequest['canaryConfig']) => void = () => undefined,
): JudgmentRequest {
  const canaryConfig: JudgmentRequest['canaryConfig'] = {
    name: `${standIn.type}-canary`,
    metrics: [
      {
        name: 'latency',
        groups: ['latency'],
        query: standIn.query('latency'),
        analysisConfigurations: { canary: { direction: 'increase', critical: true } },
      },
      {
        name: 'cpu',
        groups: ['cpu'],
        query: standIn.query('cpu'),
        analysisConfigurations: { canary: { direction: 'increase' } },
      },
    ],
    classifier: { groupWeights: { latency: 50, cpu: 50 } },
  };
  edit(canaryConfig);
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: standIn.type,
    canaryConfig,
    scopes: {
      controlScope: 'checkout-baseline',
      experimentScope,
      controlLocation: 'us-east1',
      experimentLocation: 'us-east1',
    },
    timing: RETROSPECTIVE,
    thresholds: { pass: 75, marginal: 50 },
  };
}

/** The outcome of a stage run: the final body, and per-metric classifications from the report (when any). */
export async function judgeWithStage(
  rig: StandInRig,
  request: JudgmentRequest,
): Promise<{ status: string; body: Record<string, unknown>; httpStatus: number; classes: Record<string, string> }> {
  const run = await runStage(pluginStage(rig.judge.baseUrl, request));
  const body = finalBody(run);
  const webhook = run.context.webhook as { statusCodeValue?: number };
  const classes: Record<string, string> = {};
  if (typeof body.reportUrl === 'string') {
    for (const r of await reportResults(body)) classes[r.name] = r.classification;
  }
  return { status: run.status, body, httpStatus: webhook.statusCodeValue ?? 0, classes };
}

/**
 * Registers a stand-in rig for the calling test file: started before its tests (90 s allowed), stopped after them.
 * @param standIn the stand-in
 * @param metricOf which metric a store request is for ({@link startStandInRig})
 * @returns the running rig (throws before `beforeAll` has run)
 */
export function useStandInRig(standIn: StandIn, metricOf: (url: string, body: string) => string): () => StandInRig {
  let rig: StandInRig | undefined;
  beforeAll(async () => {
    rig = await startStandInRig(standIn, metricOf);
  }, 90_000);
  afterAll(() => rig?.stop());
  return () => {
    if (!rig) throw new Error('the stand-in rig starts in beforeAll');
    return rig;
  };
}

/**
 * A retrospective judgment (thresholds 75 / 50) of a canary config written for Kayenta, sent as is.
 * @param metricSource the source name
 * @param canaryConfig the canary config
 * @param scopes the control and canary scopes
 * @param timing the window (default {@link RETROSPECTIVE}; a real store's `DataWindow.timing` for its own data)
 */
export function retrospectiveRequest(
  metricSource: string,
  canaryConfig: unknown,
  scopes: { controlScope: string; experimentScope: string },
  timing: JudgmentRequest['timing'] = RETROSPECTIVE,
): JudgmentRequest {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource,
    canaryConfig: canaryConfig as JudgmentRequest['canaryConfig'],
    scopes,
    timing,
    thresholds: { pass: 75, marginal: 50 },
  };
}

/**
 * The canary config with its first metric's query replaced (bad-input cases).
 * @param config the canary config
 * @param query the new query config of `metrics[0]`
 */
export function withFirstQuery<C extends { metrics: object[] }>(config: C, query: Record<string, unknown>): C {
  const [first, ...rest] = config.metrics;
  return { ...config, metrics: [{ ...first, query }, ...rest] };
}

/** One metric result as the HTML report's JSON form gives it. */
export interface ReportResult {
  name: string;
  tags: Record<string, string>;
  classification: string;
}

/**
 * The first interval's metric results of a finished judgment, read from its `reportUrl`.
 * @param body the final judgment body
 */
export async function reportResults(body: Record<string, unknown>): Promise<ReportResult[]> {
  const report = (await (await fetch(String(body.reportUrl))).json()) as {
    intervals: { result: { results: ReportResult[] } }[];
  };
  return report.intervals[0]?.result.results ?? [];
}

/**
 * The tags of each series of one metric in a finished judgment's report, in report order (a grouped query gives one
 * series per group).
 * @param body the final judgment body
 * @param metric the metric's name
 */
export async function seriesTags(body: Record<string, unknown>, metric: string): Promise<Record<string, string>[]> {
  return (await reportResults(body)).filter((r) => r.name === metric).map((r) => r.tags);
}

/**
 * Checks a judgment refused on create: HTTP 400, an error naming a field that matches `field`, a message matching
 * `message` and, when given, the error code.
 * @param out what {@link judgeWithStage} returned
 * @param field the expected field
 * @param message the expected message
 * @param code the expected error code, if checked
 */
export function expectRefused(
  out: { httpStatus: number; body: Record<string, unknown> },
  field: RegExp,
  message: RegExp,
  code?: string,
): void {
  expect(out.httpStatus).toBe(400);
  const error = out.body.error as { code: string; message: string; field: string };
  if (code !== undefined) expect(error.code).toBe(code);
  expect(error.field).toMatch(field);
  expect(error.message).toMatch(message);
}

/**
 * Creates a judgment with `PUT /v1/judgments/{key}` straight away (no Orca client), for input checks.
 * @param baseUrl the judge service
 * @param key the judgment key
 * @param body the request body
 * @returns the HTTP status and the parsed JSON answer
 */
export async function putJudgment(
  baseUrl: string | undefined,
  key: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/v1/judgments/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A metric of a Kayenta canary config, as Kayenta stores it (`CanaryMetricConfig`). */
export type KayentaMetricConfig = {
  name: string;
  query: Record<string, unknown>;
  groups: string[];
  analysisConfigurations: Record<string, unknown>;
  scopeName: string;
};

/**
 * One metric of a Kayenta canary config in the `default` scope.
 * Reference: spinnaker/kayenta `CanaryMetricConfig.java`.
 * @param name the metric name
 * @param groups its groups
 * @param analysisConfigurations its settings (`{canary: {direction, critical, …}}`)
 * @param query the store's query config
 */
export function kayentaMetric(
  name: string,
  groups: string[],
  analysisConfigurations: Record<string, unknown>,
  query: Record<string, unknown>,
): KayentaMetricConfig {
  return { name, query, groups, analysisConfigurations, scopeName: 'default' };
}

/**
 * The metric every store's Kayenta canary config leads with: `latency` in the `default` scope, critical (a High
 * fails the whole judgment) and judged only for an increase.
 * Reference: spinnaker/kayenta `CanaryMetricConfig.java`, `NetflixACAJudge` (`critical`, `direction`).
 * @param group its group, as the config spells it (`Latency` or `latency`)
 * @param query the store's query config
 */
export function kayentaLatencyMetric(group: string, query: Record<string, unknown>): KayentaMetricConfig {
  return kayentaMetric('latency', [group], { canary: { direction: 'increase', critical: true } }, query);
}

/**
 * Runs a judgment of a healthy canary through the Orca-shaped stage and checks it passes: the stage SUCCEEDED
 * without a reason, verdict PASS, score 100.
 * @param judgeUrl the judge service's base URL
 * @param request the judgment
 * @returns the stage's final body, for the store's own checks
 */
export async function expectPassingStage(judgeUrl: string, request: JudgmentRequest): Promise<Record<string, unknown>> {
  const run = await runStage(pluginStage(judgeUrl, request));
  expect(run.reason).toBeUndefined();
  expect(run.status).toBe('SUCCEEDED');
  const body = finalBody(run);
  expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
  return body;
}

/**
 * The latency-regression case every store runs: the stage ends TERMINAL with a FAIL verdict, the report classifies
 * `latency` High and each metric of `passing` Pass.
 * @param judgeUrl the judge service's base URL
 * @param request the judgment of the slow canary
 * @param options the test title and the metrics that must still pass
 */
export function itFailsOnLatencyRegression(
  judgeUrl: () => string,
  request: () => JudgmentRequest,
  options: { title?: string; passing?: string[] } = {},
): void {
  it(options.title ?? 'latency regression → FAIL, latency classified High', async () => {
    const run = await runStage(pluginStage(judgeUrl(), request()));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const results = await reportResults(body);
    expect(results.find((r) => r.name === 'latency')?.classification).toBe('High');
    for (const name of options.passing ?? []) expect(results.find((r) => r.name === name)?.classification).toBe('Pass');
  });
}

/**
 * The bad-query cases of a store: each query config, put on the first metric, is refused on create with 400
 * `BAD_QUERY` naming `canaryConfig.metrics[0].query…` and a message matching the row's pattern.
 * @param rig the running rig
 * @param rows what is wrong, the query config, the expected message
 * @param request the judgment carrying a query config as the first metric's
 */
export function itRefusesBadQueries(
  rig: () => StandInRig,
  rows: [what: string, query: Record<string, unknown>, message: RegExp][],
  request: (query: Record<string, unknown>) => JudgmentRequest,
): void {
  it.each<[string, Record<string, unknown>, RegExp]>(rows)(
    '%s → 400 naming the field',
    async (_what, query, message) => {
      const out = await judgeWithStage(rig(), request(query));
      expectRefused(out, /^canaryConfig\.metrics\[0\]\.query/, message, 'BAD_QUERY');
    },
  );
}
