/**
 * Per-metric classification: Kayenta's `MannWhitneyClassifier` (`design/kayenta-judge.md` §5) plus the `Error` fallback
 * of `NetflixACAJudge.classifyMetric`, on series that are already transformed (NaN handling and outlier removal done).
 *
 * Checks, in Kayenta's order (the first that applies decides):
 * 1. **Empty** series on either side → `NodataFailMetric` (mustHaveData and not critical), `Nodata` (critical flag
 *    kept) — or `Pass` under `nanStrategy: replace`; reason `Missing data for <name>` except for that Pass; ratio 1.
 * 2. **Identical** multisets → `Pass`, reason `The Canary and Baseline data are identical`, ratio 1.
 * 3. **One value overall** (e.g. `[1,1,1]` vs `[1,1]`) → `Pass`, no reason, ratio 1.
 * 4. **Both constant, different values** — Kayenta adds Gaussian noise (σ = value·1e-5) to both series and runs the
 *    test on the noised data, so its numbers are random. We decide deterministically with the σ → 0 limit of that
 *    test (see below), decidedBy `constant-series`.
 * 5. **Mann-Whitney** interval `[ciLower, ciUpper]` and estimate of the shift canary − baseline at `confLevel`;
 *    bounds `±tolerance·|estimate|`; deviation = mean ratio; effect size = mean ratio or CLES.
 *    High iff direction ∈ {increase, either}, `ciLower > upperBound` and (effect size NaN or ≥ allowedIncrease);
 *    else Low iff direction ∈ {decrease, either}, `ciUpper < lowerBound` and (NaN or ≤ allowedDecrease); else Pass.
 *    A critical metric's High/Low is critical (reason `The metric <name> was classified as High (Critical)`) only
 *    when the effect size is NaN or beyond the critical threshold; otherwise reason `<name> was classified as High`
 *    and critical false.
 * 6. Any exception inside the test (in practice {@link AllObservationsTiedError}: σ = 0) → `Error`, reason
 *    `Metric Classification Failed`, no ratio, critical false.
 *
 * **Both-constant rule (deterministic).** Kayenta's noised test compares `c_e·(1 + ε_i)` with `c_c·(1 + δ_j)`,
 * ε, δ ~ N(0, 1e-5). As the noise shrinks the two noised samples become disjoint, the search interval
 * `[min(x) − max(y), max(x) − min(y)]` — which contains both interval ends and the estimate — collapses onto
 * `gap = c_e − c_c`, so the interval and estimate tend to `[gap, gap]` and `gap`. We therefore use
 * `ciLower = ciUpper = estimate = gap`, bounds `±tolerance·|gap|`, and run the usual decision on them: the interval
 * clears the bounds exactly when `gap ≠ 0` (for tolerance < 1), upwards when `c_e > c_c`. Deviation and effect size
 * come from the un-noised series (mean ratio `c_e/c_c`, NaN if either is 0; CLES 1 or 0), so direction, the
 * allowed/critical effect-size vetoes and the critical upgrade act as in Kayenta. Where Kayenta's noise would make the
 * samples overlap (|gap| within a few 1e-5 of the values), Kayenta's outcome is random; ours is this limit.
 * `constant-series.test.ts` compares the rule with a simulation of Kayenta's noised test on random constants, sizes
 * and thresholds.
 *
 * **One point on each side** is left to the ordinary test on the raw values instead: at the shift `d = x − y` the
 * test compares `x − d` with `y`; when that subtraction gives back exactly `y` all observations are tied → `Error`,
 * otherwise the interval is `[d, d]`. For values within a factor 2 of each other (same sign; also after Kayenta's
 * noise) the subtractions are exact (Sterbenz), so Kayenta *always* gives `Error` there, and so do we; further apart
 * Kayenta's outcome depends on the noise bits and ours on the raw values' arithmetic.
 *
 * **A zero side against a single point** ({@link tiedWhateverTheNoise}) is Kayenta's `Error` on every run, so we
 * answer `Error` too. Kayenta's noise is `N(0, value·1e-5)`, so a side that is constantly +0 gets none (`0 + z·0` is
 * +0 for every draw) and the search interval `[min(x) − max(y), max(x) − min(y)]` collapses when the other side
 * has one point:
 * - one canary point `c ≠ 0` (noised to `c'`) against baselines that are all +0: the interval is `[c', c']` and
 *   `c' − c'` is +0, tied with every baseline point → all observations tied;
 * - canaries that are all zero (+0 or −0: `±0 − (−b')` is `b'` either way) against one baseline point `b` (noised
 *   to `b'`): the interval is `[−b', −b']`, every `0 − (−b')` is exactly `b'` → all observations tied.
 * The ordinary test on the raw values ties in exactly the same way, so these cases go to it (decidedBy `error`, the
 * tie message). A −0 among the baselines of the first case keeps its sign only for some draws (`−0 + z·(−0)` is −0
 * for z > 0, +0 for z < 0), and −0 does not tie with +0 in Kayenta's ranking, so Kayenta's outcome is random there
 * and the deterministic rule applies; so it does when both sides have two or more points.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/classifiers/metric/MannWhitneyClassifier.scala`,
 * `.../judge/NetflixACAJudge.scala`; `docs/design/kayenta-judge.md` §5, §12; `shared/KAYENTA-DIFFERENCES.md`.
 */
