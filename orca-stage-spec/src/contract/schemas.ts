/**
 * JSON Schemas (draft 2020-12, as used by OpenAPI 3.1) of the judge service's HTTP API — the single source of truth:
 * the service validates requests with them (Fastify + Ajv), `openapi/openapi.json` is generated from them
 * (`npm run -w orca-stage-spec openapi`), and `schemas.types.test.ts` fails when the TypeScript types in
 * `shared/src/contract/judgment.ts` drift from them.
 *
 * Reference: `docs/design/orca-webhook-contract.md` §6 (contract), §6.4 (resource); Kayenta's
 * `RemoteJudge` for `POST /judge`.
 */

/**
 * Pattern of a judgment key (`{executionId}-{stageId}-{stageStartMillis}` from the Orca template), §6.1. The keys
 * `.` and `..` are refused: clients normalise URLs built from them (`…/judgments/../report` becomes `/v1/report`,
 * RFC 3986 §5.2.4), so they could never be polled.
 */
export const JUDGMENT_KEY_PATTERN = '^(?!\\.\\.?$)[A-Za-z0-9._-]{1,200}$';

/** Pattern of a metric-source name as configured on the service (e.g. `demo`, `prometheus`). */
export const SOURCE_NAME_PATTERN = '^[A-Za-z0-9._-]{1,100}$';

import { remoteJudgeRequestSchema as sharedRemoteJudgeRequestSchema } from '@canary-judge/shared';

const wireNumberSchema = { anyOf: [{ type: 'number' }, { const: 'NaN' }] } as const;

const sharedCanaryConfig = sharedRemoteJudgeRequestSchema.properties.canaryConfig;

/**
 * A Kayenta canary config (`CanaryConfig`), as the scoring library's RemoteJudge schema describes it, with at least
 * one metric. Each metric's `query` is source-specific: for `prometheus` `{promql}` (or Kayenta's
 * `customInlineTemplate: "PromQL:…"`), for `demo` `{series, scenario?}`. Unknown fields pass through.
 */
export const canaryConfigSchema = {
  ...sharedCanaryConfig,
  properties: {
    ...sharedCanaryConfig.properties,
    metrics: { ...sharedCanaryConfig.properties.metrics, minItems: 1 },
  },
} as const;

/** Pass/marginal thresholds in score points, 0–100 (`score ≥ pass` passes; `≤ marginal` fails). */
export const scoreThresholdsSchema = {
  type: 'object',
  description:
    'Score points 0–100: final score ≥ pass → PASS; any interval ≤ marginal → FAIL. In a judgment request the ' +
    'numbers may be numeric strings ("75"); a blank string counts as missing.',
  additionalProperties: false,
  required: ['pass', 'marginal'],
  properties: {
    pass: { type: 'number', minimum: 0, maximum: 100 },
    marginal: { type: 'number', minimum: 0, maximum: 100 },
  },
} as const;

const { $schema: _schema, $id: _id, ...remoteJudgeBody } = sharedRemoteJudgeRequestSchema;

/**
 * Kayenta's RemoteJudge request body (`POST /judge`): the scoring library's schema (`@canary-judge/shared`), without
 * its `$schema`/`$id` so that it can be embedded in the OpenAPI document and Fastify's validator.
 */
export const remoteJudgeRequestSchema = remoteJudgeBody;

/** Baseline (control) and canary (experiment) scopes with optional locations and extra template values. */
export const judgmentScopesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['controlScope', 'experimentScope'],
  properties: {
    controlScope: { type: 'string', minLength: 1, maxLength: 500 },
    experimentScope: { type: 'string', minLength: 1, maxLength: 500 },
    controlLocation: { type: 'string', maxLength: 500 },
    experimentLocation: { type: 'string', maxLength: 500 },
    extendedScopeParams: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
      additionalProperties: { type: 'string', maxLength: 500 },
    },
  },
} as const;

/**
 * More scope pairs by name (Kayenta's per-metric `scopeName`): a metric whose `scopeName` is not `default` is judged
 * on `namedScopes[scopeName]`. `default` itself is `scopes`, so it is not a valid key here.
 */
export const namedScopesSchema = {
  type: 'object',
  description:
    'Scope pairs by name for metrics whose canaryConfig scopeName is not "default" (Kayenta semantics: the ' +
    'metric scopeName selects the pair; "default" is the scopes field).',
  maxProperties: 50,
  propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', not: { const: 'default' } },
  additionalProperties: judgmentScopesSchema,
} as const;

