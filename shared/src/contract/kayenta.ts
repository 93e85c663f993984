/**
 * Kayenta's wire shapes for one judge call, as the RemoteJudge API and `CanaryJudgeResult` JSON carry them.
 *
 * These types describe JSON after parsing: a number that Kayenta writes as NaN arrives as the string `"NaN"`
 * (see {@link WireNumber}). Field names are Kayenta's own so that an existing Kayenta user can diff our output
 * with theirs line by line.
 *
 * Reference: `spinnaker/kayenta:kayenta-core/src/main/java/com/netflix/kayenta/canary/CanaryConfig.java`,
 * `.../metrics/MetricSetPair.java`, `.../canary/results/CanaryJudgeResult.java`; `design/kayenta-judge.md` §2, §8, §10.
 */

/** A number as it travels in Kayenta's JSON: finite numbers as numbers, NaN as the string `"NaN"`. */
export type WireNumber = number | 'NaN';

/** Direction of change that counts as a failure: `increase` flags High only, `decrease` Low only. */
export type Direction = 'increase' | 'decrease' | 'either';

/** What to do with NaN points before testing: drop them, or replace each with 0. */
export type NanStrategy = 'remove' | 'replace';

/** Per-metric settings read from `analysisConfigurations.canary` (all optional; defaults in `design/kayenta-judge.md` §2.3). */
export interface CanaryAnalysisSettings {
  direction?: Direction | string;
  nanStrategy?: NanStrategy | string;
  critical?: boolean;
  mustHaveData?: boolean;
  muted?: boolean;
  outliers?: { strategy?: 'remove' | 'keep' | string; outlierFactor?: number };
  effectSize?: {
    measure?: 'meanRatio' | 'cles' | string;
    allowedIncrease?: number;
    allowedDecrease?: number;
    criticalIncrease?: number;
    criticalDecrease?: number;
  };
}

/** Statistic of the canary series an absolute guardrail compares with its limits (R-7 percentiles). */
export type GuardrailStatistic = 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';

/**
 * Canary Judge's opt-in per-metric extensions, read from `analysisConfigurations.canaryJudge` — a key Kayenta
 * ignores. Absent (or `{}`) means the metric is judged exactly as Kayenta would (`shared/KAYENTA-DIFFERENCES.md`,
 * "Opt-in extensions").
 */
export interface CanaryJudgeSettings {
  /**
   * The test that compares canary and baseline: `mannWhitney` (default, Kayenta's) or `poissonRate` (an exact test of
   * the two event rates, for sparse counters; see `shared/KAYENTA-DIFFERENCES.md`, "Opt-in extensions").
   */
  test?: 'mannWhitney' | 'poissonRate';
  /** Data sufficiency: fewer points than this on either side (after NaN/outlier handling) → `Nodata`. Integer ≥ 1. */
  minimumPoints?: number;
  /** Absolute guardrail: a canary statistic beyond a limit makes the metric `High` (above) or `Low` (below). */
  absolute?: { statistic: GuardrailStatistic; upperLimit?: number; lowerLimit?: number };
}

/** One metric of a canary config (`CanaryMetricConfig`). `query` is metric-store specific and ignored by the judge. */
export interface CanaryMetricConfig {
  name: string;
  query?: Record<string, unknown>;
  groups: string[];
  analysisConfigurations?: {
    canary?: CanaryAnalysisSettings;
    canaryJudge?: CanaryJudgeSettings;
    [key: string]: unknown;
  };
  scopeName?: string;
  /**
   * Canary Judge's display unit of the metric's values (`ms`, `s`, `%`, `req/s`, `bytes`, …), printed on the
   * report's chart axes and tooltips. Optional, free text, ignored by the judge; Kayenta ignores unknown keys.
   */
  unit?: string;
}

/** A canary config (`CanaryConfig`); only `metrics` and `classifier.groupWeights` matter to the judge. */
export interface CanaryConfig {
  name?: string;
  id?: string;
  description?: string;
  configVersion?: string;
  applications?: string[];
  judge?: { name?: string; judgeConfigurations?: Record<string, unknown> };
  metrics: CanaryMetricConfig[];
  templates?: Record<string, string>;
  classifier?: {
    /** Weight of each group, in percent. Kayenta does not check that they total 100. */
    groupWeights?: Record<string, number>;
    /** Ignored by the judge: thresholds come from the caller (`docs/design/kayenta-judge.md` §2). */
    scoreThresholds?: { pass?: number; marginal?: number };
  };
}

/** One metric's two series (`MetricSetPair`): control = baseline, experiment = canary. */
export interface MetricSetPair {
  name: string;
  id?: string;
  tags?: Record<string, string>;
  values: { control: WireNumber[]; experiment: WireNumber[] };
  scopes?: Record<string, unknown>;
  attributes?: Record<string, unknown>;
}

