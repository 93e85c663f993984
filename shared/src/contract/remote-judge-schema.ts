/**
 * JSON Schema (draft 2020-12) of Kayenta's RemoteJudge request `{canaryConfig, metricSetPairList, scoreThresholds}`,
 * the body of `POST /judge` and the input of `canary-judge judge`. A plain `as const` object: no runtime
 * dependency; validate it with any draft 2020-12 validator (the CLI and the service use ajv's `Ajv2020`).
 *
 * The schema checks shape and JSON types only, as Jackson would when binding Kayenta's classes: unknown properties
 * are allowed (Kayenta ignores them) and strings such as `direction` are not restricted to their known values
 * (Kayenta reads unknown values as the default). Every setting the judge reads (and each object holding settings)
 * also accepts `null`, which means "absent, use the default", as Kayenta's `MapUtils` `…WithDefault` readers do.
 * Rules that need more than one field (a metric pair without a
 * metric config, a missing `groups` on a non-muted metric, `outlierFactor ≤ 0`) are the judge's, which refuses
 * such requests with `JudgeInputError`. The opt-in `analysisConfigurations.canaryJudge` guardrails are our own, so
 * their schema checks values too (integer `minimumPoints` ≥ 1, a known `statistic`); that `absolute` has at least
 * one limit and `lowerLimit ≤ upperLimit` are left to the judge.
 *
 * Types: `RemoteJudgeRequest` in `./kayenta.ts`. Reference: `docs/design/kayenta-judge.md` §2;
 * `spinnaker/kayenta:kayenta-core/src/main/java/com/netflix/kayenta/canary/CanaryConfig.java`,
 * `.../metrics/MetricSetPair.java`, `.../canary/CanaryClassifierThresholdsConfig.java`.
 */

const wireNumber = {
  description: 'A data point: a JSON number, or the string "NaN" for a missing point (Kayenta writes NaN this way).',
  anyOf: [{ type: 'number' }, { const: 'NaN' }],
} as const;

const series = (side: string) =>
  ({
    type: 'array',
    description: `The ${side} series, in time order. NaN points are handled by the metric's nanStrategy; null is refused.`,
    items: wireNumber,
  }) as const;

/**
 * A setting the judge reads with a default: its JSON type or `null` (absent or null means `dflt`, as Kayenta's
 * `MapUtils` `…WithDefault` readers do).
 */
const setting = <const T extends 'number' | 'string' | 'boolean', const D>(type: T, description: string, dflt: D) =>
  ({ type: [type, 'null'], description, default: dflt }) as const;

/** A string setting whose unknown values read as its default. */
const choice = <const D extends string>(values: string, dflt: D) =>
  setting('string', `${values}; other values mean "${dflt}".`, dflt);

/** A boolean setting, off by default. */
const flag = (description: string) => setting('boolean', description, false);

/** An effect-size threshold: 1.0 by default for meanRatio (Kayenta's default), 0.5 for cles (the judge's). */
const threshold = (what: string, meanRatio = '1.0') =>
  setting('number', `${what} (${meanRatio} for meanRatio, 0.5 for cles).`, 1.0);

const effectSize = {
  type: ['object', 'null'],
  description:
    'Effect-size checks: a High/Low result whose effect size stays within the allowed change is reported as Pass; ' +
    'a critical metric only fails the canary when the effect size reaches the critical change.',
  properties: {
    measure: {
      type: ['string', 'null'],
      description:
        'Effect-size measure: "meanRatio" (canary mean / baseline mean) or "cles"; anything else is meanRatio.',
      default: 'meanRatio',
    },
    allowedIncrease: threshold('Largest effect size still allowed for an increase', '1.0 = none'),
    allowedDecrease: threshold('Smallest effect size still allowed for a decrease'),
    criticalIncrease: threshold('Effect size from which a critical increase fails the canary'),
    criticalDecrease: threshold('Effect size up to which a critical decrease fails the canary'),
  },
} as const;