import type { Direction, MetricClassification, MetricDecisionRule, NanStrategy } from '../contract/kayenta';
import { cles, mannWhitney, mannWhitneySorted, meanRatio } from '../stats';
import type { EffectSizeMeasure } from './setting-types';

/** Everything the classifier needs besides the two series. Thresholds are dimensionless effect sizes. */
export interface ClassifierOptions {
  /** Metric name, used in reason strings. */
  readonly metricName: string;
  /** Which change may fail the metric. */
  readonly direction: Direction;
  /** The NaN strategy the series were transformed with (decides what empty data means). */
  readonly nanStrategy: NanStrategy;
  /** Whether the metric is critical. */
  readonly critical: boolean;
  /** Whether missing data fails the metric (`NodataFailMetric`). */
  readonly mustHaveData: boolean;
  /** Fraction of |estimate| the interval must clear (judge: 0.25). */
  readonly tolerance: number;
  /** Confidence level of the interval, in (0, 1) (judge: 0.98). */
  readonly confLevel: number;
  /** Effect-size measure for the allowed/critical checks. */
  readonly effectSizeMeasure: EffectSizeMeasure;
  /** High needs effect size ≥ this (unless NaN). */
  readonly allowedIncrease: number;
  /** Low needs effect size ≤ this (unless NaN). */
  readonly allowedDecrease: number;
  /** A critical High is critical only if effect size ≥ this (or NaN). */
  readonly criticalIncrease: number;
  /** A critical Low is critical only if effect size ≤ this (or NaN). */
  readonly criticalDecrease: number;
}

/** Which check decided the classification (alias of the contract's {@link MetricDecisionRule}). */
export type DecidedBy = MetricDecisionRule;

/** Interval, estimate and bounds of the shift canary − baseline, in the metric's unit. */
export interface ShiftTest {
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly estimate: number;
  /** `−tolerance·|estimate|`. */
  readonly lowerBound: number;
  /** `+tolerance·|estimate|`. */
  readonly upperBound: number;
}

/** The classifier's verdict on one metric, with what is needed to explain it. */
export interface MetricVerdict {
  /** Kayenta label. */
  readonly classification: MetricClassification;
  /** Kayenta reason string, or null (plain Pass). */
  readonly reason: string | null;
  /** True only for a critical Nodata and a critical High/Low beyond the critical threshold. */
  readonly critical: boolean;
  /** Reported ratio (`resultMetadata.ratio`): mean ratio, 1 for checks 1–3, NaN for a zero mean; null for Error. */
  readonly deviation: number | null;
  /** Which check decided. */
  readonly decidedBy: DecidedBy;
  /** Interval and bounds when checks 4–5 ran, else null. */
  readonly test: ShiftTest | null;
  /** Effect size used by the checks when computed (NaN for a zero mean), else null. */
  readonly effectSize: number | null;
  /**
   * Whether the interval lies wholly above (`increase`) / below (`decrease`) the bounds, before the direction and
   * effect-size checks; `both` when the solver returned reversed ends (`ciLower > ciUpper`) that satisfy both tests.
   */
  readonly significance: 'increase' | 'decrease' | 'both' | 'none' | null;
  /** Message of the exception behind an `Error`, else null. */
  readonly errorMessage: string | null;
}

/** Kayenta's reason for a metric without data. */
export function missingDataReason(metricName: string): string {
  return `Missing data for ${metricName}`;
}

/** Kayenta's reason when both series hold the same values. */
export const IDENTICAL_REASON = 'The Canary and Baseline data are identical';

/** Kayenta's reason for an exception during classification. */
export const CLASSIFICATION_FAILED_REASON = 'Metric Classification Failed';

