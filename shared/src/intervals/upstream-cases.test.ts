/**
 * Every upstream case of kinds `aggregate` and `interval` (shared/fixtures/kayenta-upstream-cases.json) is run
 * here or listed in NOT_APPLICABLE with a reason; the last test checks that nothing slips through.
 */
import { describe, expect, it } from 'vitest';
import type { JudgmentTiming } from '../contract/judgment';
import { aggregateFinal, type OptionalThresholds } from './aggregate';
import { IntervalPlanError } from './errors';
import { orcaStageGraph } from './orca-stages';
import { planIntervals } from './plan';
import { resolveTiming } from './timing';
import { upstreamCases, type UpstreamCase } from '../testing/upstream-cases';

const cases = upstreamCases('aggregate', 'interval');

/** Cases we do not run, by `source`, with the reason. Currently every case applies. */
const NOT_APPLICABLE: Record<string, string> = {};

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const MIN = 60_000;

/** `"T0"`, `"T0+240min"`, `"T0-5min"` or an ISO instant → epoch ms. */
function instant(text: string): number {
  const m = /^T0(?:([+-]\d+)min)?$/.exec(text);
  if (m) return T0 + Number(m[1] ?? 0) * MIN;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`bad time ${text}`);
  return ms;
}

/** Orca's "unset" values: absent, null, "" and "0" (see the cases' notes). */
function minutes(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '' || value === '0' || value === 0) return undefined;
  return Number(value);
}

