/**
 * Per-metric judge settings, read from a metric config's `analysisConfigurations.canary.*` the way Kayenta reads
 * them (`design/kayenta-judge.md` §2.3), including the configuration errors that make Kayenta fail the whole judge
 * call.
 *
 * Reading rules (Kayenta's `MapUtils.getAsStringWithDefault / getAsBooleanWithDefault / getAsDoubleWithDefault`):
 * - absent path (also an absent or `null` `analysisConfigurations`, `canary`, `outliers` or `effectSize` object)
 *   → default;
 * - a key present with the value `null` (`"critical": null`, `"effectSize": {"allowedIncrease": null}`) → default,
 *   exactly like an absent key: Kayenta's `...WithDefault` helpers fall back to the default for a null value, and
 *   canary configs written by tools and UIs carry such nulls;
 * - strings: any present non-null value is turned into a string and compared exactly; an unknown value falls back
 *   to the default (`direction: 'up'` → `either`);
 * - booleans: must be JSON booleans; anything else → refused;
 * - numbers: must be JSON numbers; an integer beyond 32 bits → refused (Kayenta's Jackson reads it as a Long, which
 *   is not a Double);
 * - `outliers.outlierFactor` must be greater than 0 (a `null` factor is the default 3.0).
 *
 * Every refusal is a {@link JudgeInputError} naming the full JSON path and the rule. The opt-in
 * `analysisConfigurations.canaryJudge` guardrails (our own key, which Kayenta ignores) are read by `guardrails.ts`.
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/NetflixACAJudge.scala`,
 * `.../judge/utils/MapUtils.scala`; `docs/design/kayenta-judge.md` §2.3 and "Details that decide exact parity".
 */
import { JudgeInputError } from './errors';
import { readGuardrails } from './guardrails';
import { mapGet } from './map-utils';
import type { EffectSizeMeasure, MetricSettings } from './setting-types';

export type { EffectSizeMeasure, MetricSettings, OutlierStrategy } from './setting-types';

import { METRIC_TESTS } from './metric-tests';

export { METRIC_TESTS };

function readTest(data: unknown, base: string, measure: EffectSizeMeasure): 'poissonRate' | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const judgeKey = (data as Record<string, unknown>)['canaryJudge'];
  if (judgeKey === null || typeof judgeKey !== 'object' || Array.isArray(judgeKey)) return null; // readGuardrails refuses
  if (!Object.prototype.hasOwnProperty.call(judgeKey, 'test')) return null;
  const test = (judgeKey as Record<string, unknown>)['test'];
  if (test === null || test === 'mannWhitney') return null;
  if (test !== 'poissonRate') {
    throw new JudgeInputError(
      `${base}.canaryJudge.test`,
      `must be "mannWhitney" or "poissonRate", got ${describe(test)}`,
    );
  }
  if (measure === 'cles') {
    throw new JudgeInputError(
      `${base}.canary.effectSize.measure`,
      'must be meanRatio (or absent) with canaryJudge.test "poissonRate": its effect size is the rate ratio',
    );
  }
  return 'poissonRate';
}

/**
 * Kayenta's defaults for a metric with no `analysisConfigurations` (`design/kayenta-judge.md` §2.3): direction
 * `either`, NaN `remove`, outliers `keep` with factor 3, not critical/mustHaveData/muted, mean ratio with all four
 * thresholds 1.0.
 */
export const DEFAULT_METRIC_SETTINGS: MetricSettings = Object.freeze({
  direction: 'either',
  nanStrategy: 'remove',
  outlierStrategy: 'keep',
  outlierFactor: 3.0,
  critical: false,
  mustHaveData: false,
  muted: false,
  effectSizeMeasure: 'meanRatio',
  allowedIncrease: 1.0,
  allowedDecrease: 1.0,
  criticalIncrease: 1.0,
  criticalDecrease: 1.0,
});

/** Default effect-size thresholds when the measure is CLES (0.5 = no effect). `docs/design/kayenta-judge.md` §2.3. */
export const CLES_DEFAULT_THRESHOLD = 0.5;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function pathOf(base: string, keys: readonly string[]): string {
  return [base, ...keys].join('.');
}

function readString(data: unknown, base: string, keys: readonly string[], fallback: string): string {
  const read = mapGet(data, keys);
  if (!read.found || read.value === null) return fallback;
  if (typeof read.value === 'string') return read.value;
  // Kayenta calls toString() on whatever it found: a fanned-out list prints as `List(…)`, an object as `{…}`;
  // neither can equal a valid setting, so both fall back to the default.
  return typeof read.value === 'object' ? `List/Map ${JSON.stringify(read.value)}` : String(read.value);
}

