/**
 * Configuration of the judge service: defaults, then an optional JSON config file, then environment variables
 * (the environment wins). `--help` prints {@link HELP_TEXT}.
 *
 * Environment:
 * - `HOST` (default `127.0.0.1`) and `PORT` (default `8095`): where the service listens;
 * - `PUBLIC_BASE_URL`: absolute base of `statusUrl`/`reportUrl` (default `http://HOST:PORT`; never the Host header);
 * - `CANARY_JUDGE_DB`: SQLite database file (default `canary-judge.db` in the working directory; `:memory:` for a
 *   throw-away store);
 * - `CANARY_JUDGE_STORE` (`sqlite`, default, or `postgres`) and `CANARY_JUDGE_DATABASE_URL` (`postgres://…`, required
 *   for `postgres`): several replicas share one PostgreSQL database (schema migrations run at start-up);
 * - `CANARY_JUDGE_CONFIG`: path of the JSON config file (also `--config <file>`);
 * - `CANARY_JUDGE_TOKEN`: when set, `Authorization: Bearer <token>` is required on `/v1/*` and `/judge`;
 * - `CANARY_JUDGE_CORS_ORIGINS`: comma-separated browser origins (e.g. Deck's `https://spinnaker.example.com`, or
 *   `*`) allowed to call the API from a page, so the Deck plugin can fetch reports directly (default: none);
 * - `CANARY_JUDGE_TLS_CERT` and `CANARY_JUDGE_TLS_KEY` (PEM files): serve HTTPS instead of HTTP;
 *   `CANARY_JUDGE_TLS_CA` (PEM) with `CANARY_JUDGE_TLS_CLIENT_AUTH=require` also demands a client certificate signed
 *   by that CA (mTLS: the caller is authenticated without a token in Orca's stage context);
 * - `CANARY_JUDGE_CLOCK_SPEED`: judgment time runs this many times faster than wall time (tests: `60` makes one
 *   real second one judgment minute); the timeline's origin is kept in the database, so it survives restarts;
 * - `CANARY_JUDGE_PROMETHEUS_URL`: shortcut that configures a Prometheus source named `prometheus`;
 * - `LOG_LEVEL` (default `info`): pino level (`fatal`…`trace`, `silent`).
 *
 * Config file (JSON, every field optional):
 * ```json
 * {
 *   "host": "127.0.0.1", "port": 8095, "publicBaseUrl": "https://judge.example.com", "database": "judge.db",
 *   "token": "…", "corsOrigins": ["https://deck.example.com"], "clockSpeed": 1, "logLevel": "info",
 *   "bodyLimitBytes": 1048576, "judgeBodyLimitBytes": 67108864,
 *   "scheduler": { "tickMs": 500, "leaseSeconds": 300, "retryDelaySeconds": 60, "maxSourceAttempts": 5,
 *                  "maxConcurrent": 4, "pollLatencyTargetMs": 25, "dataDelaySeconds": 0,
 *                  "deadlineGraceMinutes": 10 },
 *   "report": { "maxSeriesPoints": 2000 },
 *   "judgments": { "minPointsPerWindow": 3 },
 *   "http": { "headersTimeoutMs": 10000, "requestTimeoutMs": 30000, "keepAliveTimeoutMs": 72000,
 *             "maxConnectionsPerClient": 256, "maxInFlightRequests": 512, "maxEventLoopDelayMs": 0,
 *             "maxEvaluationBacklog": 5000,
 *             "retryAfterSeconds": 1 },
 *   "workers": { "threads": 1, "maxQueue": 4 },
 *   "retention": { "maxAgeDays": 90, "batchSize": 100, "intervalMinutes": 60 },
 *   "shutdown": { "graceSeconds": 20 },
 *   "metricSources": {
 *     "demo": { "type": "demo" },
 *     "prometheus": { "type": "prometheus", "baseUrl": "http://127.0.0.1:9090", "timeoutMs": 10000, "headers": {} }
 *   }
 * }
 * ```
 * The `demo` source is always configured unless the file maps it to `null`. Metric-source URLs come only from
 * here, never from a request.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Ajv } from 'ajv';
import { schemaErrorIssue } from '@canary-judge/shared';
import {
  resolveSourceSettings,
  SourceSettingError,
  sourceSettingsSchema,
  type ResolvedSourceSettings,
} from './sources/catalog';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/limits';
import { SettingError } from './setting-error';
import type { JudgePoolSettings } from './workers/judge-pool';

/**
 * A configured metric source: `type` (a key of `SOURCE_KINDS` in `sources/catalog.ts`) and that type's settings,
 * credentials already resolved from their `…File` / `…Env` forms.
 */
