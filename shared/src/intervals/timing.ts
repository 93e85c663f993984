/**
 * Resolve a judgment's timing into Orca's planning quantities (milliseconds), validating every field.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/pipeline/RunCanaryIntervalsStage.kt`
 * and Kayenta's `SetupAndExecuteCanariesStage.java`; `docs/design/kayenta-judge.md` §11.1,
 * `docs/design/orca-webhook-contract.md` §5.
 */
import type { JudgmentTiming } from '../contract/judgment';
import { IntervalPlanError } from './errors';

// Milliseconds in one minute.
const MS_PER_MINUTE = 60_000;

/** Query resolution used when `stepSeconds` is absent (Orca's and Kayenta's default), seconds. */
export const DEFAULT_STEP_SECONDS = 60;

/**
 * Upper bound on the number of intervals one judgment may plan. Orca has none; we refuse more so that a typo
 * (`intervalMinutes: 0.001` over two days) gives a clear error instead of millions of planned windows.
 */
export const MAX_INTERVALS = 10_000;

/** Largest accepted duration field, minutes (one year): keeps every computed instant a safe integer. */
export const MAX_TIMING_MINUTES = 525_600;

/**
 * The timing of one judgment after defaults and Orca's rules, all durations in milliseconds.
 *
 * `mode` is `live` when the lifetime is given (Orca waits before each interval and the warm-up shifts the windows)
 * and `retrospective` when `endTimeIso` is given (Orca inserts no interval waits and the warm-up does not shift
 * the windows).
 */
export interface ResolvedTiming {
  mode: 'live' | 'retrospective';
  /** Instant the plan was made (Orca's "now"), epoch ms. */
  plannedAtMs: number;
  /** Base start of the analysis: `startTimeIso` if given, else the planning instant; epoch ms. */
  baseStartMs: number;
  /** Lifetime, ms. Retrospective: whole minutes between start and end (seconds dropped, as Orca does). */
  lifetimeMs: number;
  /** Interval length, ms (absent, 0 or longer than the lifetime → the lifetime). */
  intervalMs: number;
  /** Number of judgements: `floor(lifetime / interval)`, at least 1. */
  count: number;
  /** Warm-up wait before the first interval, ms (0 = none). */
  warmupMs: number;
  /** Sliding window length, ms (0 = growing window). */
  lookbackMs: number;
  /** Baseline (control) window shift back in time, ms. */
  baselineOffsetMs: number;
  /** Query resolution, seconds. */
  stepSeconds: number;
}

