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
 * Kayenta's two template fields, which every store's query config accepts after its own fields:
 * `customInlineTemplate` (described per store) and `customFilterTemplate` (a name in `canaryConfig.templates`).
 * @param inlineDescription what `customInlineTemplate` holds for this store
 */
function templateFields(inlineDescription: string): QueryField[] {
  return [
    { name: 'customInlineTemplate', description: inlineDescription, kind: 'text' },
    { name: 'customFilterTemplate', description: 'name of an entry of canaryConfig.templates', kind: 'string' },
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

/** Netflix Atlas (graph API): Kayenta's `AtlasCanaryMetricSetQueryConfig`. */
const atlas: SourceKind = {
  type: 'atlas',
  label: 'Atlas',
  settings: {},
  required: ['baseUrl'],
  secrets: [],
  http: true,
  queryFields: [
    {
      name: 'q',
      description: 'Atlas stack-language expression, e.g. name,CpuRawUser,:eq,:sum (the scope is appended)',
      kind: 'text',
      required: true,
    },
    ...templateFields('a whole expression with ${scope}, ${location}, ${type}, ${…}'),
  ],
  create: (name, s) => createAtlasSource(name, s as unknown as AtlasSourceConfig),
};

const cloudwatch: SourceKind = {
  type: 'cloudwatch',
  label: 'Amazon CloudWatch',
  settings: { region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' } },
  required: ['region'],
  secrets: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
  http: true,
  queryFields: [
    { name: 'namespace', description: 'CloudWatch namespace, e.g. AWS/ApplicationELB', kind: 'string' },
    { name: 'metricName', description: 'metric name, e.g. TargetResponseTime', kind: 'string' },
    { name: 'dimensions', description: 'list of {name, value}; value may use ${scope}, ${location}', kind: 'object[]' },
    {
      name: 'stat',
      description: 'statistic (default Average) or a percentile such as p99',
      kind: 'string',
      options: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'],
    },
    { name: 'unit', description: 'optional unit filter, e.g. Seconds', kind: 'string' },
    {
      name: 'metricDataQueries',
      description: 'instead of the fields above: AWS MetricDataQuery objects (metric math included)',
      kind: 'object[]',
    },
  ],
  create: (name, s) => createCloudWatchSource(name, s as unknown as CloudWatchSourceConfig),
};

const datadog: SourceKind = {
  type: 'datadog',
  label: 'Datadog',
  defaultBaseUrl: 'https://api.datadoghq.com',
  settings: {},
  required: ['apiKey', 'applicationKey'],
  secrets: ['apiKey', 'applicationKey'],
  http: true,
  queryFields: [
    {
      name: 'metricName',
      description:
        'metric with its space aggregator, e.g. avg:trace.http.request.duration (queried as metricName{scope})',
      kind: 'string',
    },
    ...templateFields('the whole Datadog query, with ${scope}, ${location}, ${…}'),
  ],
  create: (name, s) => createDatadogSource(name, s as unknown as DatadogSourceConfig),
};

const demo: SourceKind = {
  type: 'demo',
  label: 'Demo',
  settings: {},
  required: [],
  secrets: [],
  http: false,
  queryFields: [
    {
      name: 'scenario',
      description: 'healthy, latency-regression, error-burst or missing-data (else taken from the canary scope)',
      kind: 'string',
      options: ['healthy', 'latency-regression', 'error-burst', 'missing-data'],
    },
    { name: 'series', description: 'latency, errors or cpu (else guessed from the metric name)', kind: 'string' },
  ],
  create: (name) => createDemoSource(name),
};

const graphite: SourceKind = {
  type: 'graphite',
  label: 'Graphite',
  settings: { username: { type: 'string', minLength: 1 } },
  required: ['baseUrl'],
  secrets: ['password'],
  http: true,
  queryFields: [
    {
      name: 'metricName',
      description: "render target; $scope and $location are replaced (Kayenta's original field)",
      kind: 'string',
    },
    {
      name: 'template',
      description: "render target with ${scope}, ${location}, ${…} (Kayenta's current field)",
      kind: 'text',
    },
    ...templateFields('older name of template'),
  ],
  create: (name, s) => createGraphiteSource(name, s as unknown as GraphiteSourceConfig),
};

const influxdb: SourceKind = {
  type: 'influxdb',
  label: 'InfluxDB',
  settings: { database: { type: 'string', minLength: 1 } },
  required: ['baseUrl'],
  secrets: ['username', 'password'],
  http: true,
  queryFields: [
    { name: 'metricName', description: 'measurement (with fields; scope written key:value)', kind: 'string' },
    { name: 'fields', description: 'fields or expressions to select (default *::field)', kind: 'string[]' },
    {
      name: 'template',
      description: 'whole InfluxQL statement with ${timeFilter}, ${scope} and optionally ${step}',
      kind: 'text',
    },
    ...templateFields('older name of template'),
  ],
  create: (name, s) => createInfluxdbSource(name, s as unknown as InfluxdbSourceConfig),
};

const newrelic: SourceKind = {
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
  http: true,
  queryFields: [
    { name: 'select', description: 'NRQL select, e.g. count(*) FROM Transaction', kind: 'text' },
    { name: 'q', description: "NRQL condition added to WHERE, e.g. httpResponseCode LIKE '5%'", kind: 'text' },
    ...templateFields(
      'the whole NRQL, with ${scope}, ${location}, ${step}, ${startEpochSeconds}, ${endEpochSeconds}, ${…}',
    ),
  ],
  create: (name, s) => createNewRelicSource(name, s as unknown as NewRelicSourceConfig),
};

const prometheus: SourceKind = {
  type: 'prometheus',
  label: 'Prometheus',
  settings: {},
  required: ['baseUrl'],
  secrets: [],
  http: true,
  queryFields: [
    { name: 'promql', description: 'PromQL template with ${scope}, ${location}, ${…}', kind: 'text' },
    { name: 'metricName', description: 'metric name (Kayenta query config)', kind: 'string' },
    { name: 'labelBindings', description: 'extra label matchers, e.g. status="500"', kind: 'string[]' },
    { name: 'groupByFields', description: 'labels to group by (one series each)', kind: 'string[]' },
    { name: 'resourceType', description: 'aws_ec2_instance (scope = ASG, location = region)', kind: 'string' },
    ...templateFields('filter template, or "PromQL:<query>"'),
  ],
  create: (name, s) => createPrometheusSource(name, s as unknown as PrometheusSourceConfig),
};

/** SignalFx (Splunk Observability Cloud) SignalFlow: Kayenta's `SignalFxCanaryMetricSetQueryConfig`. */
const signalfx: SourceKind = {
  type: 'signalfx',
  label: 'SignalFx (Splunk Observability)',
  defaultBaseUrl: SIGNALFX_DEFAULT_BASE_URL,
  settings: {
    defaultScopeKey: { type: 'string', minLength: 1 },
    defaultLocationKey: { type: 'string', minLength: 1 },
  },
  required: ['accessToken'],
  secrets: ['accessToken'],
  http: true,
  queryFields: [
    { name: 'metricName', description: 'metric name, e.g. requests.count', kind: 'string', required: true },
    {
      name: 'queryPairs',
      description: 'dimension filters [{key, value}] ("!key" negates, commas: several values)',
      kind: 'object[]',
    },
    {
      name: 'aggregationMethod',
      description: 'stream method per scope (default mean)',
      kind: 'string',
      options: SIGNALFX_AGGREGATIONS,
    },
    ...templateFields('a whole SignalFlow program with ${scope}, ${location}, ${…}'),
  ],
  create: (name, s) => createSignalFxSource(name, s as unknown as SignalFxSourceConfig),
};

/** Google Cloud Monitoring (Stackdriver): Kayenta's `StackdriverCanaryMetricSetQueryConfig`. */
const stackdriver: SourceKind = {
  type: 'stackdriver',
  label: 'Google Cloud Monitoring (Stackdriver)',
  defaultBaseUrl: STACKDRIVER_DEFAULT_BASE_URL,
  settings: { project: { type: 'string', minLength: 1 } },
  // One of credentials / accessToken: checked when the source is created (the schema cannot say "one of" per key).
  required: [],
  secrets: ['credentials', 'accessToken'],
  http: true,
  queryFields: [
    {
      name: 'metricType',
      description: 'metric type, e.g. compute.googleapis.com/instance/cpu/utilization',
      kind: 'string',
      required: true,
    },
    {
      name: 'resourceType',
      description: 'monitored resource type (else extendedScopeParams.resourceType)',
      kind: 'string',
      options: STACKDRIVER_RESOURCE_TYPES,
    },
    {
      name: 'perSeriesAligner',
      description: 'aligner per series (default ALIGN_MEAN)',
      kind: 'string',
      options: STACKDRIVER_ALIGNERS,
    },
    {
      name: 'crossSeriesReducer',
      description: 'reducer across series (default REDUCE_MEAN)',
      kind: 'string',
      options: STACKDRIVER_REDUCERS,
    },
    {
      name: 'groupByFields',
      description: 'labels to group by (one series each), e.g. resource.labels.zone',
      kind: 'string[]',
    },
    ...templateFields('filter ANDed on, with ${scope}, ${location}, ${project}, ${resourceType}, ${…}'),
  ],
  create: (name, s) => {
    try {
      return createStackdriverSource(name, s as unknown as StackdriverSourceConfig);
    } catch (e) {
      const m = /^(metricSources\.[^:]+): (.*)$/s.exec((e as Error).message);
      if (m) throw new SourceSettingError(m[1] as string, m[2] as string);
      throw e;
    }
  },
};

const wavefront: SourceKind = {
  type: 'wavefront',
  label: 'Wavefront',
  settings: {},
  required: ['baseUrl', 'apiToken'],
  secrets: ['apiToken'],
  http: true,
  queryFields: [
    { name: 'metricName', description: 'metric queried as ts(metricName, scope)', kind: 'string', required: true },
    { name: 'aggregate', description: 'function wrapped around ts(…), e.g. avg, sum, max', kind: 'string' },
    {
      name: 'summarization',
      description: 'how raw points are folded into one per bucket',
      kind: 'string',
      options: [...WAVEFRONT_SUMMARIZATIONS],
    },
  ],
  create: (name, s) => createWavefrontSource(name, s as unknown as WavefrontSourceConfig),
};

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