export type SourceConfig = ResolvedSourceSettings;

/** TLS settings: PEM file paths; `requireClientCert` turns on mutual TLS against `caFile`. */
export interface TlsConfig {
  certFile: string;
  keyFile: string;
  caFile: string | null;
  requireClientCert: boolean;
}

/** The resolved service configuration. */
export interface ServiceConfig {
  host: string;
  port: number;
  publicBaseUrl: string;
  database: string;
  /** Which store adapter: `sqlite` (file `database`) or `postgres` (`databaseUrl`, shared by replicas). */
  store: 'sqlite' | 'postgres';
  /** PostgreSQL connection URL (`postgres://user@host:port/db`), required when `store` is `postgres`. */
  databaseUrl: string | null;
  token: string | null;
  /** Browser origins allowed by CORS (`*` = any); empty = no CORS headers. */
  corsOrigins: string[];
  /** HTTPS (and optionally client-certificate) settings; null = plain HTTP. */
  tls: TlsConfig | null;
  clockSpeed: number;
  logLevel: string;
  bodyLimitBytes: number;
  judgeBodyLimitBytes: number;
  scheduler: {
    tickMs: number;
    leaseSeconds: number;
    retryDelaySeconds: number;
    /**
     * Attempts per interval when the metric source fails transiently (unreachable, timeout, 5xx); the waits between
     * them double from `retryDelaySeconds`. Once used up — or when the next wait would pass the judgment's deadline —
     * the judgment ends TERMINAL with the source's error code (default 5).
     */
    maxSourceAttempts: number;
    maxConcurrent: number;
    /**
     * Status-poll handling time, ms, above which the scheduler runs fewer evaluations at once (down to 1; back up
     * to `maxConcurrent` when polls are fast again), so a burst of due intervals does not slow every poll
     * (`lifecycle/pacing.ts`; default 25; 0 = always `maxConcurrent`).
     */
    pollLatencyTargetMs: number;
    dataDelaySeconds: number;
    deadlineGraceMinutes: number;
  };
  /** Retention of finished judgments (see `lifecycle/retention.ts`). */
  retention: {
    /** Finished judgments completed longer ago than this are deleted (default 90; 0 = keep everything). */
    maxAgeDays: number;
    /** Judgments deleted per batch (default 100). */
    batchSize: number;
    /** Minutes between retention rounds (default 60). */
    intervalMinutes: number;
  };
  /** Graceful shutdown on SIGTERM/SIGINT. */
  shutdown: {
    /**
     * Seconds the evaluations in flight get to finish before their leases are given back to the other replicas
     * (default 20: below Kubernetes' default 30-second termination grace period).
     */
    graceSeconds: number;
  };
  report: {
    /**
     * Most chart points per metric and side in `GET …/report` (default 2000); longer series are downsampled for
     * display (min/max buckets, so spikes stay visible) and marked `seriesDownsampled`. Scores never use them.
     */
    maxSeriesPoints: number;
  };
  judgments: {
    /**
     * Creation refuses a plan whose shortest window holds fewer points per side than this (window length ÷
     * `timing.stepSeconds`; default 3, 0 = no check): with one point per side a metric ends `Error` and a canary can
     * score 100 on no evidence.
     */
    minPointsPerWindow: number;
  };
  metricSources: Record<string, SourceConfig>;
  /** HTTP timeouts, connection cap and load-shedding limits (`http/limits.ts`; 0 turns a limit off). */
  http: HttpLimits;
  /**
   * Worker threads that parse and judge `POST /judge` bodies and judge intervals off the event loop
   * (`workers/judge-pool.ts`; `threads: 0` = on the main thread), and how many bodies may wait for one.
   */
  workers: JudgePoolSettings;
}

/** A configuration mistake, naming the setting (`PORT`, `scheduler.tickMs`, …); the process exits with code 2. */
export class ConfigError extends SettingError {
  override name = 'ConfigError';
}

