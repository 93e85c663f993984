/**
 * The metric-source types the service can read, one entry per metric store: its configuration keys (validated when
 * the service starts), which of them are credentials, its default base URL, the query fields of Kayenta's query
 * config for that store (shown by `GET /v1/metric-sources` so the Deck panel can offer the right editor), and how to
 * create it. A new store is one module beside `prometheus.ts` plus one entry here.
 *
 * Every HTTP source accepts `baseUrl` (vendor regions and sites, on-prem proxies, tests), `timeoutMs` (whole
 * exchange, default 10000), `maxResponseBytes` (default 64 MiB), `headers` and `maxConcurrent` (fetches at once
 * against this source, default 8). A credential key `K` is also accepted as `KFile` (a file holding it, trimmed)
 * or `KEnv` (an environment variable holding it); credentials never come from a request or a stage.
 */
import { createAtlasSource, type AtlasSourceConfig } from './atlas';
import { createCloudWatchSource, type CloudWatchSourceConfig } from './cloudwatch';
import { createDatadogSource, type DatadogSourceConfig } from './datadog';
import { createDemoSource } from './demo';
import { createGraphiteSource, type GraphiteSourceConfig } from './graphite';
import { createInfluxdbSource, type InfluxdbSourceConfig } from './influxdb';
import type { MetricSource } from './port';
import { SettingError } from '../setting-error';
import { createNewRelicSource, type NewRelicSourceConfig } from './newrelic';
import { createPrometheusSource, type PrometheusSourceConfig } from './prometheus';
import { createSignalFxSource, SIGNALFX_DEFAULT_BASE_URL, type SignalFxSourceConfig } from './signalfx';
import { SIGNALFX_AGGREGATIONS } from './signalfx-query';
import { createStackdriverSource, STACKDRIVER_DEFAULT_BASE_URL, type StackdriverSourceConfig } from './stackdriver';
import { STACKDRIVER_ALIGNERS, STACKDRIVER_REDUCERS, STACKDRIVER_RESOURCE_TYPES } from './stackdriver-query';
import { createWavefrontSource, type WavefrontSourceConfig } from './wavefront';
import { WAVEFRONT_SUMMARIZATIONS } from './wavefront-query';

/** One configured source's settings after credentials were resolved: `type` plus the type's keys. */
export type ResolvedSourceSettings = { type: string } & Record<string, unknown>;

/** A query field of Kayenta's query config for one store, for editors and the `/v1/metric-sources` listing. */
export interface QueryField {
  /** Key in `canaryConfig.metrics[].query`. */
  name: string;
  /** What the field holds, one line. */
  description: string;
  /** Value kind. */
  kind: 'string' | 'text' | 'string[]' | 'object[]';
  /** Required by the store's query config (Kayenta's `@NotNull`), or one of a set. */
  required?: boolean;
  /** Allowed values, when the store has a fixed list (aligners, reducers, summarizations…). */
  options?: string[];
}

/** One metric-source type (see the module comment). */
export interface SourceKind {
  /** Value of `metricSources.<name>.type` and of `query.type` in Kayenta's query configs. */
  type: string;
  /** The store's name in messages and the Deck panel, e.g. `Datadog`. */
  label: string;
  /** Default `baseUrl`; absent = `baseUrl` is required. */
  defaultBaseUrl?: string;
  /** JSON Schema of the type's own settings (beyond the common HTTP ones), by key. */
  settings: Record<string, object>;
  /** Keys that must be set (credentials: the key itself, or its `File`/`Env` form). */
  required: string[];
  /** Keys that are credentials (also accepted as `<key>File` / `<key>Env`; never logged or listed). */
  secrets: string[];
  /** Kayenta's query-config fields for this store. */
  queryFields: QueryField[];
  /** Whether the source talks HTTP (the common HTTP settings apply). */
  http: boolean;
  /** Creates the source from resolved settings. */
  create(name: string, settings: ResolvedSourceSettings): MetricSource;
}