/**
 * Timing, in minutes unless named otherwise. Live: `lifetimeMinutes` (> 0). Retrospective: `startTimeIso` +
 * `endTimeIso` (judged at once). Exactly one of the two forms is required (checked by the service, which names
 * the field). Numeric strings are accepted (Deck's generic webhook form only produces strings).
 */
export const judgmentTimingSchema = {
  type: 'object',
  description:
    'Live: lifetimeMinutes (> 0); retrospective: endTimeIso (startTimeIso optional). Numbers may be sent as numeric ' +
    'strings ("30"; Deck’s generic webhook form only produces strings); a blank string means "not given".',
  additionalProperties: false,
  properties: {
    lifetimeMinutes: { type: 'number', exclusiveMinimum: 0, maximum: 10080 },
    intervalMinutes: { type: 'number', minimum: 0, maximum: 10080 },
    warmupMinutes: { type: 'number', minimum: 0, maximum: 10080 },
    lookbackMinutes: { type: 'number', minimum: 0, maximum: 10080 },
    baselineOffsetMinutes: { type: 'number', minimum: 0, maximum: 525600 },
    stepSeconds: { type: 'number', minimum: 1, maximum: 86400 },
    startTimeIso: { type: 'string', format: 'date-time' },
    endTimeIso: { type: 'string', format: 'date-time' },
  },
} as const;

/** Informational Spinnaker context (logs and audit only, never authorization), §6.3. */
export const spinnakerInfoSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    application: { type: 'string', maxLength: 500 },
    pipelineName: { type: 'string', maxLength: 500 },
    executionId: { type: 'string', maxLength: 500 },
    stageId: { type: 'string', maxLength: 500 },
    user: { type: 'string', maxLength: 500 },
  },
} as const;

/** Shared canary config names (`/v1/canary-configs/{name}`). */
export const CONFIG_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

/** A stage's reference to a shared canary config: a name and a version number or `"latest"`. */
export const canaryConfigRefSchema = {
  type: 'object',
  description:
    'A shared canary config (/v1/canary-configs) instead of an inline canaryConfig: a version number, or ' +
    '"latest" resolved when the judgment is created. The judgment stores the config and the version it used.',
  additionalProperties: false,
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', pattern: CONFIG_NAME_PATTERN },
    version: { anyOf: [{ type: 'integer', minimum: 1 }, { const: 'latest' }] },
  },
} as const;

/** The body of `PUT /v1/judgments/{judgmentKey}` (`JudgmentRequest` in `shared/src/contract/judgment.ts`). */
export const judgmentRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'metricSource', 'scopes', 'timing', 'thresholds'],
  // Exactly one of the inline config and the reference (checked by the service, which names the field).
  anyOf: [{ required: ['canaryConfig'] }, { required: ['canaryConfigRef'] }],
  properties: {
    apiVersion: { const: 'canary-judge/v1' },
    spinnaker: spinnakerInfoSchema,
    metricSource: { type: 'string', pattern: SOURCE_NAME_PATTERN },
    canaryConfig: canaryConfigSchema,
    canaryConfigRef: canaryConfigRefSchema,
    scopes: judgmentScopesSchema,
    namedScopes: namedScopesSchema,
    timing: judgmentTimingSchema,
    thresholds: scoreThresholdsSchema,
  },
} as const;

/** The body of `POST /v1/judgments`: a judgment request plus its key (for clients that cannot PUT by key). */
export const judgmentCreateRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['judgmentKey', ...judgmentRequestSchema.required],
  anyOf: judgmentRequestSchema.anyOf,
  properties: {
    judgmentKey: { type: 'string', pattern: JUDGMENT_KEY_PATTERN },
    ...judgmentRequestSchema.properties,
  },
} as const;

/** The JSON Schema of a route's path parameters (see {@link pathParamsSchema}). */
export interface PathParamsSchema {
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, { readonly type: 'string'; readonly pattern: string }>>;
}

/**
 * The schema of a route's `:param` path segments: each one required, a string matching its pattern (Fastify checks
 * them before the handler runs; a mismatch is a 400 naming the parameter).
 *
 * @param patterns parameter name → the regular expression (JSON Schema `pattern`) its value must match
 * @returns the schema, parameters in the order given
 */
function pathParamsSchema(patterns: Record<string, string>): PathParamsSchema {
  const names = Object.keys(patterns);
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((name) => [name, { type: 'string', pattern: patterns[name]! }])),
  };
}

/** Path parameters of `/v1/judgments/{judgmentKey}…`. */
export const judgmentKeyParamsSchema = pathParamsSchema({ judgmentKey: JUDGMENT_KEY_PATTERN });

