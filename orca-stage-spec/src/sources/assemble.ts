/**
 * The plumbing every HTTP metric source shares, so each source module holds only what is its own (the request it
 * sends and the answer it reads): the `MetricSource` object around a `fetchAll`, the fetch of a source that sends
 * one HTTP request per metric and side, the re-wording of a query builder's error under the fetch's description,
 * and the reading of `[time, value]` point lists.
 *
 * Reference: `./port.ts` (`MetricSource`, `describeFetch`, `onlySeries`), `./http-client.ts` (`createSourceHttp`).
 */
import { createSourceHttp, excerpt, type SourceHttpRequest, type SourceHttpSettings } from './http-client';
import {
  describeFetch,
  MetricSourceError,
  onlySeries,
  type FetchRequest,
  type MetricSource,
  type TaggedSeries,
} from './port';

/** What a source module supplies to {@link assembleSource}. */
export interface SourceParts {
  /** The name requests use (`metricSource`). */
  name: string;
  /** The adapter type (`datadog`, `graphite`, …), also the first words of every error message. */
  type: string;
  /** Fetches at once against this source; 0 or absent leaves the default. */
  maxConcurrent?: number | undefined;
  /** The source's query-config check (`MetricSource.check`). */
  check: MetricSource['check'];
  /** Every series the query answers, tagged. */
  fetchAll(req: FetchRequest): Promise<TaggedSeries[]>;
}

/**
 * The `MetricSource` of a source whose `fetch` is "exactly one series of `fetchAll`": `NO_SERIES` for none,
 * `MULTIPLE_SERIES` for several, both prefixed with {@link describeFetch}.
 * @param parts name, type, concurrency, check and fetchAll
 * @returns the source
 */
export function assembleSource(parts: SourceParts): MetricSource {
  const { name, type, maxConcurrent, check, fetchAll } = parts;
  return {
    name,
    type,
    ...(maxConcurrent ? { maxConcurrent } : {}),
    check,
    fetchAll,
    async fetch(req) {
      return onlySeries(await fetchAll(req), describeFetch(type, name, req));
    },
  };
}

/**
 * What a store asked with one HTTP request per metric and side supplies to {@link assembleHttpSource}, beside the
 * configured source's name and settings.
 */
export interface HttpSourceParts<Q> {
  /** The adapter type (`datadog`, `graphite`, …), also the first words of every error message. */
  type: string;
  /** The store's name in the HTTP client's messages, e.g. `Datadog`. */
  label: string;
  /** Headers of every request (credentials go here, never into the query parameters); none when absent. */
  headers?: Record<string, string> | undefined;
  /** The source's query-config check (`MetricSource.check`). */
  check: MetricSource['check'];
  /**
   * Builds the store's query of one fetch; its errors must already name the fetch (`what`), e.g. through
   * {@link buildOrBadQuery} or {@link buildUnder}.
   */
  query(req: FetchRequest, what: string): Q;
  /** The request of one fetch (path, parameters, body, status mapping…); headers, signal and `what` are added. */
  request(query: Q, req: FetchRequest, what: string): Omit<SourceHttpRequest, 'headers' | 'signal' | 'what'>;
  /** Reads the store's 2xx answer into tagged series (`[]` for no data). */
  read(data: unknown, query: Q, req: FetchRequest, what: string): TaggedSeries[];
}

/**
 * The `MetricSource` of a store asked with one HTTP request per metric and side: describe the fetch
 * ({@link describeFetch}), build the query, send it with the source's headers and the fetch's abort signal through
 * the source's HTTP client (`createSourceHttp`, which maps transport and status failures), and read the answer;
 * `fetch` is {@link assembleSource}'s.
 * @param name the name requests use (`metricSource`)
 * @param config the operator's connection settings: base URL, limits, extra headers and `maxConcurrent`
 * @param parts the store's type, label, headers, check, query, request and reading
 * @returns the source
 */
export function assembleHttpSource<Q>(
  name: string,
  config: SourceHttpSettings,
  parts: HttpSourceParts<Q>,
): MetricSource {
  const { type, headers } = parts;
  const http = createSourceHttp(parts.label, config);
  return assembleSource({
    name,
    type,
    maxConcurrent: config.maxConcurrent,
    check: parts.check,
    async fetchAll(req) {
      const what = describeFetch(type, name, req);
      const query = parts.query(req, what);
      const res = await http.request({ ...parts.request(query, req, what), headers, signal: req.signal, what });
      return parts.read(res.data, query, req, what);
    },
  });
}

/**
 * Runs a query builder whose errors start with `metric <name>: `, and re-throws a {@link MetricSourceError} with
 * that prefix replaced by the fetch description `what` (same code); any other error passes through.
 * @param what the fetch description ({@link describeFetch})
 * @param metricName the metric's name
 * @param build the builder call
 * @returns what the builder returns
 * @throws MetricSourceError with `what` in front of the builder's own message
 */
export function buildUnder<T>(what: string, metricName: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof MetricSourceError) {
      const own = `metric ${metricName}: `;
      throw new MetricSourceError(
        e.code,
        `${what}: ${e.message.startsWith(own) ? e.message.slice(own.length) : e.message}`,
      );
    }
    throw e;
  }
}

/**
 * Runs a query builder and turns any error it throws into `BAD_QUERY` under the fetch description `what`; with
 * `metricName`, the first `metric <name>: ` in the builder's message is dropped (the description already names it).
 * @param what the fetch description ({@link describeFetch})
 * @param build the builder call
 * @param metricName the metric's name, when the builder's messages name it
 * @returns what the builder returns
 * @throws MetricSourceError `BAD_QUERY`
 */
export function buildOrBadQuery<T>(what: string, build: () => T, metricName?: string): T {
  try {
    return build();
  } catch (e) {
    const message = (e as Error).message;
    throw new MetricSourceError(
      'BAD_QUERY',
      `${what}: ${metricName === undefined ? message : message.replace(`metric ${metricName}: `, '')}`,
    );
  }
}

/**
 * Reads a store's list of `[time, value or null]` points (Datadog's `pointlist`, Wavefront's `data`): a null or
 * non-finite value becomes NaN; anything else is `UPSTREAM_ERROR` naming the list and the point.
 * @param list the entry's point list, as parsed from JSON
 * @param path where the list is in the answer, e.g. `series[0].pointlist` (for messages)
 * @param shape the expected point, e.g. `[milliseconds, value or null]` (for messages)
 * @param what the fetch description ({@link describeFetch})
 * @returns the points as `[time, value]`, time in the store's unit
 * @throws MetricSourceError `UPSTREAM_ERROR` when `list` is not an array or a point is malformed
 */
export function readPointPairs(list: unknown, path: string, shape: string, what: string): Array<[number, number]> {
  if (!Array.isArray(list)) {
    const dot = path.lastIndexOf('.');
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: ${path.slice(0, dot)} has no "${path.slice(dot + 1)}" array`,
    );
  }
  return list.map((p: unknown, j: number): [number, number] => {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || !(typeof p[1] === 'number' || p[1] === null)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${path}[${j}] is ${excerpt(p, 60)}, expected ${shape}`);
    }
    const v = p[1] as number | null;
    return [p[0], v !== null && Number.isFinite(v) ? v : NaN];
  });
}
