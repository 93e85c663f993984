/**
 * The time axis of the report's charts in one of two modes: elapsed time since the window start (`m:ss` / `h:mm`,
 * the default) or clock time (`HH:mm` in the viewer's time zone, `HH:mm:ss` for steps under a minute), with ticks at
 * round clock times (10:05, 10:10, …, not 10:03:17 + 5 min). Chart rows keep `t` = minutes since the window start
 * (`transforms/timeSeries.ts`); clock mode adds the canary window's start. Tooltips use the same text as the ticks.
 * Reference: `transforms/axes.ts` for the elapsed steps; `Intl.DateTimeFormat` (ECMA-402) for the zone's clock.
 */
import { TIME_STEPS_MINUTES, elapsedTicks, formatElapsed, type AxisTicks } from './axes';

/** Which time the axis shows. */
export type TimeMode = 'elapsed' | 'clock';

/** The time modes, for the results-view toggle (value and label). */
export const TIME_MODES: ReadonlyArray<{ value: TimeMode; label: string }> = [
  { value: 'elapsed', label: 'Elapsed (m:ss)' },
  { value: 'clock', label: 'Clock time (local)' },
];

/** How a chart's time axis reads: the mode and the canary window's start (epoch ms) that clock mode adds to `t`. */
export interface ChartTime {
  mode: TimeMode;
  startMs: number;
  /** IANA zone for clock mode; absent = the viewer's own (tests pin one). */
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function clockFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** Hours, minutes and seconds (with the millisecond fraction) of an instant on the zone's clock. */
function clockParts(ms: number, timeZone: string | undefined): { h: number; m: number; s: number } {
  const parts = clockFormat(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const frac = (((ms % 1000) + 1000) % 1000) / 1000;
  return { h: get('hour') % 24, m: get('minute'), s: get('second') + frac };
}

/**
 * Clock text of an instant: `HH:mm`, or `HH:mm:ss` with `seconds`. `timeZone` is an IANA zone (tests, the full
 * report); absent = the viewer's own zone. Non-finite → 'N/A'.
 */
export function formatClock(ms: number, seconds = false, timeZone?: string): string {
  if (!Number.isFinite(ms)) return 'N/A';
  const { h, m, s } = clockParts(ms, timeZone);
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return seconds ? `${hm}:${String(Math.floor(s)).padStart(2, '0')}` : hm;
}

/**
 * Ticks at round clock times over `[0, spanMinutes]` minutes after `startMs`: the smallest clock step (as for elapsed
 * ticks) giving at most `maxTicks` ticks, the first tick at the first multiple of the step on the zone's clock at or
 * after the start (a 30-min step lands on :00 and :30 in every zone, also those offset by 30 or 45 min). Ticks are
 * minutes since `startMs`. A daylight-saving change inside the window shifts later ticks by its size (rare in a
 * canary window; the tick text is still the true clock time). Bad input → elapsed ticks.
 */
export function clockTicks(startMs: number, spanMinutes: number, maxTicks = 6, timeZone?: string): AxisTicks {
  const elapsed = elapsedTicks(spanMinutes, maxTicks);
  if (!Number.isFinite(startMs) || elapsed.ticks.length < 2) return elapsed;
  const { h, m, s } = clockParts(startMs, timeZone);
  const dayMinutes = h * 60 + m + s / 60;
  const limit = Math.max(2, maxTicks);
  const count = (step: number, first: number) => Math.floor((spanMinutes - first) / step + 1e-9) + 1;
  const firstFor = (step: number) => {
    const f = Math.ceil(dayMinutes / step - 1e-9) * step - dayMinutes;
    return Math.abs(f) < 1e-9 ? 0 : f;
  };
  const step =
    TIME_STEPS_MINUTES.find((st) => st <= 1440 && count(st, firstFor(st)) <= limit) ??
    (TIME_STEPS_MINUTES[TIME_STEPS_MINUTES.length - 1] as number);
  const first = firstFor(step);
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= spanMinutes + 1e-9 && i < 100; i++) {
    ticks.push(Number((first + i * step).toFixed(9)));
  }
  return { ticks, domain: [0, spanMinutes], step };
}

/** A time axis: ticks (minutes since the window start), the text of a tick and of a tooltip title. */
export interface TimeAxis extends AxisTicks {
  mode: TimeMode;
  tick: (t: number) => string;
  tooltip: (t: number) => string;
}

/**
 * The time axis for rows spanning `[0, spanMinutes]`. Elapsed: `m:ss`/`h:mm` ticks, tooltip `9:45 elapsed`. Clock
 * (needs a finite `startMs`, else elapsed): `HH:mm` ticks (`HH:mm:ss` below a 1-min step), tooltip
 * `10:09:45 (9:45 elapsed)`.
 */
export function timeAxis(
  spanMinutes: number,
  mode: TimeMode = 'elapsed',
  startMs = Number.NaN,
  timeZone?: string,
): TimeAxis {
  const elapsedText = (t: number) => formatElapsed(t, spanMinutes);
  if (mode === 'clock' && Number.isFinite(startMs)) {
    const x = clockTicks(startMs, spanMinutes, 6, timeZone);
    const at = (t: number) => startMs + t * 60_000;
    return {
      ...x,
      mode,
      tick: (t) => formatClock(at(t), x.step < 1, timeZone),
      tooltip: (t) => `${formatClock(at(t), true, timeZone)} (${elapsedText(t)} elapsed)`,
    };
  }
  const x = elapsedTicks(spanMinutes);
  return { ...x, mode: 'elapsed', tick: elapsedText, tooltip: (t) => `${elapsedText(t)} elapsed` };
}
