/**
 * The strict timing rules of a judgment, shared by the judgment API and the Deck panel: a live analysis
 * (`lifetimeMinutes`) or a retrospective window (`startTimeIso` + `endTimeIso`, already ended), never both; and a
 * plan that can judge — every window holds at least a minimum number of points per side (default 3), else the
 * judge sees one point, the metric ends `Error`, its group is left out and a canary can score 100 on no evidence.
 * Orca's planning rules themselves live in `intervals/timing.ts` (`resolveTiming`), which this module calls.
 * Reference: `docs/design/orca-webhook-contract.md` §5; `docs/design/kayenta-judge.md` §11.1.
 */
import type { JudgmentTiming } from '../contract/judgment';
import { IntervalPlanError } from '../intervals/errors';
import { planResolved } from '../intervals/plan';
import { resolveTiming } from '../intervals/timing';
import { formatNumber } from '../judge/format-number';
import { asObject, checkNumber, isBlank, type RuleIssue } from './issues';

/** Default of {@link TimingRuleOptions.minPointsPerWindow}: fewer points per side cannot show a change. */
export const DEFAULT_MIN_POINTS_PER_WINDOW = 3;

/** Options of {@link validateTiming}. */
export interface TimingRuleOptions {
  /** Path of the timing object, default `timing`. */
  base?: string;
  /** "Now", epoch ms: a retrospective window must have ended by then; absent = not checked. */
  nowMs?: number;
  /** Least points per side in every window (window length / step); default 3; 0 = not checked. */
  minPointsPerWindow?: number;
}

/** Points per side in the shortest and longest window of a plan. */
export interface WindowPoints {
  /** Fewest points in one window (window length ÷ step, whole points). */
  min: number;
  /** Most points in one window. */
  max: number;
  /** Shortest window, minutes. */
  shortestMinutes: number;
  /** Number of windows (intervals). */
  intervals: number;
  /** Step, seconds. */
  stepSeconds: number;
  /** The field that decides the shortest window: `intervalMinutes`, `lookbackMinutes` or `lifetimeMinutes`. */
  limitedBy: 'intervalMinutes' | 'lookbackMinutes' | 'lifetimeMinutes' | 'endTimeIso';
}

/**
 * Points per side in each window of a timing (for the panel, as the user types, and for the minimum-points rule).
 *
 * @param timing the timing (already valid; invalid timing gives null)
 * @param nowMs the planning instant, epoch ms (only the window lengths matter, so any instant will do)
 * @returns the points per window, or null when the timing cannot be planned
 * @example windowPoints({ lifetimeMinutes: 3, intervalMinutes: 1 }, 0)?.min // 1
 */
export function windowPoints(timing: JudgmentTiming, nowMs = 0): WindowPoints | null {
  let plans;
  let resolved;
  try {
    resolved = resolveTiming(timing, nowMs);
    plans = planResolved(resolved);
  } catch (e) {
    if (e instanceof IntervalPlanError) return null;
    throw e;
  }
  const lengths = plans.map((p) => p.experimentEndMs - p.experimentStartMs);
  const stepMs = resolved.stepSeconds * 1000;
  const shortest = Math.min(...lengths);
  const retro = resolved.mode === 'retrospective';
  const slidingShorter = resolved.lookbackMs > 0 && resolved.lookbackMs < resolved.intervalMs;
  const wholeLifetime = resolved.intervalMs === resolved.lifetimeMs;
  return {
    min: Math.floor(shortest / stepMs),
    max: Math.floor(Math.max(...lengths) / stepMs),
    shortestMinutes: shortest / 60_000,
    intervals: plans.length,
    stepSeconds: resolved.stepSeconds,
    limitedBy: slidingShorter
      ? 'lookbackMinutes'
      : !wholeLifetime
        ? 'intervalMinutes'
        : retro
          ? 'endTimeIso'
          : 'lifetimeMinutes',
  };
}

const ISO_RULE = 'must be an ISO-8601 instant with a time zone, e.g. 2024-05-01T12:00:00Z';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isoMs(issues: RuleIssue[], field: string, v: unknown): number | undefined {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || !Number.isFinite(Date.parse(v))) {
    issues.push({ field, rule: ISO_RULE });
    return undefined;
  }
  return Date.parse(v);
}

