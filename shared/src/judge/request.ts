/**
 * Reading a RemoteJudge request (parsed JSON) into numeric per-metric inputs, refusing what Kayenta cannot judge.
 *
 * Kayenta fails the whole judge call (HTTP 500 with a stack trace, or a Jackson 400) on these; we throw a
 * {@link JudgeInputError} naming the JSON path and the rule instead (`design/kayenta-judge.md` "Details that decide
 * exact parity", §2):
 * - the body, `canaryConfig`, `canaryConfig.metrics`, `metricSetPairList` or `scoreThresholds` missing or of the
 *   wrong JSON type; `scoreThresholds.pass` / `.marginal` not numbers;
 * - a metric config that is not an object, or whose `groups` is not an array of strings; a *matched* config with no
 *   `groups` (null/absent) unless the metric is muted; its `analysisConfigurations` settings (see `settings.ts`);
 * - `classifier.groupWeights` not an object, or a weight that is not a finite number;
 * - a pair that is not an object, without a string `name`, with no metric config of that name, without
 *   `values.control` / `values.experiment` arrays, or with an element that is `null`, a non-finite number, or a
 *   string other than `"NaN"` (Kayenta's Jackson would also coerce numeric strings; we do not);
 * - `tags` that is not an object of strings, `id` that is not a string.
 *
 * Pairs are matched to configs by exact name, first match wins (Kayenta's `find`). Configs without a pair are not
 * checked beyond their JSON type, as Kayenta never reads them.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/NetflixACAJudge.scala`,
 * `.../metrics/MetricSetPair.java`, `.../canary/CanaryConfig.java`.
 */
import type { ScoreThresholds } from '../contract/kayenta';
import { JudgeInputError } from './errors';
import { readMetricSettings, type MetricSettings } from './settings';

/** One metric ready to judge: numeric series (NaN for missing points), its settings and its identity. */
export interface SeriesMetricInput {
  /** Metric name (the pair's and the config's). */
  readonly name: string;
  /** The pair's `id`, copied to the result when present. */
  readonly id?: string;
  /** The pair's tags, copied to the result. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Groups from the metric config (empty for a muted metric whose config has none). */
  readonly groups: readonly string[];
  /** Resolved per-metric settings. */
  readonly settings: MetricSettings;
  /** Baseline points, raw; NaN marks a missing point. */
  readonly control: ArrayLike<number>;
  /** Canary points, raw; NaN marks a missing point. */
  readonly experiment: ArrayLike<number>;
}

/** A judge call on numeric inputs: what {@link parseRemoteJudgeRequest} returns and `judgeSeries` takes. */
export interface SeriesJudgeRequest {
  /** Metrics in the order of `metricSetPairList`. */
  readonly metrics: readonly SeriesMetricInput[];
  /** Configured weight per group in percent, in the config's key order. */
  readonly groupWeights: Readonly<Record<string, number>>;
  /** Caller's thresholds in points. */
  readonly scoreThresholds: ScoreThresholds;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function requireObject(v: unknown, path: string): Json {
  if (!isObject(v)) throw new JudgeInputError(path, v === undefined ? 'is required (an object)' : 'must be an object');
  return v;
}

function requireArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v))
    throw new JudgeInputError(path, v === undefined ? 'is required (an array)' : 'must be an array');
  return v;
}

function requireNumber(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new JudgeInputError(path, v === undefined ? 'is required (a number)' : 'must be a finite number');
  }
  return v;
}

/**
 * Converts a wire series (numbers and `"NaN"` strings) to a Float64Array, NaN for `"NaN"`.
 *
 * @param values The parsed JSON array.
 * @param path JSON path of the array, for errors, e.g. `metricSetPairList[3].values.control`.
 * @returns The numeric series.
 * @throws JudgeInputError naming the element (`…control[7]`) for `null`, a non-finite number or any other value.
 */
export function parseWireSeries(values: readonly unknown[], path: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
    else if (v === 'NaN') out[i] = NaN;
    else if (v === null)
      throw new JudgeInputError(`${path}[${i}]`, 'must not be null (write a missing point as "NaN")');
    else
      throw new JudgeInputError(
        `${path}[${i}]`,
        `must be a finite number or the string "NaN", got ${JSON.stringify(v) ?? String(v)}`,
      );
  }
  return out;
}

function parseTags(v: unknown, path: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const o = requireObject(v, path);
  for (const [k, value] of Object.entries(o)) {
    if (typeof value !== 'string') throw new JudgeInputError(`${path}.${k}`, 'must be a string');
  }
  return o as Record<string, string>;
}

