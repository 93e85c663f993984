/**
 * The per-series transforms of the judge (`design/kayenta-judge.md` §3), with the point counts the report shows: NaN
 * handling (`remove` drops NaN, `replace` turns it into 0), then — only with `outliers.strategy: remove` — IQR outlier
 * removal with `reduceSensitivity = true` and the metric's `outlierFactor`. Control and experiment are transformed
 * independently. Thin wrapper over the statistics module.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/NetflixACAJudge.scala`
 * (`transformMetric`, `handleNaNs`, `handleOutliers`).
 */
import type { SampleCounts } from '../contract/kayenta';
import { removeNaN, removeOutliersIQR, replaceNaN } from '../stats';
import type { MetricSettings } from './setting-types';

/** A transformed series and how it got there. */
export interface PreparedSeries {
  /** The values the classifier sees (no NaN). */
  readonly values: Float64Array;
  /** Point counts through the transforms. */
  readonly counts: Required<SampleCounts>;
}

/**
 * Applies the metric's NaN strategy and outlier strategy to one raw series.
 *
 * @param raw Raw points; NaN marks a missing point.
 * @param settings The metric's settings (`nanStrategy`, `outlierStrategy`, `outlierFactor` are read).
 * @returns The transformed values and the counts (`raw`, `nan`, `nanRemoved`, `nanReplaced`, `outliersRemoved`, `used`).
 * @example
 * prepareSeries([1, NaN, 2], DEFAULT_METRIC_SETTINGS).counts // { raw: 3, nan: 1, nanRemoved: 1, nanReplaced: 0, outliersRemoved: 0, used: 2 }
 */
export function prepareSeries(raw: ArrayLike<number>, settings: MetricSettings): PreparedSeries {
  let nan = 0;
  for (let i = 0; i < raw.length; i++) if (Number.isNaN(raw[i])) nan++;
  // Without NaN a Float64Array is used as it is (nothing downstream writes to it): one copy less per side.
  const afterNaN =
    nan === 0 && raw instanceof Float64Array
      ? raw
      : settings.nanStrategy === 'replace'
        ? replaceNaN(raw, 0)
        : removeNaN(raw);
  const values =
    settings.outlierStrategy === 'remove' ? removeOutliersIQR(afterNaN, settings.outlierFactor, true) : afterNaN;
  return {
    values,
    counts: {
      raw: raw.length,
      nan,
      nanRemoved: settings.nanStrategy === 'replace' ? 0 : nan,
      nanReplaced: settings.nanStrategy === 'replace' ? nan : 0,
      outliersRemoved: afterNaN.length - values.length,
      used: values.length,
    },
  };
}
