/**
 * The judgment lifecycle's clock-driven side: a timer loop over the store's due work. Each pass
 * 1. ends RUNNING judgments past their deadline (TERMINAL, `DEADLINE_EXCEEDED`, or the source's code when the pending
 *    interval was failing on its metric source) — unless their next interval is due and untried, or being
 *    evaluated (a service that was down past the deadline still judges the data first);
 * 2. claims due intervals (a lease per interval, so one evaluation per interval even with several replicas, and a
 *    crashed worker's interval is taken again once its lease expires);
 * 3. evaluates them — fetch, judge, store — and decides: fail fast when the score is at or below marginal, finish
 *    with the last interval's verdict (Orca's rules from `@canary-judge/shared`), or wait for the next interval.
 * Transient source errors give the interval back for a retry later, with exponential backoff, at most
 * `maxSourceAttempts` times and never past the deadline; then — and on any other error — the judgment ends TERMINAL
 * with the source's own error code and a message naming source, metric, scope, window and attempts.
 * All state is in the store, so a restarted process simply continues.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { aggregateFinal, intervalOutcome, resolveTiming } from '@canary-judge/shared';
import { MetricSourceError, type MetricSource } from '../sources/port';
import { StoreUnavailableError, type JudgmentFinish, type JudgmentStore, type StoredInterval } from '../store/port';
import type { Clock } from './clock';
import { retryDelay } from './backoff';
import { evaluateInterval, JudgeError, type AsyncJudgeFn } from './evaluate';
import type { EvaluationPacer } from './pacing';
import { noTelemetry, type Telemetry } from './telemetry';

/** Minimal logger (pino-compatible subset). */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Settings of the scheduler. Durations in judgment-clock milliseconds unless named `…RealMs`. */
export interface SchedulerOptions {
  store: JudgmentStore;
  sources: ReadonlyMap<string, MetricSource>;
  /** The scoring function (the service passes its worker pool's, so judging never blocks the event loop). */
  judge: AsyncJudgeFn;
  clock: Clock;
  /** Lease on a claimed interval, judgment ms (default 5 min); must exceed the slowest evaluation. */
  leaseMs?: number;
  /**
   * Delay before the first retry of an interval after a transient source error, judgment ms (default 60 s); it
   * doubles with every further attempt up to 8 times this (`backoff.ts`). `maxSourceAttempts` or the judgment's
   * deadline, whichever comes first, ends the retries (TERMINAL with the source's error code).
   */
  retryDelayMs?: number;
  /** Attempts per interval on transient metric-source errors before the judgment ends TERMINAL (default 5). */
  maxSourceAttempts?: number;
  /** Wall-clock pause between passes of the timer loop, ms (default 500). */
  tickRealMs?: number;
  /** Most intervals evaluated at the same time (default 4). */
  maxConcurrent?: number;
  /**
   * Moves the number of evaluations at once between 1 and `maxConcurrent` so that status polls stay fast
   * (`pacing.ts`); absent = always `maxConcurrent`.
   */
  pacer?: EvaluationPacer;
  /** Identity of this worker in claims (default host-pid-random). */
  owner?: string;
  telemetry?: Telemetry;
  log?: SchedulerLogger;
}

/** Claims after which a repeatedly lost interval (e.g. one that crashes its worker) no longer holds off the deadline. */
export const MAX_ATTEMPTS_BEFORE_DEADLINE = 3;

/**
 * Whether an overdue judgment's next interval is still worth evaluating before the deadline ends it: it is due
 * and has not failed yet (the service was down when it fell due), or a worker holds it, or a lost claim will be
 * retaken. An interval that keeps failing transiently carries its error and a later due time, so the deadline wins.
 */
function hasWorkInHand(next: StoredInterval, now: number): boolean {
  if (next.state === 'PENDING') return next.dueMs <= now && next.error === null;
  if (next.state === 'CLAIMED') {
    return (next.claimExpiresMs ?? 0) > now || next.attempts < MAX_ATTEMPTS_BEFORE_DEADLINE;
  }
  return false;
}

/** Default of {@link SchedulerOptions.maxSourceAttempts}. */
export const DEFAULT_MAX_SOURCE_ATTEMPTS = 5;

