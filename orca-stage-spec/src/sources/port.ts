/**
 * The metric-source port: fetch one metric's series for one side (baseline = control, canary = experiment) over
 * one window. Adapters: `demo.ts` (built-in, deterministic) and one module per metric store (`prometheus.ts`,
 * `datadog.ts`, …; the list is `catalog.ts`). Sources are configured by the operator on the service and chosen by
 * name in the request; a request never carries a URL or a credential.
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
  /**
   * Aborted when the fetch must stop: the judgment's deadline passed or the service is stopping. Sources pass it
   * to their HTTP client together with their own `timeoutMs` (see `http-client.ts`), so no fetch outlives either.
   */
  signal?: AbortSignal;
}

/** A series: parallel arrays of timestamps (epoch ms) and values (NaN for a missing or non-finite point). */
export interface Series {
  timestamps: number[];
  values: number[];
}

/**
 * One series of a query's answer with the labels (tags) that tell it apart from the others, e.g.
 * `{region: "us-east-1"}` for a query grouped by region. A single-series answer has `tags: {}`.
 */
export interface TaggedSeries extends Series {
  tags: Record<string, string>;
}

/**
 * Error codes of metric sources:
 * - transient (the service retries the interval later with its backoff): `SOURCE_UNREACHABLE` (connection refused,
 *   reset, DNS, a 5xx; Prometheus keeps its older name `PROMETHEUS_UNREACHABLE`), `TIMEOUT` (no complete answer
 *   within `timeoutMs`, or the judgment's deadline came first), `RATE_LIMITED` (429 beyond what could be waited for);
 * - permanent (the judgment ends TERMINAL): `AUTH_REFUSED` (401/403: wrong or missing credentials), `BAD_QUERY`
 *   (the store refused the query, or the query config is incomplete), `ANSWER_TOO_LARGE` (more than
 *   `maxResponseBytes`), `MULTIPLE_SERIES`, `UPSTREAM_ERROR` (an answer of the wrong shape: HTML, garbage, …);
 * - `NO_SERIES`: the service turns it into an empty series (Kayenta's "no data") plus a warning.
 */
export type SourceErrorCode =
  | 'SOURCE_UNREACHABLE'
  | 'PROMETHEUS_UNREACHABLE'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'AUTH_REFUSED'
  | 'BAD_QUERY'
  | 'NO_SERIES'
  | 'MULTIPLE_SERIES'
  | 'ANSWER_TOO_LARGE'
  | 'UPSTREAM_ERROR';

const TRANSIENT: ReadonlySet<SourceErrorCode> = new Set([
  'SOURCE_UNREACHABLE',
  'PROMETHEUS_UNREACHABLE',
  'TIMEOUT',
  'RATE_LIMITED',
]);

/** A metric source failure with a stable code, and whether retrying later can help. */
export class MetricSourceError extends Error {
  /**
   * @param code stable error code
   * @param message one readable sentence naming the source, metric, side/scope and what went wrong (never a
   *   credential)
   * @param retryAfterMs for `RATE_LIMITED`: the wait the store asked for (`Retry-After`), if any
   */
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MetricSourceError';
  }

  /** True for failures that may go away (network, timeouts, rate limits): the interval is retried. */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

/** A configured metric source. */
export interface MetricSource {
  /** Name by which requests select it (`metricSource`). */
  readonly name: string;
  /** Adapter type, e.g. `demo` or `prometheus`. */
  readonly type: string;
  /** Fetches running at once against this source (default 8, `DEFAULT_SOURCE_CONCURRENCY`). */
  readonly maxConcurrent?: number;
  /**
   * Fetches one series.
   * @throws MetricSourceError on any failure (never another error type for expected failures)
   */
  fetch(req: FetchRequest): Promise<Series>;
  /**
   * Fetches every series the query answers (Kayenta makes one metric-set pair per series, told apart by tags).
   * Sources whose queries can answer several series implement it; for the others the service calls `fetch`.
   * An empty answer is `[]` (the service turns it into Kayenta's "no data"), never an error.
   * @throws MetricSourceError on any failure
   */
  fetchAll?(req: FetchRequest): Promise<TaggedSeries[]>;
  /**
   * Checks a metric's query when a judgment is created, so that a bad query is a 400 at once instead of a
   * TERMINAL judgment later: required query fields, and placeholders that would have no value (`known` lists the
   * placeholder names the judgment will supply: scope, location, side, metricName and its `extendedScopeParams`
   * keys; absent = do not check placeholders).
   * @throws MetricSourceError (`BAD_QUERY`) naming the query field and the problem
   */
  check(metric: CanaryMetricConfig, templates?: Record<string, string>, known?: ReadonlySet<string>): void;
}

/** Timestamps from `startMs` (aligned up to the step) to `endMs` inclusive, every `stepSeconds`. */
export function stepTimestamps(startMs: number, endMs: number, stepSeconds: number): number[] {
  const stepMs = stepSeconds * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) out.push(t);
  return out;
}

/**
 * The words every source error message starts with: source, metric, side, scope and window, e.g.
 * `datadog source "dd": metric latency (canary scope checkout-canary, 2026-12-04T10:00:00Z–2026-12-04T10:10:00Z)`.
 * @param sourceType adapter type (`datadog`, …)
 * @param sourceName the configured name
 * @param req the fetch
 */
export function describeFetch(sourceType: string, sourceName: string, req: FetchRequest): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const side = req.side === 'control' ? 'baseline' : 'canary';
  const where = req.location ? ` in ${req.location}` : '';
  return `${sourceType} source "${sourceName}": metric ${req.metric.name} (${side} scope ${req.scope}${where}, ${iso(req.startMs)}–${iso(req.endMs)})`;
}

/**
 * The one series of a `fetchAll` answer, for a source's `fetch`: `[]` → `NO_SERIES`, several → `MULTIPLE_SERIES`.
 * @param all the series the query answered
 * @param what the message prefix ({@link describeFetch})
 * @throws MetricSourceError `NO_SERIES` or `MULTIPLE_SERIES`
 */
export function onlySeries(all: TaggedSeries[], what: string): Series {
  if (all.length === 0) throw new MetricSourceError('NO_SERIES', `${what}: the query returned no series`);
  if (all.length > 1) {
    const tags = all
      .slice(0, 3)
      .map((s) => JSON.stringify(s.tags))
      .join(', ');
    throw new MetricSourceError('MULTIPLE_SERIES', `${what}: the query returned ${all.length} series: ${tags}`);
  }
  const [one] = all as [TaggedSeries];
  return { timestamps: one.timestamps, values: one.values };
}
