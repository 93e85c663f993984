/**
 * The human report of one judge result (`--format table`): the verdict by Orca's rule (a score at or below marginal
 * fails) with the score bands, the metric behind it, group scores, then each metric — failing ones first — with
 * its classification, reason and numbers. Pure: result in, text out.
 */
import {
  scoreBands,
  verdictHeadline,
  verdictOfScore,
  type CanaryAnalysisResult,
  type CanaryJudgeResult,
  type RemoteJudgeRequest,
  type SummaryClassification,
  type WireNumber,
} from '@canary-judge/shared';

const VERDICT: Record<SummaryClassification, string> = { Pass: 'PASS', Marginal: 'MARGINAL', Fail: 'FAIL' };

/** Failing metrics first: critical failures, then High/Low/NodataFailMetric, Nodata/Error, and passes last. */
function failingFirst(results: readonly CanaryAnalysisResult[]): CanaryAnalysisResult[] {
  const rank = (r: CanaryAnalysisResult) =>
    r.classification === 'Pass'
      ? 4
      : r.critical
        ? 0
        : r.classification === 'High' || r.classification === 'Low' || r.classification === 'NodataFailMetric'
          ? 1
          : 2 + (r.muted ? 1 : 0);
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/**
 * A number for reading: integers as they are, others with 4 significant digits; `"NaN"`/null/undefined as given.
 *
 * @param x - a wire number, null or undefined
 * @returns the text (`-` for null/undefined)
 * @example formatNumber(2.0675587089381087) // '2.068'
 */
export function formatNumber(x: WireNumber | null | undefined): string {
  if (x === null || x === undefined) return '-';
  if (x === 'NaN' || Number.isNaN(x)) return 'NaN';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

/**
 * Lay out rows as left-aligned columns separated by two spaces (the last column is not padded).
 *
 * @param rows - header first; every row has the same number of cells
 * @returns the lines
 */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function metricLabel(r: CanaryAnalysisResult): string {
  const tags = Object.entries(r.tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return tags ? `${r.name}{${tags}}` : r.name;
}

function flags(r: CanaryAnalysisResult): string {
  return [r.critical ? 'critical' : '', r.muted ? 'muted' : ''].filter(Boolean).join(',') || '-';
}

/** The numbers line under a metric: sample sizes, means, ratio, and the interval unless an explanation gives it. */
function detailLine(r: CanaryAnalysisResult): string {
  const c = r.controlMetadata.stats;
  const e = r.experimentMetadata.stats;
  const parts = [
    `baseline n=${c.count} mean=${formatNumber(c.mean)}`,
    `canary n=${e.count} mean=${formatNumber(e.mean)}`,
  ];
  if (r.resultMetadata) parts.push(`ratio=${formatNumber(r.resultMetadata.ratio)}`);
  const d = r.canaryJudge;
  if (d && !d.explanation) {
    if (d.ciLower !== null && d.ciUpper !== null) {
      parts.push(
        `${Math.round(d.confidenceLevel * 100)}% CI of shift [${formatNumber(d.ciLower)}, ${formatNumber(d.ciUpper)}]`,
      );
    }
    if (d.lowerBound !== null && d.upperBound !== null) {
      parts.push(`bounds [${formatNumber(d.lowerBound)}, ${formatNumber(d.upperBound)}]`);
    }
  }
  return parts.join(' · ');
}

/**
 * Render the report for one judge result.
 *
 * @param request - the request that was judged (for the thresholds and group weights)
 * @param result - the judge's result
 * @returns multi-line text ending with a newline
 */
export function formatTable(request: RemoteJudgeRequest, result: CanaryJudgeResult): string {
  const { score } = result;
  const t = request.scoreThresholds;
  const lines: string[] = [];
  const verdict = verdictOfScore(score.score, t);
  const kayenta = VERDICT[score.classification] ?? score.classification;
  lines.push(
    `Verdict: ${verdict}${kayenta === verdict ? '' : ` (Orca's rule; Kayenta's summary says ${score.classification})`}`,
  );
  lines.push(
    `Score:   ${score.score} (${scoreBands(t)
      .map((b) => b.label)
      .join(' · ')})`,
  );
  if (score.classificationReason) lines.push(`Reason:  ${score.classificationReason}`);
  lines.push(
    `Why:     ${verdictHeadline({ verdict, score: score.score, thresholds: t, result, config: request.canaryConfig })}`,
  );
  lines.push(`Judge:   ${result.judgeName}`);
  lines.push('');

  const weights = request.canaryConfig.classifier?.groupWeights ?? {};
  lines.push('Groups');
  const groupRows = [...result.groupScores]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((g) => [
      g.name,
      g.noData ? 'no data' : formatNumber(g.score),
      g.name in weights ? String(weights[g.name]) : '-',
    ]);
  lines.push(...columns([['group', 'score', 'weight'], ...groupRows]).map((l) => `  ${l}`));
  lines.push('');

  lines.push('Metrics');
  const header = ['metric', 'classification', 'flags', 'reason'];
  const ordered = failingFirst(result.results);
  const rows = ordered.map((r) => [metricLabel(r), r.classification, flags(r), r.classificationReason ?? '']);
  const laid = columns([header, ...rows]);
  lines.push(`  ${laid[0] ?? ''}`);
  ordered.forEach((r, i) => {
    lines.push(`  ${laid[i + 1] ?? ''}`);
    lines.push(`      ${detailLine(r)}`);
    if (r.canaryJudge?.explanation) lines.push(`      ${r.canaryJudge.explanation}`);
  });
  return `${lines.join('\n')}\n`;
}