/**
 * One query field (see {@link QueryField}).
 * @param kind the value kind
 * @param name the key in `canaryConfig.metrics[].query`
 * @param description what it holds, one line
 * @param more `required` and/or `options`, when the store has them
 */
function field(
  kind: QueryField['kind'],
  name: string,
  description: string,
  more: Pick<QueryField, 'required' | 'options'> = {},
): QueryField {
  return { name, description, kind, ...more };
}

/**
 * Kayenta's two template fields, which every store's query config accepts after its own fields:
 * `customInlineTemplate` (described per store) and `customFilterTemplate` (a name in `canaryConfig.templates`).
 * @param inlineDescription what `customInlineTemplate` holds for this store
 */
function templateFields(inlineDescription: string): QueryField[] {
  return [
    field('text', 'customInlineTemplate', inlineDescription),
    field('string', 'customFilterTemplate', 'name of an entry of canaryConfig.templates'),
  ];
}

/** The common settings of every HTTP source (JSON Schema properties). */
export const COMMON_HTTP_SETTINGS: Record<string, object> = {
  baseUrl: { type: 'string', pattern: '^https?://' },
  timeoutMs: { type: 'integer', minimum: 1, maximum: 600000 },
  maxResponseBytes: { type: 'integer', minimum: 1024 },
  headers: { type: 'object', additionalProperties: { type: 'string' } },
  maxConcurrent: { type: 'integer', minimum: 1, maximum: 256 },
};

/** Default number of fetches running at once against one source (`maxConcurrent`). */
export const DEFAULT_SOURCE_CONCURRENCY = 8;

/** A {@link SourceKind} as written below: own settings, credentials and `http` may be left at their defaults. */
type KindEntry = Omit<SourceKind, 'settings' | 'secrets' | 'http' | 'create'> &
  Partial<Pick<SourceKind, 'settings' | 'secrets' | 'http'>>;

/**
 * One metric-source type: no own settings, no credentials and an HTTP store unless the entry says otherwise, and
 * `create` handed the resolved settings as the source module's own config type (the schema checked their shape).
 * @param entry the type's description
 * @param create the source module's factory
 */
function sourceKind<C>(entry: KindEntry, create: (name: string, config: C) => MetricSource): SourceKind {
  return { settings: {}, secrets: [], http: true, ...entry, create: (name, s) => create(name, s as unknown as C) };
}

/** Netflix Atlas (graph API): Kayenta's `AtlasCanaryMetricSetQueryConfig`. */
const atlas = sourceKind<AtlasSourceConfig>(
  {
    type: 'atlas',
    label: 'Atlas',
    required: ['baseUrl'],
    queryFields: [
      field('text', 'q', 'Atlas stack-language expression, e.g. name,CpuRawUser,:eq,:sum (the scope is appended)', {
        required: true,
      }),
      ...templateFields('a whole expression with ${scope}, ${location}, ${type}, ${…}'),
    ],
  },
  createAtlasSource,
);

