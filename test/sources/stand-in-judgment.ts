/**
 * End-to-end runs of the real judge service against a stand-in metric store (test/support/stand-ins): the store is
 * a loopback stub answering through the stand-in, the service is configured with the stand-in's settings, and
 * judgments go through the Orca-shaped client. The data: a latency metric (mean 100, or 140 for a canary scope
 * containing `slow`) and a cpu metric (mean 40), with deterministic normal noise.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import type { StandIn, StandInData } from '../support/stand-ins/types';
import { startStubServer, type StubServer } from '../support/stub-server';

/** Deterministic normal noise (mulberry32 + Box–Muller). */
export function noise(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}

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
    const draw = noise(seedOf(`${metric}/${scope}/${start}`));
    const mean = metric === 'latency' ? (scope.includes('slow') ? 140 : 100) : 40;
    const sd = metric === 'latency' ? 8 : 4;
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) {
      timestamps.push(t);
      values.push(Math.round((mean + sd * draw()) * 1000) / 1000);
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
    const report = (await (await fetch(body.reportUrl)).json()) as {
      intervals: { result: { results: { name: string; classification: string }[] } }[];
    };
    for (const r of report.intervals[0]?.result.results ?? []) classes[r.name] = r.classification;
  }
  return { status: run.status, body, httpStatus: webhook.statusCodeValue ?? 0, classes };
}
