/**
 * A human-readable HTML rendering of a judgment report, for people who open `reportUrl` in a browser (Deck's stock
 * webhook view makes the URL in `message` clickable). Pure: report JSON in, one self-contained HTML page out (no
 * scripts, no external assets; a running judgment's page reloads itself every 15 s); every text is HTML-escaped.
 * The JSON report stays the machine interface.
 */
import type { JudgmentReport } from '../lifecycle/service';

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

interface MetricRow {
  name: string;
  classification?: string;
  classificationReason?: string;
  controlMetadata?: { stats?: { count?: number; mean?: number | string } };
  experimentMetadata?: { stats?: { count?: number; mean?: number | string } };
  canaryJudge?: { explanation?: string };
}

interface SeriesPair {
  control?: { timestamps?: number[]; values?: Array<number | string> };
  experiment?: { timestamps?: number[]; values?: Array<number | string> };
}

function num(v: unknown, digits = 2): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v * 10 ** digits) / 10 ** digits) : '–';
}

/** An inline SVG line chart of the baseline (grey) and canary (orange) series; empty sides are simply absent. */
export function sparkline(pair: SeriesPair, width = 360, height = 60): string {
  const pts = (s: SeriesPair['control']) =>
    (s?.timestamps ?? [])
      .map((t, i) => [t, s?.values?.[i]] as const)
      .filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
  const c = pts(pair.control);
  const x = pts(pair.experiment);
  const all = [...c, ...x];
  if (all.length === 0) return '<span class="muted">no data</span>';
  const t0 = Math.min(...all.map((p) => p[0]));
  const t1 = Math.max(...all.map((p) => p[0]));
  const v0 = Math.min(...all.map((p) => p[1]));
  const v1 = Math.max(...all.map((p) => p[1]));
  const sx = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const sy = (v: number) => (v1 === v0 ? height / 2 : height - 2 - ((v - v0) / (v1 - v0)) * (height - 4));
  const line = (p: ReadonlyArray<readonly [number, number]>, colour: string, label: string) =>
    p.length === 0
      ? ''
      : `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${p
          .map(([t, v]) => `${sx(t).toFixed(1)},${sy(v).toFixed(1)}`)
          .join(' ')}"><title>${label}</title></polyline>`;
  return (
    `<svg role="img" aria-label="baseline and canary series" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">${line(c, '#7a7a7a', 'baseline')}${line(x, '#e8710a', 'canary')}</svg>`
  );
}

/**
 * Renders the report as an HTML page.
 * @param report the JSON report (`GET …/report`)
 * @returns a complete HTML document
 */
export function renderReportHtml(report: JudgmentReport): string {
  const j = report.judgment;
  const e = escapeHtml;
  const verdict = j.verdict ?? (j.status === 'RUNNING' ? 'RUNNING' : j.status === 'CANCELED' ? 'CANCELED' : 'ERROR');
  const intervals = report.intervals
    .map((i) => {
      const result = (i.result ?? null) as { results?: MetricRow[] } | null;
      const series = (i.series ?? {}) as Record<string, SeriesPair>;
      const rows = (result?.results ?? [])
        .map(
          (m) =>
            `<tr><td>${e(m.name)}</td><td class="c-${e(m.classification ?? '')}">${e(m.classification ?? '')}</td>` +
            `<td>${num(m.controlMetadata?.stats?.mean)} (n=${m.controlMetadata?.stats?.count ?? 0})</td>` +
            `<td>${num(m.experimentMetadata?.stats?.mean)} (n=${m.experimentMetadata?.stats?.count ?? 0})</td>` +
            `<td>${e(m.canaryJudge?.explanation ?? m.classificationReason ?? '')}</td>` +
            `<td>${series[m.name] ? sparkline(series[m.name] as SeriesPair) : ''}</td></tr>`,
        )
        .join('');
      const head =
        `<h3>Interval ${i.index}: ${e(i.state)}${i.score === null ? '' : ` — score ${num(i.score)} (${e(i.outcome ?? '')})`}</h3>` +
        `<p class="muted">canary ${e(i.experimentWindow.start)} → ${e(i.experimentWindow.end)}; baseline ` +
        `${e(i.controlWindow.start)} → ${e(i.controlWindow.end)}; due ${e(i.dueAt)}; attempts ${i.attempts}` +
        `${i.error ? `; <strong>${e(i.error.code)}</strong>: ${e(i.error.message)}` : ''}</p>`;
      const table = rows
        ? `<table><thead><tr><th>metric</th><th>classification</th><th>baseline mean</th><th>canary mean</th>` +
          `<th>why</th><th>series (grey baseline, orange canary)</th></tr></thead><tbody>${rows}</tbody></table>`
        : '';
      return `<section>${head}${table}</section>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${j.status === 'RUNNING' ? '<meta http-equiv="refresh" content="15">' : ''}<title>${e(verdict)} — ${e(j.judgmentKey)} — Canary Judge</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
.muted{color:#666;font-size:.85rem}.verdict{font-size:1.6rem;font-weight:600}
.v-PASS,.c-Pass{color:#1a7f37}.v-MARGINAL{color:#9a6700}.v-FAIL,.v-ERROR,.c-High,.c-Low,.c-NodataFailMetric,.c-Error{color:#cf222e}
</style></head><body>
<p class="verdict v-${e(verdict)}">${e(verdict)}${j.score === null ? '' : ` — score ${num(j.score)}`}</p>
<p>${e(j.message)}</p>
<p class="muted">judgment ${e(j.judgmentKey)} · status ${e(j.status)} · thresholds pass ${num(j.thresholds.pass)}, marginal
${num(j.thresholds.marginal)} · interval scores [${j.intervalScores.map((s) => num(s)).join(', ')}] of ${j.intervalsPlanned}
· source ${e(report.request.metricSource)} · baseline ${e(report.request.scopes.controlScope)} · canary
${e(report.request.scopes.experimentScope)} · <a href="?format=json">JSON</a></p>
${j.warnings.length ? `<ul>${j.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : ''}
${intervals}
</body></html>
`;
}