const isoOrNull = { type: ['string', 'null'], format: 'date-time' } as const;

/** A judgment's terminal error (`{code, message}`) or `null` while there is none. */
const judgmentErrorOrNull = {
  anyOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
    { type: 'null' },
  ],
} as const;

/**
 * The judgment resource (every PUT/GET/cancel answer), §6.4. `status` uses Orca's words; `message` is never null.
 * Kept small (under 16 KB): per-metric detail lives behind `reportUrl`.
 */
export const judgmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'apiVersion',
    'judgmentKey',
    'status',
    'message',
    'phase',
    'verdict',
    'score',
    'intervalScores',
    'intervalsPlanned',
    'thresholds',
    'warnings',
    'error',
    'statusUrl',
    'reportUrl',
    'createdAt',
    'updatedAt',
    'completedAt',
  ],
  properties: {
    apiVersion: { const: 'canary-judge/v1' },
    judgmentKey: { type: 'string' },
    status: { enum: ['RUNNING', 'SUCCEEDED', 'TERMINAL', 'CANCELED'] },
    message: { type: 'string' },
    phase: { enum: ['QUEUED', 'WAITING_FOR_DATA', 'JUDGING', 'DONE'] },
    verdict: { enum: ['PASS', 'MARGINAL', 'FAIL', null] },
    score: { type: ['number', 'null'] },
    intervalScores: { type: 'array', items: { type: 'number' } },
    intervalsPlanned: { type: 'integer', minimum: 0 },
    thresholds: scoreThresholdsSchema,
    warnings: { type: 'array', items: { type: 'string' } },
    error: judgmentErrorOrNull,
    statusUrl: { type: 'string', format: 'uri' },
    reportUrl: { type: 'string', format: 'uri' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    completedAt: isoOrNull,
    attempt: { type: 'integer', minimum: 2, description: 'present after a "Restart stage": which run of the key' },
    earlierAttempts: {
      type: 'array',
      description: "the key's earlier attempts, oldest first (present with attempt)",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['attempt', 'status', 'verdict', 'score', 'error', 'createdAt', 'completedAt'],
        properties: {
          attempt: { type: 'integer', minimum: 1 },
          status: { enum: ['RUNNING', 'SUCCEEDED', 'TERMINAL', 'CANCELED'] },
          verdict: { enum: ['PASS', 'MARGINAL', 'FAIL', null] },
          score: { type: ['number', 'null'] },
          error: judgmentErrorOrNull,
          createdAt: { type: 'string', format: 'date-time' },
          completedAt: isoOrNull,
        },
      },
    },
  },
} as const;

/** One problem in an error response: a stable code, a message, and the request field it names (null when none). */
const problemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'message', 'field'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    field: { type: ['string', 'null'] },
  },
} as const;

/**
 * Every 4xx/5xx answer: `error.field` is the JSON path (`/timing/lifetimeMinutes`) or parameter at fault, or null.
 * A status word and a non-null `message` keep Orca's JSONPaths resolvable even on errors (§2.5, §6.1): `TERMINAL`
 * on a refusal (4xx other than 429), `RUNNING` on a retryable answer (429, 5xx), so that no retryable answer
 * carries Orca's terminal word.
 */
export const errorResponseSchema = {
  type: 'object',
  required: ['status', 'message', 'error'],
  properties: {
    apiVersion: { const: 'canary-judge/v1' },
    judgmentKey: { type: 'string' },
    status: {
      enum: ['TERMINAL', 'RUNNING'],
      description: 'TERMINAL on a refusal (4xx other than 429); RUNNING on a retryable 429/5xx (retry, keep polling)',
    },
    message: { type: 'string' },
    requestId: { type: 'string', description: "the request's id (X-Request-Id), also in the service's logs" },
    error: problemSchema,
    errors: {
      type: 'array',
      description:
        'Every problem when several were found at once (the judgment API validates the whole request), each with ' +
        'its field; `error` is the first of them and its message lists them all. Absent for a single problem.',
      items: problemSchema,
    },
  },
} as const;

/** A series as stored for charts: judgment-time timestamps (epoch ms) and values (`"NaN"` for missing points). */
export const seriesSchema = {
  type: 'object',
  required: ['timestamps', 'values'],
  properties: {
    timestamps: { type: 'array', items: { type: 'number' } },
    values: { type: 'array', items: wireNumberSchema },
    downsampled: {
      type: 'object',
      description:
        'Present when the report downsampled this series for display (report.maxSeriesPoints, min/max buckets): ' +
        '`from` stored points, `to` points shown. Scores always use the full series.',
      required: ['from', 'to'],
      properties: { from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 } },
    },
  },
} as const;

