/**
 * Chart axes: round tick steps and the text of every tick and tooltip, so a chart never prints raw minutes
 * (`29.995683333333332m`) or odd values (`7.48`). The time axis shows elapsed time since the window start as
 * `m:ss` (spans under an hour) or `h:mm` at 1–2–5-like clock steps; value axes use 1–2–5 × 10^k steps with the
 * metric's unit. Tooltips use the same formatters as the ticks, so what you hover reads like the axis.
 * Reference: Heckbert, "Nice numbers for graph labels", Graphics Gems (1990) for the 1–2–5 rule; Kayenta's
 * `graph/semiotic/utils.ts` (spinnaker/deck-kayenta) for 3-significant-digit SI values.
 */

/** Elapsed tick steps in minutes: seconds, then minutes, then hours, each at clock-friendly multiples. */
export const TIME_STEPS_MINUTES: readonly number[] = [
  1 / 60,
  2 / 60,
  5 / 60,
  10 / 60,
  15 / 60,
  30 / 60,
  1,
  2,
  5,
  10,
  15,
  30,
  60,
  120,
  180,
  360,
  720,
  1440,
];

/** Ticks of an axis: the values and the domain they span (the domain is widened to whole steps for values). */
export interface AxisTicks {
  ticks: number[];
  domain: [number, number];
  step: number;
}

/**
 * Elapsed-time ticks for `[0, maxMinutes]`: the smallest clock step giving at most `maxTicks` ticks, starting at 0.
 * The domain stays `[0, maxMinutes]` (the data's end), so the last tick may fall short of it.
 * `maxMinutes` ≤ 0 or non-finite → one tick at 0.
 */
export function elapsedTicks(maxMinutes: number, maxTicks = 6): AxisTicks {
  if (!(maxMinutes > 0) || !Number.isFinite(maxMinutes)) return { ticks: [0], domain: [0, 1], step: 1 };
  const limit = Math.max(2, maxTicks);
  const step =
    TIME_STEPS_MINUTES.find((s) => Math.floor(maxMinutes / s + 1e-9) + 1 <= limit) ??
    Math.ceil(maxMinutes / (limit - 1) / 1440) * 1440;
  const ticks: number[] = [];
  for (let i = 0; i * step <= maxMinutes + 1e-9; i++) ticks.push(Number((i * step).toFixed(9)));
  return { ticks, domain: [0, maxMinutes], step };
}

/**
 * Elapsed minutes as clock text: `m:ss` when `spanMinutes` < 60 (e.g. 9.75 → `9:45`), else `h:mm` (e.g. 90 →
 * `1:30`). Seconds are rounded; negative values get a leading `-`.
 */
export function formatElapsed(minutes: number, spanMinutes: number): string {
  if (!Number.isFinite(minutes)) return 'N/A';
  const sign = minutes < 0 ? '-' : '';
  const totalSeconds = Math.round(Math.abs(minutes) * 60);
  if (spanMinutes < 60) {
    const m = Math.floor(totalSeconds / 60);
    return `${sign}${m}:${String(totalSeconds % 60).padStart(2, '0')}`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${sign}${Math.floor(totalMinutes / 60)}:${String(totalMinutes % 60).padStart(2, '0')}`;
}

/** The 1–2–5 × 10^k step closest above `raw` (raw > 0). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return Number((m * base).toPrecision(12));
}

/**
 * Round value ticks covering `[lo, hi]`: a 1–2–5 step giving about `count` intervals, the domain widened to whole
 * steps. `lo === hi` → a step around the value; non-finite input → `[0, 1]`.
 */
export function valueTicks(lo: number, hi: number, count = 5): AxisTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], domain: [0, 1], step: 1 };
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (a === b) {
    const pad = a === 0 ? 1 : Math.abs(a) * 0.1;
    a -= pad;
    b += pad;
  }
  const step = niceStep((b - a) / Math.max(1, count));
  const start = Math.floor(a / step + 1e-9) * step;
  const end = Math.ceil(b / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start, i = 0; v <= end + step * 1e-9 && i < 100; i++, v = start + i * step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return { ticks, domain: [ticks[0] as number, ticks[ticks.length - 1] as number], step };
}

/** Decimals needed to print multiples of `step` exactly (0.25 → 2, 5 → 0, 0.1 → 1), at most 6. */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d <= 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * scaled) return d;
  }
  return 6;
}

/**
 * A value with its unit for ticks and tooltips. With `step` (an axis step) the value is printed with the decimals
 * of the step and thousands as `k`/`M`/`G` when the step allows (`2500` step 500 → `2.5k`); without a step, 3
 * significant digits. The unit follows after a thin space, except `%` which sticks to the number. Non-finite → N/A.
 */
export function formatAxisValue(v: number, unit = '', step?: number): string {
  if (!Number.isFinite(v)) return 'N/A';
  const text = step === undefined ? significant(v) : withStep(v, step);
  if (unit === '') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

function significant(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

function withStep(v: number, step: number): string {
  for (const [div, suffix] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (step >= div / 10 && Math.abs(v) >= div) return `${(v / div).toFixed(stepDecimals(step / div))}${suffix}`;
  }
  const text = v.toFixed(stepDecimals(step));
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}