const cloudwatch = sourceKind<CloudWatchSourceConfig>(
  {
    type: 'cloudwatch',
    label: 'Amazon CloudWatch',
    settings: { region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' } },
    required: ['region'],
    secrets: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
    queryFields: [
      field('string', 'namespace', 'CloudWatch namespace, e.g. AWS/ApplicationELB'),
      field('string', 'metricName', 'metric name, e.g. TargetResponseTime'),
      field('object[]', 'dimensions', 'list of {name, value}; value may use ${scope}, ${location}'),
      field('string', 'stat', 'statistic (default Average) or a percentile such as p99', {
        options: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'],
      }),
      field('string', 'unit', 'optional unit filter, e.g. Seconds'),
      field(
        'object[]',
        'metricDataQueries',
        'instead of the fields above: AWS MetricDataQuery objects (metric math included)',
      ),
    ],
  },
  createCloudWatchSource,
);

const datadog = sourceKind<DatadogSourceConfig>(
  {
    type: 'datadog',
    label: 'Datadog',
    defaultBaseUrl: 'https://api.datadoghq.com',
    required: ['apiKey', 'applicationKey'],
    secrets: ['apiKey', 'applicationKey'],
    queryFields: [
      field(
        'string',
        'metricName',
        'metric with its space aggregator, e.g. avg:trace.http.request.duration (queried as metricName{scope})',
      ),
      ...templateFields('the whole Datadog query, with ${scope}, ${location}, ${…}'),
    ],
  },
  createDatadogSource,
);

const demo = sourceKind<unknown>(
  {
    type: 'demo',
    label: 'Demo',
    required: [],
    http: false,
    queryFields: [
      field(
        'string',
        'scenario',
        'healthy, latency-regression, error-burst or missing-data (else taken from the canary scope)',
        {
          options: ['healthy', 'latency-regression', 'error-burst', 'missing-data'],
        },
      ),
      field('string', 'series', 'latency, errors or cpu (else guessed from the metric name)'),
    ],
  },
  (name) => createDemoSource(name),
);

const graphite = sourceKind<GraphiteSourceConfig>(
  {
    type: 'graphite',
    label: 'Graphite',
    settings: { username: { type: 'string', minLength: 1 } },
    required: ['baseUrl'],
    secrets: ['password'],
    queryFields: [
      field('string', 'metricName', "render target; $scope and $location are replaced (Kayenta's original field)"),
      field('text', 'template', "render target with ${scope}, ${location}, ${…} (Kayenta's current field)"),
      ...templateFields('older name of template'),
    ],
  },
  createGraphiteSource,
);

const influxdb = sourceKind<InfluxdbSourceConfig>(
  {
    type: 'influxdb',
    label: 'InfluxDB',
    settings: { database: { type: 'string', minLength: 1 } },
    required: ['baseUrl'],
    secrets: ['username', 'password'],
    queryFields: [
      field('string', 'metricName', 'measurement (with fields; scope written key:value)'),
      field('string[]', 'fields', 'fields or expressions to select (default *::field)'),
      field('text', 'template', 'whole InfluxQL statement with ${timeFilter}, ${scope} and optionally ${step}'),
      ...templateFields('older name of template'),
    ],
  },
  createInfluxdbSource,
);

const newrelic = sourceKind<NewRelicSourceConfig>(
  {
    type: 'newrelic',
    label: 'New Relic',
    defaultBaseUrl: 'https://insights-api.newrelic.com',
    settings: {
      // Kayenta's NewRelicManagedAccount: applicationKey is the account ID (it is part of the URL, not a secret).
      applicationKey: { type: 'string', pattern: '^[0-9]+$' },
      defaultScopeKey: { type: 'string', minLength: 1 },
      defaultLocationKey: { type: 'string', minLength: 1 },
    },
    required: ['apiKey', 'applicationKey'],
    secrets: ['apiKey'],
    queryFields: [
      field('text', 'select', 'NRQL select, e.g. count(*) FROM Transaction'),
      field('text', 'q', "NRQL condition added to WHERE, e.g. httpResponseCode LIKE '5%'"),
      ...templateFields(
        'the whole NRQL, with ${scope}, ${location}, ${step}, ${startEpochSeconds}, ${endEpochSeconds}, ${…}',
      ),
    ],
  },
  createNewRelicSource,
);

const prometheus = sourceKind<PrometheusSourceConfig>(
  {
    type: 'prometheus',
    label: 'Prometheus',
    required: ['baseUrl'],
    queryFields: [
      field('text', 'promql', 'PromQL template with ${scope}, ${location}, ${…}'),
      field('string', 'metricName', 'metric name (Kayenta query config)'),
      field('string[]', 'labelBindings', 'extra label matchers, e.g. status="500"'),
      field('string[]', 'groupByFields', 'labels to group by (one series each)'),
      field('string', 'resourceType', 'aws_ec2_instance (scope = ASG, location = region)'),
      ...templateFields('filter template, or "PromQL:<query>"'),
    ],
  },
  createPrometheusSource,
);

/** SignalFx (Splunk Observability Cloud) SignalFlow: Kayenta's `SignalFxCanaryMetricSetQueryConfig`. */
const signalfx = sourceKind<SignalFxSourceConfig>(
  {
    type: 'signalfx',
    label: 'SignalFx (Splunk Observability)',
    defaultBaseUrl: SIGNALFX_DEFAULT_BASE_URL,
    settings: {
      defaultScopeKey: { type: 'string', minLength: 1 },
      defaultLocationKey: { type: 'string', minLength: 1 },
    },
    required: ['accessToken'],
    secrets: ['accessToken'],
    queryFields: [
      field('string', 'metricName', 'metric name, e.g. requests.count', { required: true }),
      field('object[]', 'queryPairs', 'dimension filters [{key, value}] ("!key" negates, commas: several values)'),
      field('string', 'aggregationMethod', 'stream method per scope (default mean)', {
        options: SIGNALFX_AGGREGATIONS,
      }),
      ...templateFields('a whole SignalFlow program with ${scope}, ${location}, ${…}'),
    ],
  },
  createSignalFxSource,
);

/** Google Cloud Monitoring (Stackdriver): Kayenta's `StackdriverCanaryMetricSetQueryConfig`. */
const stackdriver = sourceKind<StackdriverSourceConfig>(
  {
    type: 'stackdriver',
    label: 'Google Cloud Monitoring (Stackdriver)',
    defaultBaseUrl: STACKDRIVER_DEFAULT_BASE_URL,
    settings: { project: { type: 'string', minLength: 1 } },
    // One of credentials / accessToken: checked when the source is created (the schema cannot say "one of" per key).
    required: [],
    secrets: ['credentials', 'accessToken'],
    queryFields: [
      field('string', 'metricType', 'metric type, e.g. compute.googleapis.com/instance/cpu/utilization', {
        required: true,
      }),
      field('string', 'resourceType', 'monitored resource type (else extendedScopeParams.resourceType)', {
        options: STACKDRIVER_RESOURCE_TYPES,
      }),
      field('string', 'perSeriesAligner', 'aligner per series (default ALIGN_MEAN)', { options: STACKDRIVER_ALIGNERS }),
      field('string', 'crossSeriesReducer', 'reducer across series (default REDUCE_MEAN)', {
        options: STACKDRIVER_REDUCERS,
      }),
      field('string[]', 'groupByFields', 'labels to group by (one series each), e.g. resource.labels.zone'),
      ...templateFields('filter ANDed on, with ${scope}, ${location}, ${project}, ${resourceType}, ${…}'),
    ],
  },
  (name, config) => {
    try {
      return createStackdriverSource(name, config);
    } catch (e) {
      const m = /^(metricSources\.[^:]+): (.*)$/s.exec((e as Error).message);
      if (m) throw new SourceSettingError(m[1] as string, m[2] as string);
      throw e;
    }
  },
);

const wavefront = sourceKind<WavefrontSourceConfig>(
  {
    type: 'wavefront',
    label: 'Wavefront',
    required: ['baseUrl', 'apiToken'],
    secrets: ['apiToken'],
    queryFields: [
      field('string', 'metricName', 'metric queried as ts(metricName, scope)', { required: true }),
      field('string', 'aggregate', 'function wrapped around ts(…), e.g. avg, sum, max'),
      field('string', 'summarization', 'how raw points are folded into one per bucket', {
        options: [...WAVEFRONT_SUMMARIZATIONS],
      }),
    ],
  },
  createWavefrontSource,
);

/** Every metric-source type, by `type`. */
export const SOURCE_KINDS: ReadonlyMap<string, SourceKind> = new Map(
  [atlas, cloudwatch, datadog, demo, graphite, influxdb, newrelic, prometheus, signalfx, stackdriver, wavefront].map(
    (k) => [k.type, k],
  ),
);

/**
 * The JSON Schema of one `metricSources.<name>` entry: one branch per type (so a misspelt key is refused naming
 * it), each credential also as `…File` and `…Env`.
 */
export function sourceSettingsSchema(): object {
  const branches = [...SOURCE_KINDS.values()].map((k) => {
    const properties: Record<string, object> = {
      type: { const: k.type },
      ...(k.http ? COMMON_HTTP_SETTINGS : {}),
      ...k.settings,
    };
    for (const s of k.secrets) {
      properties[s] = { type: 'string', minLength: 1 };
      properties[`${s}File`] = { type: 'string', minLength: 1 };
      properties[`${s}Env`] = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };
    }
    return {
      if: { type: 'object', properties: { type: { const: k.type } }, required: ['type'] },
      then: {
        type: 'object',
        additionalProperties: false,
        properties,
        required: [
          'type',
          ...k.required.filter((r) => !k.secrets.includes(r) && !(r === 'baseUrl' && k.defaultBaseUrl)),
        ],
      },
    };
  });
  // `null` removes a source (e.g. the built-in demo); `if`/`else` keeps validation errors about the object only.
  return {
    if: { type: 'null' },
    else: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: [...SOURCE_KINDS.keys()] } },
      allOf: branches,
    },
  };
}