/** `GET /v1/judgments/{judgmentKey}/report`: the resource, the request, and every interval's full detail. */
export const judgmentReportSchema = {
  type: 'object',
  required: ['apiVersion', 'judgment', 'request', 'intervals'],
  properties: {
    apiVersion: { const: 'canary-judge/v1' },
    judgment: judgmentSchema,
    request: judgmentRequestSchema,
    intervals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'state', 'experimentWindow', 'controlWindow', 'dueAt'],
        properties: {
          index: { type: 'integer', minimum: 1 },
          state: { enum: ['PENDING', 'CLAIMED', 'DONE', 'FAILED'] },
          experimentWindow: {
            type: 'object',
            required: ['start', 'end'],
            properties: { start: { type: 'string' }, end: { type: 'string' } },
          },
          controlWindow: {
            type: 'object',
            required: ['start', 'end'],
            properties: { start: { type: 'string' }, end: { type: 'string' } },
          },
          dueAt: { type: 'string' },
          completedAt: { type: ['string', 'null'] },
          attempts: { type: 'integer', minimum: 0, description: 'How many times the interval was claimed' },
          score: { type: ['number', 'null'] },
          outcome: { enum: ['PASS', 'MARGINAL', 'FAIL', null] },
          warnings: { type: 'array', items: { type: 'string' } },
          error: { type: ['object', 'null'] },
          result: { description: "Kayenta's CanaryJudgeResult wire JSON, incl. each metric's `canaryJudge` detail" },
          series: {
            type: ['object', 'null'],
            description:
              'Per metric name: `{control, experiment}` series for charts; null until the interval is judged',
            additionalProperties: {
              type: 'object',
              properties: { control: seriesSchema, experiment: seriesSchema },
            },
          },
        },
      },
    },
  },
} as const;

/** `GET /v1/metric-sources`: the configured metric sources (see `sources/catalog.ts`). */
export const metricSourcesResponseSchema = {
  type: 'object',
  required: ['metricSources'],
  additionalProperties: false,
  properties: {
    metricSources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type', 'label', 'queryFields'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', description: "the value for a stage's `metricSource`" },
          type: { type: 'string', description: 'the metric store: prometheus, datadog, …' },
          label: { type: 'string', description: "the store's display name" },
          queryFields: {
            type: 'array',
            description: "the fields of Kayenta's query config for this store (`canaryConfig.metrics[].query`)",
            items: {
              type: 'object',
              required: ['name', 'description', 'kind'],
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                description: { type: 'string' },
                kind: { enum: ['string', 'text', 'string[]', 'object[]'] },
                required: { type: 'boolean' },
                options: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** `{name}` path parameter of `/v1/canary-configs/{name}`. */
export const configNameParamsSchema = pathParamsSchema({ name: CONFIG_NAME_PATTERN });

/** `{name}/{version}` path parameters. */
export const configVersionParamsSchema = pathParamsSchema({
  name: CONFIG_NAME_PATTERN,
  version: '^([1-9][0-9]{0,8}|latest)$',
});

/** Body of `POST /v1/canary-configs`: a new shared config (version 1). */
export const canaryConfigCreateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['application', 'name', 'config'],
  properties: {
    application: { type: 'string', pattern: SOURCE_NAME_PATTERN },
    name: { type: 'string', pattern: CONFIG_NAME_PATTERN },
    config: canaryConfigSchema,
  },
} as const;

/** Body of `PUT /v1/canary-configs/{name}`: the next version's config. */
export const canaryConfigUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['config'],
  properties: { config: canaryConfigSchema },
} as const;

/** One stored version of a shared config. */
export const storedCanaryConfigSchema = {
  type: 'object',
  required: ['name', 'version', 'application', 'config', 'createdAt'],
  properties: {
    name: { type: 'string' },
    version: { type: 'integer' },
    application: { type: 'string' },
    config: { type: 'object' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** `GET /v1/canary-configs`: every config (of one application with `?application=`), with versions and uses. */
export const canaryConfigListSchema = {
  type: 'object',
  required: ['configs'],
  properties: {
    configs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'application', 'latestVersion', 'versions', 'updatedAt', 'references'],
        properties: {
          name: { type: 'string' },
          application: { type: 'string' },
          latestVersion: { type: 'integer' },
          versions: { type: 'array', items: { type: 'integer' } },
          updatedAt: { type: 'string', format: 'date-time' },
          references: { type: 'integer', description: 'Judgments that used this config' },
        },
      },
    },
  },
} as const;
