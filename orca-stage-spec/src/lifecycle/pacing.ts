/**
 * Evaluations yield to status polls. Judging an interval is background work with minutes of slack; a status poll is
 * someone waiting (Orca's monitor task, Deck). When many intervals fall due at once — every judgment of a release
 * train started together — evaluating them all at full concurrency takes the CPU and the database from the polls:
 * the replicas bench (issue 10) measured poll p99 ≈ 130 ms with 8 evaluations per replica and ≈ 50 ms with 1, on the
 * same loaded machine.
 *
 * So the scheduler's concurrency is a limit between 1 and `scheduler.maxConcurrent` that moves by additive increase,
 * multiplicative decrease, the rule of TCP congestion control (RFC 5681 §3.1), once per window:
 * - a window whose 90th-percentile status-poll handling time is above the target halves the limit (never below 1,
 *   so evaluations always progress);
 * - four calm windows in a row (under half the target, or no polls) grow it by one — but only windows in which the
 *   scheduler used every slot it had, as TCP grows its window only while the sender fills it (RFC 7661): a limit
 *   that was not tested by work says nothing about the next burst;
 * - it starts at 1, like TCP's slow start, so a burst after a quiet spell starts gently and grows while polls stay fast.
 * Verdicts do not change, only when the intervals of a burst are judged.
 */

/** Settings of {@link EvaluationPacer}. */
export interface PacingOptions {
  /** The ceiling: `scheduler.maxConcurrent` (≥ 1). */
  maxConcurrent: number;
  /** Status-poll handling time, ms, above which evaluations back off (0 = never: the limit stays at the ceiling). */
  targetMs: number;
  /** Wall-clock length of a window, ms: the limit moves at most once per window. */
  windowMs: number;
  /** Polls a window needs before its percentile counts (fewer: treated as no pressure). */
  minSamples?: number;
}

/**
 * The service's pacing window, ms: short enough that a burst is noticed within a second (8 → 1 in three windows),
 * long enough to hold a few hundred polls on a busy replica.
 */
export const PACING_WINDOW_MS = 250;

/**
 * Calm, used windows (p90 under half the target or no polls, every slot filled) in a row before the limit grows by
 * one: it halves at once but grows slowly, so a burst does not come back the moment polls are fast again.
 */
const CALM_WINDOWS_PER_STEP = 4;

/** The quantile of the poll times that is compared with the target. */
const QUANTILE = 0.9;

/**
 * An AIMD concurrency limit fed with status-poll handling times (see the module comment).
 * Not thread-safe; one per scheduler.
 */
export class EvaluationPacer {
  private current: number;
  private samples: number[] = [];
  private windowStart: number | null = null;
  /** Calm windows in a row since the limit last moved. */
  private calm = 0;
  /** Whether the scheduler filled the limit during the current window ({@link saturated}). */
  private used = false;

  /** @param opts ceiling, target and window */
  constructor(private readonly opts: PacingOptions) {
    this.current = opts.targetMs > 0 ? 1 : Math.max(1, opts.maxConcurrent);
  }

  /**
   * Notes that the scheduler filled every slot of the current limit (it claimed as many intervals as the limit
   * allowed): only windows with such a note can grow the limit.
   */
  saturated(): void {
    this.used = true;
  }

  /**
   * Records one status poll's handling time.
   * @param ms from the request's arrival to its answer, ms
   */
  record(ms: number): void {
    if (this.opts.targetMs > 0 && this.samples.length < 10_000) this.samples.push(ms);
  }

  /**
   * The concurrency limit now; closes the window (and moves the limit) when it is `windowMs` old.
   * @param nowMs wall-clock milliseconds (`Date.now()`; injectable for tests)
   * @returns an integer from 1 to `maxConcurrent`
   */
  limit(nowMs: number): number {
    if (this.opts.targetMs <= 0) return this.current;
    if (this.windowStart === null) this.windowStart = nowMs;
    if (nowMs - this.windowStart < this.opts.windowMs) return this.current;
    const p = this.samples.length >= (this.opts.minSamples ?? 10) ? quantile(this.samples, QUANTILE) : 0;
    if (p > this.opts.targetMs) {
      this.current = Math.max(1, Math.floor(this.current / 2));
      this.calm = 0;
    } else if (p >= this.opts.targetMs / 2) {
      this.calm = 0;
    } else if (this.used && ++this.calm >= CALM_WINDOWS_PER_STEP) {
      this.current = Math.min(this.opts.maxConcurrent, this.current + 1);
      this.calm = 0;
    }
    this.used = false;
    this.samples = [];
    this.windowStart = nowMs;
    return this.current;
  }
}

/** Nearest-rank quantile `q` (0–1) of unsorted `values` (sorted in place), `values` non-empty. */
function quantile(values: number[], q: number): number {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))] as number;
}
