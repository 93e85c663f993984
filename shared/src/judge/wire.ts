/**
 * Numbers on Kayenta's wire: Jackson writes a NaN double as the string `"NaN"`.
 * Reference: `docs/design/kayenta-judge.md` §10; `shared/src/contract/kayenta.ts` (`WireNumber`).
 */
import type { SeriesStats, WireNumber } from '../contract/kayenta';
import type { SeriesSummary } from '../stats';
import { scalaImmutableMapOrder } from './scala-order';

/**
 * Converts a double to its wire form: finite numbers unchanged, NaN as `"NaN"`. ±Infinity (only from overflowing
 * arithmetic on values near 1e308, or a ratio of extreme means) is also written `"NaN"`: the contract has no
 * infinity (Kayenta would write `"Infinity"`; listed in `shared/KAYENTA-DIFFERENCES.md`).
 *
 * Negative zero is written as 0, as `JSON.stringify` would anyway (Kayenta writes `-0.0`).
 *
 * @param x Any double.
 * @returns `x` (−0 as 0) or `"NaN"`.
 */
export function toWireNumber(x: number): WireNumber {
  if (x === 0) return 0;
  return Number.isFinite(x) ? x : 'NaN';
}

/**
 * Reads a wire number back: `"NaN"` → NaN, numbers unchanged.
 *
 * @param x A wire number.
 * @returns The double.
 */
export function fromWireNumber(x: WireNumber): number {
  return x === 'NaN' ? NaN : x;
}

/** The stats keys in the order Kayenta writes them (its Scala map's iteration order): count, mean, min, std, max. */
export const STATS_KEY_ORDER = scalaImmutableMapOrder([
  'count',
  'mean',
  'min',
  'max',
  'std',
]) as readonly (keyof SeriesStats)[];

/**
 * Builds `experimentMetadata.stats` / `controlMetadata.stats` from a series summary, keys in Kayenta's order.
 *
 * @param s Count, mean, min, max and sample std of the transformed series (all 0 for an empty series).
 * @returns The wire stats object.
 */
export function toWireStats(s: SeriesSummary): SeriesStats {
  const values: SeriesStats = {
    count: s.count,
    mean: toWireNumber(s.mean),
    min: toWireNumber(s.min),
    max: toWireNumber(s.max),
    std: toWireNumber(s.std),
  };
  const out: Record<string, unknown> = {};
  for (const k of STATS_KEY_ORDER) out[k] = values[k];
  return out as unknown as SeriesStats;
}