const canarySettings = {
  type: ['object', 'null'],
  description: 'Per-metric judge settings (analysisConfigurations.canary); every field is optional.',
  properties: {
    direction: choice('Which change fails: "increase" (High only), "decrease" (Low only) or "either"', 'either'),
    nanStrategy: choice('NaN points: "remove" drops them, "replace" sets them to 0', 'remove'),
    critical: flag('A High/Low (or missing data) on a critical metric fails the whole canary with score 0.'),
    mustHaveData: flag('Missing data counts as a failure (NodataFailMetric) instead of being ignored (Nodata).'),
    muted: flag('Reported but left out of the scores.'),
    outliers: {
      type: ['object', 'null'],
      description: 'Outlier removal before the test (IQR fences with reduced sensitivity).',
      properties: {
        strategy: choice('Outliers: "remove" or "keep"', 'keep'),
        outlierFactor: {
          type: ['number', 'null'],
          description: 'IQR fence factor; must be greater than 0.',
          default: 3.0,
        },
      },
    },
    effectSize,
  },
} as const;

const limit = (side: 'upper' | 'lower') =>
  ({
    type: ['number', 'null'],
    description:
      side === 'upper'
        ? 'The canary statistic must not be above this (metric unit); above it the metric is High.'
        : 'The canary statistic must not be below this (metric unit); below it the metric is Low. At most upperLimit.',
  }) as const;

const canaryJudgeSettings = {
  type: ['object', 'null'],
  description:
    'Canary Judge opt-in guardrails (not Kayenta settings; Kayenta ignores this key). Without them a metric is ' +
    'judged exactly as Kayenta would. See shared/KAYENTA-DIFFERENCES.md, "Opt-in extensions".',
  properties: {
    test: {
      type: ['string', 'null'],
      enum: ['mannWhitney', 'poissonRate', null],
      default: 'mannWhitney',
      description:
        'The test that compares canary and baseline: "mannWhitney" (Kayenta\'s) or "poissonRate", an exact test of ' +
        'the two event rates for sparse counters (each point an event count; one-sided 90 % bounds on the rate ' +
        'ratio canary/baseline; effectSize thresholds apply to the rate ratio, measure must be meanRatio).',
    },
    minimumPoints: {
      type: ['integer', 'null'],
      minimum: 1,
      description:
        'Data sufficiency: when either side has fewer points after NaN and outlier handling, the metric is Nodata ' +
        '(NodataFailMetric with mustHaveData on a non-critical metric), reason "Too few data points for <name>: …".',
    },
    absolute: {
      type: ['object', 'null'],
      description:
        'Absolute guardrail on the canary series: after the Kayenta classification, a statistic above upperLimit ' +
        'makes the metric High, below lowerLimit Low (a critical metric then fails the canary). Needs at least one limit.',
      required: ['statistic'],
      properties: {
        statistic: {
          type: 'string',
          enum: ['mean', 'p50', 'p90', 'p95', 'p99', 'max'],
          description: 'Statistic of the transformed canary series: mean, an R-7 percentile, or max.',
        },
        upperLimit: limit('upper'),
        lowerLimit: limit('lower'),
      },
    },
  },
} as const;

/** A field of the canary config that Kayenta keeps and the judge never reads. */
const informational = <const T extends 'string' | 'array' = 'string'>(what: string, type: T = 'string' as T) =>
  ({ type, description: `${what} (informational).` }) as const;

const metricConfig = {
  type: 'object',
  description: 'One metric of the canary config (CanaryMetricConfig).',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'Metric name; a metric set pair is matched to its config by this name.' },
    query: {
      type: 'object',
      description: 'Metric-store specific query; ignored by the judge.',
    },
    groups: {
      type: 'array',
      description: 'Groups the metric scores in (a metric may be in several). Required unless the metric is muted.',
      items: { type: 'string', description: 'A group name.' },
    },
    analysisConfigurations: {
      type: ['object', 'null'],
      description:
        'Analysis settings by analysis type; the judge reads "canary" (Kayenta\'s settings) and the opt-in ' +
        '"canaryJudge" guardrails.',
      properties: { canary: canarySettings, canaryJudge: canaryJudgeSettings },
    },
    scopeName: {
      type: 'string',
      description: 'Scope the metric is queried in; ignored by the judge.',
      default: 'default',
    },
    unit: {
      type: 'string',
      maxLength: 32,
      description:
        'Display unit of the metric values (e.g. "ms", "s", "%", "req/s", "bytes") for report axes and tooltips; ' +
        'optional, ignored by the judge (a Canary Judge key; Kayenta ignores it).',
    },
  },
} as const;

