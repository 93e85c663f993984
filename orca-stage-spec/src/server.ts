/**
 * Assembles the judge service from a {@link ServiceConfig}: SQLite or PostgreSQL store, clock (accelerated if configured, with its
 * origin kept in the store), metric sources, lifecycle, scheduler and HTTP app. `main.ts` runs it as a process;
 * tests and benchmarks can start it in-process.
 */
import { readFileSync } from 'node:fs';
import type { ServerOptions as HttpsOptions } from 'node:https';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type ServiceConfig, type TlsConfig } from './config';
import { buildApp } from './http/app';
import { createServiceMetrics } from './http/metrics';
import { watchBacklog } from './lifecycle/backlog';
import { registerStoreMetrics } from './http/store-metrics';
import { acceleratedClock, systemClock, type Clock } from './lifecycle/clock';
import type { JudgeFn } from './lifecycle/evaluate';
import { libraryJudge } from './lifecycle/judge';
import { EvaluationPacer, PACING_WINDOW_MS } from './lifecycle/pacing';
import { Retention } from './lifecycle/retention';
import { Scheduler } from './lifecycle/scheduler';
import { JudgmentService } from './lifecycle/service';
import { listSources, SOURCE_KINDS, SourceSettingError } from './sources/catalog';
import type { MetricSource } from './sources/port';
import { openPostgresStoreWaiting } from './store/postgres';
import { openSqliteStore } from './store/sqlite';
import { openPostgresConfigStore } from './configs/postgres';
import { openSqliteConfigStore } from './configs/sqlite';
import { StoreUnavailableError, type JudgmentStore } from './store/port';
import { createJudgePool, inlineJudgeRunner, type JudgeRunner } from './workers/judge-pool';

/** A running (or ready to listen) service. */
export interface RunningService {
  app: FastifyInstance;
  scheduler: Scheduler;
  store: JudgmentStore;
  service: JudgmentService;
  clock: Clock;
  /** Where judging runs: the worker pool, or the main thread (`workers.threads` 0, or an injected judge). */
  judgeRunner: JudgeRunner;
  retention: Retention;
  /**
   * Stops the service. Without options: the HTTP server, then the scheduler (waiting for in-flight intervals), then
   * the store. With `graceRealMs` (SIGTERM): first the scheduler stops claiming and gives in-flight evaluations that
   * long before releasing their leases to the other replicas, while HTTP still answers; then HTTP and the store.
   */
  close(options?: { graceRealMs?: number }): Promise<void>;
}

/** Test/bench overrides of the assembled parts. */
export interface ServiceOverrides {
  clock?: Clock;
  judge?: JudgeFn;
  sources?: Map<string, MetricSource>;
  /** Start the scheduler loop (default true). */
  startScheduler?: boolean;
  /** Start the retention timer (default true). */
  startRetention?: boolean;
}

/** Builds the metric sources named in the configuration. */
export function createSources(config: ServiceConfig): Map<string, MetricSource> {
  const out = new Map<string, MetricSource>();
  for (const [name, s] of Object.entries(config.metricSources)) {
    const kind = SOURCE_KINDS.get(s.type);
    if (!kind) throw new ConfigError(`metricSources.${name}.type`, `unknown type ${JSON.stringify(s.type)}`);
    try {
      out.set(name, kind.create(name, s));
    } catch (e) {
      if (e instanceof SourceSettingError) throw new ConfigError(e.setting, e.message.slice(e.setting.length + 2));
      throw e;
    }
  }
  return out;
}

/**
 * Reads the PEM files of the TLS settings into Node's `https` server options (client certificates are requested and
 * verified against the CA only when required).
 * @throws ConfigError naming the setting of a file that cannot be read
 */
export function httpsOptions(tls: TlsConfig): HttpsOptions {
  const read = (setting: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new ConfigError(setting, `cannot read ${file}: ${(e as Error).message}`);
    }
  };
  return {
    cert: read('CANARY_JUDGE_TLS_CERT', tls.certFile),
    key: read('CANARY_JUDGE_TLS_KEY', tls.keyFile),
    ...(tls.caFile ? { ca: read('CANARY_JUDGE_TLS_CA', tls.caFile) } : {}),
    requestCert: tls.requireClientCert,
    rejectUnauthorized: tls.requireClientCert,
  };
}

/**
 * The accelerated clock, whose origin is kept in the store (so replicas and restarts share one timeline). When the
 * store cannot be reached yet (PostgreSQL down at start-up), the origin is fetched on a later reading, and until then
 * reading the clock throws the store's {@link StoreUnavailableError} (503) — every caller is then failing on the store anyway.
 * @param store the judgment store
 * @param speed the clock speed (≠ 1)
 */
async function storedOriginClock(store: JudgmentStore, speed: number): Promise<Clock> {
  const fetchOrigin = async () => Number(await store.metaGetOrSet('clockOrigin', String(Date.now())));
  try {
    return acceleratedClock(speed, await fetchOrigin());
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
  }
  let clock: Clock | null = null;
  let fetching: Promise<void> | null = null;
  return {
    now() {
      if (clock) return clock.now();
      fetching ??= fetchOrigin().then(
        (origin) => {
          clock = acceleratedClock(speed, origin);
        },
        () => {
          fetching = null;
        },
      );
      throw new StoreUnavailableError('the judgment store is not reachable yet (start-up); retry');
    },
  };
}

