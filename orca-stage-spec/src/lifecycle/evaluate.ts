/**
 * Evaluates one interval: fetch every metric's baseline and canary series from the judgment's metric source,
 * build Kayenta's `MetricSetPair` list, call the scoring library's judge, and collect warnings (no-series,
 * Orca's low-sample warning). I/O happens here; deciding what the result means for the judgment does not.
 */
import {
  lowSampleWarning,
  scopesForMetric,
  type CanaryJudgeResult,
  type JudgmentRequest,
  type MetricSetPair,
  type RemoteJudgeRequest,
  type WireNumber,
} from '@canary-judge/shared';
import { MetricSourceError, type MetricSource, type Series, type Side } from '../sources/port';
import type { PlannedInterval } from '../store/port';

/** The judge: Kayenta's RemoteJudge request in, `CanaryJudgeResult` wire JSON out (the scoring library's `judge`). */
export type JudgeFn = (req: RemoteJudgeRequest) => CanaryJudgeResult;

/** A series as stored for charts: timestamps and wire values (`"NaN"` for missing points). */
export interface WireSeries {
  timestamps: number[];
  values: WireNumber[];
}

/** What evaluating one interval produced. */
export interface IntervalEvaluation {
  score: number;
  result: CanaryJudgeResult;
  series: Record<string, { control: WireSeries; experiment: WireSeries }>;
  warnings: string[];
}

function toWire(s: Series): WireSeries {
  return { timestamps: s.timestamps, values: s.values.map((v) => (Number.isFinite(v) ? v : 'NaN')) };
}

/** Metrics fetched at the same time within one interval (each metric fetches both sides at once). */
export const FETCH_CONCURRENCY = 8;

/**
 * Maps `items` through `fn` with at most `limit` calls running at a time; results keep the input order and the
 * first rejection rejects the whole map (the calls already started still run to completion).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

/** Error thrown when the judge itself fails on fetched data (a bug or a config the judge refuses). */
export class JudgeError extends Error {
  /** Stable code for the judgment's `error.code`. */
  readonly code = 'JUDGE_ERROR';
}

/**
 * Evaluates one interval of a judgment.
 *
 * @param request the judgment request
 * @param interval its planned windows (epoch ms)
 * @param source the metric source named by `request.metricSource`
 * @param judge the scoring function
 * @param stepSeconds query resolution
 * @returns score, full result, series and warnings
 * @throws MetricSourceError for source failures other than NO_SERIES (which becomes an empty series + warning)
 * @throws JudgeError when the judge throws
 */
export async function evaluateInterval(
  request: JudgmentRequest,
  interval: PlannedInterval,
  source: MetricSource,
  judge: JudgeFn,
  stepSeconds: number,
): Promise<IntervalEvaluation> {
  const warnings: string[] = [];
  // Each metric is judged on the scope pair its `scopeName` selects (Kayenta semantics; the service refused unknown
  // names at creation, so the default pair is only a fallback for stored requests).
  const scopesOf = (metric: JudgmentRequest['canaryConfig']['metrics'][number]) =>
    scopesForMetric(request, metric) ?? request.scopes;
  const fetchSide = async (metric: JudgmentRequest['canaryConfig']['metrics'][number], side: Side): Promise<Series> => {
    const control = side === 'control';
    const scopes = scopesOf(metric);
    try {
      return await source.fetch({
        metric,
        side,
        scope: control ? scopes.controlScope : scopes.experimentScope,
        location: control ? scopes.controlLocation : scopes.experimentLocation,
        params: scopes.extendedScopeParams ?? {},
        scopes,
        templates: request.canaryConfig.templates ?? {},
        startMs: control ? interval.controlStartMs : interval.experimentStartMs,
        endMs: control ? interval.controlEndMs : interval.experimentEndMs,
        stepSeconds,
      });
    } catch (e) {
      if (e instanceof MetricSourceError && e.code === 'NO_SERIES') {
        warnings.push(`interval ${interval.index}: ${e.message}`);
        return { timestamps: [], values: [] };
      }
      if (e instanceof MetricSourceError) throw e;
      throw new MetricSourceError('UPSTREAM_ERROR', `metric ${metric.name} (${side}): ${(e as Error).message}`);
    }
  };

  const metrics = request.canaryConfig.metrics;
  const fetched = await mapLimit(metrics, FETCH_CONCURRENCY, (metric) =>
    Promise.all([fetchSide(metric, 'control'), fetchSide(metric, 'experiment')]),
  );
  const series: IntervalEvaluation['series'] = {};
  const pairs: MetricSetPair[] = [];
  metrics.forEach((metric, i) => {
    const [control, experiment] = fetched[i] as [Series, Series];
    const c = toWire(control);
    const x = toWire(experiment);
    series[metric.name] = { control: c, experiment: x };
    const scopes = scopesOf(metric);
    pairs.push({
      name: metric.name,
      id: metric.name,
      tags: {},
      values: { control: c.values, experiment: x.values },
      scopes: {
        control: { scope: scopes.controlScope, location: scopes.controlLocation ?? null },
        experiment: { scope: scopes.experimentScope, location: scopes.experimentLocation ?? null },
      },
    });
  });

  let result: CanaryJudgeResult;
  try {
    result = judge({
      canaryConfig: request.canaryConfig,
      metricSetPairList: pairs,
      scoreThresholds: request.thresholds,
    });
  } catch (e) {
    throw new JudgeError(`interval ${interval.index}: the judge failed: ${(e as Error).message}`);
  }
  warnings.sort(); // fetches finish in any order; keep the warnings stable
  const low = lowSampleWarning(result.results);
  if (low) warnings.push(low);
  return { score: result.score.score, result, series, warnings };
}
