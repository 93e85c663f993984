/**
 * Test helpers for the service's unit tests: a deterministic stand-in judge (so lifecycle tests do not depend on
 * the scoring library's numbers) and an in-memory service on a manual clock.
 */
import type { CanaryJudgeResult, RemoteJudgeRequest } from '@canary-judge/shared';
import { loadConfig } from '../config';
import { DEMO_CANARY_CONFIG } from '../demo/demo-request';
import { ManualClock } from '../lifecycle/clock';
import type { JudgeFn } from '../lifecycle/evaluate';
import { createService, type RunningService, type ServiceOverrides } from '../server';

function mean(xs: Array<number | 'NaN'>): number {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
}

/**
 * A stand-in judge for lifecycle tests: each metric passes when the canary mean is within 10 % (+0.2) of the baseline
 * mean (or a metric's `query.forceScore` sets the score outright); the score is the percentage of passing
 * metrics. Not Kayenta's maths — that is the scoring library's job and tested there.
 */
export const fakeJudge: JudgeFn = (req: RemoteJudgeRequest): CanaryJudgeResult => {
  const forced = req.canaryConfig.metrics.find((m) => typeof m.query?.['forceScore'] === 'number');
  const results = req.metricSetPairList.map((p) => {
    const c = mean(p.values.control);
    const x = mean(p.values.experiment);
    const pass = Number.isFinite(c) && Number.isFinite(x) && Math.abs(x - c) <= Math.abs(c) * 0.1 + 0.2;
    const stats = (xs: Array<number | 'NaN'>) => ({ count: xs.length, mean: mean(xs) || 0, min: 0, max: 0, std: 0 });
    return {
      name: p.name,
      tags: {},
      classification: pass ? ('Pass' as const) : ('High' as const),
      groups: ['g'],
      experimentMetadata: { stats: stats(p.values.experiment) },
      controlMetadata: { stats: stats(p.values.control) },
      critical: false,
      muted: false,
    };
  });
  const score = forced
    ? (forced.query?.['forceScore'] as number)
    : (100 * results.filter((r) => r.classification === 'Pass').length) / Math.max(1, results.length);
  return {
    judgeName: 'NetflixACAJudge-v1.0',
    results,
    groupScores: [],
    score: { score, classification: score >= req.scoreThresholds.pass ? 'Pass' : 'Fail', classificationReason: '' },
  };
};

/** Start of the manual clock in tests: 2024-05-01T12:00:00Z. */
export const T0 = Date.parse('2024-05-01T12:00:00Z');

/**
 * An in-memory service (`:memory:` SQLite, manual clock at {@link T0}, fake judge, scheduler not started). Load
 * shedding on event-loop delay is off: a busy test machine must not turn answers into 429s (it is tested on its own).
 */
export async function testService(
  env: Record<string, string> = {},
  overrides: ServiceOverrides = {},
): Promise<RunningService & { clock: ManualClock }> {
  const clock = new ManualClock(T0);
  const config = loadConfig({ CANARY_JUDGE_DB: ':memory:', LOG_LEVEL: 'silent', PORT: '8095', ...env });
  const quiet = { ...config, http: { ...config.http, maxEventLoopDelayMs: 0 } };
  const svc = await createService(quiet, { clock, judge: fakeJudge, startScheduler: false, ...overrides });
  return { ...svc, clock };
}

/**
 * Sends `body` as a JSON request to the in-process app (Fastify `inject`, no socket), as a client posting JSON does.
 *
 * @param s the service under test (its `app`)
 * @param method `POST` or `PUT`
 * @param url path and query, e.g. `/v1/canary-configs`
 * @param body serialised with `JSON.stringify`
 * @returns the injected response
 */
export function sendJson(s: Pick<RunningService, 'app'>, method: 'POST' | 'PUT', url: string, body: unknown) {
  return s.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

/**
 * Creates a shared canary config of the application `shop` through the API (`POST /v1/canary-configs`).
 *
 * @param s the service under test
 * @param name the config name
 * @param config the canary config (default the demo's)
 * @returns the injected response (201, or the 4xx refusing it)
 */
export function createSharedConfig(s: Pick<RunningService, 'app'>, name: string, config: unknown = DEMO_CANARY_CONFIG) {
  return sendJson(s, 'POST', '/v1/canary-configs', { application: 'shop', name, config });
}
