/** Number formatting for chart axes, labels and tables. */

/** Short number text for axes and labels: 3 significant digits, SI suffixes k/M/G, "N/A" for non-finite. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return 'N/A';
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}
