/**
 * One builder for the Prometheus-backed judgment requests the cross-package tests send: a `latency` metric (and
 * optionally more) read with PromQL, scopes `checkout-baseline` / `checkout-canary`, thresholds pass 75 / marginal 50.
 * The request shape is the service's `JudgmentRequest` (see `orca-stage-spec/openapi/openapi.json`).
 */
import type { JudgmentRequest } from '@canary-judge/shared';

/** A PromQL metric of a test request: its name (also its group), its query and Kayenta's canary settings. */
export interface PromqlMetric {
  /** Metric name and group name. */
  name: string;
  /** PromQL with `${scope}` where the deployment goes. */
  promql: string;
  /** `analysisConfigurations.canary`; direction `increase` when omitted. */
  canary?: Record<string, unknown>;
}

/** The latency metric every Prometheus test judges: `http_latency_ms{deployment="${scope}"}`, direction increase. */
export const LATENCY_METRIC: PromqlMetric = { name: 'latency', promql: 'http_latency_ms{deployment="${scope}"}' };

/** What a test may set; everything else takes the defaults named in the module comment. */
export interface PromqlRequestOptions {
  /** The timing block (live or retrospective). */
  timing: JudgmentRequest['timing'];
  /** Canary config name; `checkout` when omitted. */
  name?: string;
  /** The metrics, equally weighted by group; `[LATENCY_METRIC]` when omitted. */
  metrics?: PromqlMetric[];
  /** Explicit group weights; equal shares summing to 100 when omitted. */
  weights?: Record<string, number>;
  /** The canary's scope; `checkout-canary` when omitted. */
  experimentScope?: string;
  /** Both scopes at once, replacing the `checkout-*` defaults. */
  scopes?: JudgmentRequest['scopes'];
  /** Name the judge explicitly (`NetflixACAJudge-v1.0`), as Kayenta configs do. */
  namedJudge?: boolean;
}

/**
 * Builds a judgment request on the `prometheus` metric source.
 *
 * @param options timing (required) and the optional parts above.
 * @returns a fresh request object, safe to mutate.
 */
export function promqlRequest(options: PromqlRequestOptions): JudgmentRequest {
  const metrics = options.metrics ?? [LATENCY_METRIC];
  const share = 100 / metrics.length;
  const weights = options.weights ?? Object.fromEntries(metrics.map((m) => [m.name, share]));
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'prometheus',
    canaryConfig: {
      name: options.name ?? 'checkout',
      ...(options.namedJudge ? { judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} } } : {}),
      metrics: metrics.map((m) => ({
        name: m.name,
        groups: [m.name],
        query: { promql: m.promql },
        analysisConfigurations: { canary: { direction: 'increase', ...m.canary } },
      })),
      classifier: { groupWeights: weights },
    },
    scopes: options.scopes ?? {
      controlScope: 'checkout-baseline',
      experimentScope: options.experimentScope ?? 'checkout-canary',
    },
    timing: options.timing,
    thresholds: { pass: 75, marginal: 50 },
  } as JudgmentRequest;
}
