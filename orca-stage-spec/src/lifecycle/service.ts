/**
 * The judgment lifecycle's request side: create-or-get by key (idempotent by request digest), get, cancel and
 * report. Validation beyond the JSON Schema (cross-field rules, timing, the metric source and its queries,
 * unresolved `${…}` expressions) happens here and raises {@link ApiError}s naming the field.
 * Evaluation of intervals is the {@link Scheduler}'s job; this module never waits for data.
 */
import {
  definedScopeNames,
  DEFAULT_MIN_POINTS_PER_WINDOW,
  IntervalPlanError,
  JudgeInputError,
  metricScopeName,
  planIntervals,
  scopesForMetric,
  segmentsToPath,
  validateJudgmentRequest,
  ORCA_DEFAULT_THRESHOLDS,
  verdictOfScore,
  type CanaryJudgeResult,
  type Judgment,
  type JudgmentReport,
  type JudgmentRequest,
} from '@canary-judge/shared';
import type { MetricSource } from '../sources/port';
import { MetricSourceError } from '../sources/port';
import { knownPlaceholders } from '../sources/template';
import type { JudgmentStore, NewJudgment, StoredAttempt, StoredInterval, StoredJudgment } from '../store/port';
import type { Clock } from './clock';
import { requestDigest } from './digest';
import { downsampleIntervalSeries } from './downsample';
import { resolveConfigRef } from '../configs/api';
import type { CanaryConfigStore } from '../configs/port';
import { ApiError, validationError } from './errors';
import type { JudgeFn, WireSeries } from './evaluate';
import { toResource } from './resource';
import { noTelemetry, type Telemetry } from './telemetry';

/** Largest number of points one series window may ask for (Prometheus refuses more than 11,000 per series). */
export const MAX_POINTS_PER_WINDOW = 11_000;

/** Finished judgments whose deciding result is kept in memory for their message. */
const DECIDING_CACHE_SIZE = 1000;

/** Default of {@link JudgmentServiceOptions.reportMaxSeriesPoints}. */
export const DEFAULT_REPORT_MAX_SERIES_POINTS = 2000;

/** Settings of the lifecycle. */
export interface JudgmentServiceOptions {
  store: JudgmentStore;
  /** Shared canary configs, for requests that reference one (`canaryConfigRef`); absent = none can be resolved. */
  configs?: CanaryConfigStore;
  sources: ReadonlyMap<string, MetricSource>;
  clock: Clock;
  /** Absolute base URL for `statusUrl` / `reportUrl`. */
  publicBaseUrl: string;
  /** Added to the last interval's due time to give the judge-side deadline, ms (default 10 min). */
  deadlineGraceMs?: number;
  /** Extra delay after a window ends before it is judged (late scrapes), ms (default 0). */
  dataDelayMs?: number;
  telemetry?: Telemetry;
  /**
   * The scoring function, used at creation to refuse a canary config the judge would refuse at the first interval
   * (e.g. an `outlierFactor ≤ 0`, a non-muted metric without groups), with a 400 naming the field.
   */
  judge?: JudgeFn;
  /** Most chart points per metric and side in the report; longer series are downsampled for display (default 2000). */
  reportMaxSeriesPoints?: number;
  /**
   * Creation refuses a plan whose shortest window holds fewer points per side (window ÷ step) than this
   * (default {@link DEFAULT_MIN_POINTS_PER_WINDOW}; 0 = no check).
   */
  minPointsPerWindow?: number;
}

/** The result of a create call: the resource and whether it was created now (201) or replayed (200). */
export interface CreateResult {
  created: boolean;
  judgment: Judgment;
}

/** Paths inside a request where `${…}` is legitimate: metric query templates (expanded by the metric source). */
function isTemplatePath(path: string[]): boolean {
  return (
    (path[0] === 'canaryConfig' && path[1] === 'metrics' && path[3] === 'query') ||
    (path[0] === 'canaryConfig' && path[1] === 'templates')
  );
}

