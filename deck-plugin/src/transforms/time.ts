/**
 * Time text for reports, in the reader's local time zone and labelled with it (`2026-01-05 15:30:00 GMT+5:30`), as
 * issue 13 asks: on-call engineers read windows against their own clock; the zone label keeps cross-region
 * comparisons possible, and UTC readers see `UTC`. Instants still to come read relative to now (`in 4 min`).
 * Every function takes an optional IANA `timeZone` (the browser's own when omitted) so tests can pin it.
 */

interface LocalParts {
  date: string;
  time: string;
  zone: string;
}

/** One formatter per zone and precision: building an `Intl.DateTimeFormat` costs far more than using one, and a
 * report formats two windows and an instant per interval. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar date, 24-hour time and short zone name of `ms` in `timeZone` (the runtime's own when undefined). */
function localParts(ms: number, timeZone: string | undefined, seconds: boolean): LocalParts {
  const key = `${timeZone ?? ''}|${seconds}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}${seconds ? `:${part('second')}` : ''}`;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time, zone: part('timeZoneName') };
}

/**
 * ISO instant → `2026-01-05 10:00:00 UTC` in the reader's zone; '—' for an empty or unparseable value.
 * @param iso an ISO-8601 instant.
 * @param timeZone IANA zone to print in (default: the runtime's).
 */
export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const p = localParts(t, timeZone, true);
  return `${p.date} ${p.time} ${p.zone}`;
}

/**
 * A window as `10:00–11:00 UTC (60 min)` on one day, or with both dates when it spans days (in the reader's zone);
 * '—' if unusable.
 * @param w the window's ISO-8601 start and end.
 * @param timeZone IANA zone to print in (default: the runtime's).
 */
export function formatWindow(w: { start: string; end: string }, timeZone?: string): string {
  const s = Date.parse(w.start);
  const e = Date.parse(w.end);
  if (Number.isNaN(s) || Number.isNaN(e)) return '—';
  const minutes = Math.round((e - s) / 60_000);
  const a = localParts(s, timeZone, false);
  const b = localParts(e, timeZone, false);
  const to = a.date === b.date ? b.time : `${b.date} ${b.time}`;
  return `${a.date} ${a.time}–${to} ${b.zone} (${minutes} min)`;
}

export { relativeTime } from '@canary-judge/shared';
