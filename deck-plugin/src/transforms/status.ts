/**
 * Status → colour, icon and words, as exhaustive typed records: adding a verdict or classification fails to compile
 * until it is styled (style.md habit 9). Colours come from the Okabe–Ito palette, which stays distinguishable with
 * the common colour-vision deficiencies (https://jfly.uni-koeln.de/color/); every status also has an icon and a
 * word, so colour is never the only cue (WCAG 2.2 SC 1.4.1).
 */
import { verdictOfScore } from '@canary-judge/shared';
import type { MetricClassification } from '@canary-judge/shared';

/** What the results view shows for a whole judgment. */
export type DisplayStatus = 'PASS' | 'MARGINAL' | 'FAIL' | 'RUNNING' | 'ERROR' | 'CANCELED' | 'NOT_STARTED';

/** How one status looks: text colour on `background`, an icon character and a short label. */
export interface StatusStyle {
  label: string;
  icon: string;
  color: string;
  background: string;
}

/** Okabe–Ito colours used across the plugin. */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  vermillion: '#D55E00',
  green: '#009E73',
  skyBlue: '#56B4E9',
  yellow: '#F0E442',
  purple: '#CC79A7',
  grey: '#6b6b6b',
} as const;

/**
 * Colour of chart text the plugin draws itself (legend labels, axis and band labels): #4d4d4d is 8.4:1 on white and
 * stays above 4.5:1 on the light band tints, where recharts' default label grey (#808080) is 3.9:1 and a legend in
 * the canary's vermillion 3.9:1 (WCAG 2.2 SC 1.4.3). Series keep their colours on the lines and the legend swatches.
 */
export const CHART_TEXT = '#4d4d4d';

/** Series colours: baseline blue, canary vermillion (Kayenta uses blue/red, which many cannot tell apart). */
export const SERIES_COLORS = { baseline: PALETTE.blue, canary: PALETTE.vermillion } as const;

/** Text and background pairs (4.5:1 or better) that the status and classification styles share. */
const TINT = {
  good: { color: '#00513c', background: '#d9f2ea' },
  bad: { color: '#8a2e00', background: '#f8dccb' },
  broken: { color: '#6e1f4f', background: '#f4e0ec' },
  grey: { color: '#3d3d3d', background: '#e8e8e8' },
} as const;

/** Judgment status styles. Text colours are dark enough on their tint for a 4.5:1 contrast. */
export const STATUS_STYLE: Record<DisplayStatus, StatusStyle> = {
  PASS: { label: 'Pass', icon: '✔', ...TINT.good },
  MARGINAL: { label: 'Marginal', icon: '◐', color: '#6b4700', background: '#fbecc8' },
  FAIL: { label: 'Fail', icon: '✖', ...TINT.bad },
  RUNNING: { label: 'Running', icon: '⟳', color: '#00466e', background: '#dcecf7' },
  ERROR: { label: 'Error', icon: '⚠', ...TINT.broken },
  CANCELED: { label: 'Canceled', icon: '⊘', ...TINT.grey },
  NOT_STARTED: { label: 'Not started', icon: '…', color: '#3d3d3d', background: '#f2f2f2' },
};

/** Per-metric classification styles (Kayenta's labels; NodataFailMetric is "no data" that counts as a failure). */
export const CLASSIFICATION_STYLE: Record<MetricClassification, StatusStyle> = {
  Pass: { label: 'Pass', icon: '✔', ...TINT.good },
  High: { label: 'High', icon: '▲', ...TINT.bad },
  Low: { label: 'Low', icon: '▼', ...TINT.bad },
  Nodata: { label: 'No data', icon: '∅', ...TINT.grey },
  NodataFailMetric: { label: 'No data (fails)', icon: '∅', ...TINT.bad },
  Error: { label: 'Error', icon: '⚠', ...TINT.broken },
};

/** True for classifications that lower the score (High, Low, NodataFailMetric) or broke the metric (Error). */
export function isFailing(c: MetricClassification): boolean {
  return c === 'High' || c === 'Low' || c === 'NodataFailMetric' || c === 'Error';
}

/**
 * The band a score falls in for the given thresholds, by Orca's rule (the one the stage's verdict follows): at or
 * below marginal → FAIL, below pass → MARGINAL, else PASS (`verdictOfScore` of the scoring library;
 * `docs/design/orca-webhook-contract.md` §5). A non-finite score has no band (null).
 */
export function scoreBand(
  score: number,
  thresholds: { pass: number; marginal: number },
): 'PASS' | 'MARGINAL' | 'FAIL' | null {
  if (!Number.isFinite(score)) return null;
  return verdictOfScore(score, thresholds);
}