/** ISO-8601 duration of hours/minutes/seconds (`PT48H`) → minutes. */
function isoDurationMinutes(text: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (!m) throw new Error(`unsupported duration ${text}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Math.trunc(Number(m[3] ?? 0) / 60);
}

/**
 * Orca's stage context (or Kayenta SCA's request) → our timing + planning instant. The adapter encodes Orca's
 * precedence: an end time wins over a lifetime (our API refuses both together, so the lifetime is dropped).
 */
function toTiming(config: Record<string, unknown>): { timing: JudgmentTiming; startMs: number } {
  const timing: JudgmentTiming = {};
  const startIso = config.startTimeIso as string | null | undefined;
  const endIso = (config.endTimeIso ?? config.end) as string | null | undefined;
  if (startIso) timing.startTimeIso = new Date(instant(startIso)).toISOString();
  if (endIso) timing.endTimeIso = new Date(instant(endIso)).toISOString();
  if (!endIso) {
    if (typeof config.lifetimeDuration === 'string')
      timing.lifetimeMinutes = isoDurationMinutes(config.lifetimeDuration);
    else if (config.lifetimeHours !== undefined) timing.lifetimeMinutes = Number(config.lifetimeHours) * 60;
    else if (config.lifetimeDurationMins !== undefined) timing.lifetimeMinutes = Number(config.lifetimeDurationMins);
  }
  const set = (key: keyof JudgmentTiming, value: number | undefined) => {
    if (value !== undefined) (timing as Record<string, unknown>)[key] = value;
  };
  set('intervalMinutes', minutes(config.canaryAnalysisIntervalMins ?? config.intervalMin));
  set('warmupMinutes', minutes(config.beginCanaryAnalysisAfterMins ?? config.beginAfterMins));
  set('lookbackMinutes', minutes(config.lookbackMins));
  set('baselineOffsetMinutes', minutes(config.baselineAnalysisOffsetInMins ?? config.controlOffsetInMinutes));
  if (typeof config.step === 'number') timing.stepSeconds = config.step;
  const now = (config.now ?? config.start) as string | undefined;
  return { timing, startMs: now ? instant(now) : T0 };
}

const rel = (ms: number) => (ms - T0) / MIN;

function runIntervalCase(c: UpstreamCase): void {
  const { config, expected } = c;
  if (config.function === 'calculateLifetime') {
    const { timing, startMs } = toTiming(config);
    if (expected.error) {
      expect(() => resolveTiming(timing, startMs)).toThrow(IntervalPlanError);
      expect(() => resolveTiming(timing, startMs)).toThrow('timing.lifetimeMinutes: is required');
    } else {
      expect(resolveTiming(timing, startMs).lifetimeMs / MIN).toBe(expected.lifetimeMin);
    }
    return;
  }
  if (config.function === 'calculateStartAndEndForJudgement' || config.function === 'buildRequestScopes') {
    // SCA's helpers take the interval directly; give a lifetime covering the judgements asked for, unless an end
    // time fixes it.
    const judgements = config.judgements as number[];
    const withLifetime = config.endTimeIso
      ? config
      : { ...config, lifetimeDurationMins: Number(config.intervalMin) * Math.max(...judgements) };
    const { timing, startMs } = toTiming(withLifetime);
    const plans = planIntervals(timing, startMs);
    const picked = judgements.map((j) => plans[j - 1]!);
    if (expected.windowsMin) {
      expect(picked.map((p) => [rel(p.experimentStartMs), rel(p.experimentEndMs)])).toEqual(expected.windowsMin);
    }
    if (expected.windows) {
      const iso = (ms: number) => new Date(ms).toISOString();
      expect(picked.map((p) => [iso(p.experimentStartMs), iso(p.experimentEndMs)])).toEqual(expected.windows);
    }
    if (expected.experimentStart) {
      expect(new Date(picked[0]!.experimentStartMs).toISOString()).toBe(expected.experimentStart);
      expect(new Date(picked[0]!.controlStartMs).toISOString()).toBe(expected.controlStart);
    }
    return;
  }
  // Orca RunCanaryIntervalsStageTest: assertions on the stage graph.
  const { timing, startMs } = toTiming(config);
  const stages = orcaStageGraph(timing, startMs);
  const runs = stages.flatMap((s) => (s.type === 'runCanary' ? [s.plan] : []));
  expect(runs).toEqual(planIntervals(timing, startMs));
  if (expected.stageTypes) expect(stages.map((s) => s.type)).toEqual(expected.stageTypes);
  if (expected.controlScopeWindowsMin) {
    expect(runs.map((p) => [rel(p.controlStartMs), rel(p.controlEndMs)])).toEqual(expected.controlScopeWindowsMin);
  }
  if (expected.controlScopeStartMin !== undefined)
    expect(rel(runs[0]!.controlStartMs)).toBe(expected.controlScopeStartMin);
  if (expected.stepSeconds !== undefined) expect(runs.every((p) => p.stepSeconds === expected.stepSeconds)).toBe(true);
  const warmup = stages.find((s) => s.type === 'wait' && s.name === 'Warmup Wait');
  if (expected.warmupWaitStage === false) expect(warmup).toBeUndefined();
  if (expected.warmupWaitSeconds !== undefined) {
    expect(warmup?.type === 'wait' ? warmup.waitSeconds : undefined).toBe(expected.warmupWaitSeconds);
  }
  if (expected.intervalWaitSeconds) {
    const waits = stages.flatMap((s) =>
      s.type === 'wait' && s.name.startsWith('Interval Wait') ? [s.waitSeconds] : [],
    );
    expect(waits).toEqual(expected.intervalWaitSeconds);
  }
}

const statusOf = (scores: number[], thresholds: OptionalThresholds) =>
  aggregateFinal(scores, thresholds).passed ? 'SUCCEEDED' : 'TERMINAL';

function runAggregateCase(c: UpstreamCase): void {
  const { input, config, expected } = c;
  if (input.intervalScores) {
    expect(statusOf(input.intervalScores as number[], config.scoreThresholds as OptionalThresholds)).toBe(
      expected.status,
    );
  } else if (input.stage1Scores) {
    const t = config.scoreThresholds as OptionalThresholds;
    expect(statusOf(input.stage1Scores as number[], t)).toBe(expected.stage1Status);
    expect(statusOf(input.stage2Scores as number[], t)).toBe(expected.stage2Status);
  } else if (input.finalCanaryScore !== undefined) {
    const result = aggregateFinal([input.finalCanaryScore as number], config.thresholds as OptionalThresholds);
    expect(result.passed).toBe(expected.didPassThresholds);
  } else {
    throw new Error(`unrecognised aggregate case ${c.source}`);
  }
}

describe('upstream aggregate and interval cases', () => {
  const runnable = cases.filter((c) => !(c.source in NOT_APPLICABLE));
  it.each(runnable.map((c) => [c.source, c] as const))('%s', (_source, c) => {
    if (c.kind === 'aggregate') runAggregateCase(c);
    else runIntervalCase(c);
  });

  it('runs or lists every aggregate and interval case (36 + 59)', () => {
    expect(cases.filter((c) => c.kind === 'aggregate')).toHaveLength(36);
    expect(cases.filter((c) => c.kind === 'interval')).toHaveLength(59);
    const sources = new Set(cases.map((c) => c.source));
    expect(sources.size).toBe(cases.length);
    for (const source of Object.keys(NOT_APPLICABLE)) expect(sources.has(source)).toBe(true);
    expect(runnable.length + Object.keys(NOT_APPLICABLE).length).toBe(cases.length);
  });
});
