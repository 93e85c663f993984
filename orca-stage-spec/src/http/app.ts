/**
 * The HTTP layer of the judge service (Fastify 5, pino logs): routes from the contract's route table, request
 * validation with the contract's JSON Schemas, the optional bearer token, body limits (413), content types
 * (JSON; `text/plain` bodies parsed as JSON, `docs/design/orca-webhook-contract.md` §6.3; anything else 415), and one
 * error shape for every failure: `{status: "TERMINAL", message, error: {code, message, field}}` (`status: "RUNNING"` on
 * a retryable 429/5xx) — never a 5xx for bad input — also for protocol-level errors (`protocol-errors.ts`).
 * Robustness (issue 14): request and header timeouts, a per-client connection cap and 429 load shedding
 * (`limits.ts`); a refusal that leaves a body unread closes the connection; `POST /judge` bodies are parsed and
 * judged by the worker pool (`workers/judge-pool.ts`), never on the event loop.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { coerceCanaryConfigScalars, type JudgmentRequest } from '@canary-judge/shared';
import { buildOpenApi } from '../contract/openapi';
import { ROUTES, type RouteSpec } from '../contract/routes';
import type { JudgeFn } from '../lifecycle/evaluate';
import { canaryConfigHandlers } from '../configs/api';
import type { CanaryConfigStore } from '../configs/port';
import { ApiError } from '../lifecycle/errors';
import type { JudgmentService } from '../lifecycle/service';
import type { SourceListing } from '../sources/catalog';
import { StoreUnavailableError, type JudgmentStore } from '../store/port';
import { inlineJudgeRunner, type JudgeRunner } from '../workers/judge-pool';
import { describeValidation, errorBody, type AjvLikeError } from './error-body';
import { parseGuardedJson } from './json-depth';
import {
  capConnectionsPerClient,
  DEFAULT_HTTP_LIMITS,
  EventLoopDelay,
  InFlightCounter,
  isOverCap,
  nodeServerOptions,
  type HttpLimits,
} from './limits';
import type { ServiceMetrics } from './metrics';
import { normalizeMetricsAccountName, normalizeNumericStrings } from './numeric-strings';
import { createClientErrorHandler } from './protocol-errors';
import { REPORT_HTML_CSP, renderReportHtml } from './report-html';
import { registerRequestId, requestIdServerOptions } from './request-id';

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
  /** Timeouts, connection cap and load-shedding limits (default {@link DEFAULT_HTTP_LIMITS}). */
  limits?: Partial<HttpLimits>;
  /**
   * Where `POST /judge` bodies are parsed, validated and judged (default: on the main thread with `judge`, at most
   * 4 bodies at a time); the service passes its worker pool.
   */
  judgeRunner?: JudgeRunner;
  /** Due intervals waiting for evaluation (the scheduler's last count), for shedding new judgments. */
  evaluationBacklog?: () => number;
  /**
   * Told the handling time, ms, of every answered status poll (`GET /v1/judgments/{key}`): the scheduler's pacer
   * (`lifecycle/pacing.ts`) backs evaluations off when polls slow down.
   */
  onStatusPoll?: (ms: number) => void;
}

/** Routes never shed or limited: liveness, readiness and the metrics scrape. */
const NEVER_SHED = new Set(['healthz', 'readyz', 'metrics']);

