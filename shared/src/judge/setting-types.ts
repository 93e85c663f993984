/**
 * The types of a metric's resolved judge settings, in a module of their own so that the classifier can name them
 * without importing the settings reader (`settings.ts`), which reads the guardrails, which word their messages: the
 * judge's modules then import top-down (settings reader → guardrails → number formatting; classifier → these types).
 * Reference: `docs/design/kayenta-judge.md` §2.3.
 */
import type { Direction, NanStrategy } from '../contract/kayenta';
import type { MetricGuardrails } from './guardrails';

/** Effect-size measure used for the allowed/critical checks: mean ratio (default) or CLES (Vargha–Delaney A). */
export type EffectSizeMeasure = 'meanRatio' | 'cles';

/** Whether outliers are removed (IQR fences) before testing. */
export type OutlierStrategy = 'remove' | 'keep';

/** The resolved settings of one metric, every field filled in (defaults applied). */
export interface MetricSettings {
  /** Which change fails the metric: `increase` → only High, `decrease` → only Low, `either` → both. */
  readonly direction: Direction;
  /** `remove` drops NaN points, `replace` turns them into 0. */
  readonly nanStrategy: NanStrategy;
  /** `remove` drops IQR outliers (after NaN handling), `keep` does not. */
  readonly outlierStrategy: OutlierStrategy;
  /** IQR fence factor (> 0); used only when `outlierStrategy` is `remove`. */
  readonly outlierFactor: number;
  /** A critical High/Low beyond the critical thresholds (or a critical Nodata) scores the whole canary 0. */
  readonly critical: boolean;
  /** Missing data gives `NodataFailMetric` (counted as a failure) instead of `Nodata` (for non-critical metrics). */
  readonly mustHaveData: boolean;
  /** Reported but left out of every score. */
  readonly muted: boolean;
  /** Effect size used by the allowed/critical checks. */
  readonly effectSizeMeasure: EffectSizeMeasure;
  /** High needs effect size ≥ this (mean ratio: canary/baseline; CLES: P(canary > baseline)). */
  readonly allowedIncrease: number;
  /** Low needs effect size ≤ this. */
  readonly allowedDecrease: number;
  /** A critical High fails the canary only if effect size ≥ this. */
  readonly criticalIncrease: number;
  /** A critical Low fails the canary only if effect size ≤ this. */
  readonly criticalDecrease: number;
  /**
   * Opt-in guardrails from `analysisConfigurations.canaryJudge` (not Kayenta's; see `guardrails.ts`). The key is
   * absent when the metric configures none, and the metric is then judged exactly as Kayenta would.
   */
  readonly guardrails?: MetricGuardrails;
  /**
   * Opt-in test from `analysisConfigurations.canaryJudge.test` (not Kayenta's): present only as `poissonRate`, the
   * exact rate test for sparse counters (`poisson-classifier.ts`); absent means Kayenta's Mann-Whitney test.
   */
  readonly test?: 'poissonRate';
}