/** A credential or setting that cannot be resolved; `setting` is the config path (`metricSources.dd.apiKeyFile`). */
export class SourceSettingError extends SettingError {
  override name = 'SourceSettingError';
}

/**
 * Resolves one source's credentials: each secret `K` from `K`, else the file named by `KFile` (trimmed), else the
 * environment variable named by `KEnv`; the `File`/`Env` keys are dropped from the result. Required credentials
 * that resolve to nothing are refused naming all three forms.
 *
 * @param name the source's configured name
 * @param raw its settings as validated by {@link sourceSettingsSchema}
 * @param env the process environment
 * @param readFile reads a credential file (injectable for tests)
 * @throws SourceSettingError naming the setting
 */
export function resolveSourceSettings(
  name: string,
  raw: ResolvedSourceSettings,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
): ResolvedSourceSettings {
  const kind = SOURCE_KINDS.get(raw.type);
  if (!kind) throw new SourceSettingError(`metricSources.${name}.type`, `unknown type ${JSON.stringify(raw.type)}`);
  const out: ResolvedSourceSettings = { ...raw };
  for (const s of kind.secrets) {
    const at = `metricSources.${name}`;
    const file = out[`${s}File`];
    const envName = out[`${s}Env`];
    delete out[`${s}File`];
    delete out[`${s}Env`];
    if (typeof out[s] === 'string') continue;
    if (typeof file === 'string') {
      let text: string;
      try {
        text = readFile(file);
      } catch (e) {
        throw new SourceSettingError(`${at}.${s}File`, `cannot read ${file}: ${(e as Error).message}`);
      }
      if (text.trim() === '') throw new SourceSettingError(`${at}.${s}File`, `${file} is empty`);
      out[s] = text.trim();
    } else if (typeof envName === 'string') {
      const v = env[envName];
      if (v === undefined || v.trim() === '') {
        throw new SourceSettingError(`${at}.${s}Env`, `environment variable ${envName} is not set`);
      }
      out[s] = v.trim();
    }
    if (out[s] === undefined && kind.required.includes(s)) {
      throw new SourceSettingError(`${at}.${s}`, `is required (or ${s}File / ${s}Env)`);
    }
  }
  if (kind.http && out['baseUrl'] === undefined && kind.defaultBaseUrl) out['baseUrl'] = kind.defaultBaseUrl;
  return out;
}

/** What `GET /v1/metric-sources` lists for one source: never a credential, URL or header. */
export interface SourceListing {
  name: string;
  type: string;
  label: string;
  queryFields: QueryField[];
}

/**
 * The listing of the configured sources, sorted by name.
 * @param sources the configured sources (name and type are read)
 */
export function listSources(sources: Iterable<{ name: string; type: string }>): SourceListing[] {
  return [...sources]
    .map(({ name, ...s }) => {
      const kind = SOURCE_KINDS.get(s.type);
      return { name, type: s.type, label: kind?.label ?? s.type, queryFields: kind?.queryFields ?? [] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