/** Routes that create judgments (shed while the evaluation backlog is over its limit). */
const CREATES = new Set(['putJudgment', 'postJudgment']);

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
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  const serverOptions = nodeServerOptions(limits);
  const runner = opts.judgeRunner ?? inlineJudgeRunner(opts.judge, 4);
  const app: FastifyInstance = Fastify({
    ...(opts.https ? { https: { ...opts.https, ...serverOptions } } : { http: serverOptions }),
    ...requestIdServerOptions,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Parser errors and timeouts (bad request line, unknown method, 431, 408…) in the service's error shape.
    clientErrorHandler: createClientErrorHandler(limits, (answer, err) =>
      app.log.debug({ code: err.code, status: answer.statusCode }, 'protocol error; connection closed'),
    ),
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
      (reply as FastifyReply).code(status).send(errorBody(code, error.message, null, undefined, [], status));
    },
  });
  const { service, metrics } = opts;
  capConnectionsPerClient(app.server, limits.maxConnectionsPerClient, (address) =>
    app.log.debug({ address }, 'connection refused: per-client connection cap reached'),
  );
  // Polls, probes and scrapes log their requests only when the service logs at debug/trace (see RouteSpec.quiet).
  const level = typeof opts.logger === 'object' ? opts.logger.level : 'info';
  const quietLevel = level === 'info' ? 'warn' : null;
  const token = opts.token && opts.token.length > 0 ? opts.token : null;

  // JSON, and text/plain / +json bodies parsed as JSON; an empty body is "no body" (Orca's cancel may send none).
  const parseJson = (_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
    if (body.trim() === '') return done(null, undefined);
    const parsed = parseGuardedJson(body);
    if (parsed.ok) return done(null, parsed.value);
    done(new ApiError(400, parsed.refusal.code, parsed.refusal.message, '(body)'));
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, parseJson);
  app.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'string' }, parseJson);

  registerRequestId(app); // X-Request-Id on every answer, requestId in every error body and log line
  // Every answer: no MIME sniffing. A refusal sent before the body was read in full closes the connection: a client
  // that sends its body slowly (or never) must not keep the connection once it has its answer.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
    return payload;
  });

  // HTTP/1.1 requires Host (RFC 9112 §3.2); Node's own check answers an empty 400, so it is done here instead.
  app.addHook('onRequest', async (req, reply) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) {
      return reply
        .code(400)
        .header('connection', 'close')
        .send(errorBody('MISSING_HOST', 'an HTTP/1.1 request needs a Host header', 'host'));
    }
  });

  // Load shedding: beyond the in-flight limit (or, for new judgments, the evaluation backlog) answer 429 at once
  // instead of queueing; Orca retries 429 on create and on polls. Probes and scrapes are never shed.
  const inFlight = new InFlightCounter(limits.maxInFlightRequests);
  const loopDelay = limits.maxEventLoopDelayMs > 0 ? new EventLoopDelay() : null;
  app.addHook('onClose', async () => loopDelay?.stop());
  const tooMany = (reply: FastifyReply, code: string, message: string) => {
    metrics.shed(code);
    return reply
      .code(429)
      .header('retry-after', String(limits.retryAfterSeconds))
      .send(errorBody(code, message, null, undefined, [], 429));
  };
  app.addHook('onRequest', async (req, reply) => {
    const id = (req.routeOptions.config as { routeId?: string } | undefined)?.routeId;
    const overCap = isOverCap(req.raw.socket);
    // A connection over its client's cap gets this one answer, then is closed.
    if (overCap) reply.header('connection', 'close');
    if (id !== undefined && NEVER_SHED.has(id)) return;
    if (overCap) {
      return tooMany(
        reply,
        'TOO_MANY_CONNECTIONS',
        `this client holds ${limits.maxConnectionsPerClient} connections (http.maxConnectionsPerClient); retry`,
      );
    }
    const delay = loopDelay?.current ?? 0;
    if (delay > limits.maxEventLoopDelayMs) {
      return tooMany(
        reply,
        'OVERLOADED',
        `the service is ${Math.round(delay)} ms behind (http.maxEventLoopDelayMs ${limits.maxEventLoopDelayMs}); retry`,
      );
    }
    const leave = inFlight.enter();
    if (!leave) {
      return tooMany(
        reply,
        'TOO_MANY_REQUESTS',
        `the service is working on ${limits.maxInFlightRequests} requests (http.maxInFlightRequests); retry`,
      );
    }
    reply.raw.once('close', leave);
    const backlog = opts.evaluationBacklog?.() ?? 0;
    if (
      id !== undefined &&
      CREATES.has(id) &&
      limits.maxEvaluationBacklog > 0 &&
      backlog > limits.maxEvaluationBacklog
    ) {
      return tooMany(
        reply,
        'EVALUATION_BACKLOG',
        `${backlog} due intervals are waiting for evaluation (http.maxEvaluationBacklog ${limits.maxEvaluationBacklog}); new judgments wait; retry`,
      );
    }
    if (id === 'remoteJudge') {
      const free = runner.reserveBody();
      if (!free) {
        const s = runner.stats();
        return tooMany(
          reply,
          'JUDGE_QUEUE_FULL',
          `${s.bodies} judge bodies are being judged or queued (workers.threads + workers.maxQueue); retry`,
        );
      }
      reply.raw.once('close', free);
    }
  });

  const onStatusPoll = opts.onStatusPoll;
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.routeOptions.url ?? 'unmatched', req.method, reply.statusCode, reply.elapsedTime / 1000);
    if (onStatusPoll && reply.statusCode === 200) {
      const id = (req.routeOptions.config as { routeId?: string } | undefined)?.routeId;
      if (id === 'getJudgment') onStatusPoll(reply.elapsedTime);
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError | StoreUnavailableError, req, reply) => {
    const key = (req.params as { judgmentKey?: string } | undefined)?.judgmentKey;
    if (error instanceof StoreUnavailableError) {
      // The store's trouble is the caller's to retry (Orca retries 5xx); the driver's text goes to the logs only.
      if (error.detail !== null) req.log.warn({ code: error.code, detail: error.detail }, error.message);
      return reply.code(503).send(errorBody(error.code, error.message, null, key, [], 503));
    }
    if (error instanceof ApiError) {
      // What only the logs may know (e.g. the database address behind a 503).
      if (error.detail !== null) req.log.warn({ code: error.code, detail: error.detail }, error.message);
      return reply
        .code(error.statusCode)
        .send(errorBody(error.code, error.message, error.field, key, error.issues, error.statusCode));
    }
    const fe = error as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
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
              [],
              413,
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
              [],
              415,
            ),
          );
      default:
        break;
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(fe.code ?? 'BAD_REQUEST', fe.message, null, key, [], status));
    }
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL_ERROR', 'internal error', null, key, [], 500));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const allow = allowedMethods(req.url);
    if (allow.length > 0 && !allow.includes(req.method)) {
      return reply
        .code(405)
        .header('allow', allow.join(', '))
        .send(
          errorBody(
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed on ${path}; use ${allow.join(' or ')}`,
            'method',
            undefined,
            [],
            405,
          ),
        );
    }
    return reply.code(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${path}`, null, undefined, [], 404));
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
            errorBody(
              'UNAUTHORIZED',
              'a valid "Authorization: Bearer <token>" header is required',
              'authorization',
              undefined,
              [],
              401,
            ),
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
      const j = await service.status(keyOf(req)); // a poll: marks a terminal status as served (restart)
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
        // The report page may not load anything; inline styles and its one local-time script (by hash) only.
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', REPORT_HTML_CSP)
          .send(renderReportHtml(r, service.nowMs()));
      }
      return reply.send(r);
    },
    remoteJudge: async (req, reply) => {
      // Parse, validate, judge and serialise in the worker pool (the bytes are handed over, not copied).
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const json = await runner.judgeBody(body);
      return reply.type('application/json; charset=utf-8').send(json);
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
    readyz: async (req, reply) => {
      try {
        await opts.store.ping();
      } catch (e) {
        // Unauthenticated: the driver's text (database address) goes to the logs only.
        const detail = e instanceof StoreUnavailableError && e.detail !== null ? e.detail : (e as Error).message;
        req.log.warn({ detail }, 'readiness: the judgment store does not answer');
        return reply
          .code(503)
          .send(
            errorBody(
              'STORE_UNAVAILABLE',
              'the judgment store does not answer: database unreachable',
              null,
              undefined,
              [],
              503,
            ),
          );
      }
      return reply.send({ status: 'ready' });
    },
    metrics: async (_req, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    },
  };

  const register = (scope: FastifyInstance, r: RouteSpec, handler: Handler) =>
    scope.route({
      method: r.method,
      url: r.path,
      config: { auth: r.auth, routeId: r.id },
      ...(r.quiet && quietLevel ? { logLevel: quietLevel } : {}),
      ...(r.id === 'remoteJudge' ? { bodyLimit: judgeBodyLimit } : {}),
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
        // `POST /judge`: the raw bytes go to the worker, which checks emptiness, coerces, validates (judge-task.ts).
        const needsBody = r.id === 'putJudgment' || r.id === 'postJudgment';
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
        if (r.id === 'putJudgment' || r.id === 'postJudgment') {
          // Kayenta (Jackson) reads `configVersion: 1.0` as "1.0": coerce scalars as it does before validation.
          const body = req.body as { canaryConfig?: unknown } | null;
          if (body && typeof body === 'object') coerceCanaryConfigScalars(body.canaryConfig);
        }
      },
      // `POST /judge` bodies are validated in the worker (judge-task.ts) with the same schema and wording.
      schema: {
        ...(r.params ? { params: r.params } : {}),
        ...(r.body && r.id !== 'remoteJudge' ? { body: r.body } : {}),
      },
      handler,
    });

  for (const r of ROUTES as RouteSpec[]) {
    const handler = handlers[r.id];
    if (!handler) throw new Error(`no handler for route ${r.id}`);
    if (r.id !== 'remoteJudge') {
      register(app, r, handler);
      continue;
    }
    // Its own scope: the body stays raw bytes (the same JSON content types as elsewhere), parsed by the worker.
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      const raw = (_req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) =>
        done(null, body);
      scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, raw);
      scope.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'buffer' }, raw);
      register(scope, r, handler);
    });
  }
  return app;
}