/**
 * Assembles the service (not yet listening: call `app.listen`). The scheduler starts unless told otherwise.
 * @param config resolved configuration
 * @param overrides test doubles
 */
export async function createService(config: ServiceConfig, overrides: ServiceOverrides = {}): Promise<RunningService> {
  // PostgreSQL may be down at start-up: the store then answers 503 and keeps connecting in the background.
  let startupLog: { warn(o: object, m: string): void; info(o: object, m: string): void } | null = null;
  const store =
    config.store === 'postgres' && config.databaseUrl
      ? await openPostgresStoreWaiting(
          { connectionString: config.databaseUrl },
          {
            onRetry: (e, attempt, delayMs) =>
              startupLog?.warn(
                { attempt, retryInMs: delayMs, err: e.message },
                'PostgreSQL not reachable at start-up; answering 503 and retrying',
              ),
            onReady: (attempts) => startupLog?.info({ attempts }, 'PostgreSQL reached and migrated; serving'),
          },
        )
      : openSqliteStore(config.database);
  // Shared canary configs: their own connection to the same database (PostgreSQL tables from migration 003).
  const configs =
    config.store === 'postgres' && config.databaseUrl
      ? openPostgresConfigStore(config.databaseUrl)
      : openSqliteConfigStore(config.database);
  let clock = overrides.clock;
  if (!clock) {
    if (config.clockSpeed === 1) clock = systemClock;
    else clock = await storedOriginClock(store, config.clockSpeed);
  }
  const sources = overrides.sources ?? createSources(config);
  const judge = overrides.judge ?? libraryJudge();
  // An injected judge (tests) cannot be sent to a thread: it runs on the main thread like `workers.threads: 0`.
  const judgeRunner =
    overrides.judge || config.workers.threads === 0
      ? inlineJudgeRunner(judge, Math.max(1, config.workers.maxQueue))
      : createJudgePool(config.workers);
  const backlog = watchBacklog(store, clock, 1000);
  const metrics = createServiceMetrics(store, { judgePool: judgeRunner.stats, evaluationBacklog: backlog.current });

  const service = new JudgmentService({
    store,
    sources,
    configs,
    clock,
    publicBaseUrl: config.publicBaseUrl,
    deadlineGraceMs: config.scheduler.deadlineGraceMinutes * 60_000,
    dataDelayMs: config.scheduler.dataDelaySeconds * 1000,
    reportMaxSeriesPoints: config.report.maxSeriesPoints,
    minPointsPerWindow: config.judgments.minPointsPerWindow,
    telemetry: metrics.telemetry,
    judge,
  });
  // Evaluations yield to status polls: fewer at once while polls slow down (lifecycle/pacing.ts).
  const pacer = new EvaluationPacer({
    maxConcurrent: config.scheduler.maxConcurrent,
    targetMs: config.scheduler.pollLatencyTargetMs,
    windowMs: PACING_WINDOW_MS,
  });
  const app = buildApp({
    service,
    configs,
    store,
    judge,
    metrics,
    metricSources: listSources(sources.values()),
    token: config.token,
    corsOrigins: config.corsOrigins,
    https: config.tls ? httpsOptions(config.tls) : null,
    bodyLimitBytes: config.bodyLimitBytes,
    judgeBodyLimitBytes: config.judgeBodyLimitBytes,
    limits: config.http,
    judgeRunner,
    evaluationBacklog: backlog.current,
    onStatusPoll: (ms) => pacer.record(ms),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  startupLog = app.log;
  const scheduler = new Scheduler({
    store,
    sources,
    judge: judgeRunner.judge,
    clock,
    leaseMs: config.scheduler.leaseSeconds * 1000 * config.clockSpeed,
    retryDelayMs: config.scheduler.retryDelaySeconds * 1000,
    maxSourceAttempts: config.scheduler.maxSourceAttempts,
    tickRealMs: config.scheduler.tickMs,
    maxConcurrent: config.scheduler.maxConcurrent,
    pacer,
    telemetry: metrics.telemetry,
    log: app.log,
  });
  if (overrides.startScheduler !== false) scheduler.start();
  const storeMetrics = registerStoreMetrics(metrics.registry, store);
  const retention = new Retention({
    store,
    clock,
    maxAgeMs: config.retention.maxAgeDays * 24 * 3_600_000,
    batchSize: config.retention.batchSize,
    intervalRealMs: config.retention.intervalMinutes * 60_000,
    onDeleted: (batch) => storeMetrics.retentionDeleted(batch),
    log: app.log,
  });
  if (overrides.startRetention !== false) retention.start();
  let closing: Promise<void> | null = null;
  return {
    app,
    scheduler,
    store,
    service,
    clock,
    judgeRunner,
    retention,
    close(options = {}) {
      closing ??= (async () => {
        backlog.stop();
        await retention.stop();
        // Graceful: evaluations still running after the grace period were released (their late results are
        // discarded by the store), so they are not waited for.
        if (options.graceRealMs !== undefined) await scheduler.shutdown(options.graceRealMs);
        await app.close();
        if (options.graceRealMs === undefined) await scheduler.stop();
        await judgeRunner.close();
        await store.close();
        await configs.close();
      })();
      return closing;
    },
  };
}
