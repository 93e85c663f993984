/**
 * The stage graph Orca's `RunCanaryIntervalsStage` would build for a timing: warm-up wait, interval waits and
 * `runCanary` stages. Canary Judge schedules by {@link IntervalPlan.dueAtMs} instead; this view exists to explain
 * a plan in Orca's terms and to check our planning against Orca's own tests.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/pipeline/RunCanaryIntervalsStage.kt`.
 */
import type { JudgmentTiming } from '../contract/judgment';
import { planResolved, type IntervalPlan } from './plan';
import { resolveTiming } from './timing';

/** One stage of Orca's graph: a wait (seconds) or a judgement. */
export type OrcaIntervalStage =
  { type: 'wait'; name: string; waitSeconds: number } | { type: 'runCanary'; name: string; plan: IntervalPlan };

/**
 * Orca's stage list for a timing: `Warmup Wait` when the warm-up is > 0 (also with an end time), then for each
 * interval `Interval Wait #i` (only without an end time; waits one interval) and `Run Canary #i`.
 *
 * @param timing - the judgment's timing
 * @param startMs - the planning instant, epoch ms
 * @returns the stages in execution order
 * @throws {IntervalPlanError} for invalid timing
 * @example orcaStageGraph({ lifetimeMinutes: 60 }, 0).map((s) => s.type) // ['wait', 'runCanary']
 */
export function orcaStageGraph(timing: JudgmentTiming, startMs: number): OrcaIntervalStage[] {
  const resolved = resolveTiming(timing, startMs);
  const stages: OrcaIntervalStage[] = [];
  if (resolved.warmupMs > 0) stages.push({ type: 'wait', name: 'Warmup Wait', waitSeconds: resolved.warmupMs / 1000 });
  for (const plan of planResolved(resolved)) {
    if (resolved.mode === 'live') {
      stages.push({ type: 'wait', name: `Interval Wait #${plan.index}`, waitSeconds: resolved.intervalMs / 1000 });
    }
    stages.push({ type: 'runCanary', name: `Run Canary #${plan.index}`, plan });
  }
  return stages;
}
