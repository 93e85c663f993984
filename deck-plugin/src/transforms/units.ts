/**
 * Value axes with units: one display unit per axis, chosen from the data's size, and round 1–2–5 ticks in that unit,
 * so a latency axis reads `0 s, 0.5 s, 1 s, 1.5 s` instead of `0 ms … 1500 ms` (or `1.5k ms`). Time units (`ns`, `µs`,
 * `ms`, `s`) move along their ladder; every other unit keeps its word and takes `k`/`M`/`G` before it (`2.5k req/s`,
 * `1.5M bytes`), and `%` sticks to the number. Tooltips print in the axis's display unit with 3 significant digits,
 * so what you hover reads like the axis.
 * Reference: the metric's `unit` key (`shared/src/contract/kayenta.ts`, `CanaryMetricConfig.unit`); the tick rule is
 * Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990), as in `transforms/axes.ts`.
 */
import { formatAxisValue, valueTicks, type AxisTicks } from './axes';

/** Spellings people write for the same unit, mapped to the one printed (case-sensitive: `M` and `m` differ). */
const ALIASES: Readonly<Record<string, string>> = {
  percent: '%',
  pct: '%',
  nanoseconds: 'ns',
  us: 'µs',
  microseconds: 'µs',
  millis: 'ms',
  milliseconds: 'ms',
  sec: 's',
  secs: 's',
  seconds: 's',
  byte: 'bytes',
};

/** The time ladder: each unit and its size in seconds. */
const TIME_LADDER: ReadonlyArray<readonly [string, number]> = [
  ['ns', 1e-9],
  ['µs', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
];

/**
 * The printed form of a metric's unit: trimmed, common spellings unified (`percent` → `%`, `milliseconds` → `ms`,
 * `us` → `µs`, `seconds` → `s`); anything else is kept as written. Non-string or blank → ''.
 */
export function normalizeUnit(unit: unknown): string {
  if (typeof unit !== 'string') return '';
  const u = unit.trim();
  return ALIASES[u] ?? ALIASES[u.toLowerCase()] ?? u;
}

/** How an axis prints: values are divided by `divisor` and followed by `unit`. */
export interface DisplayScale {
  unit: string;
  divisor: number;
}

/**
 * The display unit for values up to `maxAbs` (in `unit`): a time unit moves to the largest ladder step in which
 * `maxAbs` is at least 1 (1500 ms → s; 0.002 s → ms), never past `s` or below `ns`; other units are kept
 * (divisor 1). `maxAbs` of 0 or non-finite keeps the unit.
 */
export function displayScale(unit: string, maxAbs: number): DisplayScale {
  const u = normalizeUnit(unit);
  const own = TIME_LADDER.find(([name]) => name === u);
  if (!own || !(maxAbs > 0) || !Number.isFinite(maxAbs)) return { unit: u, divisor: 1 };
  const seconds = maxAbs * own[1];
  let pick = TIME_LADDER[0] as readonly [string, number];
  for (const step of TIME_LADDER) if (seconds >= step[1] * (1 - 1e-12)) pick = step;
  return { unit: pick[0], divisor: Number((pick[1] / own[1]).toPrecision(12)) };
}

/** A value axis: ticks (in the data's unit, for the chart), and the text of a tick and of a tooltip value. */
export interface ValueAxis extends AxisTicks {
  /** The unit printed on the axis (after scaling). */
  displayUnit: string;
  /** The text of one tick (decimals of the step, in the display unit). */
  tick: (v: number) => string;
  /** The text of a hovered value: the axis's display unit, 3 significant digits; non-finite → N/A. */
  tooltip: (v: number) => string;
}

/**
 * Round ticks covering `[lo, hi]` (values in `unit`) with about `count` intervals, picked in the display unit so
 * the steps are round where they are read (`0.5 s`, not `500 ms` on a seconds axis). Ticks and domain come back in
 * the data's unit. Non-finite bounds → `[0, 1]` (see {@link valueTicks}).
 */
export function valueAxis(lo: number, hi: number, unit = '', count = 5): ValueAxis {
  const scale = displayScale(unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const { divisor, unit: shown } = scale;
  const scaled = valueTicks(lo / divisor, hi / divisor, count);
  const back = (v: number) => Number((v * divisor).toPrecision(12));
  return {
    ticks: scaled.ticks.map(back),
    domain: [back(scaled.domain[0]), back(scaled.domain[1])],
    step: back(scaled.step),
    displayUnit: shown,
    tick: (v) => formatAxisValue(v / divisor, shown, scaled.step),
    tooltip: (v) => formatAxisValue(v / divisor, shown),
  };
}

/** One value with its unit for tables and tooltips outside a chart: scaled on its own (1500 ms → `1.5 s`). */
export function formatWithUnit(v: number, unit = ''): string {
  const { divisor, unit: shown } = displayScale(unit, Math.abs(v));
  return formatAxisValue(v / divisor, shown);
}
