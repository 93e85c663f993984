/**
 * Time-series chart data: baseline and canary aligned on elapsed minutes, canary − baseline differences, and
 * min/max downsampling for drawing only. `null` is a gap in a line; non-finite values are never drawn.
 */
import type { ReportSeries } from './report';

/** One row of a time-series chart: `t` = minutes since the side's window start; null = no point (gap). */
export interface TimeRow {
  t: number;
  baseline: number | null;
  canary: number | null;
}

/** Maximum points a chart draws per series before {@link downsampleMinMax} kicks in. */
export const MAX_DRAWN_POINTS = 400;

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * Aligns baseline and canary on minutes since each side's window start, so a baseline shifted by a baseline offset
 * overlays the canary. Rows are sorted by `t` (rounded to 1 ms); a side without a point at `t` gets null.
 * @param controlStartMs start of the baseline window (epoch ms); NaN → the series' first timestamp
 */
export function alignSeries(
  control: ReportSeries | undefined,
  experiment: ReportSeries | undefined,
  controlStartMs: number,
  experimentStartMs: number,
): TimeRow[] {
  const rows = new Map<number, TimeRow>();
  const add = (s: ReportSeries | undefined, startMs: number, key: 'baseline' | 'canary'): void => {
    if (!s || s.timestamps.length === 0) return;
    const origin = Number.isFinite(startMs) ? startMs : (s.timestamps[0] as number);
    s.timestamps.forEach((ts, i) => {
      const t = Math.round(ts - origin) / 60_000;
      const row = rows.get(t) ?? { t, baseline: null, canary: null };
      row[key] = finiteOrNull(s.values[i]);
      rows.set(t, row);
    });
  };
  add(control, controlStartMs, 'baseline');
  add(experiment, experimentStartMs, 'canary');
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * Min/max bucket downsampling for drawing only (statistics always use every point): rows are cut into
 * `floor(maxPoints / 4)` equal buckets and each bucket keeps the rows holding the min and max of each series, plus
 * its first row with a gap, in the original order. Peaks and gaps survive; the output has at most `maxPoints` rows
 * plus one per bucket with a gap. Inputs of at most `maxPoints` rows are returned as they are.
 */
export function downsampleMinMax(rows: readonly TimeRow[], maxPoints = MAX_DRAWN_POINTS): TimeRow[] {
  if (rows.length <= maxPoints) return [...rows];
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = rows.length / buckets;
  const out: TimeRow[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(rows.length, Math.floor((b + 1) * size));
    const keep = new Set<number>();
    for (const key of ['baseline', 'canary'] as const) {
      let lo = -1;
      let hi = -1;
      for (let i = from; i < to; i++) {
        const v = rows[i]![key];
        if (v === null) continue;
        if (lo < 0 || v < rows[lo]![key]!) lo = i;
        if (hi < 0 || v > rows[hi]![key]!) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
    for (let i = from; i < to; i++) {
      if (rows[i]!.baseline === null || rows[i]!.canary === null) {
        keep.add(i);
        break;
      }
    }
    for (const i of [...keep].sort((x, y) => x - y)) out.push(rows[i]!);
  }
  return out;
}

/** One point of the difference chart: canary − baseline at `t`, null where either side has no point. */
export interface DiffRow {
  t: number;
  diff: number | null;
}

/** Canary − baseline per aligned time point (Kayenta's "difference" view); gaps stay gaps. */
export function differenceRows(rows: readonly TimeRow[]): DiffRow[] {
  return rows.map((r) => ({ t: r.t, diff: r.baseline !== null && r.canary !== null ? r.canary - r.baseline : null }));
}

/** Series longer than this get a brush (range selector) under the time-series chart, like Kayenta's minimap. */
export const BRUSH_MIN_POINTS = 240;
