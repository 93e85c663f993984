/**
 * Stand-in metric stores: one module per source type (`<type>.ts` beside this file) that answers the requests our
 * source sends, in the store's documented response shape, with data the test chooses. The per-source tests use them
 * to judge a healthy and a regressed canary; `npm run bench -- sources` uses them to time fetch + judge against the
 * HTTP round-trips alone.
 */
import type { StubRequest, StubResponse } from '../stub-server';

/** The points a stand-in serves for one scope over one window (epoch ms, inclusive; step in seconds). */
export type StandInData = (
  scope: string,
  startMs: number,
  endMs: number,
  stepSeconds: number,
) => { timestamps: number[]; values: number[] };

/** One stand-in metric store. */
export interface StandIn {
  /** The source type it stands in for (`datadog`, …). */
  type: string;
  /** The service's `metricSources.<name>` settings pointing at the stand-in (credentials included). */
  settings(baseUrl: string): Record<string, unknown>;
  /** A Kayenta query config (`canaryConfig.metrics[].query`) for a metric of that name, scoped by the judgment. */
  query(metricName: string): Record<string, unknown>;
  /**
   * The judgment's scopes when the store needs a particular form (InfluxDB: `key:value`, as in Kayenta); absent =
   * any plain names. The experiment scope contains "canary" (the stand-in data tells the sides apart by it).
   */
  scopes?: { controlScope: string; experimentScope: string };
  /**
   * Answers one request our source sent: reads the scope and window from it and serves `data` for them in the
   * store's response shape. Unexpected requests answer 400 with the reason, so a test sees what was wrong.
   */
  respond(req: StubRequest, data: StandInData): StubResponse | Promise<StubResponse>;
}

/** What a stand-in module writes besides its type: {@link StandIn} with `settings` and `query` minus the common keys. */
export interface StandInParts extends Omit<StandIn, 'type' | 'settings' | 'query'> {
  /** The settings beyond `type` and `baseUrl` (credentials, scope key, …); default none. */
  settings?(baseUrl: string): Record<string, unknown>;
  /** The query config's fields beyond `type`, for a metric of that name. */
  query(metricName: string): Record<string, unknown>;
}

/**
 * A stand-in of source type `type`: its settings carry `type` and the stand-in's `baseUrl` before the stand-in's own
 * settings, and each query config carries `type` first (as Kayenta writes it).
 * @param type the source type, e.g. `newrelic`
 * @param parts the rest of the stand-in
 */
export function defineStandIn(type: string, parts: StandInParts): StandIn {
  return {
    ...parts,
    type,
    settings: (baseUrl) => ({ type, baseUrl, ...parts.settings?.(baseUrl) }),
    query: (metricName) => ({ type, ...parts.query(metricName) }),
  };
}