function parseGroupWeights(canaryConfig: Json): Record<string, number> {
  const classifier = own(canaryConfig, 'classifier');
  if (classifier === undefined || classifier === null) return {};
  const c = requireObject(classifier, 'canaryConfig.classifier');
  const weights = own(c, 'groupWeights');
  if (weights === undefined || weights === null) return {};
  const w = requireObject(weights, 'canaryConfig.classifier.groupWeights');
  // A null-prototype map, so that a group named `__proto__` is kept as an ordinary key.
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of Object.entries(w)) out[k] = requireNumber(v, `canaryConfig.classifier.groupWeights.${k}`);
  return out;
}

/**
 * Validates a RemoteJudge request body and turns it into numeric inputs (module doc lists every refusal).
 *
 * @param body The parsed JSON body (`{canaryConfig, metricSetPairList, scoreThresholds}`).
 * @returns Metrics in pair order with resolved settings and Float64Array series, group weights and thresholds.
 * @throws JudgeInputError naming the JSON path and rule of the first problem found.
 */
export function parseRemoteJudgeRequest(body: unknown): SeriesJudgeRequest {
  const root = requireObject(body, '');
  const canaryConfig = requireObject(own(root, 'canaryConfig'), 'canaryConfig');
  const configs = requireArray(own(canaryConfig, 'metrics'), 'canaryConfig.metrics');
  configs.forEach((m, i) => requireObject(m, `canaryConfig.metrics[${i}]`));
  const thresholdsObj = requireObject(own(root, 'scoreThresholds'), 'scoreThresholds');
  const scoreThresholds: ScoreThresholds = {
    pass: requireNumber(own(thresholdsObj, 'pass'), 'scoreThresholds.pass'),
    marginal: requireNumber(own(thresholdsObj, 'marginal'), 'scoreThresholds.marginal'),
  };
  const groupWeights = parseGroupWeights(canaryConfig);
  const pairs = requireArray(own(root, 'metricSetPairList'), 'metricSetPairList');
  // Config index by name, first config of a name wins (Kayenta's `find`): one lookup per pair instead of a scan.
  const configIndex = new Map<unknown, number>();
  configs.forEach((m, i) => {
    const configName = own(m as Json, 'name');
    if (!configIndex.has(configName)) configIndex.set(configName, i);
  });

  const settingsByConfig = new Map<number, MetricSettings>();

  const metrics = pairs.map((p, i): SeriesMetricInput => {
    const path = `metricSetPairList[${i}]`;
    const pair = requireObject(p, path);
    const name = own(pair, 'name');
    if (typeof name !== 'string') throw new JudgeInputError(`${path}.name`, 'must be a string');
    const index = configIndex.get(name) ?? -1;
    if (index < 0) {
      throw new JudgeInputError(
        `${path}.name`,
        `no metric config named ${JSON.stringify(name)} in canaryConfig.metrics`,
      );
    }
    const config = configs[index] as Json;
    const configPath = `canaryConfig.metrics[${index}]`;
    // Read once per config: several pairs (tag combinations) of one metric share it.
    let settings = settingsByConfig.get(index);
    if (settings === undefined) {
      settings = readMetricSettings(own(config, 'analysisConfigurations'), `${configPath}.analysisConfigurations`);
      settingsByConfig.set(index, settings);
    }
    const rawGroups = own(config, 'groups');
    let groups: string[];
    if (rawGroups === undefined || rawGroups === null) {
      if (!settings.muted) throw new JudgeInputError(`${configPath}.groups`, 'is required unless the metric is muted');
      groups = [];
    } else {
      groups = requireArray(rawGroups, `${configPath}.groups`).map((g, j) => {
        if (typeof g !== 'string') throw new JudgeInputError(`${configPath}.groups[${j}]`, 'must be a string');
        return g;
      });
    }
    const values = requireObject(own(pair, 'values'), `${path}.values`);
    const control = parseWireSeries(
      requireArray(own(values, 'control'), `${path}.values.control`),
      `${path}.values.control`,
    );
    const experiment = parseWireSeries(
      requireArray(own(values, 'experiment'), `${path}.values.experiment`),
      `${path}.values.experiment`,
    );
    const id = own(pair, 'id');
    if (id !== undefined && id !== null && typeof id !== 'string')
      throw new JudgeInputError(`${path}.id`, 'must be a string');
    const tags = parseTags(own(pair, 'tags'), `${path}.tags`);
    return {
      name,
      ...(typeof id === 'string' ? { id } : {}),
      ...(tags !== undefined ? { tags } : {}),
      groups,
      settings,
      control,
      experiment,
    };
  });
  return { metrics, groupWeights, scoreThresholds };
}