// A sorted copy in a buffer one element longer, holding +∞ after the values: the Mann-Whitney count uses that slot as
// its end sentinel instead of copying the sample again (`split-merge.ts`).
function sortedCopy(values: ArrayLike<number>): Float64Array {
  const buffer = new Float64Array(values.length + 1);
  buffer.set(values); // a block copy for a typed array (Float64Array.from walks an iterator)
  buffer[values.length] = Infinity;
  return buffer.subarray(0, values.length).sort();
}

function identicalSorted(sa: Float64Array, sb: Float64Array): boolean {
  if (sa.length !== sb.length) return false;
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return false;
  return true;
}

function finiteSorted(a: Float64Array): boolean {
  return Number.isFinite(a[0]) && Number.isFinite(a[a.length - 1]);
}

// Distinctness as Scala's `distinct` on doubles sees it: cooperative numeric equality, so −0.0 and 0.0 are one value
// (Scala 2.11.12: `Array(0.0, -0.0).distinct.length == 1`) — the same as a JavaScript Set of numbers.
function distinctCount(values: ArrayLike<number>, limit: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]!);
    if (seen.size > limit) break;
  }
  return seen.size;
}

function allZero(values: ArrayLike<number>, positiveOnly: boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== 0 || (positiveOnly && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * True when two constant series with different values tie completely in Kayenta's noised Mann-Whitney test for every
 * noise draw (module doc): one canary point against baselines that are all +0, or canaries that are all zero
 * (either sign) against one baseline point. Kayenta then always answers `Error` ("Metric Classification Failed").
 *
 * Reference: `addGaussianNoise` and the both-constant branch of
 * `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/classifiers/metric/MannWhitneyClassifier.scala`;
 * the search interval of `.../kayenta-mannwhitney/.../MannWhitney.scala`; `shared/KAYENTA-DIFFERENCES.md`.
 *
 * @param control Baseline series, constant (one distinct value).
 * @param experiment Canary series, constant, with a different value.
 * @returns Whether Kayenta's outcome is `Error` whatever its noise draws.
 * @example tiedWhateverTheNoise([0, 0, 0], [2]) // true: Kayenta always fails this metric's classification
 */
export function tiedWhateverTheNoise(control: ArrayLike<number>, experiment: ArrayLike<number>): boolean {
  if (experiment.length === 1 && allZero(control, true)) return true;
  return control.length === 1 && allZero(experiment, false);
}

/**
 * The classification, Kayenta's reason text and the critical flag of a metric outside its allowed range.
 *
 * Reference: the reason strings of
 * `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/classifiers/metric/MannWhitneyClassifier.scala`.
 *
 * @param name The metric's name.
 * @param classification `High` or `Low`.
 * @param critical Whether the metric is critical and beyond its critical effect size.
 * @returns The verdict fields that depend on the breach.
 */
function breach(name: string, classification: 'High' | 'Low', critical: boolean) {
  const reason = critical
    ? `The metric ${name} was classified as ${classification} (Critical)`
    : `${name} was classified as ${classification}`;
  return { classification, reason, critical };
}

/**
 * The High/Low/Pass decision shared by the tests (module doc, check 5): significance from the interval against the
 * bounds, then direction, the allowed effect-size veto and the critical upgrade.
 *
 * @param test Interval, estimate and bounds (for the Poisson test: the rate-ratio bounds against 1).
 * @param deviation Reported ratio.
 * @param effectSize Effect size for the allowed/critical checks (NaN skips them).
 * @param options The metric's options.
 * @param decidedBy Which test decided.
 * @returns The verdict.
 */
export function decide(
  test: ShiftTest,
  deviation: number,
  effectSize: number,
  options: ClassifierOptions,
  decidedBy: DecidedBy,
): MetricVerdict {
  const up = test.ciLower > test.upperBound;
  const down = test.ciUpper < test.lowerBound;
  const significance = up && down ? 'both' : up ? 'increase' : down ? 'decrease' : 'none';
  const nan = Number.isNaN(effectSize);
  const base = { deviation, decidedBy, test, effectSize, significance, errorMessage: null } as const;
  const name = options.metricName;
  const isHigh =
    (options.direction === 'increase' || options.direction === 'either') &&
    up &&
    (nan || effectSize >= options.allowedIncrease);
  if (isHigh) {
    const critical = options.critical && (nan || effectSize >= options.criticalIncrease);
    return { ...base, ...breach(name, 'High', critical) };
  }
  const isLow =
    (options.direction === 'decrease' || options.direction === 'either') &&
    down &&
    (nan || effectSize <= options.allowedDecrease);
  if (isLow) {
    const critical = options.critical && (nan || effectSize <= options.criticalDecrease);
    return { ...base, ...breach(name, 'Low', critical) };
  }
  return { ...base, classification: 'Pass', reason: null, critical: false };
}

function effectSizeOf(control: ArrayLike<number>, experiment: ArrayLike<number>, options: ClassifierOptions) {
  const deviation = meanRatio(control, experiment);
  const effectSize = options.effectSizeMeasure === 'cles' ? cles(control, experiment) : deviation;
  return { deviation, effectSize };
}

function bounds(ciLower: number, ciUpper: number, estimate: number, tolerance: number): ShiftTest {
  const b = tolerance * Math.abs(estimate);
  return { ciLower, ciUpper, estimate, lowerBound: -b, upperBound: b };
}

/**
 * Kayenta's verdict for a metric with an empty side (module doc, check 1): `Pass` under `nanStrategy: replace`,
 * `NodataFailMetric` with mustHaveData on a non-critical metric, else `Nodata` (critical flag kept).
 *
 * @param options The metric's options.
 * @returns The verdict, decidedBy `empty`, ratio 1.
 */
export function emptyDataVerdict(options: ClassifierOptions): MetricVerdict {
  const none = { test: null, effectSize: null, significance: null, errorMessage: null } as const;
  if (options.nanStrategy === 'replace') {
    return { ...none, classification: 'Pass', reason: null, critical: false, deviation: 1, decidedBy: 'empty' };
  }
  const reason = missingDataReason(options.metricName);
  if (options.mustHaveData && !options.critical) {
    return { ...none, classification: 'NodataFailMetric', reason, critical: false, deviation: 1, decidedBy: 'empty' };
  }
  return { ...none, classification: 'Nodata', reason, critical: options.critical, deviation: 1, decidedBy: 'empty' };
}

/**
 * Classifies one metric from its transformed series (module doc; `docs/design/kayenta-judge.md` §5).
 *
 * @param control Baseline series after NaN handling and outlier removal (no NaN).
 * @param experiment Canary series after the same transforms (no NaN).
 * @param options Name, direction, flags, tolerance, confidence level and effect-size thresholds.
 * @returns The verdict; never throws for data conditions (an exception inside the test becomes `Error`).
 * @example
 * classifyMetric([1, 2, 3], [10, 11, 12], { ...opts, tolerance: 0.25, confLevel: 0.98 }).classification // 'High'
 */
export function classifyMetric(
  control: ArrayLike<number>,
  experiment: ArrayLike<number>,
  options: ClassifierOptions,
): MetricVerdict {
  const none = { test: null, effectSize: null, significance: null, errorMessage: null } as const;
  if (experiment.length === 0 || control.length === 0) return emptyDataVerdict(options);
  // Each side is sorted once: for the identical-data check and for the Mann-Whitney search.
  const xs = sortedCopy(experiment);
  const ys = sortedCopy(control);
  if (identicalSorted(xs, ys)) {
    return {
      ...none,
      classification: 'Pass',
      reason: IDENTICAL_REASON,
      critical: false,
      deviation: 1,
      decidedBy: 'identical',
    };
  }
  const union = new Set<number>();
  for (let i = 0; i < experiment.length && union.size < 2; i++) union.add(experiment[i]!);
  for (let j = 0; j < control.length && union.size < 2; j++) union.add(control[j]!);
  if (union.size === 1) {
    return { ...none, classification: 'Pass', reason: null, critical: false, deviation: 1, decidedBy: 'single-value' };
  }
  try {
    const onePointEach = experiment.length === 1 && control.length === 1;
    if (
      !onePointEach &&
      distinctCount(experiment, 1) === 1 &&
      distinctCount(control, 1) === 1 &&
      !tiedWhateverTheNoise(control, experiment)
    ) {
      const gap = experiment[0]! - control[0]!;
      const { deviation, effectSize } = effectSizeOf(control, experiment, options);
      return decide(bounds(gap, gap, gap, options.tolerance), deviation, effectSize, options, 'constant-series');
    }
    // Non-finite values (only through a direct call; the judge's series are finite) keep mannWhitney's message.
    const mw =
      finiteSorted(xs) && finiteSorted(ys)
        ? mannWhitneySorted(xs, ys, options.confLevel)
        : mannWhitney(experiment, control, options.confLevel);
    const { deviation, effectSize } = effectSizeOf(control, experiment, options);
    return decide(
      bounds(mw.ciLower, mw.ciUpper, mw.estimate, options.tolerance),
      deviation,
      effectSize,
      options,
      'mann-whitney',
    );
  } catch (e) {
    return {
      ...none,
      classification: 'Error',
      reason: CLASSIFICATION_FAILED_REASON,
      critical: false,
      deviation: null,
      decidedBy: 'error',
      errorMessage: e instanceof Error ? e.message : String(e),
    };
  }
}
