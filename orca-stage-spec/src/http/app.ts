/**
 * The HTTP layer of the judge service (Fastify 5, pino logs): routes from the contract's route table, request
 * validation with the contract's JSON Schemas, the optional bearer token, body limits (413), content types
 * (JSON; `text/plain` bodies parsed as JSON, orca-contract §8.4; anything else 415), and one error shape for
 * every failure: `{status: "TERMINAL", message, error: {code, message, field}}` — never a 5xx for bad input.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  coerceCanaryConfigScalars,
  describeSchemaErrors,
  type JudgmentRequest,
  type RemoteJudgeRequest,
  type SchemaErrorLike,
} from '@canary-judge/shared';
import { buildOpenApi } from '../contract/openapi';
import { ROUTES, type RouteSpec } from '../contract/routes';
import type { JudgeFn } from '../lifecycle/evaluate';
import { canaryConfigHandlers } from '../configs/api';
import type { CanaryConfigStore } from '../configs/port';
import { ApiError } from '../lifecycle/errors';
import type { JudgmentService } from '../lifecycle/service';
import type { SourceListing } from '../sources/catalog';
import type { JudgmentStore } from '../store/port';
import { describeValidation, errorBody, type AjvLikeError } from './error-body';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth';
import type { ServiceMetrics } from './metrics';
import { normalizeMetricsAccountName, normalizeNumericStrings } from './numeric-strings';
import { renderReportHtml } from './report-html';

/** What the HTTP layer needs. */
export interface AppOptions {
  service: JudgmentService;
  /** Shared canary configs (`/v1/canary-configs`); absent = those routes answer 404. */
  configs?: CanaryConfigStore;
  store: JudgmentStore;
  judge: JudgeFn;
  metrics: ServiceMetrics;
  /** The configured metric sources, for `GET /v1/metric-sources` (default: none). */
  metricSources?: SourceListing[];
  /** Bearer token required on `/v1/*` and `/judge` when set (non-empty). */
  token?: string | null;
  /** Browser origins allowed by CORS (`*` = any); empty or absent = no CORS headers. */
  corsOrigins?: string[];
  /** Serve HTTPS with these Node `https` options (certificate, key, client-certificate CA); null/absent = HTTP. */
  https?: HttpsServerOptions | null;
  /** Body limit for judgment requests, bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Body limit for `POST /judge`, bytes (default 64 MiB: 100 metrics × 10,000 points fit). */
  judgeBodyLimitBytes?: number;
  /** pino logger options (level, and optionally a destination stream), or `false` to disable (default: `info`). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/**
 * Whether a report request wants HTML: `?format=html`, or a browser-style Accept header that lists `text/html`
 * before any JSON type (`?format=json` forces JSON).
 */
function wantsHtml(req: FastifyRequest): boolean {
  const format = (req.query as { format?: unknown } | undefined)?.format;
  if (format === 'html') return true;
  if (format === 'json') return false;
  const accept = String(req.headers.accept ?? '');
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('json');
  return html !== -1 && (json === -1 || html < json);
}

/**
 * `POST /judge` validates exactly as the CLI does (ajv's `Ajv2020`, first failing value), so that both word the same
 * rule the same way (`describeSchemaErrors`); the judgment API reports every schema failure at once.
 */
const remoteJudgeAjv = new Ajv2020({ strict: false, allErrors: false, coerceTypes: false, useDefaults: false });

/** Methods each route path answers, for `405 Method Not Allowed` with `Allow` (Fastify answers 404 otherwise). */
function allowedMethods(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  return (ROUTES as RouteSpec[])
    .filter((r) => new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`).test(path))
    .map((r) => r.method);
}

function bearerOk(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return false;
  // Equal-length digests: the comparison time depends on neither the token's content nor its length.
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * Builds the Fastify app (not listening). Call `app.listen({host, port})` to serve, `app.inject()` to test.
 */
export function buildApp(opts: AppOptions): FastifyInstance {
  const bodyLimit = opts.bodyLimitBytes ?? 1024 * 1024;
  const judgeBodyLimit = opts.judgeBodyLimitBytes ?? 64 * 1024 * 1024;
  const app = Fastify({
    ...(opts.https ? { https: opts.https } : {}),
    logger: opts.logger ?? { level: 'info' },
    bodyLimit,
    // No type coercion: numeric strings are converted explicitly (numeric-strings.ts), so "" never becomes 0.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: true } },
    return503OnClosing: true,
    // Judgment keys may be 200 characters (Fastify's default limit for a path parameter is 100).
    routerOptions: { maxParamLength: 256 },
    // Errors Fastify raises before routing (e.g. an undecodable URL) get the same JSON error shape.
    frameworkErrors: (error, _req, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
      const code = error.code === 'FST_ERR_BAD_URL' ? 'BAD_URL' : 'BAD_REQUEST';
      (reply as FastifyReply).code(status).send(errorBody(code, error.message, null));
    },
  });
  const { service, metrics, judge } = opts;
  // Polls, probes and scrapes log their requests only when the service logs at debug/trace (see RouteSpec.quiet).
  const level = typeof opts.logger === 'object' ? opts.logger.level : 'info';
  const quietLevel = level === 'info' ? 'warn' : null;
  const token = opts.token && opts.token.length > 0 ? opts.token : null;

  // JSON, and text/plain / +json bodies parsed as JSON; an empty body is "no body" (Orca's cancel may send none).
  const parseJson = (_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
    if (body.trim() === '') return done(null, undefined);
    if (jsonDepth(body) > MAX_JSON_DEPTH) {
      return done(
        new ApiError(
          400,
          'NESTING_TOO_DEEP',
          `the body nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels`,
          '(body)',
        ),
      );
    }
    try {
      done(null, JSON.parse(body));
    } catch (e) {
      done(new ApiError(400, 'INVALID_JSON', `the body is not valid JSON: ${(e as Error).message}`, '(body)'));
    }
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, parseJson);
  app.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'string' }, parseJson);

  // Every answer: no MIME sniffing.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.routeOptions.url ?? 'unmatched', req.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: FastifyError | ApiError, req, reply) => {
    const key = (req.params as { judgmentKey?: string } | undefined)?.judgmentKey;
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.field, key, error.issues));
    }
    const fe = error as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
    if (fe.validation && req.routeOptions.url === '/judge' && (fe.validationContext ?? 'body') === 'body') {
      const { path, rule } = describeSchemaErrors(fe.validation as SchemaErrorLike[], req.body);
      const message = path === '' ? rule : `${path}: ${rule}`;
      return reply.code(400).send(errorBody('VALIDATION_FAILED', message, path === '' ? '(body)' : path, key));
    }
    if (fe.validation) {
      const { field, message, issues } = describeValidation(fe.validation, fe.validationContext ?? 'body');
      return reply.code(400).send(errorBody('VALIDATION_FAILED', message, field, key, issues));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .code(413)
          .send(
            errorBody(
              'BODY_TOO_LARGE',
              `the body exceeds the limit of ${req.routeOptions.bodyLimit ?? bodyLimit} bytes`,
              '(body)',
              key,
            ),
          );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .code(415)
          .send(
            errorBody(
              'UNSUPPORTED_MEDIA_TYPE',
              `content type ${JSON.stringify(req.headers['content-type'] ?? '')} is not supported; send application/json`,
              'content-type',
              key,
            ),
          );
      default:
        break;
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(fe.code ?? 'BAD_REQUEST', fe.message, null, key));
    }
    req.log.error({ err: error }, 'request failed');
    const sqlite = typeof fe.code === 'string' && fe.code.startsWith('SQLITE_');
    return reply
      .code(sqlite ? 503 : 500)
      .send(
        errorBody(
          sqlite ? 'STORE_UNAVAILABLE' : 'INTERNAL_ERROR',
          sqlite ? 'the judgment store is busy or unavailable; retry' : 'internal error',
          null,
          key,
        ),
      );
  });

  app.setNotFoundHandler((req, reply) => {
    const allow = allowedMethods(req.url);
    if (allow.length > 0 && !allow.includes(req.method)) {
      return reply
        .code(405)
        .header('allow', allow.join(', '))
        .send(
          errorBody(
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed on ${req.url.split('?')[0]}; use ${allow.join(' or ')}`,
            null,
          ),
        );
    }
    reply.code(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`, null));
  });

  const origins = opts.corsOrigins ?? [];
  if (origins.length > 0) {
    void app.register(cors, {
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
      exposedHeaders: ['Location'],
      maxAge: 600,
    });
  }

  if (token) {
    app.addHook('onRequest', async (req, reply) => {
      if (req.method === 'OPTIONS') return; // CORS preflights carry no credentials
      const route = req.routeOptions.config as { auth?: boolean } | undefined;
      if (route?.auth === false) return;
      if (!bearerOk(req.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer');
        return reply
          .code(401)
          .send(
            errorBody('UNAUTHORIZED', 'a valid "Authorization: Bearer <token>" header is required', 'authorization'),
          );
      }
    });
  }

  // One structured log line per new judgment, with the informational Spinnaker context (audit, never authorization).
  const audit = (req: FastifyRequest, judgmentKey: string, r: JudgmentRequest) =>
    req.log.info(
      {
        judgmentKey,
        metricSource: r.metricSource,
        // A request referencing a shared config has no inline config (it is resolved by the service).
        metrics: (r as { canaryConfig?: JudgmentRequest['canaryConfig'] }).canaryConfig?.metrics.length ?? null,
        canaryConfigRef: r.canaryConfigRef ?? null,
        controlScope: r.scopes.controlScope,
        experimentScope: r.scopes.experimentScope,
        spinnaker: r.spinnaker ?? null,
      },
      'judgment created',
    );

  type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  const keyOf = (req: FastifyRequest) => (req.params as { judgmentKey: string }).judgmentKey;
  const noConfigs: Handler = async () => {
    throw new ApiError(404, 'NOT_FOUND', 'shared canary configs are not enabled on this service', null);
  };
  const configHandlers = opts.configs
    ? canaryConfigHandlers(
        opts.configs,
        (c) => service.checkConfig(c),
        () => Date.now(),
      )
    : {};
  const handlers: Record<string, Handler> = {
    createCanaryConfig: noConfigs,
    listCanaryConfigs: noConfigs,
    getCanaryConfig: noConfigs,
    updateCanaryConfig: noConfigs,
    deleteCanaryConfig: noConfigs,
    ...configHandlers,
    putJudgment: async (req, reply) => {
      const request = req.body as JudgmentRequest;
      const { created, judgment } = await service.create(keyOf(req), request);
      if (created) audit(req, judgment.judgmentKey, request);
      return reply.code(created ? 201 : 200).send(judgment);
    },
    postJudgment: async (req, reply) => {
      const { judgmentKey, ...request } = req.body as JudgmentRequest & { judgmentKey: string };
      const { created, judgment } = await service.create(judgmentKey, request as JudgmentRequest);
      if (created) audit(req, judgmentKey, request as JudgmentRequest);
      return reply
        .code(created ? 201 : 200)
        .header('location', judgment.statusUrl)
        .send(judgment);
    },
    getJudgment: async (req, reply) => {
      const j = await service.get(keyOf(req));
      if (!j) throw new ApiError(404, 'NOT_FOUND', `judgment ${keyOf(req)} does not exist`, 'judgmentKey');
      return reply.send(j);
    },
    cancelJudgment: async (req, reply) => {
      const { changed, judgment } = await service.cancel(keyOf(req));
      return reply.code(changed ? 202 : 200).send(judgment);
    },
    getJudgmentReport: async (req, reply) => {
      const r = await service.report(keyOf(req));
      if (!r) throw new ApiError(404, 'NOT_FOUND', `judgment ${keyOf(req)} does not exist`, 'judgmentKey');
      if (wantsHtml(req)) {
        // The report page may not load or run anything (inline styles only).
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(renderReportHtml(r, service.nowMs()));
      }
      return reply.send(r);
    },
    remoteJudge: async (req, reply) => {
      let result;
      try {
        result = judge(req.body as RemoteJudgeRequest);
      } catch (e) {
        const err = e as Error & { path?: unknown; field?: unknown };
        const field = typeof err.path === 'string' ? err.path : typeof err.field === 'string' ? err.field : null;
        throw new ApiError(400, 'JUDGE_REJECTED', err.message, field);
      }
      return reply.send(result);
    },
    index: async (_req, reply) =>
      reply.send({
        name: 'canary-judge service',
        apiVersion: 'canary-judge/v1',
        links: {
          openapi: '/openapi.json',
          judgments: '/v1/judgments/{judgmentKey}',
          remoteJudge: '/judge',
          metricSources: '/v1/metric-sources',
          healthz: '/healthz',
          readyz: '/readyz',
          metrics: '/metrics',
        },
      }),
    listMetricSources: async (_req, reply) => reply.send({ metricSources: opts.metricSources ?? [] }),
    openapi: async (_req, reply) => reply.send(buildOpenApi()),
    healthz: async (_req, reply) => reply.send({ status: 'ok' }),
    readyz: async (_req, reply) => {
      try {
        await opts.store.ping();
      } catch (e) {
        return reply
          .code(503)
          .send(errorBody('STORE_UNAVAILABLE', `the judgment store does not answer: ${(e as Error).message}`, null));
      }
      return reply.send({ status: 'ready' });
    },
    metrics: async (_req, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    },
  };

  for (const r of ROUTES as RouteSpec[]) {
    const handler = handlers[r.id];
    if (!handler) throw new Error(`no handler for route ${r.id}`);
    app.route({
      method: r.method,
      url: r.path,
      config: { auth: r.auth },
      ...(r.quiet && quietLevel ? { logLevel: quietLevel } : {}),
      ...(r.id === 'remoteJudge'
        ? {
            bodyLimit: judgeBodyLimit,
            validatorCompiler: ({ schema }: { schema: object }) => remoteJudgeAjv.compile(schema),
          }
        : {}),
      preValidation: async (req: FastifyRequest) => {
        // A key still holding `${…}` means Orca could not evaluate the URL template: say so, not just "pattern".
        const key = (req.params as { judgmentKey?: unknown } | undefined)?.judgmentKey;
        if (typeof key === 'string' && key.includes('${')) {
          throw new ApiError(
            400,
            'UNRESOLVED_EXPRESSION',
            'judgmentKey (path parameter) holds an unresolved ${…} expression: Orca could not evaluate the URL template',
            'judgmentKey',
          );
        }
        const needsBody = r.id === 'putJudgment' || r.id === 'postJudgment' || r.id === 'remoteJudge';
        if (needsBody && req.body === undefined) {
          throw new ApiError(
            400,
            'EMPTY_BODY',
            `the body is empty: send the ${r.id === 'remoteJudge' ? 'RemoteJudge' : 'judgment'} request as JSON`,
            '(body)',
          );
        }
        if (r.id === 'putJudgment' || r.id === 'postJudgment') {
          req.body = normalizeMetricsAccountName(normalizeNumericStrings(req.body));
        }
        if (r.id === 'putJudgment' || r.id === 'postJudgment' || r.id === 'remoteJudge') {
          // Kayenta (Jackson) reads `configVersion: 1.0` as "1.0": coerce scalars as it does before validation.
          const body = req.body as { canaryConfig?: unknown } | null;
          if (body && typeof body === 'object') coerceCanaryConfigScalars(body.canaryConfig);
        }
      },
      schema: { ...(r.params ? { params: r.params } : {}), ...(r.body ? { body: r.body } : {}) },
      handler,
    });
  }
  return app;
}
