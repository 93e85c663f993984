/**
 * Judges a stage payload on one report interval's series with the scoring library, as the judge service judges that
 * interval: the check that a what-if's "Copy as stage JSON" stage scores what the what-if showed. Test support only.
 */
import { judge, type CanaryConfig, type CanaryJudgeResult, type ScoreThresholds } from '@canary-judge/shared';
import type { ReportInterval } from '../transforms/report';

/**
 * Runs `judge()` on the payload's canary config and thresholds with the interval's control and experiment values
 * (non-finite values sent as `"NaN"`, the wire form; a metric without series gets empty lists).
 * @param payload the stage's `payload` (its canary config and score thresholds)
 * @param interval the report interval whose series are judged
 * @returns the judge's result for that interval (Kayenta's `CanaryJudgeResult` shape)
 */
export function judgePayload(
  payload: { canaryConfig: CanaryConfig; thresholds: ScoreThresholds },
  interval: ReportInterval,
): CanaryJudgeResult {
  const wire = (v: number[] = []) => v.map((x) => (Number.isFinite(x) ? x : ('NaN' as const)));
  return judge({
    canaryConfig: payload.canaryConfig,
    metricSetPairList: payload.canaryConfig.metrics.map((m) => ({
      name: m.name,
      values: {
        control: wire(interval.series[m.name]?.control?.values),
        experiment: wire(interval.series[m.name]?.experiment?.values),
      },
    })),
    scoreThresholds: payload.thresholds,
  });
}