/** A window as `2024-05-01T12:00:00Z–12:10:00Z` (no milliseconds; the end's date only when it differs). */
function windowText(startMs: number, endMs: number): string {
  const a = new Date(startMs).toISOString().replace('.000Z', 'Z');
  const b = new Date(endMs).toISOString().replace('.000Z', 'Z');
  return `${a}–${b.slice(0, 11) === a.slice(0, 11) ? b.slice(11) : b}`;
}

/**
 * The message of a judgment ended by its metric source, most telling part first (the resource cuts messages at 300
 * characters): the source's own message (metric, side, scope and failure), then the source, the interval and its
 * window(s), the attempts, and why the retries stopped.
 * @param sourceName the configured metric source
 * @param interval the failing interval (its `error` is the source's last error, `attempts` the claims so far)
 * @param why why there is no further retry
 */
export function sourceFailureMessage(sourceName: string, interval: StoredInterval, why: string): string {
  const canary = windowText(interval.experimentStartMs, interval.experimentEndMs);
  const baseline = windowText(interval.controlStartMs, interval.controlEndMs);
  const windows = canary === baseline ? `window ${canary}` : `canary ${canary}, baseline ${baseline}`;
  const n = interval.attempts;
  return (
    `${interval.error?.message ?? 'unknown error'}; source "${sourceName}", interval ${interval.index} (${windows}), ` +
    `${n} attempt${n === 1 ? '' : 's'}: ${why}`
  );
}

const silentLog: SchedulerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs due intervals (see the module comment). `start()` runs the loop; `runOnce()` runs one pass (tests). */
export class Scheduler {
  private readonly leaseMs: number;
  private readonly retryDelayMs: number;
  private readonly maxSourceAttempts: number;
  private readonly tickRealMs: number;
  private readonly maxConcurrent: number;
  /** This worker's claim identity. */
  readonly owner: string;
  private readonly telemetry: Telemetry;
  private readonly log: SchedulerLogger;
  private readonly inFlight = new Set<Promise<void>>();
  /** Abort handles of running evaluations and their judgment's deadline (judgment ms): fetches end at the deadline. */
  private readonly deadlines = new Map<AbortController, number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private passing: Promise<void> | null = null;
  private again = false;
  private storeDown = false;

  /** @param opts store, sources, judge, clock and loop settings */
  constructor(private readonly opts: SchedulerOptions) {
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.retryDelayMs = opts.retryDelayMs ?? 60_000;
    this.maxSourceAttempts = Math.max(1, opts.maxSourceAttempts ?? DEFAULT_MAX_SOURCE_ATTEMPTS);
    this.tickRealMs = opts.tickRealMs ?? 500;
    this.maxConcurrent = opts.maxConcurrent ?? 4;
    this.owner = opts.owner ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.telemetry = opts.telemetry ?? noTelemetry;
    this.log = opts.log ?? silentLog;
  }