/** Default worker threads: one CPU stays with the event loop; at least 1, at most 4. */
export const DEFAULT_WORKER_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

/** The `--help` text. */
export const HELP_TEXT = `canary-judge service — the judge behind the Canary Judge Orca stage and Kayenta's RemoteJudge

Usage: node orca-stage-spec/dist/main.js [--config <file>] [--help]   (after npm run build; npm run start:prod)
       npm start                                                          (demo: from the sources, with /demo/)

Environment (wins over the config file):
  HOST                         listen address (default 127.0.0.1; loopback unless you mean it)
  PORT                         listen port (default 8095; 0 = any free port)
  PUBLIC_BASE_URL              absolute base of statusUrl/reportUrl (default http://HOST:PORT)
  CANARY_JUDGE_DB              SQLite database file (default ./canary-judge.db; :memory: = not kept)
  CANARY_JUDGE_STORE           sqlite (default) or postgres (several replicas share one database)
  CANARY_JUDGE_DATABASE_URL    PostgreSQL URL postgres://user@host:port/db (required for postgres)
  CANARY_JUDGE_CONFIG          JSON config file (same as --config)
  CANARY_JUDGE_TOKEN           require "Authorization: Bearer <token>" on /v1/* and /judge
  CANARY_JUDGE_CORS_ORIGINS    comma-separated browser origins allowed by CORS (e.g. Deck's), or *
  CANARY_JUDGE_TLS_CERT        PEM certificate (chain) to serve HTTPS; needs CANARY_JUDGE_TLS_KEY
  CANARY_JUDGE_TLS_KEY         PEM private key of that certificate
  CANARY_JUDGE_TLS_CA          PEM CA bundle that client certificates must chain to
  CANARY_JUDGE_TLS_CLIENT_AUTH require = demand a client certificate from CANARY_JUDGE_TLS_CA (mTLS); none (default)
  CANARY_JUDGE_CLOCK_SPEED     judgment time speed-up for tests (60: 1 real second = 1 judgment minute)
  CANARY_JUDGE_PROMETHEUS_URL  configure a Prometheus metric source named "prometheus" at this URL
  LOG_LEVEL                    pino log level (default info)

Config file (JSON; all optional): host, port, publicBaseUrl, database, store, databaseUrl, token, corsOrigins,
  clockSpeed, logLevel, bodyLimitBytes (1 MiB), judgeBodyLimitBytes (64 MiB),
  tls {certFile, keyFile, caFile, requireClientCert false},
  scheduler {tickMs 500, leaseSeconds 300, retryDelaySeconds 60, maxSourceAttempts 5 (per interval, when the
             metric source is down/slow/5xx; then TERMINAL with the source's error code), maxConcurrent 4,
             pollLatencyTargetMs 25 (fewer evaluations at once while status polls take longer; 0 = off),
             dataDelaySeconds 0, deadlineGraceMinutes 10},
  report {maxSeriesPoints 2000 (chart points per metric and side in the report; more are downsampled)},
  judgments {minPointsPerWindow 3 (creation refuses windows with fewer points per side; 0 = no check)},
  http {headersTimeoutMs 10000 (request line + headers; then 408 and close), requestTimeoutMs 30000 (the whole
        request incl. its body; then 408 and close), keepAliveTimeoutMs 72000 (idle kept-alive connection),
        maxConnectionsPerClient 256 (per client address; more are closed at once; 0 = no cap — raise it behind a
        proxy), maxInFlightRequests 512 (then 429 + Retry-After; probes and /metrics never shed),
        maxEventLoopDelayMs 0 (off; e.g. 500: event-loop delay beyond which requests get 429), maxEvaluationBacklog 5000 (due
        intervals waiting; then new judgments get 429), retryAfterSeconds 1},
  workers {threads ${DEFAULT_WORKER_THREADS} (CPUs − 1, at most 4; judge threads for POST /judge and intervals; 0 = event loop),
           maxQueue 4 (POST /judge bodies waiting for a thread; more get 429 + Retry-After)},
  retention {maxAgeDays 90 (finished judgments older than this are deleted; 0 = never), batchSize 100,
             intervalMinutes 60},
  shutdown {graceSeconds 20 (on SIGTERM: time for evaluations in flight, then their leases are released)},
  metricSources {<name>: {type: "demo"} | {type: "prometheus", baseUrl, timeoutMs 10000, headers,
                               maxResponseBytes 67108864}}
  ("demo" is always there unless mapped to null).

Endpoints: PUT/GET /v1/judgments/{key}, POST /v1/judgments/{key}/cancel, GET /v1/judgments/{key}/report
  (JSON; HTML for browsers), POST /v1/judgments, POST /judge (Kayenta RemoteJudge), GET /healthz, /readyz,
  /metrics, / (links) and /openapi.json (also orca-stage-spec/openapi/openapi.json).
  Stop with Ctrl-C (SIGINT) or SIGTERM.
`;

