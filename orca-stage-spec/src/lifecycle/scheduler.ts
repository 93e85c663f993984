/**
 * The judgment lifecycle's clock-driven side: a timer loop over the store's due work. Each pass
 * 1. ends RUNNING judgments past their deadline (TERMINAL, `DEADLINE_EXCEEDED`) — unless their next interval is
 *    due and untried, or being evaluated (a service that was down past the deadline still judges the data first);
 * 2. claims due intervals (a lease per interval, so one evaluation per interval even with several replicas, and a
 *    crashed worker's interval is taken again once its lease expires);
 * 3. evaluates them — fetch, judge, store — and decides: fail fast when the score is at or below marginal, finish
 *    with the last interval's verdict (Orca's rules from `@canary-judge/shared`), or wait for the next interval.
 * Transient source errors give the interval back for a retry later; other errors end the judgment TERMINAL.
 * All state is in the store, so a restarted process simply continues.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { aggregateFinal, intervalOutcome, resolveTiming } from '@canary-judge/shared';
import { MetricSourceError, type MetricSource } from '../sources/port';
import type { JudgmentFinish, JudgmentStore, StoredInterval } from '../store/port';
import type { Clock } from './clock';
import { retryDelay } from './backoff';
import { evaluateInterval, JudgeError, type JudgeFn } from './evaluate';
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
  judge: JudgeFn;
  clock: Clock;
  /** Lease on a claimed interval, judgment ms (default 5 min); must exceed the slowest evaluation. */
  leaseMs?: number;
  /**
   * Delay before the first retry of an interval after a transient source error, judgment ms (default 60 s); it
   * doubles with every further attempt up to 8 times this (`backoff.ts`), and the judgment's deadline ends
   * the retries (TERMINAL `DEADLINE_EXCEEDED` naming the last error).
   */
  retryDelayMs?: number;
  /** Wall-clock pause between passes of the timer loop, ms (default 500). */
  tickRealMs?: number;
  /** Most intervals evaluated at the same time (default 4). */
  maxConcurrent?: number;
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

const silentLog: SchedulerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs due intervals (see the module comment). `start()` runs the loop; `runOnce()` runs one pass (tests). */
export class Scheduler {
  private readonly leaseMs: number;
  private readonly retryDelayMs: number;
  private readonly tickRealMs: number;
  private readonly maxConcurrent: number;
  /** This worker's claim identity. */
  readonly owner: string;
  private readonly telemetry: Telemetry;
  private readonly log: SchedulerLogger;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private passing: Promise<void> | null = null;
  private again = false;

  /** @param opts store, sources, judge, clock and loop settings */
  constructor(private readonly opts: SchedulerOptions) {
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.retryDelayMs = opts.retryDelayMs ?? 60_000;
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
      .then(() => undefined)
      .catch((e: unknown) => this.log.error({ err: e }, 'scheduler pass failed'))
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

  /** Runs one pass and waits for every evaluation it started; returns how many intervals it evaluated. */
  async runOnce(): Promise<number> {
    return this.pass(true);
  }

  private async pass(wait: boolean): Promise<number> {
    const { store, clock } = this.opts;
    const now = clock.now();
    for (const key of await store.overdueJudgments(now, 100)) {
      const j = await store.getJudgment(key);
      const next = (await store.listIntervals(key)).find((i) => i.state !== 'DONE');
      if (next && hasWorkInHand(next, now)) continue;
      const last = next?.error ? ` Last error: ${next.error.code}: ${next.error.message}` : '';
      const finished = await store.finishJudgment(
        key,
        {
          status: 'TERMINAL',
          verdict: null,
          score: null,
          error: {
            code: 'DEADLINE_EXCEEDED',
            message: `no verdict by the judge's deadline ${new Date(j?.deadlineMs ?? now).toISOString()} (lifetime + warm-up + grace).${last}`,
          },
        },
        now,
      );
      if (finished) {
        this.telemetry.judgmentFinished('TERMINAL', null);
        this.log.warn({ judgmentKey: key }, 'judgment deadline exceeded');
      }
    }
    const free = this.maxConcurrent - this.inFlight.size;
    if (free <= 0) return 0;
    const claimed = await store.claimDueIntervals(now, this.owner, this.leaseMs, free);
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
    try {
      const stepSeconds = resolveTiming(j.request.timing, j.createdMs).stepSeconds;
      evaluation = await evaluateInterval(j.request, interval, source, this.opts.judge, stepSeconds);
    } catch (e) {
      const now = clock.now();
      if (e instanceof MetricSourceError) this.telemetry.sourceError(source.name, e.code);
      if (e instanceof MetricSourceError && e.transient) {
        const ok = await store.releaseInterval(
          claim,
          { code: e.code, message: e.message },
          now + retryDelay(this.retryDelayMs, interval.attempts),
          now,
        );
        this.log.warn({ ...log, code: e.code, err: e.message }, 'transient metric source error; will retry');
        this.telemetry.intervalEvaluated(ok ? 'retry' : 'discarded', seconds());
        return;
      }
      const code = e instanceof MetricSourceError || e instanceof JudgeError ? e.code : 'INTERNAL_ERROR';
      const ok = await store.failInterval(claim, { code, message: (e as Error).message }, now);
      this.log.error({ ...log, code, err: (e as Error).message }, 'interval could not be judged');
      if (ok) this.finished('TERMINAL', null);
      this.telemetry.intervalEvaluated(ok ? 'failed' : 'discarded', seconds());
      return;
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