/** Score thresholds, in points (0–100): `score ≥ pass` passes, `score ≥ marginal` is marginal, else fail. */
export interface ScoreThresholds {
  pass: number;
  marginal: number;
}

/** The body of Kayenta's RemoteJudge call (`POST /judge`). */
export interface RemoteJudgeRequest {
  canaryConfig: CanaryConfig;
  metricSetPairList: MetricSetPair[];
  scoreThresholds: ScoreThresholds;
}

/** Per-metric classification labels, exactly as Kayenta writes them. */
export type MetricClassification = 'Pass' | 'High' | 'Low' | 'Nodata' | 'NodataFailMetric' | 'Error';

/** Summary classification labels, exactly as Kayenta writes them. */
export type SummaryClassification = 'Pass' | 'Marginal' | 'Fail';

/** Descriptive statistics of one transformed series (`experimentMetadata.stats` / `controlMetadata.stats`). */
export interface SeriesStats {
  count: number;
  mean: WireNumber;
  min: WireNumber;
  max: WireNumber;
  std: WireNumber;
}

/**
 * Which check decided a metric's classification (`design/kayenta-judge.md` §5, in Kayenta's order): `empty` (no data on
 * a side), `identical` (same multiset), `single-value` (one value overall), `constant-series` (both constant, different
 * — decided deterministically, see `shared/KAYENTA-DIFFERENCES.md`), `mann-whitney` (the test), `error` (the test
 * threw); and, only with the opt-in `analysisConfigurations.canaryJudge` settings, `minimum-points` (too few points →
 * Nodata) and `absolute-limit` (the canary statistic crossed an absolute limit and changed the label).
 */
export type MetricDecisionRule =
  | 'empty'
  | 'identical'
  | 'single-value'
  | 'constant-series'
  | 'mann-whitney'
  | 'error'
  | 'minimum-points'
  | 'absolute-limit'
  | 'poisson-rate';

/**
 * What the opt-in guardrails (`analysisConfigurations.canaryJudge`) found for one metric; present in the detail only
 * when the metric configures at least one of them.
 */
export interface MetricGuardrailsDetail {
  /** Data sufficiency check: the required count, the points each side had, and whether both sides had enough. */
  minimumPoints?: { required: number; control: number; experiment: number; met: boolean };
  /**
   * Absolute guardrail: the canary statistic (null when not evaluated: empty canary or too few points; `"NaN"` when
   * it overflows, also not evaluated), the limits (null when not set) and which limit it crossed (`null` when not
   * evaluated).
   */
  absolute?: {
    statistic: GuardrailStatistic;
    value: WireNumber | null;
    upperLimit: number | null;
    lowerLimit: number | null;
    breached: 'upper' | 'lower' | 'none' | null;
    /** The guardrail's reason when breached (e.g. `latency p99 0.62 is above the absolute limit 0.5`), else null. */
    reason: string | null;
  };
  /** Kayenta's own verdict on the metric, before the guardrails (equal to the result when they changed nothing). */
  kayenta: {
    classification: MetricClassification;
    reason: string | null;
    critical: boolean;
    decidedBy: MetricDecisionRule;
  };
}

/** Point counts of one series through the transforms: raw → NaN handling → outlier removal → used by the test. */
export interface SampleCounts {
  /** Points received. */
  raw: number;
  /** NaN points among them (always written by `judge()`; optional for detail objects built elsewhere). */
  nan?: number;
  /** NaN points dropped (`nanStrategy: remove`). */
  nanRemoved: number;
  /** NaN points turned into 0 (`nanStrategy: replace`; always written by `judge()`). */
  nanReplaced?: number;
  /** Points dropped as IQR outliers (`outliers.strategy: remove`). */
  outliersRemoved: number;
  /** Points the classifier saw. */
  used: number;
}

/**
 * The numbers behind one metric's verdict: Canary Judge's addition to Kayenta's per-metric result, under the key
 * `canaryJudge` (a name Kayenta does not use). Present on every result, also `Error` (then with null numbers).
 * Interval ends, estimate and bounds are in the metric's own unit (canary − baseline shift).
 */
