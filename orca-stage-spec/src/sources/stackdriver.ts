/**
 * The `stackdriver` metric source (Google Cloud Monitoring, formerly Stackdriver): one
 * `GET /v3/projects/{project}/timeSeries` per metric and side (following `nextPageToken`), built from Kayenta's
 * Stackdriver query config by `stackdriver-query.ts`. Credentials travel as `Authorization: Bearer <token>`, the
 * token coming from a service-account JSON key (`credentials`, `credentialsFile`, `credentialsEnv`) or a static
 * `accessToken` (`google-token.ts`).
 *
 * Answers: every `timeSeries[]` is one tagged series (tags = its resource labels without `project_id`, plus its metric
 * labels, as Kayenta's `StackdriverMetricsService` tags metric sets); points come newest first and are reversed; the
 * timestamp of a point is its `interval.endTime`; the value is `doubleValue` (proto3 JSON may say `"NaN"`,
 * `"Infinity"`) or `int64Value` (a decimal string in JSON); non-finite values are NaN. Alignment periods without data
 * have no point in Cloud Monitoring's answer and stay absent (Kayenta does not fill them either). No `timeSeries`
 * → `[]`. Anything else (HTML, garbage, a point without a numeric value, e.g. a distribution the aligner did not
 * reduce) → `UPSTREAM_ERROR` naming the part that was wrong.
 *
 * Reference: https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list and
 * https://cloud.google.com/monitoring/api/ref_v3/rest/v3/TimeSeries
 */
import { excerpt, createSourceHttp, type SourceHttpSettings } from './http-client';
import { describeFetch, MetricSourceError, type FetchRequest, type MetricSource, type TaggedSeries } from './port';
import {
  parseServiceAccountKey,
  serviceAccountTokenSource,
  staticTokenSource,
  type GoogleTokenSource,
} from './google-token';
import { buildStackdriverList, checkStackdriverQuery, STACKDRIVER_TYPE } from './stackdriver-query';
import { assembleSource, buildUnder } from './assemble';
import { fetchScope } from './query-config';

/** Cloud Monitoring's API endpoint. */
export const STACKDRIVER_DEFAULT_BASE_URL = 'https://monitoring.googleapis.com';

/** Pages of one `timeSeries.list` read at most (`nextPageToken`); more is `ANSWER_TOO_LARGE`. */
export const STACKDRIVER_MAX_PAGES = 50;

/** Operator settings of one Stackdriver source (credentials already resolved from `…File` / `…Env`). */
export interface StackdriverSourceConfig extends SourceHttpSettings {
  /** Google Cloud project whose time series are listed; default the key's `project_id`. */
  project?: string;
  /** A service-account JSON key (its text). */
  credentials?: string;
  /** A static OAuth access token, instead of a key (e.g. from `gcloud auth print-access-token`). */
  accessToken?: string;
}

/**
 * Checks and completes the settings: a credential, and a project.
 * @param name the source's name
 * @param config its settings
 * @throws Error `metricSources.<name>.<key>: <rule>` for a missing credential, a bad key or no project
 */
export function stackdriverSettings(
  name: string,
  config: StackdriverSourceConfig,
): { project: string; tokens: GoogleTokenSource } {
  const at = `metricSources.${name}`;
  let tokens: GoogleTokenSource;
  let project = config.project;
  if (config.credentials !== undefined) {
    const key = parseServiceAccountKey(config.credentials, `${at}.credentials`);
    project ??= key.project_id;
    tokens = serviceAccountTokenSource(key, config.timeoutMs ?? 10_000);
  } else if (config.accessToken !== undefined) {
    tokens = staticTokenSource(config.accessToken);
  } else {
    throw new Error(
      `${at}.credentials: a service-account key is required (credentials, credentialsFile or credentialsEnv), or an accessToken`,
    );
  }
  if (!project) throw new Error(`${at}.project: is required (the key has no project_id)`);
  return { project, tokens };
}

interface Point {
  interval?: { endTime?: unknown };
  value?: Record<string, unknown>;
}

function pointValue(value: Record<string, unknown> | undefined): number | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const d = value['doubleValue'];
  if (typeof d === 'number') return d;
  if (typeof d === 'string' && /^(NaN|-?Infinity|[-+0-9.eE]+)$/.test(d)) return Number(d);
  const i = value['int64Value'];
  if (typeof i === 'number') return i;
  if (typeof i === 'string' && /^-?\d+$/.test(i)) return Number(i);
  return undefined;
}

/**
 * Reads one `timeSeries.list` page into tagged series (oldest point first).
 * @param body the parsed answer
 * @param what the message prefix
 * @throws MetricSourceError `UPSTREAM_ERROR` naming the malformed part
 */