function readBoolean(data: unknown, base: string, keys: readonly string[], fallback: boolean): boolean {
  const read = mapGet(data, keys);
  if (!read.found || read.value === null) return fallback;
  if (typeof read.value !== 'boolean') {
    throw new JudgeInputError(
      pathOf(base, keys),
      `must be a JSON boolean (true or false), got ${describe(read.value)}`,
    );
  }
  return read.value;
}

function readNumber(data: unknown, base: string, keys: readonly string[], fallback: number): number {
  const read = mapGet(data, keys);
  if (!read.found || read.value === null) return fallback;
  if (typeof read.value !== 'number' || !Number.isFinite(read.value)) {
    throw new JudgeInputError(pathOf(base, keys), `must be a finite JSON number, got ${describe(read.value)}`);
  }
  if (Number.isInteger(read.value) && (read.value < INT32_MIN || read.value > INT32_MAX)) {
    throw new JudgeInputError(
      pathOf(base, keys),
      'an integer beyond 32 bits is not accepted (Kayenta fails on it); write it as a decimal, e.g. 3.0E9',
    );
  }
  return read.value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Resolves one metric's settings from its `analysisConfigurations` object with Kayenta's reading rules and
 * defaults (module doc). Unknown enum strings fall back to the default as in Kayenta (`direction: 'up'` → `either`).
 *
 * @param analysisConfigurations The metric config's `analysisConfigurations` value as parsed JSON (any value; absent
 *   or null gives all defaults — this is also how Kayenta treats the legacy `extensions` key).
 * @param basePath JSON path of that value, used in error messages, e.g. `canaryConfig.metrics[2].analysisConfigurations`.
 * @returns The complete settings.
 * @throws JudgeInputError for a non-boolean `critical`/`mustHaveData`/`muted`, a non-number threshold or factor, an
 *   integer beyond 32 bits, an `outlierFactor` ≤ 0, invalid `canaryJudge` settings (`readGuardrails`), a
 *   `canaryJudge.test` other than `mannWhitney`/`poissonRate`, or `poissonRate` with the CLES measure. A `null`
 *   value is never refused: it means the default.
 * @example
 * readMetricSettings({ canary: { direction: 'increase', effectSize: { allowedIncrease: 1.1 } } }, 'm')
 * // → { ...DEFAULT_METRIC_SETTINGS, direction: 'increase', allowedIncrease: 1.1 }
 */
export function readMetricSettings(analysisConfigurations: unknown, basePath: string): MetricSettings {
  const d = DEFAULT_METRIC_SETTINGS;
  const data = analysisConfigurations;
  const directionRaw = readString(data, basePath, ['canary', 'direction'], d.direction);
  const nanRaw = readString(data, basePath, ['canary', 'nanStrategy'], d.nanStrategy);
  const outlierRaw = readString(data, basePath, ['canary', 'outliers', 'strategy'], d.outlierStrategy);
  const outlierFactor = readNumber(data, basePath, ['canary', 'outliers', 'outlierFactor'], d.outlierFactor);
  if (!(outlierFactor > 0)) {
    throw new JudgeInputError(
      pathOf(basePath, ['canary', 'outliers', 'outlierFactor']),
      `must be greater than 0, got ${outlierFactor}`,
    );
  }
  const critical = readBoolean(data, basePath, ['canary', 'critical'], d.critical);
  const mustHaveData = readBoolean(data, basePath, ['canary', 'mustHaveData'], d.mustHaveData);
  const muted = readBoolean(data, basePath, ['canary', 'muted'], d.muted);
  const measureRaw = readString(data, basePath, ['canary', 'effectSize', 'measure'], d.effectSizeMeasure);
  const effectSizeMeasure: EffectSizeMeasure = measureRaw === 'cles' ? 'cles' : 'meanRatio';
  const t = effectSizeMeasure === 'cles' ? CLES_DEFAULT_THRESHOLD : 1.0;
  const es = (key: string): number => readNumber(data, basePath, ['canary', 'effectSize', key], t);
  const allowedIncrease = es('allowedIncrease');
  const allowedDecrease = es('allowedDecrease');
  const criticalIncrease = es('criticalIncrease');
  const criticalDecrease = es('criticalDecrease');
  const guardrails = readGuardrails(data, basePath);
  const test = readTest(data, basePath, effectSizeMeasure);
  return {
    direction: directionRaw === 'increase' || directionRaw === 'decrease' ? directionRaw : 'either',
    nanStrategy: nanRaw === 'replace' ? 'replace' : 'remove',
    outlierStrategy: outlierRaw === 'remove' ? 'remove' : 'keep',
    outlierFactor,
    critical,
    mustHaveData,
    muted,
    effectSizeMeasure,
    allowedIncrease,
    allowedDecrease,
    criticalIncrease,
    criticalDecrease,
    ...(guardrails !== null ? { guardrails } : {}),
    ...(test !== null ? { test } : {}),
  };
}