function optionalMinutes(timing: JudgmentTiming, field: keyof JudgmentTiming): number {
  const value = timing[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new IntervalPlanError(field, 'must be a finite number of minutes');
  }
  if (value < 0) throw new IntervalPlanError(field, 'must be ≥ 0');
  if (value > MAX_TIMING_MINUTES) throw new IntervalPlanError(field, `must be ≤ ${MAX_TIMING_MINUTES} (one year)`);
  return Math.round(value * MS_PER_MINUTE);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isoInstant(timing: JudgmentTiming, field: 'startTimeIso' | 'endTimeIso'): number | undefined {
  const value = timing[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw new IntervalPlanError(field, 'must be an ISO-8601 instant with a time zone, e.g. 2024-05-01T12:00:00Z');
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new IntervalPlanError(field, 'is not a valid calendar date and time');
  return ms;
}

/**
 * Validate a {@link JudgmentTiming} and resolve it with Orca's `RunCanaryIntervalsStage` rules.
 *
 * - Exactly one of `lifetimeMinutes` (live) or `endTimeIso` (retrospective) decides the lifetime; `startTimeIso`
 *   is optional in both (default: the planning instant `startMs`). Orca lets an end time silently override a
 *   lifetime; we refuse the combination, as the contract says "exactly one".
 * - Retrospective lifetime = whole minutes from start to end (Java `Duration.toMinutes`, truncated); at least 1.
 * - `intervalMinutes` absent, 0 or longer than the lifetime → the lifetime; count = `floor(lifetime / interval)`,
 *   computed on integer milliseconds so that 0.3/0.1 does not become 2.
 * - Durations may be fractional minutes (useful for short demo judgments); they are rounded to whole ms.
 *
 * @param timing - the `timing` object of a judgment request
 * @param startMs - the planning instant ("now"), epoch ms; an integer
 * @returns the resolved timing
 * @throws {IntervalPlanError} naming the field and rule, for any invalid field or combination
 * @example resolveTiming({ lifetimeMinutes: 60, intervalMinutes: 15 }, 0).count // 4
 */
export function resolveTiming(timing: JudgmentTiming, startMs: number): ResolvedTiming {
  if (typeof timing !== 'object' || timing === null) throw new IntervalPlanError('timing', 'must be an object');
  if (typeof startMs !== 'number' || !Number.isSafeInteger(startMs)) {
    throw new IntervalPlanError('startMs', 'must be an integer number of epoch milliseconds');
  }
  const startIso = isoInstant(timing, 'startTimeIso');
  const endIso = isoInstant(timing, 'endTimeIso');
  const hasLifetime = timing.lifetimeMinutes !== undefined && timing.lifetimeMinutes !== null;
  const baseStartMs = startIso ?? startMs;

  let lifetimeMs: number;
  let mode: ResolvedTiming['mode'];
  if (endIso !== undefined) {
    if (hasLifetime) throw new IntervalPlanError('lifetimeMinutes', 'must not be given together with endTimeIso');
    const wholeMinutes = Math.trunc((endIso - baseStartMs) / MS_PER_MINUTE);
    if (wholeMinutes < 1) {
      throw new IntervalPlanError('endTimeIso', 'must be at least one minute after the start');
    }
    if (wholeMinutes > MAX_TIMING_MINUTES) {
      throw new IntervalPlanError(
        'endTimeIso',
        `must be at most ${MAX_TIMING_MINUTES} minutes (one year) after the start`,
      );
    }
    lifetimeMs = wholeMinutes * MS_PER_MINUTE;
    mode = 'retrospective';
  } else {
    if (!hasLifetime) {
      throw new IntervalPlanError('lifetimeMinutes', 'is required unless endTimeIso is given');
    }
    lifetimeMs = optionalMinutes(timing, 'lifetimeMinutes');
    if (lifetimeMs <= 0) throw new IntervalPlanError('lifetimeMinutes', 'must be > 0');
    mode = 'live';
  }

  const requestedIntervalMs = optionalMinutes(timing, 'intervalMinutes');
  const intervalMs = requestedIntervalMs === 0 || requestedIntervalMs > lifetimeMs ? lifetimeMs : requestedIntervalMs;
  const count = Math.floor(lifetimeMs / intervalMs);
  if (count > MAX_INTERVALS) {
    throw new IntervalPlanError(
      'intervalMinutes',
      `gives ${count} intervals over the lifetime; at most ${MAX_INTERVALS} are allowed`,
    );
  }

  let stepSeconds = DEFAULT_STEP_SECONDS;
  if (timing.stepSeconds !== undefined && timing.stepSeconds !== null) {
    if (typeof timing.stepSeconds !== 'number' || !Number.isFinite(timing.stepSeconds) || timing.stepSeconds <= 0) {
      throw new IntervalPlanError('stepSeconds', 'must be a finite number of seconds > 0');
    }
    stepSeconds = timing.stepSeconds;
  }

  return {
    mode,
    plannedAtMs: startMs,
    baseStartMs,
    lifetimeMs,
    intervalMs,
    count,
    warmupMs: optionalMinutes(timing, 'warmupMinutes'),
    lookbackMs: optionalMinutes(timing, 'lookbackMinutes'),
    baselineOffsetMs: optionalMinutes(timing, 'baselineOffsetMinutes'),
    stepSeconds,
  };
}