const sourceSchema = sourceSettingsSchema();

/**
 * One section of the config file's JSON Schema: an object holding only the listed settings, so a misspelt setting is
 * reported (Ajv's `additionalProperties: false`) rather than silently ignored.
 *
 * @param properties the section's settings, each a JSON Schema
 * @returns the section's JSON Schema
 */
function section(properties: Record<string, unknown>) {
  return { type: 'object', additionalProperties: false, properties } as const;
}

const fileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    publicBaseUrl: { type: 'string', pattern: '^https?://' },
    database: { type: 'string', minLength: 1 },
    store: { enum: ['sqlite', 'postgres'] },
    databaseUrl: { type: 'string', pattern: '^postgres(ql)?://' },
    token: { type: ['string', 'null'] },
    tls: {
      type: 'object',
      additionalProperties: false,
      required: ['certFile', 'keyFile'],
      properties: {
        certFile: { type: 'string', minLength: 1 },
        keyFile: { type: 'string', minLength: 1 },
        caFile: { type: ['string', 'null'] },
        requireClientCert: { type: 'boolean' },
      },
    },
    corsOrigins: { type: 'array', items: { type: 'string', pattern: '^(\\*|https?://[^/]+)$' } },
    clockSpeed: { type: 'number', exclusiveMinimum: 0, maximum: 100000 },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    bodyLimitBytes: { type: 'integer', minimum: 1024 },
    judgeBodyLimitBytes: { type: 'integer', minimum: 1024 },
    scheduler: section({
      tickMs: { type: 'integer', minimum: 10, maximum: 60000 },
      leaseSeconds: { type: 'number', exclusiveMinimum: 0 },
      retryDelaySeconds: { type: 'number', minimum: 0 },
      maxSourceAttempts: { type: 'integer', minimum: 1, maximum: 100 },
      maxConcurrent: { type: 'integer', minimum: 1, maximum: 256 },
      pollLatencyTargetMs: { type: 'number', minimum: 0, maximum: 60000 },
      dataDelaySeconds: { type: 'number', minimum: 0 },
      deadlineGraceMinutes: { type: 'number', minimum: 0 },
    }),
    report: section({ maxSeriesPoints: { type: 'integer', minimum: 10, maximum: 1000000 } }),
    judgments: section({ minPointsPerWindow: { type: 'integer', minimum: 0, maximum: 100000 } }),
    http: section({
      headersTimeoutMs: { type: 'integer', minimum: 100, maximum: 600000 },
      requestTimeoutMs: { type: 'integer', minimum: 0, maximum: 3600000 },
      keepAliveTimeoutMs: { type: 'integer', minimum: 0, maximum: 3600000 },
      maxConnectionsPerClient: { type: 'integer', minimum: 0 },
      maxInFlightRequests: { type: 'integer', minimum: 0 },
      maxEventLoopDelayMs: { type: 'integer', minimum: 0, maximum: 600000 },
      maxEvaluationBacklog: { type: 'integer', minimum: 0 },
      retryAfterSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    }),
    workers: section({
      threads: { type: 'integer', minimum: 0, maximum: 64 },
      maxQueue: { type: 'integer', minimum: 0, maximum: 1000 },
    }),
    retention: section({
      maxAgeDays: { type: 'number', minimum: 0 },
      batchSize: { type: 'integer', minimum: 1, maximum: 1000 },
      intervalMinutes: { type: 'number', exclusiveMinimum: 0 },
    }),
    shutdown: section({ graceSeconds: { type: 'number', minimum: 0, maximum: 3600 } }),
    metricSources: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9._-]{1,100}$' },
      additionalProperties: sourceSchema,
    },
  },
} as const;