export interface MetricJudgeDetail {
  /** Which check decided. */
  decidedBy: MetricDecisionRule;
  /** One readable sentence with the numbers, for reports and the CLI table. */
  explanation: string;
  /** Mann-Whitney confidence interval of the shift canary − baseline; null when the test did not run. */
  ciLower: WireNumber | null;
  ciUpper: WireNumber | null;
  /** Hodges–Lehmann-type shift estimate (Kayenta's, continuity-corrected); null when the test did not run. */
  estimate: WireNumber | null;
  /** ±tolerance·|estimate|: the interval must lie wholly outside these to be High/Low. */
  lowerBound: WireNumber | null;
  upperBound: WireNumber | null;
  /** Whether the interval lies wholly above (`increase`) or below (`decrease`) the bounds, before the direction and
   * effect-size checks; `both` when reversed interval ends (a solver artifact) satisfy both; null when the test did
   * not run. Always written by `judge()`. */
  significance?: 'increase' | 'decrease' | 'both' | 'none' | null;
  /** Effect size used for the allowed/critical checks (NaN for a zero mean), and the measure it is. */
  effectSize: WireNumber | null;
  effectSizeMeasure: 'meanRatio' | 'cles';
  /** Effect-size thresholds for High/Low (`effectSize.allowedIncrease/allowedDecrease`). */
  allowed: { increase: number; decrease: number };
  /** Effect-size thresholds for a critical High/Low (`effectSize.criticalIncrease/criticalDecrease`). */
  criticalThresholds: { increase: number; decrease: number };
  /** Fraction of |estimate| used for the bounds (0.25 in NetflixACAJudge-v1.0). */
  tolerance: number;
  /** Confidence level of the interval (0.98 in NetflixACAJudge-v1.0). */
  confidenceLevel: number;
  direction: Direction;
  nanStrategy: NanStrategy;
  outlierStrategy: 'remove' | 'keep';
  /** IQR fence factor (used only when `outlierStrategy` is `remove`). Always written by `judge()`. */
  outlierFactor?: number;
  /** Point counts of each series through the transforms. */
  samples: { control: SampleCounts; experiment: SampleCounts };
  /** Message of the exception behind an `Error` result (e.g. all observations tied). */
  errorMessage?: string;
  /** Opt-in guardrails (`analysisConfigurations.canaryJudge`); absent when the metric configures none. */
  guardrails?: MetricGuardrailsDetail;
  /** The opt-in Poisson rate test's figures (`canaryJudge.test: "poissonRate"`); absent for Kayenta's test. */
  poissonRate?: PoissonRateDetail;
}

/**
 * What the opt-in Poisson rate test found: events and exposures (points) per side, the rate ratio canary/baseline
 * with its one-sided bounds at `confidenceLevel`, and the two-sided exact p-value. Non-finite numbers as `"NaN"`.
 */
export interface PoissonRateDetail {
  /** Canary events (sum of the canary's points after NaN and outlier handling). */
  canaryEvents: number;
  /** Canary exposure: its number of points. */
  canaryExposure: number;
  /** Baseline events. */
  baselineEvents: number;
  /** Baseline exposure: its number of points. */
  baselineExposure: number;
  /** (canary events / exposure) / (baseline events / exposure); `"NaN"` when infinite (no baseline events) or 0/0. */
  rateRatio: WireNumber;
  /** One-sided lower bound of the rate ratio at `confidenceLevel` (High needs it above 1). */
  ciLower: WireNumber;
  /** One-sided upper bound (Low needs it below 1); `"NaN"` when unbounded (no baseline events). */
  ciUpper: WireNumber;
  /** One-sided confidence level of each bound (0.9). */
  confidenceLevel: number;
  /** Two-sided exact p-value of equal rates (R `poisson.test`). */
  pValue: WireNumber;
}

/** One metric's result (`CanaryAnalysisResult`), plus our `canaryJudge` detail. Null fields are omitted on the wire. */
export interface CanaryAnalysisResult {
  name: string;
  id?: string;
  tags: Record<string, string>;
  classification: MetricClassification;
  classificationReason?: string;
  groups: string[];
  experimentMetadata: { stats: SeriesStats };
  controlMetadata: { stats: SeriesStats };
  resultMetadata?: { ratio: WireNumber };
  critical: boolean;
  muted: boolean;
  canaryJudge?: MetricJudgeDetail;
}

/** A group's score (`CanaryJudgeGroupScore`): 100·Pass/(Pass+High+Low+NodataFailMetric), not rounded. */
export interface CanaryJudgeGroupScore {
  name: string;
  score: number;
  /** True when the group had no countable result (score reported as 0, counted as 100 in the summary). */
  noData?: boolean;
  classification: '';
  classificationReason: '';
}

/** The summary (`CanaryJudgeScore`): score rounded half-up to 2 decimals and its classification. */
export interface CanaryJudgeScore {
  score: number;
  classification: SummaryClassification;
  classificationReason: string;
}

/** What one judge call returns (`CanaryJudgeResult`). */
export interface CanaryJudgeResult {
  judgeName: 'NetflixACAJudge-v1.0';
  results: CanaryAnalysisResult[];
  groupScores: CanaryJudgeGroupScore[];
  score: CanaryJudgeScore;
}