/**
 * Every timing rule (module doc): field types and ranges, live xor retrospective, a retrospective window with both
 * ends that has ended by `nowMs`, the interval within the lifetime, Orca's planning rules (`resolveTiming`), and at
 * least `minPointsPerWindow` points per side in every window, the message naming the timing fields to change.
 *
 * @param timing the timing object as parsed JSON (any value)
 * @param options path base, "now" and the minimum points
 * @returns every issue found (empty = valid)
 */
export function validateTiming(timing: unknown, options: TimingRuleOptions = {}): RuleIssue[] {
  const base = options.base ?? 'timing';
  const t = asObject(timing);
  const issues: RuleIssue[] = [];
  if (typeof timing !== 'object' || timing === null || Array.isArray(timing)) {
    return [{ field: base, rule: 'must be an object' }];
  }
  const retro = !isBlank(t['startTimeIso']) || !isBlank(t['endTimeIso']);
  const minutes = { min: 0, max: 525_600 };
  if (retro) {
    const times: number[] = [];
    for (const key of ['startTimeIso', 'endTimeIso'] as const) {
      if (isBlank(t[key])) {
        issues.push({ field: `${base}.${key}`, rule: 'is required for a retrospective analysis' });
      } else {
        const ms = isoMs(issues, `${base}.${key}`, t[key]);
        if (ms !== undefined) times.push(ms);
      }
    }
    const [start, end] = times;
    if (times.length === 2 && start !== undefined && end !== undefined) {
      if (end <= start) issues.push({ field: `${base}.endTimeIso`, rule: 'must be after startTimeIso' });
      else if (options.nowMs !== undefined && end > options.nowMs) {
        issues.push({
          field: `${base}.endTimeIso`,
          rule:
            `is in the future (${new Date(options.nowMs).toISOString()} now): a retrospective window must have ended; ` +
            'for a canary that is still running use lifetimeMinutes instead',
        });
      }
    }
    if (!isBlank(t['lifetimeMinutes'])) {
      const other = isBlank(t['endTimeIso']) ? 'startTimeIso' : 'endTimeIso';
      issues.push({
        field: `${base}.lifetimeMinutes`,
        rule: `must not be given together with ${other} (a retrospective window); leave it empty or remove the window`,
      });
    }
  } else {
    checkNumber(issues, `${base}.lifetimeMinutes`, t['lifetimeMinutes'], {
      required: true,
      minExclusive: 0,
      max: minutes.max,
    });
  }
  const life = typeof t['lifetimeMinutes'] === 'number' ? t['lifetimeMinutes'] : undefined;
  const interval = checkNumber(issues, `${base}.intervalMinutes`, t['intervalMinutes'], minutes);
  if (!retro && life !== undefined && interval !== undefined && interval > life) {
    issues.push({ field: `${base}.intervalMinutes`, rule: `must not exceed lifetimeMinutes (${life})` });
  }
  checkNumber(issues, `${base}.warmupMinutes`, t['warmupMinutes'], minutes);
  checkNumber(issues, `${base}.lookbackMinutes`, t['lookbackMinutes'], minutes);
  checkNumber(issues, `${base}.baselineOffsetMinutes`, t['baselineOffsetMinutes'], minutes);
  checkNumber(issues, `${base}.stepSeconds`, t['stepSeconds'], { minExclusive: 0 });
  if (issues.length > 0) return issues;

  const planAt = options.nowMs ?? 0;
  try {
    resolveTiming(t as JudgmentTiming, planAt);
  } catch (e) {
    if (!(e instanceof IntervalPlanError)) throw e;
    return [{ field: `${base}.${e.field}`, rule: e.rule }];
  }
  const need = options.minPointsPerWindow ?? DEFAULT_MIN_POINTS_PER_WINDOW;
  const points = windowPoints(t as JudgmentTiming, planAt);
  if (points && need > 0 && points.min < need) {
    issues.push({
      field: `${base}.${points.limitedBy}`,
      rule:
        `gives windows of ${formatNumber(points.shortestMinutes)} min at a ${formatNumber(points.stepSeconds)} s step: ` +
        `${points.min} point${points.min === 1 ? '' : 's'} per side, fewer than the ${need} needed to judge; ` +
        `lengthen ${base}.${points.limitedBy} or shorten ${base}.stepSeconds`,
    });
  }
  return issues;
}
