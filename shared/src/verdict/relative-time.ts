/**
 * How far an instant is from now, in the words the results view and the HTML report share (`in 4 min`, `12 min ago`).
 */

/**
 * How far an instant is from now, for people: `in 4 min`, `12 min ago`, `in 3 h`, `now` (under half a minute);
 * '' for an unparseable value. Minutes up to 119, then whole hours.
 * @param iso an ISO-8601 instant.
 * @param nowMs the current time, epoch ms.
 * @example relativeTime('2026-01-05T10:04:00Z', Date.parse('2026-01-05T10:00:00Z')) // 'in 4 min'
 */
export function relativeTime(iso: string, nowMs: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const minutes = Math.round((t - nowMs) / 60_000);
  if (minutes === 0) return 'now';
  const size = Math.abs(minutes);
  const span = size >= 120 ? `${Math.round(size / 60)} h` : `${size} min`;
  return minutes > 0 ? `in ${span}` : `${span} ago`;
}
