/**
 * The HTTP client every metric-store adapter uses (axios underneath), so that they all fail the same way:
 *
 * - `timeoutMs` bounds the **whole exchange**, from connect to the last byte of the body. (An idle timeout would
 *   restart whenever a byte arrives, so a store that dribbles its answer could hold a fetch forever.)
 * - The caller's `signal` (the judgment's deadline, the service stopping) aborts the exchange too.
 * - An answer larger than `maxResponseBytes` is dropped as soon as it passes the limit: `ANSWER_TOO_LARGE`.
 * - 429 is waited out inside the budget when the store says how long (`Retry-After`, seconds or an HTTP date), at
 *   most {@link MAX_RATE_LIMIT_WAITS} times; otherwise `RATE_LIMITED` (transient: the scheduler retries later).
 * - 401/403 → `AUTH_REFUSED`, 400/404/422 → `BAD_QUERY`, 5xx → the unreachable code (transient), a body that is
 *   not JSON (an HTML error page, garbage) → `UPSTREAM_ERROR`.
 *
 * Messages name the source, metric, scope and window (the `what` of the request), quote at most a short, cleaned
 * excerpt of the store's answer, and never contain a header value (credentials travel in headers only).
 */
import axios, { type AxiosInstance } from 'axios';
import { MetricSourceError, type SourceErrorCode } from './port';

/** How many `429 Retry-After` waits one request sits through before answering `RATE_LIMITED`. */
export const MAX_RATE_LIMIT_WAITS = 3;

/** Connection settings shared by every HTTP metric source (from the operator's configuration). */
export interface SourceHttpSettings {
  /** Base URL, e.g. `https://api.datadoghq.eu` (a path prefix is kept). */
  baseUrl: string;
  /** Whole-exchange limit per request, milliseconds (default 10000). */
  timeoutMs?: number;
  /** Largest answer accepted, bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /** Extra request headers (e.g. a proxy's `Authorization`). */
  headers?: Record<string, string>;
  /** Fetches at once against this source (the service's per-source limit, default 8). */
  maxConcurrent?: number;
}

/** One request to a metric store. */
export interface SourceHttpRequest {
  method?: 'GET' | 'POST';
  /** Path below the base URL, e.g. `/api/v1/query`. */
  path: string;
  /** Query parameters (undefined ones are left out). */
  params?: Record<string, string | number | boolean | undefined>;
  /** Request headers for this call (credentials go here, never into `params`). */
  headers?: Record<string, string>;
  /** Request body: a string is sent as is, an object as JSON. */
  body?: string | object;
  /** The fetch's abort signal (judgment deadline). */
  signal?: AbortSignal;
  /** Message prefix naming source, metric, scope and window (`describeFetch`). */
  what: string;
  /**
   * Maps a non-2xx answer to an error before the default mapping (e.g. Prometheus reads its own error body);
   * return undefined to fall through.
   */
  mapStatus?: (status: number, body: unknown) => MetricSourceError | undefined;
  /** `json` (default): the body must parse as JSON; `text`: the raw text is returned. */
  responseType?: 'json' | 'text';
}

/** A 2xx answer. */
export interface SourceHttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON (or the text with `responseType: 'text'`). */
  data: unknown;
}

/** The client of one configured source. */
export interface SourceHttpClient {
  /** Whole-exchange limit, milliseconds. */
  readonly timeoutMs: number;
  /** Largest answer accepted, bytes. */
  readonly maxResponseBytes: number;
  /**
   * Sends one request and answers its 2xx body.
   * @throws MetricSourceError for every failure (see the module comment)
   */
  request(req: SourceHttpRequest): Promise<SourceHttpAnswer>;
}

/**
 * The `Authorization` value of HTTP Basic authentication (RFC 7617) for optional operator credentials; `undefined`
 * when neither a user name nor a password is configured. A missing half is sent empty.
 * @param username the user name, if any
 * @param password the password, if any
 */
export function basicAuthorization(username: string | undefined, password: string | undefined): string | undefined {
  if (username === undefined && password === undefined) return undefined;
  return `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64')}`;
}

/**
 * The request headers of optional HTTP Basic credentials ({@link basicAuthorization}): `{authorization}`, or none
 * when neither half is configured.
 * @param username the user name, if any
 * @param password the password, if any
 */
export function basicAuthHeaders(
  username: string | undefined,
  password: string | undefined,
): Record<string, string> | undefined {
  const auth = basicAuthorization(username, password);
  return auth ? { authorization: auth } : undefined;
}

/**
 * A `mapStatus` for stores whose 400, 404 or 422 answer should quote the query that was sent: `BAD_QUERY`
 * `<what>: <rejected> (HTTP <status>)[: <what the store said>]; <detail>`; other statuses fall through to the
 * default mapping.
 * @param what the fetch description (`describeFetch`)
 * @param rejected who rejected what, e.g. `Graphite rejected the target`
 * @param detail the query as sent, e.g. `target "a.b.c"`
 */
export function rejectedQuery(
  what: string,
  rejected: string,
  detail: string,
): (status: number, body: unknown) => MetricSourceError | undefined {
  return (status, body) => {
    if (status !== 400 && status !== 404 && status !== 422) return undefined;
    const said = excerpt(body);
    return new MetricSourceError(
      'BAD_QUERY',
      `${what}: ${rejected} (HTTP ${status})${said ? `: ${said}` : ''}; ${detail}`,
    );
  };
}

