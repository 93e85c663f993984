/**
 * Interval planning as Orca's `RunCanaryIntervalsStage` does it: one window per judgement.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/pipeline/RunCanaryIntervalsStage.kt`;
 * `docs/design/kayenta-judge.md` §11.1.
 */
import type { JudgmentTiming } from '../contract/judgment';
import { resolveTiming, type ResolvedTiming } from './timing';

/** One planned judgement: its baseline (control) and canary (experiment) windows and when it can run. */
export interface IntervalPlan {
  /** 1-based, as in Orca's stage names (`Run Canary #1`). */
  index: number;
  /** Baseline window, epoch ms: the experiment window shifted back by `baselineOffsetMinutes`. */
  controlStartMs: number;
  controlEndMs: number;
  /** Canary window, epoch ms. */
  experimentStartMs: number;
  experimentEndMs: number;
  /**
   * When the judgement may run, epoch ms: its data is complete (both windows have ended) and Orca's waits have
   * elapsed (warm-up, plus `i` intervals in live mode, counted from the planning instant).
   */
  dueAtMs: number;
  /** Query resolution, seconds. */
  stepSeconds: number;
}

/**
 * Plan the windows of already-resolved timing (see {@link planIntervals}).
 *
 * @param t - resolved timing from `resolveTiming`
 * @returns `t.count` plans in order
 */
export function planResolved(t: ResolvedTiming): IntervalPlan[] {
  const live = t.mode === 'live';
  // Orca: the warm-up shifts the windows only when no end time was given.
  const windowBaseMs = t.baseStartMs + (live ? t.warmupMs : 0);
  const plans: IntervalPlan[] = [];
  for (let index = 1; index <= t.count; index++) {
    const experimentEndMs = windowBaseMs + index * t.intervalMs;
    // Sliding window; clamped to the window base (Orca does not clamp: see shared/KAYENTA-DIFFERENCES.md).
    const experimentStartMs = t.lookbackMs > 0 ? Math.max(windowBaseMs, experimentEndMs - t.lookbackMs) : windowBaseMs;
    const controlStartMs = experimentStartMs - t.baselineOffsetMs;
    const controlEndMs = experimentEndMs - t.baselineOffsetMs;
    const orcaRunsAtMs = t.plannedAtMs + t.warmupMs + (live ? index * t.intervalMs : 0);
    plans.push({
      index,
      controlStartMs,
      controlEndMs,
      experimentStartMs,
      experimentEndMs,
      dueAtMs: Math.max(orcaRunsAtMs, experimentEndMs, controlEndMs),
      stepSeconds: t.stepSeconds,
    });
  }
  return plans;
}

/**
 * Plan every judgement of a canary analysis, with Orca's `RunCanaryIntervalsStage` rules.
 *
 * - lifetime: `lifetimeMinutes` (live) or the whole minutes from start to `endTimeIso` (retrospective);
 * - interval: `intervalMinutes`; absent, 0 or longer than the lifetime → the lifetime; count `floor(lifetime/interval)`;
 * - window i (1-based) ends at `base + i·interval`, where base = `startTimeIso` or `startMs`, plus the warm-up
 *   only in live mode; it starts at the base (growing window) or at `end − lookback` (sliding window, clamped to the
 *   base); the control window is the experiment window moved back by `baselineOffsetMinutes`;
 * - step: `stepSeconds`, default 60.
 *
 * @param timing - the judgment's timing
 * @param startMs - the planning instant ("now", taken once as Orca does), epoch ms
 * @returns the plans, index 1…count
 * @throws {IntervalPlanError} for invalid timing, naming the field and rule
 * @example
 * planIntervals({ lifetimeMinutes: 60, intervalMinutes: 30 }, 0).map((p) => [p.experimentStartMs, p.experimentEndMs])
 * // [[0, 1800000], [0, 3600000]]
 */
export function planIntervals(timing: JudgmentTiming, startMs: number): IntervalPlan[] {
  return planResolved(resolveTiming(timing, startMs));
}
