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
import { DEFAULT_SOURCE_CONCURRENCY } from '../sources/catalog';
import { MetricSourceError, type MetricSource, type Side, type TaggedSeries } from '../sources/port';
import type { PlannedInterval } from '../store/port';

/** The judge: Kayenta's RemoteJudge request in, `CanaryJudgeResult` wire JSON out (the scoring library's `judge`). */
export type JudgeFn = (req: RemoteJudgeRequest) => CanaryJudgeResult;

/**
 * A judge that may answer later: the service's worker pool judges interval series in a worker thread
 * (`workers/judge-pool.ts`), so evaluations never block status polls. A {@link JudgeFn} is one too.
 */
export type AsyncJudgeFn = (req: RemoteJudgeRequest) => CanaryJudgeResult | Promise<CanaryJudgeResult>;

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

function toWire(s: { timestamps: number[]; values: number[] }): WireSeries {
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

/** A counting semaphore: at most `limit` holders at once, the others wait in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

// One semaphore per source object: a slow store can only hold its own fetch slots, never another source's.
const perSource = new WeakMap<MetricSource, Semaphore>();
function semaphoreOf(source: MetricSource): Semaphore {
  let s = perSource.get(source);
  if (!s) {
    s = new Semaphore(source.maxConcurrent ?? DEFAULT_SOURCE_CONCURRENCY);
    perSource.set(source, s);
  }
  return s;
}

/** Canonical text of a tag set (keys sorted), for pairing control and experiment series like Kayenta. */
export function tagKey(tags: Record<string, string>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${JSON.stringify(tags[k])}`)
    .join(',');
}

/**
 * Pairs one metric's control and experiment series by their tags, as Kayenta's `MetricSetMixerService` does: one
 * pair per tag set found on either side (first the control's order, then tag sets only the canary has); a side
 * without that tag set contributes an empty series. Both sides empty → one untagged pair of empty series (no data).
 *
 * Labels that only tell the sides apart are not tags: a label whose value is that side's own scope or location
 * (e.g. `deployment="checkout-canary"` against `deployment="checkout-baseline"`) is dropped before pairing, and
 * when each side answers exactly one series the two form one pair whatever their labels (tagged only when the tags
 * agree).
 * @param control the baseline's series
 * @param experiment the canary's series
 * @param sideValues the scope and location values of each side (labels holding them are dropped)
 */
export function pairByTags(
  control: TaggedSeries[],
  experiment: TaggedSeries[],
  sideValues: { control: string[]; experiment: string[] } = { control: [], experiment: [] },
): Array<{ tags: Record<string, string>; control: TaggedSeries; experiment: TaggedSeries }> {
  const empty = (tags: Record<string, string>): TaggedSeries => ({ timestamps: [], values: [], tags });
  const strip = (list: TaggedSeries[], own: string[]) =>
    list.map((s) => ({
      ...s,
      tags: Object.fromEntries(Object.entries(s.tags).filter(([, v]) => v === '' || !own.includes(v))),
    }));
  const cs = strip(control, sideValues.control);
  const xs = strip(experiment, sideValues.experiment);
  if (cs.length === 1 && xs.length === 1) {
    const [c, x] = [cs[0]!, xs[0]!];
    const tags = tagKey(c.tags) === tagKey(x.tags) ? c.tags : {};
    return [{ tags, control: { ...c, tags }, experiment: { ...x, tags } }];
  }
  const keys = new Map<string, Record<string, string>>();
  for (const s of [...cs, ...xs]) if (!keys.has(tagKey(s.tags))) keys.set(tagKey(s.tags), s.tags);
  if (keys.size === 0) keys.set('', {});
  const byKey = (list: TaggedSeries[]) => new Map(list.map((s) => [tagKey(s.tags), s]));
  const c = byKey(cs);
  const x = byKey(xs);
  return [...keys].map(([k, tags]) => ({
    tags,
    control: c.get(k) ?? empty(tags),
    experiment: x.get(k) ?? empty(tags),
  }));
}

/**
 * The key of a metric's series in reports: the metric name, followed by `{tag=value,…}` when the query answered
 * several series (e.g. `latency{region="eu"}`).
 * @param name the metric name
 * @param tags the series' tags
 */
export function seriesKey(name: string, tags: Record<string, string>): string {
  const k = tagKey(tags);
  return k === '' ? name : `${name}{${k}}`;
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
 * @param judge the scoring function (may run in a worker thread)
 * @param stepSeconds query resolution
 * @param signal aborts every fetch still running (the judgment's deadline passed, the service is stopping)
 * @returns score, full result, series and warnings
 * @throws MetricSourceError for source failures other than NO_SERIES (which becomes an empty series + warning)
 * @throws JudgeError when the judge throws
 */
export async function evaluateInterval(
  request: JudgmentRequest,
  interval: PlannedInterval,
  source: MetricSource,
  judge: AsyncJudgeFn,
  stepSeconds: number,
  signal?: AbortSignal,
): Promise<IntervalEvaluation> {
  const warnings: string[] = [];
  const slots = semaphoreOf(source);
  type Metric = JudgmentRequest['canaryConfig']['metrics'][number];
  // Each metric is judged on the scope pair its `scopeName` selects (Kayenta semantics; the service refused unknown
  // names at creation, so the default pair is only a fallback for stored requests).
  const scopesOf = (metric: Metric) => scopesForMetric(request, metric) ?? request.scopes;
  const fetchSide = async (metric: Metric, side: Side): Promise<TaggedSeries[]> => {
    const control = side === 'control';
    const scopes = scopesOf(metric);
    const req = {
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
      ...(signal ? { signal } : {}),
    };
    try {
      return await slots.run(async () => {
        if (signal?.aborted) {
          throw new MetricSourceError(
            'TIMEOUT',
            `metric ${metric.name} (${side}): not fetched: ${String((signal.reason as Error)?.message ?? 'aborted')}`,
          );
        }
        if (source.fetchAll) {
          const all = await source.fetchAll(req);
          if (all.length === 0) {
            const who = `metric ${metric.name} (${control ? 'baseline' : 'canary'} ${req.scope})`;
            warnings.push(`interval ${interval.index}: ${who}: the query returned no series`);
          }
          return all;
        }
        return [{ ...(await source.fetch(req)), tags: {} }];
      });
    } catch (e) {
      if (e instanceof MetricSourceError && e.code === 'NO_SERIES') {
        warnings.push(`interval ${interval.index}: ${e.message}`);
        return [];
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
    const [control, experiment] = fetched[i] as [TaggedSeries[], TaggedSeries[]];
    const scopes = scopesOf(metric);
    const own = (scope: string, location: string | undefined) => (location ? [scope, location] : [scope]);
    const sideValues = {
      control: own(scopes.controlScope, scopes.controlLocation),
      experiment: own(scopes.experimentScope, scopes.experimentLocation),
    };
    for (const pair of pairByTags(control, experiment, sideValues)) {
      const c = toWire(pair.control);
      const x = toWire(pair.experiment);
      series[seriesKey(metric.name, pair.tags)] = { control: c, experiment: x };
      pairs.push({
        name: metric.name,
        id: seriesKey(metric.name, pair.tags),
        tags: pair.tags,
        values: { control: c.values, experiment: x.values },
        scopes: {
          control: { scope: scopes.controlScope, location: scopes.controlLocation ?? null },
          experiment: { scope: scopes.experimentScope, location: scopes.experimentLocation ?? null },
        },
      });
    }
  });

  let result: CanaryJudgeResult;
  try {
    result = await judge({
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