/** What the store said, cut to one short line without control characters or markup (for messages). */
export function excerpt(body: unknown, max = 200): string {
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  const clean = text
    .replace(/<[^>]*>/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or undefined when absent or
 * unreadable. RFC 9110 §10.2.3.
 * @param value the header value
 * @param nowMs the current wall time (epoch ms), for dates
 */
export function retryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function flatHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (typeof v === 'string') out[k.toLowerCase()] = v;
      else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
      else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
    }
  }
  return out;
}

/**
 * Creates the HTTP client of one source.
 * @param label the store's name in messages, e.g. `Datadog`
 * @param settings base URL, limits and extra headers
 * @param unreachableCode the code for connection failures and 5xx (default `SOURCE_UNREACHABLE`)
 */
export function createSourceHttp(
  label: string,
  settings: SourceHttpSettings,
  unreachableCode: SourceErrorCode = 'SOURCE_UNREACHABLE',
): SourceHttpClient {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const maxResponseBytes = settings.maxResponseBytes ?? 64 * 1024 * 1024;
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    headers: settings.headers ?? {},
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    maxContentLength: maxResponseBytes,
    maxBodyLength: 16 * 1024 * 1024,
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
  });

  const once = async (req: SourceHttpRequest, signal: AbortSignal) => {
    try {
      return await http.request<string>({
        method: req.method ?? 'GET',
        url: req.path,
        params: req.params,
        headers: {
          ...(req.body !== undefined && typeof req.body === 'object' ? { 'content-type': 'application/json' } : {}),
          ...req.headers,
        },
        data: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
        signal,
      });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (/maxContentLength/.test(err.message ?? '')) {
        throw new MetricSourceError(
          'ANSWER_TOO_LARGE',
          `${req.what}: ${label} answered more than ${maxResponseBytes} bytes (maxResponseBytes); narrow the query`,
        );
      }
      throw e;
    }
  };

  return {
    timeoutMs,
    maxResponseBytes,
    async request(req) {
      const timer = new AbortController();
      const t = setTimeout(() => timer.abort(new Error(`${label} did not answer within ${timeoutMs} ms`)), timeoutMs);
      const signal = req.signal ? AbortSignal.any([timer.signal, req.signal]) : timer.signal;
      const started = Date.now();
      try {
        for (let waits = 0; ; waits++) {
          let res;
          try {
            res = await once(req, signal);
          } catch (e) {
            if (e instanceof MetricSourceError) throw e;
            if (timer.signal.aborted) {
              throw new MetricSourceError('TIMEOUT', `${req.what}: ${label} did not answer within ${timeoutMs} ms`);
            }
            if (req.signal?.aborted) {
              throw new MetricSourceError(
                'TIMEOUT',
                `${req.what}: stopped waiting for ${label}: ${String((req.signal.reason as Error)?.message ?? 'aborted')}`,
              );
            }
            const err = e as { code?: string; message?: string };
            throw new MetricSourceError(
              unreachableCode,
              `${req.what}: cannot reach ${label} at ${baseUrl} (${err.code ?? err.message ?? 'network error'})`,
            );
          }
          const headers = flatHeaders(res.headers);
          const text = typeof res.data === 'string' ? res.data : '';
          let body: unknown = text;
          const looksJson = /^\s*[[{"]/.test(text) || /^\s*(-?\d|true|false|null)/.test(text);
          if (looksJson) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          const status = res.status;
          if (status >= 200 && status < 300) {
            if ((req.responseType ?? 'json') === 'text') return { status, headers, data: text };
            if (typeof body === 'string') {
              const kind = /^\s*</.test(text) ? 'HTML or XML' : text.trim() === '' ? 'an empty body' : 'text';
              throw new MetricSourceError(
                'UPSTREAM_ERROR',
                `${req.what}: ${label} answered ${kind} where JSON was expected: ${excerpt(text, 120)}`,
              );
            }
            return { status, headers, data: body };
          }
          const mapped = req.mapStatus?.(status, body);
          if (mapped) throw mapped;
          if (status === 429) {
            const wait = retryAfterMs(headers['retry-after']);
            const left = timeoutMs - (Date.now() - started);
            if (wait !== undefined && wait < left && waits < MAX_RATE_LIMIT_WAITS) {
              try {
                await sleep(wait, signal);
              } catch {
                // aborted while waiting: answered below as a rate limit
              }
              if (!signal.aborted) continue;
            }
            throw new MetricSourceError(
              'RATE_LIMITED',
              `${req.what}: ${label} is rate limiting (HTTP 429${wait !== undefined ? `, Retry-After ${Math.ceil(wait / 1000)} s` : ''})`,
              wait,
            );
          }
          const said = excerpt(body);
          if (status === 401 || status === 403) {
            throw new MetricSourceError(
              'AUTH_REFUSED',
              `${req.what}: ${label} refused the credentials (HTTP ${status}); check the source's keys in the service configuration${said ? `: ${said}` : ''}`,
            );
          }
          if (status === 400 || status === 404 || status === 422) {
            throw new MetricSourceError(
              'BAD_QUERY',
              `${req.what}: ${label} rejected the query (HTTP ${status})${said ? `: ${said}` : ''}`,
            );
          }
          if (status >= 500) {
            throw new MetricSourceError(
              unreachableCode,
              `${req.what}: ${label} answered ${status}${said ? `: ${said}` : ''}`,
            );
          }
          throw new MetricSourceError(
            'UPSTREAM_ERROR',
            `${req.what}: unexpected ${label} answer (HTTP ${status})${said ? `: ${said}` : ''}`,
          );
        }
      } finally {
        clearTimeout(t);
      }
    },
  };
}
