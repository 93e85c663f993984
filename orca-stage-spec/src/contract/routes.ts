/**
 * The route table of the HTTP API: method, path, the request schemas the service validates with, and the
 * documented responses. The Fastify app registers its routes from this table and the OpenAPI document is
 * generated from it, so the two cannot disagree.
 */
import {
  canaryConfigCreateSchema,
  canaryConfigListSchema,
  canaryConfigUpdateSchema,
  configNameParamsSchema,
  configVersionParamsSchema,
  errorResponseSchema,
  judgmentCreateRequestSchema,
  judgmentKeyParamsSchema,
  judgmentReportSchema,
  judgmentRequestSchema,
  judgmentSchema,
  metricSourcesResponseSchema,
  remoteJudgeRequestSchema,
  storedCanaryConfigSchema,
} from './schemas';

/** One documented response: status code → description and optional JSON schema. */
export interface RouteResponse {
  description: string;
  schema?: object;
  contentType?: string;
}

/** One route of the API. `path` uses Fastify's `:param` syntax. */
export interface RouteSpec {
  id: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Whether the bearer token (when configured) is required. */
  auth: boolean;
  /**
   * A frequent read (polls, probes, scrapes): its request logs are only written at `debug`/`trace` level, so that
   * Orca's polling does not drown the log at the default `info` level.
   */
  quiet?: boolean;
  params?: object;
  body?: object;
  responses: Record<string, RouteResponse>;
}

const err = (description: string): RouteResponse => ({ description, schema: errorResponseSchema });
const judgmentResponse = (description: string): RouteResponse => ({ description, schema: judgmentSchema });
const common = {
  '400': err('Invalid input: `error.field` names the JSON path or parameter, `error.message` the rule'),
  '401': err('Missing or wrong bearer token (only when the service has a token configured)'),
  '415': err('Unsupported content type (JSON, or JSON sent as text/plain, is accepted)'),
};
const unavailable = {
  '429': err(
    'Load shed: too many requests in progress (http.maxInFlightRequests), or for creates the evaluation backlog ' +
      '(http.maxEvaluationBacklog): retry after `Retry-After` seconds (Orca does)',
  ),
  '503': err('The judgment store is busy or unreachable, or the service is shutting down: retry (Orca does)'),
};

