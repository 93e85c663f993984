/**
 * A human-readable HTML rendering of a judgment report, for people who open `reportUrl` in a browser (Deck's stock
 * webhook view makes the URL in `message` clickable). Pure: report JSON in, one self-contained HTML page out (no
 * external assets; a running judgment's page reloads itself every 15 s); every text is HTML-escaped. Times are
 * written in UTC inside `<time datetime>` elements; one small inline script ({@link LOCAL_TIME_SCRIPT}, allowed by
 * its hash in the page's Content-Security-Policy and nothing else) rewrites them into the reader's local time, so
 * without scripts the page still reads correctly in UTC. The JSON report stays the machine interface.
 */
import { createHash } from 'node:crypto';
import { relativeTime, scoreBands } from '@canary-judge/shared';
import type { JudgmentReport } from '@canary-judge/shared';

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
 * An instant for people: `2024-05-01 12:10 UTC (in 4 min)` / `(12 min ago)`. The page runs no scripts, so the time
 * zone is UTC, said so, with the distance from the page's rendering time.
 * @param iso an ISO-8601 instant
 * @param nowMs when the page is rendered, epoch ms
 */
export function whenText(iso: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const text = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${text} (${relativeTime(iso, nowMs)})`;
}

/**
 * An instant as a `<time>` element: the UTC text of {@link whenText} (escaped), which {@link LOCAL_TIME_SCRIPT}
 * turns into the reader's local time. An unparseable instant is plain escaped text.
 */
export function timeHtml(iso: string, nowMs: number): string {
  const text = escapeHtml(whenText(iso, nowMs));
  return Number.isFinite(Date.parse(iso)) ? `<time datetime="${escapeHtml(iso)}">${text}</time>` : text;
}

/**
 * The page's only script: rewrites the `YYYY-MM-DD HH:mm UTC` start of every `<time datetime>` into the reader's
 * local `YYYY-MM-DD HH:mm <zone>` (the "in 4 min" part stays), keeps the UTC instant as the tooltip, and says which
 * zone the page shows. Runs once, reads nothing else, sends nothing.
 */
export const LOCAL_TIME_SCRIPT =
  '(function(){var f=new Intl.DateTimeFormat(undefined,{year:"numeric",month:"2-digit",day:"2-digit",' +
  'hour:"2-digit",minute:"2-digit",hourCycle:"h23",timeZoneName:"short"});' +
  'function t(d){var p={};f.formatToParts(d).forEach(function(x){p[x.type]=x.value});' +
  'return p.year+"-"+p.month+"-"+p.day+" "+p.hour+":"+p.minute+" "+p.timeZoneName}' +
  'document.querySelectorAll("time[datetime]").forEach(function(e){var d=new Date(e.getAttribute("datetime"));' +
  'if(isNaN(d.getTime()))return;e.title=d.toISOString();' +
  'e.textContent=e.textContent.replace(/^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC/,t(d))});' +
  'var z=document.getElementById("cj-tz");' +
  'if(z)z.textContent="Times in your time zone ("+Intl.DateTimeFormat().resolvedOptions().timeZone+")."})();';

/** The CSP source that allows exactly {@link LOCAL_TIME_SCRIPT} (`'sha256-…'`, CSP Level 2 hash source). */
export const LOCAL_TIME_SCRIPT_CSP = `'sha256-${createHash('sha256').update(LOCAL_TIME_SCRIPT, 'utf8').digest('base64')}'`;

/** The report page's Content-Security-Policy: nothing loads; inline styles and the local-time script only. */
export const REPORT_HTML_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${LOCAL_TIME_SCRIPT_CSP}`;

/** Score per interval against the bands, as an inline SVG (the Deck view's trend chart, without scripts). */
export function trendChart(scores: Array<number | null>, thresholds: { pass: number; marginal: number }): string {
  const w = 360;
  const h = 80;
  const n = Math.max(1, scores.length);
  const x = (i: number) => (n === 1 ? w / 2 : 10 + (i / (n - 1)) * (w - 20));
  const y = (v: number) => h - 4 - (Math.max(0, Math.min(100, v)) / 100) * (h - 8);
  const band = (from: number, to: number, colour: string) =>
    `<rect x="0" width="${w}" y="${y(to).toFixed(1)}" height="${(y(from) - y(to)).toFixed(1)}" fill="${colour}"/>`;
  const dots = scores
    .map((s, i) =>
      s === null
        ? ''
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(s).toFixed(1)}" r="4" fill="#222"><title>interval ${i + 1}: ${num(s)}</title></circle>`,
    )
    .join('');
  return (
    `<svg role="img" aria-label="score per interval against the bands" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `${band(0, thresholds.marginal, '#fbe0e0')}${band(thresholds.marginal, thresholds.pass, '#fff1c2')}` +
    `${band(thresholds.pass, 100, '#dcf3e2')}${dots}</svg>`
  );
}

/**
 * Renders the report as an HTML page.
 * @param report the JSON report (`GET …/report`)
 * @param nowMs when the page is rendered (for "in 4 min"), epoch ms; default the wall clock
 * @returns a complete HTML document
 */
export function renderReportHtml(report: JudgmentReport, nowMs: number = Date.now()): string {
  const j = report.judgment;
  const e = escapeHtml;
  const req = report.request;
  const scope = (s: string, loc: string | undefined) => `${e(s)}${loc ? ` in ${e(loc)}` : ''}`;
  const ref = req.canaryConfigRef;
  const configText = ref
    ? `shared config <strong>${e(ref.name)}</strong> version ${e(String(ref.version))}` +
      (req.canaryConfig?.name && req.canaryConfig.name !== ref.name ? ` (${e(req.canaryConfig.name)})` : '')
    : `config ${e(req.canaryConfig?.name ?? '(unnamed)')} (inline in the stage)`;
  const named = Object.entries(req.namedScopes ?? {});
  const scopeRow = (
    name: string,
    s: { controlScope: string; experimentScope: string; controlLocation?: string; experimentLocation?: string },
  ) =>
    `<tr><td>${e(name)}</td><td>${e(s.controlScope)}</td><td>${e(s.controlLocation ?? '')}</td>` +
    `<td>${e(s.experimentScope)}</td><td>${e(s.experimentLocation ?? '')}</td></tr>`;
  const scopesTable = named.length
    ? `<table class="scopes"><caption>Scopes (a metric's scopeName picks its pair)</caption><thead><tr><th>scope</th>` +
      `<th>baseline scope</th><th>baseline location</th><th>canary scope</th><th>canary location</th></tr></thead>` +
      `<tbody>${scopeRow('default', req.scopes)}${named.map(([n, s]) => scopeRow(n, s)).join('')}</tbody></table>`
    : '';
  // The metric's display unit (canaryConfig.metrics[].unit) after its means: "%" sticks, others after a space.
  const units = new Map((req.canaryConfig?.metrics ?? []).map((m) => [m.name, m.unit?.trim() ?? '']));
  const unitOf = (name: string) => {
    const u = units.get(name) ?? '';
    return u === '' ? '' : u === '%' ? '%' : ` ${e(u)}`;
  };
  const metricScope = new Map((req.canaryConfig?.metrics ?? []).map((m) => [m.name, m.scopeName ?? 'default']));
  const bands = scoreBands(j.thresholds)
    .map((b) => e(b.label))
    .join(' · ');
  const verdict = j.verdict ?? (j.status === 'RUNNING' ? 'RUNNING' : j.status === 'CANCELED' ? 'CANCELED' : 'ERROR');
  const unjudged = j.status === 'CANCELED' ? 'CANCELED' : 'not judged (the judgment ended)';
  const state = (s: string) => (j.status !== 'RUNNING' && (s === 'PENDING' || s === 'CLAIMED') ? unjudged : s);
  const intervals = report.intervals
    .map((i) => {
      const result = (i.result ?? null) as {
        results?: MetricRow[];
        groupScores?: Array<{ name: string; score: number; noData?: boolean }>;
      } | null;
      const groups = (result?.groupScores ?? [])
        .map((g) => `<li>${e(g.name)}: ${g.noData ? 'no data' : num(g.score)}</li>`)
        .join('');
      const series = (i.series ?? {}) as Record<string, SeriesPair>;
      const rows = (result?.results ?? [])
        .map(
          (m) =>
            `<tr><td>${e(m.name)}${named.length ? `<br><span class="muted">scope ${e(metricScope.get(m.name) ?? 'default')}</span>` : ''}</td><td class="c-${e(m.classification ?? '')}">${e(m.classification ?? '')}</td>` +
            `<td>${num(m.controlMetadata?.stats?.mean)}${unitOf(m.name)} (n=${m.controlMetadata?.stats?.count ?? 0})</td>` +
            `<td>${num(m.experimentMetadata?.stats?.mean)}${unitOf(m.name)} (n=${m.experimentMetadata?.stats?.count ?? 0})</td>` +
            `<td>${e(m.canaryJudge?.explanation ?? m.classificationReason ?? '')}</td>` +
            `<td>${series[m.name] ? sparkline(series[m.name] as SeriesPair) : ''}</td></tr>`,
        )
        .join('');
      const head =
        `<h3>Interval ${i.index}: ${e(state(i.state))}${i.score === null ? '' : ` — score ${num(i.score)} (${e(i.outcome ?? '')})`}</h3>` +
        `<p class="muted">canary ${timeHtml(i.experimentWindow.start, nowMs)} → ${timeHtml(i.experimentWindow.end, nowMs)}; baseline ` +
        `${timeHtml(i.controlWindow.start, nowMs)} → ${timeHtml(i.controlWindow.end, nowMs)}; ` +
        `${i.state === 'DONE' || i.state === 'FAILED' ? '' : `due ${timeHtml(i.dueAt, nowMs)}; `}attempts ${i.attempts}` +
        `${i.error ? `; <strong>${e(i.error.code)}</strong>: ${e(i.error.message)}` : ''}</p>` +
        (groups ? `<p>Group scores:</p><ul class="groups">${groups}</ul>` : '');
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
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:600}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
.muted{color:#666;font-size:.85rem}.verdict{font-size:1.6rem;font-weight:600}
.v-PASS,.c-Pass{color:#1a7f37}.v-MARGINAL{color:#9a6700}.v-FAIL,.v-ERROR,.c-High,.c-Low,.c-NodataFailMetric,.c-Error{color:#cf222e}
</style></head><body>
<p class="verdict v-${e(verdict)}">${e(verdict)}${j.score === null ? '' : ` — score ${num(j.score)}`}</p>
<p>${e(j.message)}</p>
<p class="muted">judgment ${e(j.judgmentKey)} · status ${e(j.status)} · ${bands}
· interval scores [${j.intervalScores.map((s) => num(s)).join(', ')}] of ${j.intervalsPlanned}
· ${configText} · source ${e(req.metricSource)}
· baseline ${scope(req.scopes.controlScope, req.scopes.controlLocation)}
· canary ${scope(req.scopes.experimentScope, req.scopes.experimentLocation)} · <a href="?format=json">JSON</a></p>
${scopesTable}
<p id="cj-tz" class="muted">Times in UTC.</p>
${trendChart(
  report.intervals.map((i) => i.score),
  j.thresholds,
)}
${j.warnings.length ? `<ul>${j.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : ''}
${intervals}
<script>${LOCAL_TIME_SCRIPT}</script>
</body></html>
`;
}
