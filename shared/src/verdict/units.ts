/**
 * One unit per setting, wherever a person reads it: mean-ratio effect-size thresholds as a signed percent change
 * (stored 1.1 reads `+10 %`, 0.9 reads `−10 %`), CLES thresholds as a probability (`0.6`), and a change between two
 * means as a percent — or, on a near-zero baseline, as the two values and "near-zero baseline" instead of a
 * meaningless `+21750 %`. The stored value appears only in the stage JSON.
 * Reference: `docs/design/kayenta-judge.md` §2.3 (effect-size settings); Kayenta's `EffectSizes.scala` (mean ratio,
 * CLES).
 */
import { formatNumber } from '../judge/format-number';

/** The effect-size measure of a metric (`analysisConfigurations.canary.effectSize.measure`). */
export type EffectMeasure = 'meanRatio' | 'cles';

/** A change beyond this many percent is said to be on a near-zero baseline (a ratio above 11×). */
export const NEAR_ZERO_PERCENT_LIMIT = 1000;

const MINUS = '−';

function signed(x: number): string {
  const rounded = Math.abs(x) < 1e-9 ? 0 : x;
  const text = formatNumber(Math.abs(Number(rounded.toPrecision(6))));
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${text}` : `${MINUS}${text}`;
}

/**
 * A mean ratio as a signed percent change: `1.1` → `+10 %`, `0.9` → `−10 %`, `1` → `0 %`.
 *
 * @param ratio canary/baseline mean ratio (1 = no change); NaN → `NaN`
 * @returns the text, e.g. `+39 %`
 */
export function ratioAsPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'NaN';
  return `${signed((ratio - 1) * 100)} %`;
}

/**
 * A percent change typed by a person back to the stored mean ratio: `10` → `1.1`, `-10` → `0.9`.
 *
 * @param percent signed percent change
 * @returns the ratio (rounded to 12 significant digits so 10 % gives exactly 1.1)
 */
export function percentAsRatio(percent: number): number {
  return Number((1 + percent / 100).toPrecision(12));
}

/**
 * An effect-size threshold in the unit people read: a signed percent for the mean ratio, a probability for CLES.
 *
 * @param measure the metric's effect-size measure
 * @param value the stored threshold (mean ratio, or CLES probability in [0, 1])
 * @returns e.g. `+10 %` (mean ratio 1.1) or `probability 0.6` (CLES)
 */
export function formatEffectThreshold(measure: EffectMeasure, value: number): string {
  return measure === 'cles' ? `probability ${formatNumber(value)}` : ratioAsPercent(value);
}

/**
 * How the canary's statistic compares with the baseline's, for a sentence: `+39 %`, `−12 %`, `no change`, or on a
 * near-zero baseline (a change beyond {@link NEAR_ZERO_PERCENT_LIMIT} %, or a baseline of 0) the two values:
 * `43.5 vs 0.2 (near-zero baseline)`.
 *
 * @param canary canary statistic (e.g. mean), metric unit
 * @param baseline baseline statistic, same unit
 * @returns the comparison text (never a percent computed on a zero baseline)
 */
export function formatChange(canary: number, baseline: number): string {
  if (!Number.isFinite(canary) || !Number.isFinite(baseline)) {
    return `${formatNumber(canary)} vs ${formatNumber(baseline)}`;
  }
  if (canary === baseline) return 'no change';
  if (baseline === 0) return `${formatNumber(canary)} vs 0 (zero baseline)`;
  const percent = ((canary - baseline) / Math.abs(baseline)) * 100;
  if (Math.abs(percent) > NEAR_ZERO_PERCENT_LIMIT) {
    return `${formatNumber(canary)} vs ${formatNumber(baseline)} (near-zero baseline)`;
  }
  return `${signed(percent)} %`;
}