  /** Starts the timer loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop();
  }

  private loop(): void {
    if (!this.running) return;
    this.timer = null;
    this.again = false;
    this.passing = this.pass(false)
      .then(() => {
        if (this.storeDown) this.log.info({}, 'judgment store available again; scheduler passes resumed');
        this.storeDown = false;
      })
      .catch((e: unknown) => {
        // An unavailable store is logged once per outage, not on every tick.
        if (e instanceof StoreUnavailableError) {
          if (!this.storeDown) this.log.warn({ err: e.message }, 'judgment store unavailable; scheduler waiting');
          this.storeDown = true;
        } else this.log.error({ err: e }, 'scheduler pass failed');
      })
      .finally(() => {
        this.passing = null;
        if (!this.running) return;
        if (this.again) setImmediate(() => this.loop());
        else this.timer = setTimeout(() => this.loop(), this.tickRealMs);
      });
  }

  /**
   * Runs the next pass as soon as possible instead of after the tick pause: called whenever an evaluation ends, so
   * that intervals already due (a retrospective judgment, or other judgments waiting for a slot) follow at once.
   */
  private kick(): void {
    if (!this.running) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      setImmediate(() => this.loop());
    }
  }

  /** Stops the loop and waits for in-flight evaluations to end. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.passing;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Graceful shutdown (SIGTERM): claims nothing more, gives the evaluations in flight up to `graceRealMs` of wall time
   * to finish, then gives every lease this worker still holds back to the store at once, so another replica takes
   * those intervals at its next pass instead of after the lease expires. A late result of a released evaluation is
   * discarded by the store (the claim is no longer this worker's).
   * @param graceRealMs wall-clock milliseconds to wait for evaluations in flight
   * @returns how many evaluations finished within the grace period and how many leases were released
   */
  async shutdown(graceRealMs: number): Promise<{ finished: number; released: number }> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.passing;
    const pending = [...this.inFlight];
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, graceRealMs))));
    await Promise.race([Promise.allSettled(pending), grace]);
    clearTimeout(timer);
    const finished = pending.length - this.inFlight.size;
    let released = 0;
    if (this.inFlight.size > 0) {
      try {
        released = await this.opts.store.releaseClaimsOf(this.owner, this.opts.clock.now());
      } catch (e) {
        // The store is unreachable: the leases then expire as after a crash, and are taken over at that point.
        this.log.warn({ err: (e as Error).message }, 'could not release leases at shutdown; they will expire');
      }
    }
    this.log.info({ finished, released }, 'scheduler stopped: evaluations finished, leases released');
    return { finished, released };
  }

  /** Runs one pass and waits for every evaluation it started; returns how many intervals it evaluated. */
  async runOnce(): Promise<number> {
    return this.pass(true);
  }

  private async pass(wait: boolean): Promise<number> {
    const { store, clock } = this.opts;
    const now = clock.now();
    for (const [controller, deadlineMs] of this.deadlines) {
      if (now >= deadlineMs) {
        controller.abort(new Error(`the judgment's deadline ${new Date(deadlineMs).toISOString()} passed`));
      }
    }
    for (const key of await store.overdueJudgments(now, 100)) {
      const j = await store.getJudgment(key);
      const next = (await store.listIntervals(key)).find((i) => i.state !== 'DONE');
      if (next && hasWorkInHand(next, now)) continue;
      const deadline = new Date(j?.deadlineMs ?? now).toISOString();
      // A pending interval that carries an error was failing on its metric source: that failure is the cause.
      const error =
        next?.error && j
          ? {
              code: next.error.code,
              message: sourceFailureMessage(
                j.request.metricSource,
                next,
                `the judge's deadline ${deadline} came first`,
              ),
            }
          : {
              code: 'DEADLINE_EXCEEDED',
              message: `no verdict by the judge's deadline ${deadline} (lifetime + warm-up + grace).`,
            };
      const finished = await store.finishJudgment(key, { status: 'TERMINAL', verdict: null, score: null, error }, now);
      if (finished) {
        this.telemetry.judgmentFinished('TERMINAL', null);
        this.log.warn({ judgmentKey: key }, 'judgment deadline exceeded');
      }
    }
    const pacer = this.opts.pacer;
    const free = (pacer?.limit(Date.now()) ?? this.maxConcurrent) - this.inFlight.size;
    if (free <= 0) {
      pacer?.saturated(); // every slot is taken
      return 0;
    }
    const claimed = await store.claimDueIntervals(now, this.owner, this.leaseMs, free);
    if (claimed.length === free) pacer?.saturated(); // there may be more due work than slots
    for (const c of claimed) this.telemetry.intervalClaimed((now - c.dueMs) / 1000);
    const jobs = claimed.map((c) => {
      const p: Promise<void> = this.evaluate(c)
        .catch((e: unknown) =>
          this.log.error({ err: e, judgmentKey: c.judgmentKey, interval: c.index }, 'interval evaluation crashed'),
        )
        .finally(() => {
          this.inFlight.delete(p);
          this.kick(); // a slot is free: look for more due work now, not at the next tick
        });
      this.inFlight.add(p);
      return p;
    });
    if (wait) await Promise.all(jobs);
    return claimed.length;
  }

  private async evaluate(interval: StoredInterval): Promise<void> {
    const { store, clock } = this.opts;
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const claim = { judgmentKey: interval.judgmentKey, index: interval.index, owner: this.owner };
    const j = await store.getJudgment(interval.judgmentKey);
    if (!j || j.status !== 'RUNNING') return;
    const log = { judgmentKey: j.key, interval: interval.index, attempt: interval.attempts };
    const source = this.opts.sources.get(j.request.metricSource);
    if (!source) {
      const error = {
        code: 'UNKNOWN_METRIC_SOURCE',
        message: `metric source "${j.request.metricSource}" is no longer configured`,
      };
      if (await store.failInterval(claim, error, clock.now())) this.finished('TERMINAL', null);
      this.telemetry.intervalEvaluated('failed', seconds());
      return;
    }
    let evaluation;
    const abort = new AbortController();
    this.deadlines.set(abort, j.deadlineMs);
    try {
      const stepSeconds = resolveTiming(j.request.timing, j.createdMs).stepSeconds;
      evaluation = await evaluateInterval(j.request, interval, source, this.opts.judge, stepSeconds, abort.signal);
    } catch (e) {
      const now = clock.now();
      if (e instanceof MetricSourceError) this.telemetry.sourceError(source.name, e.code);
      if (e instanceof MetricSourceError && e.transient) {
        const retryAt = now + retryDelay(this.retryDelayMs, interval.attempts);
        const stop =
          interval.attempts >= this.maxSourceAttempts
            ? `no retries left (scheduler.maxSourceAttempts ${this.maxSourceAttempts})`
            : retryAt >= j.deadlineMs
              ? `the next retry would pass the judge's deadline ${new Date(j.deadlineMs).toISOString()}`
              : null;
        if (stop) {
          const failed = { ...interval, error: { code: e.code, message: e.message } };
          const error = { code: e.code, message: sourceFailureMessage(source.name, failed, stop) };
          const ok = await store.failInterval(claim, error, now);
          this.log.error({ ...log, code: e.code, err: e.message }, 'metric source kept failing; judgment ends');
          if (ok) this.finished('TERMINAL', null);
          this.telemetry.intervalEvaluated(ok ? 'failed' : 'discarded', seconds());
          return;
        }
        const ok = await store.releaseInterval(claim, { code: e.code, message: e.message }, retryAt, now);
        this.log.warn({ ...log, code: e.code, err: e.message }, 'transient metric source error; will retry');
        this.telemetry.intervalEvaluated(ok ? 'retry' : 'discarded', seconds());
        return;
      }
      const code = e instanceof MetricSourceError || e instanceof JudgeError ? e.code : 'INTERNAL_ERROR';
      const message =
        e instanceof MetricSourceError
          ? sourceFailureMessage(source.name, { ...interval, error: { code, message: e.message } }, 'not retried')
          : (e as Error).message;
      const ok = await store.failInterval(claim, { code, message }, now);
      this.log.error({ ...log, code, err: (e as Error).message }, 'interval could not be judged');
      if (ok) this.finished('TERMINAL', null);
      this.telemetry.intervalEvaluated(ok ? 'failed' : 'discarded', seconds());
      return;
    } finally {
      this.deadlines.delete(abort);
    }

    const previous = (await store.listIntervals(j.key))
      .filter((i) => i.state === 'DONE' && i.index < interval.index && i.score !== null)
      .map((i) => i.score as number);
    const scores = [...previous, evaluation.score];
    const thresholds = j.request.thresholds;
    let finish: JudgmentFinish | null = null;
    if (intervalOutcome(evaluation.score, thresholds) === 'fail') {
      finish = { status: 'TERMINAL', verdict: 'FAIL', score: evaluation.score, error: null };
    } else if (interval.index >= j.intervalsPlanned) {
      const agg = aggregateFinal(scores, thresholds);
      finish = {
        status: agg.passed ? 'SUCCEEDED' : 'TERMINAL',
        verdict: agg.verdict,
        score: evaluation.score,
        error: null,
      };
    }
    const ok = await store.completeInterval(
      claim,
      { score: evaluation.score, result: evaluation.result, series: evaluation.series, warnings: evaluation.warnings },
      finish,
      clock.now(),
    );
    this.telemetry.intervalEvaluated(ok ? 'done' : 'discarded', seconds());
    if (!ok) {
      this.log.warn(log, 'interval result discarded (claim lost or judgment no longer running)');
      return;
    }
    this.log.info({ ...log, score: evaluation.score, verdict: finish?.verdict ?? null }, 'interval judged');
    if (finish) this.finished(finish.status, finish.verdict);
  }

  private finished(status: JudgmentFinish['status'], verdict: JudgmentFinish['verdict']): void {
    this.telemetry.judgmentFinished(status, verdict);
  }
}