/** Defaults (before file and environment). */
export const DEFAULTS: Omit<ServiceConfig, 'publicBaseUrl'> = {
  host: '127.0.0.1',
  port: 8095,
  database: 'canary-judge.db',
  store: 'sqlite',
  databaseUrl: null,
  token: null,
  corsOrigins: [],
  tls: null,
  clockSpeed: 1,
  logLevel: 'info',
  bodyLimitBytes: 1024 * 1024,
  judgeBodyLimitBytes: 64 * 1024 * 1024,
  scheduler: {
    tickMs: 500,
    leaseSeconds: 300,
    retryDelaySeconds: 60,
    maxSourceAttempts: 5,
    maxConcurrent: 4,
    pollLatencyTargetMs: 25,
    dataDelaySeconds: 0,
    deadlineGraceMinutes: 10,
  },
  report: { maxSeriesPoints: 2000 },
  judgments: { minPointsPerWindow: 3 },
  retention: { maxAgeDays: 90, batchSize: 100, intervalMinutes: 60 },
  shutdown: { graceSeconds: 20 },
  metricSources: { demo: { type: 'demo' } },
  http: DEFAULT_HTTP_LIMITS,
  workers: { threads: DEFAULT_WORKER_THREADS, maxQueue: 4 },
};

function envNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new ConfigError(name, `${rule}, got ${JSON.stringify(raw)}`);
  return n;
}

function corsOrigins(env: NodeJS.ProcessEnv, fromFile: string[] | undefined): string[] {
  const raw = env['CANARY_JUDGE_CORS_ORIGINS'];
  if (raw === undefined || raw.trim() === '') return fromFile ?? [];
  const list = raw
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o !== '');
  for (const o of list) {
    if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o)) {
      throw new ConfigError(
        'CANARY_JUDGE_CORS_ORIGINS',
        `${JSON.stringify(o)} is not an origin like https://deck.example.com or *`,
      );
    }
  }
  return list;
}

function tlsConfig(env: NodeJS.ProcessEnv, fromFile: Partial<TlsConfig> | null | undefined): TlsConfig | null {
  const certFile = env['CANARY_JUDGE_TLS_CERT'] || fromFile?.certFile || null;
  const keyFile = env['CANARY_JUDGE_TLS_KEY'] || fromFile?.keyFile || null;
  const caFile = env['CANARY_JUDGE_TLS_CA'] || fromFile?.caFile || null;
  const clientAuth = env['CANARY_JUDGE_TLS_CLIENT_AUTH'] || (fromFile?.requireClientCert ? 'require' : 'none');
  if (clientAuth !== 'require' && clientAuth !== 'none') {
    throw new ConfigError('CANARY_JUDGE_TLS_CLIENT_AUTH', 'must be require or none');
  }
  if (certFile === null && keyFile === null) {
    if (clientAuth === 'require') throw new ConfigError('CANARY_JUDGE_TLS_CERT', 'is required for client certificates');
    return null;
  }
  if (certFile === null) throw new ConfigError('CANARY_JUDGE_TLS_CERT', 'is required with CANARY_JUDGE_TLS_KEY');
  if (keyFile === null) throw new ConfigError('CANARY_JUDGE_TLS_KEY', 'is required with CANARY_JUDGE_TLS_CERT');
  if (clientAuth === 'require' && caFile === null) {
    throw new ConfigError('CANARY_JUDGE_TLS_CA', 'is required when CANARY_JUDGE_TLS_CLIENT_AUTH=require');
  }
  return { certFile, keyFile, caFile, requireClientCert: clientAuth === 'require' };
}

/**
 * Resolves the configuration.
 * @param env the environment (usually `process.env`)
 * @param configFile a config file path (`--config`), else `CANARY_JUDGE_CONFIG`, else none
 * @throws ConfigError naming the setting for any invalid value or unreadable file
 */