/** Every route of the judge service (see the module comment). */
export const ROUTES: readonly RouteSpec[] = [
  {
    id: 'putJudgment',
    method: 'PUT',
    path: '/v1/judgments/:judgmentKey',
    summary: 'Create the judgment, or return the existing one (idempotent by request digest)',
    description:
      'Orca’s create call. Same key and same request → 200 with the stored judgment; same key with a different ' +
      'request → 409. Values containing `${` (unresolved SpEL) outside metric query templates → 400 naming them.',
    tags: ['judgments'],
    auth: true,
    params: judgmentKeyParamsSchema,
    body: judgmentRequestSchema,
    responses: {
      '201': judgmentResponse('Created'),
      '200': judgmentResponse('Replay of an existing judgment with the same request'),
      ...common,
      '409': err('Same key, different request'),
      '413': err('Body larger than the configured limit'),
      ...unavailable,
    },
  },
  {
    id: 'postJudgment',
    method: 'POST',
    path: '/v1/judgments',
    summary: 'Create a judgment with its key in the body (for clients that cannot PUT by key)',
    tags: ['judgments'],
    auth: true,
    body: judgmentCreateRequestSchema,
    responses: {
      '201': judgmentResponse('Created; `Location` holds the absolute status URL'),
      '200': judgmentResponse('Replay of an existing judgment with the same request; `Location` as for 201'),
      ...common,
      '409': err('Same key, different request'),
      '413': err('Body larger than the configured limit'),
      ...unavailable,
    },
  },
  {
    id: 'getJudgment',
    method: 'GET',
    path: '/v1/judgments/:judgmentKey',
    summary: 'Status and result of a judgment (Orca polls this)',
    tags: ['judgments'],
    auth: true,
    quiet: true,
    params: judgmentKeyParamsSchema,
    responses: {
      '200': judgmentResponse('The judgment, whatever its status'),
      '400': common['400'],
      '401': common['401'],
      '404': err('Unknown judgment key'),
      ...unavailable,
    },
  },
  {
    id: 'cancelJudgment',
    method: 'POST',
    path: '/v1/judgments/:judgmentKey/cancel',
    summary: 'Cancel a judgment (idempotent; a no-op once it has ended). Any body is ignored.',
    tags: ['judgments'],
    auth: true,
    params: judgmentKeyParamsSchema,
    responses: {
      '202': judgmentResponse('Cancelled by this call (status CANCELED)'),
      '200': judgmentResponse('Already ended: unchanged'),
      '400': common['400'],
      '401': common['401'],
      '404': err('Unknown judgment key'),
      ...unavailable,
    },
  },
  {
    id: 'getJudgmentReport',
    method: 'GET',
    path: '/v1/judgments/:judgmentKey/report',
    summary: 'Full report: every interval’s CanaryJudgeResult (with `canaryJudge` details) and the series for charts',
    description:
      'JSON by default. A browser (an Accept header listing text/html before JSON) or `?format=html` gets a ' +
      'self-contained HTML page of the same report; `?format=json` forces JSON.',
    tags: ['judgments'],
    auth: true,
    quiet: true,
    params: judgmentKeyParamsSchema,
    responses: {
      '200': { description: 'The report (JSON; HTML for browsers)', schema: judgmentReportSchema },
      '400': common['400'],
      '401': common['401'],
      '404': err('Unknown judgment key'),
      ...unavailable,
    },
  },
  {
    id: 'remoteJudge',
    method: 'POST',
    path: '/judge',
    summary: 'Kayenta RemoteJudge: judge one metric set pair list and return a CanaryJudgeResult',
    description:
      'Drop-in for Kayenta’s `RemoteJudge-v1.0` (`kayenta.remote-judge.endpoint`): same request, same result JSON, ' +
      'plus a `canaryJudge` detail object per metric. The body is parsed, validated and judged in a worker thread ' +
      '(`workers.threads`); at most `workers.threads + workers.maxQueue` bodies are accepted at a time.',
    tags: ['kayenta'],
    auth: true,
    body: remoteJudgeRequestSchema,
    responses: {
      '200': { description: "Kayenta's CanaryJudgeResult wire JSON", schema: { type: 'object' } },
      ...common,
      '413': err('Body larger than the configured judge body limit'),
      '429': err(
        'Every judge worker is busy and the queue is full (`JUDGE_QUEUE_FULL`), or too many requests are in ' +
          'progress: retry after `Retry-After` seconds',
      ),
    },
  },
  {
    id: 'index',
    method: 'GET',
    path: '/',
    summary: 'Where things are: links to the API description, health, readiness and metrics',
    tags: ['operations'],
    auth: false,
    quiet: true,
    responses: { '200': { description: 'Links', schema: { type: 'object' } } },
  },
  {
    id: 'listMetricSources',
    method: 'GET',
    path: '/v1/metric-sources',
    summary: 'The metric sources configured on this service (names, types, query fields; never credentials)',
    description:
      'What a stage may name in `metricSource` (Kayenta: `metricsAccountName`). The Deck panel fills its source ' +
      'list and per-source query editor from it.',
    tags: ['metric sources'],
    auth: true,
    responses: {
      '200': { description: 'The configured sources, sorted by name', schema: metricSourcesResponseSchema },
      '401': common['401'],
    },
  },
  {
    id: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['operations'],
    auth: false,
    quiet: true,
    responses: { '200': { description: 'The OpenAPI document', schema: { type: 'object' } } },
  },
  {
    id: 'healthz',
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['operations'],
    auth: false,
    quiet: true,
    responses: { '200': { description: 'Alive', schema: { type: 'object' } } },
  },
  {
    id: 'readyz',
    method: 'GET',
    path: '/readyz',
    summary: 'Readiness: the judgment store answers',
    tags: ['operations'],
    auth: false,
    quiet: true,
    responses: {
      '200': { description: 'Ready', schema: { type: 'object' } },
      '503': err('The store is not reachable ("database unreachable"; the cause is in the logs)'),
    },
  },
  {
    id: 'metrics',
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics (text exposition format); needs the bearer token when one is configured',
    tags: ['operations'],
    auth: true,
    quiet: true,
    responses: { '200': { description: 'Metrics', contentType: 'text/plain; version=0.0.4' } },
  },
  {
    id: 'createCanaryConfig',
    method: 'POST',
    path: '/v1/canary-configs',
    summary: 'Create a shared canary config (version 1) for an application',
    description: 'Validated with the same schema as an inline canaryConfig, and checked with the judge.',
    tags: ['canary-configs'],
    auth: true,
    body: canaryConfigCreateSchema,
    responses: {
      '201': { description: 'Created', schema: storedCanaryConfigSchema },
      ...common,
      '409': err('A config of that name exists: update it (PUT) to add a version'),
      ...unavailable,
    },
  },
  {
    id: 'listCanaryConfigs',
    method: 'GET',
    path: '/v1/canary-configs',
    summary: 'List shared canary configs (`?application=` for one application) with their versions and uses',
    tags: ['canary-configs'],
    auth: true,
    responses: {
      '200': { description: 'The configs', schema: canaryConfigListSchema },
      '401': common['401'],
      ...unavailable,
    },
  },
  {
    id: 'getCanaryConfig',
    method: 'GET',
    path: '/v1/canary-configs/:name/:version',
    summary: 'One version of a shared canary config (`latest` for the newest)',
    tags: ['canary-configs'],
    auth: true,
    params: configVersionParamsSchema,
    responses: {
      '200': { description: 'The config version', schema: storedCanaryConfigSchema },
      '400': common['400'],
      '401': common['401'],
      '404': err('Unknown config name or version'),
      ...unavailable,
    },
  },
  {
    id: 'updateCanaryConfig',
    method: 'PUT',
    path: '/v1/canary-configs/:name',
    summary: 'Save a new version of a shared canary config (earlier versions stay, so pinned stages are unchanged)',
    tags: ['canary-configs'],
    auth: true,
    params: configNameParamsSchema,
    body: canaryConfigUpdateSchema,
    responses: {
      '201': { description: 'The new version', schema: storedCanaryConfigSchema },
      ...common,
      '404': err('Unknown config name'),
      ...unavailable,
    },
  },
  {
    id: 'deleteCanaryConfig',
    method: 'DELETE',
    path: '/v1/canary-configs/:name',
    summary: 'Delete every version of a shared canary config that no judgment has used',
    tags: ['canary-configs'],
    auth: true,
    params: configNameParamsSchema,
    responses: {
      '204': { description: 'Deleted' },
      '400': common['400'],
      '401': common['401'],
      '404': err('Unknown config name'),
      '409': err('Judgments used this config: `error.message` gives the count; it is kept'),
      ...unavailable,
    },
  },
];