/** The RemoteJudge request schema (draft 2020-12). See the module comment for what it does and does not check. */
export const remoteJudgeRequestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:canary-judge:schema:remote-judge-request',
  title: 'Kayenta RemoteJudge request',
  description:
    'One judge call: the canary config, the baseline (control) and canary (experiment) series of every metric, ' +
    'and the score thresholds. Kayenta sends it to a remote judge; canary-judge reads it from a file or stdin.',
  type: 'object',
  required: ['canaryConfig', 'metricSetPairList', 'scoreThresholds'],
  properties: {
    canaryConfig: {
      type: 'object',
      description: 'The canary config (CanaryConfig). Only metrics and classifier.groupWeights matter to the judge.',
      required: ['metrics'],
      properties: {
        name: informational('Config name'),
        id: informational('Config id'),
        description: informational('Free text'),
        configVersion: informational('Config version'),
        applications: {
          ...informational('Spinnaker applications the config belongs to', 'array'),
          items: { type: 'string', description: 'An application name.' },
        },
        judge: {
          type: 'object',
          description: 'Judge selection; canary-judge always judges as NetflixACAJudge-v1.0.',
          properties: {
            name: { type: 'string', description: 'Judge name, e.g. "NetflixACAJudge-v1.0".' },
            judgeConfigurations: { type: 'object', description: 'Unused by the judge.' },
          },
        },
        metrics: {
          type: 'array',
          description: 'The metric configs; every metric set pair needs one with the same name.',
          items: metricConfig,
        },
        templates: {
          type: 'object',
          description: 'Query templates by name; ignored by the judge.',
          additionalProperties: { type: 'string', description: 'A query template.' },
        },
        classifier: {
          type: 'object',
          description: 'Scoring settings.',
          properties: {
            groupWeights: {
              type: 'object',
              description:
                'Weight of each group in percent. Not checked to total 100: groups without a weight share ' +
                '100 minus the total equally.',
              additionalProperties: { type: 'number', description: 'A group weight, percent.' },
              default: {},
            },
            scoreThresholds: {
              type: 'object',
              description: 'Ignored by the judge: the thresholds come from the request (scoreThresholds).',
            },
          },
        },
      },
    },
    metricSetPairList: {
      type: 'array',
      description: 'One entry per metric (and tag combination): its control and experiment series (MetricSetPair).',
      items: {
        type: 'object',
        description: 'One metric set pair.',
        required: ['name', 'values'],
        properties: {
          name: { type: 'string', description: 'Metric name, matching a canaryConfig.metrics[].name.' },
          id: { type: 'string', description: 'Pair id, copied to the result.' },
          tags: {
            type: 'object',
            description: 'Tags of this series (e.g. a region), copied to the result.',
            additionalProperties: { type: 'string', description: 'A tag value.' },
            default: {},
          },
          values: {
            type: 'object',
            description: 'The two series.',
            required: ['control', 'experiment'],
            properties: { control: series('control (baseline)'), experiment: series('experiment (canary)') },
          },
          scopes: { type: 'object', description: 'Query scopes; ignored by the judge.' },
          attributes: { type: 'object', description: 'Query attributes; ignored by the judge.' },
        },
      },
    },
    scoreThresholds: {
      type: 'object',
      description: 'Summary classification: score ≥ pass → Pass, score ≥ marginal → Marginal, else Fail.',
      required: ['pass', 'marginal'],
      properties: {
        pass: { type: 'number', description: 'Pass threshold, points (0–100); Orca default 75.' },
        marginal: { type: 'number', description: 'Marginal threshold, points (0–100); Orca default 50.' },
      },
    },
  },
} as const;