/**
 * Finds the first string value holding an unresolved `${` expression (Orca leaves failed SpEL as raw text,
 * `docs/design/orca-webhook-contract.md` §2.2), outside metric query templates.
 * @returns the dotted path of the offending value, or null
 */
export function findUnresolvedExpression(value: unknown, path: string[] = []): string | null {
  if (isTemplatePath(path)) return null;
  if (typeof value === 'string') return value.includes('${') ? segmentsToPath(path) : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnresolvedExpression(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('${')) return segmentsToPath([...path, k]);
      const hit = findUnresolvedExpression(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

/** Orca's webhook monitor task times out after one hour unless the stage sets `stageTimeoutMs` (`docs/design/orca-webhook-contract.md` §2.5). */
export const ORCA_DEFAULT_MONITOR_TIMEOUT_MS = 60 * 60_000;

/**
 * Warnings found when a judgment is accepted: a judgment that may run longer than Orca's default monitor timeout
 * needs `stageTimeoutMs` on the stage, or Orca fails the stage before the verdict
 * (`docs/design/orca-webhook-contract.md` §6.5).
 * @param maxDurationMs time from now to the judge-side deadline
 */
export function creationWarnings(maxDurationMs: number): string[] {
  if (maxDurationMs <= ORCA_DEFAULT_MONITOR_TIMEOUT_MS) return [];
  return [
    `this judgment may take up to ${Math.ceil(maxDurationMs / 60_000)} min (deadline included): set the stage's ` +
      `stageTimeoutMs to at least ${Math.ceil(maxDurationMs / 60_000) * 60_000}, or Orca's webhook monitor gives up after 60 min`,
  ];
}

/** The judgment lifecycle's request-side operations (see the module comment). */
export class JudgmentService {
  private readonly graceMs: number;
  private readonly delayMs: number;
  private readonly telemetry: Telemetry;
  /** The deciding interval's result of finished judgments (they never change), for their message; bounded. */
  private readonly decidingCache = new Map<string, CanaryJudgeResult | null>();

  /** @param opts store, sources, clock, public URL and timing settings */
  constructor(private readonly opts: JudgmentServiceOptions) {
    this.graceMs = opts.deadlineGraceMs ?? 10 * 60_000;
    this.delayMs = opts.dataDelayMs ?? 0;
    this.telemetry = opts.telemetry ?? noTelemetry;
  }

  /**
   * Creates the judgment `key` or returns the existing one.
   * @param key judgment key (already pattern-checked)
   * @param request a schema-valid request
   * @returns `created: true` for a new judgment, false for a replay with the same digest
   * @throws ApiError 409 `KEY_CONFLICT` for the same key with a different request; 400 for invalid input
   */
  async create(key: string, sent: JudgmentRequest): Promise<CreateResult> {
    const digest = requestDigest(sent);
    const existing = await this.opts.store.getJudgment(key);
    if (existing) {
      if (existing.digest === digest && existing.status !== 'RUNNING' && existing.terminalServed) {
        return this.restart(existing);
      }
      return this.replay(existing.digest, digest, key);
    }
    // A shared config reference is resolved now ("latest" = the newest version at creation); the stored request
    // holds the config and the version it used. The digest stays the one of what was sent (replays match).
    const { request, used } = await resolveConfigRef(sent, this.opts.configs);
    const next = this.plan(key, digest, request);
    const { created, judgment } = await this.opts.store.createJudgment(next);
    if (!created) return this.replay(judgment.digest, digest, key);
    if (used) await this.opts.configs?.recordUse(used.name, used.version, key, next.nowMs);
    this.telemetry.judgmentCreated(request.metricSource);
    return { created: true, judgment: await this.resourceOrThrow(key) };
  }

  /**
   * "Restart stage": Orca re-runs the stage's create task with the context it stored, so the same key and body
   * arrive again after the earlier attempt's terminal status was served. Orca's own create retries only happen before
   * its first successful create answer (so before any status poll), which is why such a PUT can only be a restart.
   * A new attempt is planned from now with the stored request (a shared config keeps the version the first attempt
   * resolved) and runs to its own verdict; the earlier attempt is kept.
   */
  private async restart(existing: StoredJudgment): Promise<CreateResult> {
    const next = this.plan(existing.key, existing.digest, existing.request);
    const { restarted } = await this.opts.store.restartJudgment(next, existing.attempt);
    if (restarted) this.telemetry.judgmentCreated(existing.request.metricSource);
    // A concurrent restart of the same attempt (another replica) won: answer its new attempt, as a replay.
    return { created: restarted, judgment: await this.resourceOrThrow(existing.key) };
  }

  /**
   * Validates a request beyond its schema and plans its intervals from now.
   * @throws ApiError 400 naming the field
   */
  private plan(key: string, digest: string, request: JudgmentRequest): NewJudgment {
    const unresolved = findUnresolvedExpression(request);
    if (unresolved) {
      throw new ApiError(
        400,
        'UNRESOLVED_EXPRESSION',
        `${unresolved} holds an unresolved \${…} expression (Orca could not evaluate it)`,
        unresolved,
      );
    }
    const source = this.opts.sources.get(request.metricSource);
    if (!source) {
      throw new ApiError(
        400,
        'UNKNOWN_METRIC_SOURCE',
        `metricSource "${request.metricSource}" is not configured on this service (configured: ${[...this.opts.sources.keys()].join(', ')})`,
        'metricSource',
      );
    }
    // The one set of rules the Deck panel, the what-if and the CLI apply too: every problem at once.
    const issues = validateJudgmentRequest(request, {
      sourceType: source.type,
      nowMs: this.opts.clock.now(),
      minPointsPerWindow: this.opts.minPointsPerWindow ?? DEFAULT_MIN_POINTS_PER_WINDOW,
    });
    if (issues.length > 0) throw validationError(issues);
    const known = knownPlaceholders(request.scopes.extendedScopeParams);
    request.canaryConfig.metrics.forEach((m, i) => {
      if (scopesForMetric(request, m) === null) {
        throw new ApiError(
          400,
          'UNKNOWN_SCOPE',
          `canaryConfig.metrics[${i}].scopeName "${metricScopeName(m)}" names no scope pair (defined: ${definedScopeNames(request).join(', ')}); add it under namedScopes`,
          `canaryConfig.metrics[${i}].scopeName`,
        );
      }
      try {
        source.check(m, request.canaryConfig.templates ?? {}, known);
      } catch (e) {
        if (e instanceof MetricSourceError) {
          throw new ApiError(400, e.code, e.message, `canaryConfig.metrics[${i}].query`);
        }
        throw e;
      }
    });

    this.checkWithJudge(request);

    const now = this.opts.clock.now();
    let plans;
    try {
      plans = planIntervals(request.timing, now);
    } catch (e) {
      if (e instanceof IntervalPlanError) throw new ApiError(400, 'VALIDATION_FAILED', e.message, e.path);
      throw e;
    }
    const stepSeconds = plans[0]?.stepSeconds ?? 60;
    const longest = Math.max(...plans.map((p) => p.experimentEndMs - p.experimentStartMs));
    if (longest / (stepSeconds * 1000) > MAX_POINTS_PER_WINDOW) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `timing.stepSeconds: ${stepSeconds} s gives more than ${MAX_POINTS_PER_WINDOW} points per window; use a larger step`,
        'timing.stepSeconds',
      );
    }
    const intervals = plans.map((p) => ({
      index: p.index,
      experimentStartMs: p.experimentStartMs,
      experimentEndMs: p.experimentEndMs,
      controlStartMs: p.controlStartMs,
      controlEndMs: p.controlEndMs,
      dueMs: p.dueAtMs + this.delayMs,
    }));
    const lastDue = Math.max(now, ...intervals.map((i) => i.dueMs));
    const deadlineMs = lastDue + this.graceMs;
    return {
      key,
      digest,
      request,
      warnings: creationWarnings(deadlineMs - now),
      deadlineMs,
      nowMs: now,
      intervals,
    };
  }

  /**
   * Checks a shared canary config the way a judgment's inline config is checked at creation (the judge on empty
   * series), so only configs a judgment would accept are stored.
   * @throws ApiError 400 naming the field (paths start with `config.`)
   */
  checkConfig(config: JudgmentRequest['canaryConfig']): void {
    try {
      this.checkWithJudge({ canaryConfig: config, thresholds: ORCA_DEFAULT_THRESHOLDS } as JudgmentRequest);
    } catch (e) {
      if (e instanceof ApiError && e.field?.startsWith('canaryConfig')) {
        throw new ApiError(e.statusCode, e.code, e.message, `config${e.field.slice('canaryConfig'.length)}`);
      }
      throw e;
    }
  }

  /** Runs the judge once on empty series: configuration errors surface now as 400s instead of TERMINAL later. */
  private checkWithJudge(request: JudgmentRequest): void {
    const judge = this.opts.judge;
    if (!judge) return;
    try {
      judge({
        canaryConfig: request.canaryConfig,
        metricSetPairList: request.canaryConfig.metrics.map((m) => ({
          name: m.name,
          tags: {},
          values: { control: [], experiment: [] },
        })),
        scoreThresholds: request.thresholds,
      });
    } catch (e) {
      if (!(e instanceof JudgeInputError)) throw e;
      throw new ApiError(400, 'VALIDATION_FAILED', e.message, e.path === '' ? null : e.path);
    }
  }

  private async replay(stored: string, digest: string, key: string): Promise<CreateResult> {
    if (stored !== digest) {
      throw new ApiError(
        409,
        'KEY_CONFLICT',
        `judgment ${key} already exists with a different request (same key, different body); a new stage run needs a new key`,
        'judgmentKey',
      );
    }
    return { created: false, judgment: await this.resourceOrThrow(key) };
  }

  private async resourceOrThrow(key: string): Promise<Judgment> {
    const j = await this.get(key);
    if (!j) throw new ApiError(404, 'NOT_FOUND', `judgment ${key} does not exist`, 'judgmentKey');
    return j;
  }

  /** The judgment clock's "now", epoch ms (judgment time; differs from the wall clock under `clockSpeed`). */
  nowMs(): number {
    return this.opts.clock.now();
  }

  /** The resource of judgment `key`, or null when unknown. Served from the store only (no computation). */
  async get(key: string): Promise<Judgment | null> {
    return (await this.read(key))?.resource ?? null;
  }

  /** The stored judgment and its resource: one store read of the row and its intervals (one snapshot). */
  private async read(key: string): Promise<{ stored: StoredJudgment; resource: Judgment } | null> {
    const found = await this.opts.store.getJudgmentWithIntervals(key);
    if (!found) return null;
    const { judgment: j, intervals } = found;
    const resource = toResource(
      j,
      intervals,
      this.opts.publicBaseUrl,
      await this.decidingResult(j, intervals),
      await this.earlier(j),
    );
    return { stored: j, resource };
  }

  /**
   * A status poll (`GET /v1/judgments/{key}`): the resource, as {@link get}; once it is terminal, the store notes
   * that a terminal status was served (once: later polls of the same attempt do not write again), so a later PUT
   * of the same key and body starts a new attempt (restart).
   */
  async status(key: string): Promise<Judgment | null> {
    const found = await this.read(key);
    if (!found) return null;
    if (found.stored.status !== 'RUNNING' && !found.stored.terminalServed) {
      await this.opts.store.markTerminalServed(key);
    }
    return found.resource;
  }

  /** The earlier attempts of a judgment (none unless it was restarted). */
  private async earlier(j: StoredJudgment): Promise<StoredAttempt[]> {
    return j.attempt > 1 ? this.opts.store.listAttempts(j.key) : [];
  }

  /**
   * The judge result of the interval that decided a finished verdict (the last judged one), read once per judgment
   * attempt and kept (a finished attempt never changes; a restart is a new attempt), so the message can name the
   * metric behind the verdict.
   */
  private async decidingResult(j: StoredJudgment, light: StoredInterval[]): Promise<CanaryJudgeResult | null> {
    if (j.verdict === null) return null;
    const cacheKey = `${j.key}#${j.attempt}`;
    if (this.decidingCache.has(cacheKey)) return this.decidingCache.get(cacheKey) ?? null;
    const last = light.filter((i) => i.state === 'DONE').at(-1);
    let result: CanaryJudgeResult | null = null;
    if (last) {
      const full = await this.opts.store.listIntervals(j.key, true);
      result = (full.find((i) => i.index === last.index)?.result ?? null) as CanaryJudgeResult | null;
    }
    if (this.decidingCache.size >= DECIDING_CACHE_SIZE) {
      const oldest = this.decidingCache.keys().next().value;
      if (oldest !== undefined) this.decidingCache.delete(oldest);
    }
    this.decidingCache.set(cacheKey, result);
    return result;
  }

  /**
   * Cancels a RUNNING judgment; a finished one is left unchanged (Orca calls cancel after every failure).
   * @returns `changed: true` when this call cancelled it (202), false for a no-op (200)
   * @throws ApiError 404 for an unknown key
   */
  async cancel(key: string): Promise<{ changed: boolean; judgment: Judgment }> {
    const j = await this.opts.store.getJudgment(key);
    if (!j) throw new ApiError(404, 'NOT_FOUND', `judgment ${key} does not exist`, 'judgmentKey');
    let changed = false;
    if (j.status === 'RUNNING') {
      changed = await this.opts.store.finishJudgment(
        key,
        { status: 'CANCELED', verdict: null, score: null, error: null },
        this.opts.clock.now(),
      );
      if (changed) this.telemetry.judgmentFinished('CANCELED', null);
    }
    // Orca cancels only after its create answer: a later PUT of the key is a restart, as after a terminal poll.
    await this.opts.store.markTerminalServed(key);
    return { changed, judgment: await this.resourceOrThrow(key) };
  }

  /** The full report of judgment `key` (every interval's result and series), or null when unknown. */
  async report(key: string): Promise<JudgmentReport | null> {
    const j = await this.opts.store.getJudgment(key);
    if (!j) return null;
    const intervals = await this.opts.store.listIntervals(key, true);
    const light = intervals.map(({ result: _r, series: _s, ...rest }) => rest);
    const deciding =
      j.verdict === null
        ? null
        : ((intervals.filter((i) => i.state === 'DONE').at(-1)?.result ?? null) as CanaryJudgeResult | null);
    const t = j.request.thresholds;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      apiVersion: 'canary-judge/v1',
      judgment: toResource(j, light, this.opts.publicBaseUrl, deciding, await this.earlier(j)),
      request: j.request,
      intervals: intervals.map((i) => ({
        index: i.index,
        state: i.state,
        experimentWindow: { start: iso(i.experimentStartMs), end: iso(i.experimentEndMs) },
        controlWindow: { start: iso(i.controlStartMs), end: iso(i.controlEndMs) },
        dueAt: iso(i.dueMs),
        completedAt: i.completedMs === null ? null : iso(i.completedMs),
        attempts: i.attempts,
        score: i.score,
        outcome: i.score === null ? null : verdictOfScore(i.score, t),
        warnings: i.warnings,
        error: i.error,
        result: (i.result ?? null) as CanaryJudgeResult | null,
        series: downsampleIntervalSeries(
          (i.series ?? null) as Record<string, { control: WireSeries; experiment: WireSeries }> | null,
          this.opts.reportMaxSeriesPoints ?? DEFAULT_REPORT_MAX_SERIES_POINTS,
        ),
      })),
    };
  }
}
