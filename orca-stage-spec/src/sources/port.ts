/**
 * The metric-source port: fetch one metric's series for one side (baseline = control, canary = experiment) over
 * one window. Adapters: `demo.ts` (built-in, deterministic) and `prometheus.ts` (`query_range` over HTTP).
 * Sources are configured by the operator on the service and chosen by name in the request; a request never
 * carries a URL.
 */
import type { CanaryMetricConfig, JudgmentScopes } from '@canary-judge/shared';

/** Which side of the comparison a fetch is for. */
export type Side = 'control' | 'experiment';

/** One fetch: a metric, a side, its scope/location and the window (epoch ms, inclusive), step in seconds. */
export interface FetchRequest {
  metric: CanaryMetricConfig;
  side: Side;
  scope: string;
  location: string | undefined;
  /** Extra template values (`extendedScopeParams`). */
  params: Record<string, string>;
  /** Both scopes of the judgment (a source may use the other side's scope, e.g. the demo's scenario choice). */
  scopes: JudgmentScopes;
  /** The canary config's named query templates (Kayenta's `templates`, for `customFilterTemplate`). */
  templates?: Record<string, string>;
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/** A series: parallel arrays of timestamps (epoch ms) and values (NaN for a missing or non-finite point). */
export interface Series {
  timestamps: number[];
  values: number[];
}

/**
 * Error codes of metric sources. Transient ones (`PROMETHEUS_UNREACHABLE`, `TIMEOUT`) make the service retry the
 * interval later; the others end the judgment TERMINAL, except `NO_SERIES`, which the service turns into an empty
 * series (Kayenta's "no data") plus a warning.
 */
export type SourceErrorCode =
  'PROMETHEUS_UNREACHABLE' | 'TIMEOUT' | 'BAD_QUERY' | 'NO_SERIES' | 'MULTIPLE_SERIES' | 'UPSTREAM_ERROR';

/** A metric source failure with a stable code, and whether retrying later can help. */
export class MetricSourceError extends Error {
  /** @param code stable error code; @param message one readable sentence naming the metric and side */
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MetricSourceError';
  }

  /** True for failures that may go away (network, timeouts): the interval is retried. */
  get transient(): boolean {
    return this.code === 'PROMETHEUS_UNREACHABLE' || this.code === 'TIMEOUT';
  }
}

/** A configured metric source. */
export interface MetricSource {
  /** Name by which requests select it (`metricSource`). */
  readonly name: string;
  /** Adapter type, e.g. `demo` or `prometheus`. */
  readonly type: string;
  /**
   * Fetches one series.
   * @throws MetricSourceError on any failure (never another error type for expected failures)
   */
  fetch(req: FetchRequest): Promise<Series>;
  /**
   * Checks a metric's query when a judgment is created, so that a bad query is a 400 at once instead of a
   * TERMINAL judgment later.
   * @throws MetricSourceError (`BAD_QUERY`) naming the problem
   */
  check(metric: CanaryMetricConfig, templates?: Record<string, string>): void;
}

/** Timestamps from `startMs` (aligned up to the step) to `endMs` inclusive, every `stepSeconds`. */
export function stepTimestamps(startMs: number, endMs: number, stepSeconds: number): number[] {
  const stepMs = stepSeconds * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) out.push(t);
  return out;
}