export function loadConfig(env: NodeJS.ProcessEnv, configFile?: string): ServiceConfig {
  const file = configFile ?? (env['CANARY_JUDGE_CONFIG'] || undefined);
  let fromFile: Partial<ServiceConfig> & { metricSources?: Record<string, SourceConfig | null> } = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError('CANARY_JUDGE_CONFIG', `cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      fromFile = JSON.parse(text) as typeof fromFile;
    } catch (e) {
      throw new ConfigError(file, `not valid JSON: ${(e as Error).message}`);
    }
    const ajv = new Ajv({ allErrors: false, strict: false });
    const validate = ajv.compile(fileSchema);
    if (!validate(fromFile)) {
      const issue = schemaErrorIssue(validate.errors?.[0] ?? {}, fromFile);
      throw new ConfigError(`${file}:${issue.field || '(root)'}`, issue.rule);
    }
  }
  const sources: Record<string, SourceConfig> = { ...DEFAULTS.metricSources };
  for (const [name, s] of Object.entries(fromFile.metricSources ?? {})) {
    if (s === null) {
      delete sources[name];
      continue;
    }
    try {
      sources[name] = resolveSourceSettings(name, s, env, (path) => readFileSync(path, 'utf8'));
    } catch (e) {
      if (e instanceof SourceSettingError) throw new ConfigError(e.setting, e.rule);
      throw e;
    }
  }
  const promUrl = env['CANARY_JUDGE_PROMETHEUS_URL'];
  if (promUrl) {
    if (!/^https?:\/\//.test(promUrl)) throw new ConfigError('CANARY_JUDGE_PROMETHEUS_URL', 'must be an http(s) URL');
    const prev = sources['prometheus'];
    sources['prometheus'] = { ...(prev?.type === 'prometheus' ? prev : {}), type: 'prometheus', baseUrl: promUrl };
  }
  const host = env['HOST'] || fromFile.host || DEFAULTS.host;
  const port =
    envNumber(env, 'PORT', (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'must be an integer 0–65535') ??
    fromFile.port ??
    DEFAULTS.port;
  const clockSpeed =
    envNumber(env, 'CANARY_JUDGE_CLOCK_SPEED', (n) => n > 0 && n <= 100000, 'must be a number > 0 and ≤ 100000') ??
    fromFile.clockSpeed ??
    DEFAULTS.clockSpeed;
  const tls = tlsConfig(env, fromFile.tls);
  const scheme = tls ? 'https' : 'http';
  const publicBaseUrl =
    env['PUBLIC_BASE_URL'] ||
    fromFile.publicBaseUrl ||
    `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!/^https?:\/\/[^/]+/.test(publicBaseUrl))
    throw new ConfigError('PUBLIC_BASE_URL', 'must be an absolute http(s) URL');
  const logLevel = env['LOG_LEVEL'] || fromFile.logLevel || DEFAULTS.logLevel;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const store = env['CANARY_JUDGE_STORE'] || fromFile.store || DEFAULTS.store;
  if (store !== 'sqlite' && store !== 'postgres')
    throw new ConfigError('CANARY_JUDGE_STORE', 'must be sqlite or postgres');
  const databaseUrl = env['CANARY_JUDGE_DATABASE_URL'] || fromFile.databaseUrl || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('CANARY_JUDGE_DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  if (store === 'postgres' && databaseUrl === null) {
    throw new ConfigError('CANARY_JUDGE_DATABASE_URL', 'is required when the store is postgres');
  }
  return {
    host,
    port,
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
    database: env['CANARY_JUDGE_DB'] || fromFile.database || DEFAULTS.database,
    store,
    databaseUrl,
    token: env['CANARY_JUDGE_TOKEN'] || fromFile.token || null,
    corsOrigins: corsOrigins(env, fromFile.corsOrigins),
    tls,
    clockSpeed,
    logLevel,
    bodyLimitBytes: fromFile.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    judgeBodyLimitBytes: fromFile.judgeBodyLimitBytes ?? DEFAULTS.judgeBodyLimitBytes,
    scheduler: { ...DEFAULTS.scheduler, ...(fromFile.scheduler ?? {}) },
    report: { ...DEFAULTS.report, ...(fromFile.report ?? {}) },
    judgments: { ...DEFAULTS.judgments, ...(fromFile.judgments ?? {}) },
    retention: { ...DEFAULTS.retention, ...(fromFile.retention ?? {}) },
    shutdown: { ...DEFAULTS.shutdown, ...(fromFile.shutdown ?? {}) },
    metricSources: sources,
    http: { ...DEFAULTS.http, ...(fromFile.http ?? {}) },
    workers: { ...DEFAULTS.workers, ...(fromFile.workers ?? {}) },
  };
}
