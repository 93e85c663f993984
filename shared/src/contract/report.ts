/**
 * The detailed report of a judgment (`GET /v1/judgments/{judgmentKey}/report`), declared once for both ends: the
 * judge service writes it (`orca-stage-spec/src/lifecycle/service.ts`) and the Deck plugin's results view reads it
 * (`deck-plugin/src/transforms/report.ts`, a tolerant reader that turns wire numbers into numbers). The same body's
 * JSON Schema is `judgmentReportSchema` in `orca-stage-spec/src/contract/schemas.ts` (served in the OpenAPI
 * document); a type test there checks that this declaration fits it.
 *
 * `V` is how a series value is carried: a {@link WireNumber} on the wire (`"NaN"` for a missing point), a plain
 * `number` (NaN) once the plugin has read it.
 */
import type { CanaryJudgeResult, WireNumber } from './kayenta';
import type { API_VERSION, Judgment, JudgmentRequest, Verdict } from './judgment';

/** Where an interval is in its life: waiting, claimed by a worker, judged, or failed for good. */
export type ReportIntervalState = 'PENDING' | 'CLAIMED' | 'DONE' | 'FAILED';

/** A time window as ISO-8601 instants (`start` inclusive, `end` exclusive). */
export interface ReportWindow {
  start: string;
  end: string;
}

/**
 * One side's chart series: epoch-millisecond timestamps and values, the same length. A side longer than the
 * service's `report.maxSeriesPoints` is downsampled (min/max buckets) and says so with `downsampled: {from, to}`.
 */
export interface ReportSeries<V = WireNumber> {
  timestamps: number[];
  values: V[];
  /** Present when points were dropped for display: `from` points measured, `to` points kept. */
  downsampled?: { from: number; to: number };
}

/** Baseline (`control`) and canary (`experiment`) series of one metric (one tag combination). */
export interface ReportSeriesPair<V = WireNumber> {
  control: ReportSeries<V>;
  experiment: ReportSeries<V>;
}

/** One interval of the report. */
export interface ReportInterval<V = WireNumber> {
  /** 1-based interval number. */
  index: number;
  state: ReportIntervalState;
  experimentWindow: ReportWindow;
  controlWindow: ReportWindow;
  /** When the interval is (or was) due to be judged, ISO-8601. */
  dueAt: string;
  completedAt: string | null;
  /** Evaluation attempts so far (a metric source's retryable failure makes another). */
  attempts: number;
  /** The interval's summary score, 0–100, or null until judged. */
  score: number | null;
  /** The score read by the stage's rule (`verdictOfScore` of this library), or null until judged. */
  outcome: Verdict | null;
  warnings: string[];
  error: { code: string; message: string } | null;
  /** Kayenta's `CanaryJudgeResult` of the interval, or null until judged. */
  result: CanaryJudgeResult | null;
  /** Per metric (keyed by name and tags): the series the judge saw, or null until judged. */
  series: Record<string, ReportSeriesPair<V>> | null;
}

/** The whole report: the judgment resource, the request as accepted, every interval in order. */
export interface JudgmentReport<V = WireNumber> {
  apiVersion: typeof API_VERSION;
  judgment: Judgment;
  request: JudgmentRequest;
  intervals: ReportInterval<V>[];
}