export function readTimeSeries(body: unknown, what: string): { series: TaggedSeries[]; nextPageToken?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: Cloud Monitoring answered ${excerpt(body, 80)}, not an object`,
    );
  }
  const b = body as { timeSeries?: unknown; nextPageToken?: unknown };
  const list = b.timeSeries ?? [];
  if (!Array.isArray(list)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: Cloud Monitoring's "timeSeries" is not a list`);
  }
  const series = list.map((ts: unknown, i: number): TaggedSeries => {
    const t = ts as { metric?: { labels?: unknown }; resource?: { labels?: unknown }; points?: unknown };
    if (typeof t !== 'object' || t === null || !Array.isArray(t.points ?? [])) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: timeSeries[${i}] has no "points" list`);
    }
    const tags: Record<string, string> = {};
    const addLabels = (labels: unknown, skip?: string) => {
      if (labels && typeof labels === 'object') {
        for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
          if (k !== skip && typeof v === 'string') tags[k] = v;
        }
      }
    };
    addLabels(t.resource?.labels, 'project_id');
    addLabels(t.metric?.labels);
    const points = [...((t.points ?? []) as Point[])].reverse();
    const out: TaggedSeries = { timestamps: [], values: [], tags };
    const n = points.length;
    points.forEach((p, k) => {
      const j = n - 1 - k; // index in the answer (newest first)
      const end = typeof p?.interval?.endTime === 'string' ? Date.parse(p.interval.endTime) : NaN;
      if (Number.isNaN(end)) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: timeSeries[${i}].points[${j}].interval.endTime is ${excerpt(p?.interval?.endTime, 40) || 'missing'}, expected an RFC 3339 time`,
        );
      }
      const v = pointValue(p.value);
      if (v === undefined) {
        const kinds = p.value && typeof p.value === 'object' ? Object.keys(p.value).join(', ') : 'nothing';
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: timeSeries[${i}].points[${j}].value has ${kinds || 'nothing'}, expected doubleValue or int64Value (choose a perSeriesAligner that makes numbers, e.g. ALIGN_PERCENTILE_99 for distributions)`,
        );
      }
      out.timestamps.push(end);
      out.values.push(Number.isFinite(v) ? v : NaN);
    });
    return out;
  });
  const token = typeof b.nextPageToken === 'string' && b.nextPageToken !== '' ? b.nextPageToken : undefined;
  return token ? { series, nextPageToken: token } : { series };
}

/**
 * Creates a Stackdriver (Cloud Monitoring) source.
 * @param name the name requests use
 * @param config base URL, project, credentials and limits from the operator's configuration
 * @throws Error naming the setting when the credentials or project are missing or malformed
 */
export function createStackdriverSource(name: string, config: StackdriverSourceConfig): MetricSource {
  const { project, tokens } = stackdriverSettings(name, config);
  const http = createSourceHttp('Cloud Monitoring', {
    ...config,
    baseUrl: config.baseUrl || STACKDRIVER_DEFAULT_BASE_URL,
  });

  const fetchAll = async (req: FetchRequest): Promise<TaggedSeries[]> => {
    const what = describeFetch(STACKDRIVER_TYPE, name, req);
    const list = buildUnder(what, req.metric.name, () =>
      buildStackdriverList(req.metric, req.templates ?? {}, {
        ...fetchScope(req),
        project,
        startMs: req.startMs,
        endMs: req.endMs,
        stepSeconds: req.stepSeconds,
      }),
    );
    const all: TaggedSeries[] = [];
    let pageToken: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= STACKDRIVER_MAX_PAGES) {
        throw new MetricSourceError(
          'ANSWER_TOO_LARGE',
          `${what}: Cloud Monitoring answered more than ${STACKDRIVER_MAX_PAGES} pages; narrow the filter or add a crossSeriesReducer`,
        );
      }
      const query = new URLSearchParams(list.params);
      if (pageToken) query.set('pageToken', pageToken);
      const token = await tokens.token(what, req.signal);
      let res;
      try {
        res = await http.request({
          path: `/v3/${list.name.split('/').map(encodeURIComponent).join('/')}/timeSeries?${query.toString()}`,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: req.signal,
          what,
          mapStatus: (status, body) => {
            const said = googleError(body);
            if (status === 400 || status === 404) {
              return new MetricSourceError(
                'BAD_QUERY',
                `${what}: Cloud Monitoring rejected the filter ${JSON.stringify(list.filter)} (HTTP ${status})${said}`,
              );
            }
            return undefined;
          },
        });
      } catch (e) {
        if (e instanceof MetricSourceError && e.code === 'AUTH_REFUSED') tokens.reset();
        throw e;
      }
      const read = readTimeSeries(res.data, what);
      all.push(...read.series);
      if (!read.nextPageToken) return all;
      pageToken = read.nextPageToken;
    }
  };

  return assembleSource({
    name,
    type: STACKDRIVER_TYPE,
    maxConcurrent: config.maxConcurrent,
    check: checkStackdriverQuery,
    fetchAll,
  });
}

/** `: <message>` of a Google API error body (`{"error": {"code", "message", "status"}}`), or nothing. */
function googleError(body: unknown): string {
  const e = (body as { error?: { message?: unknown; status?: unknown } } | undefined)?.error;
  if (!e || typeof e !== 'object') return '';
  return `: ${excerpt(`${typeof e.status === 'string' ? `${e.status}: ` : ''}${String(e.message ?? '')}`)}`;
}
