import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { allNullCanarySettings } from '../testing/judge-fixtures';
import type {
  CanaryAnalysisSettings,
  CanaryConfig,
  CanaryMetricConfig,
  MetricSetPair,
  RemoteJudgeRequest,
} from './kayenta';
import { remoteJudgeRequestSchema as schema } from './remote-judge-schema';
import { judge } from '../judge/judge';

/** A request being broken on purpose: deliberately untyped so that tests can put wrong types in. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const request: RemoteJudgeRequest = {
  canaryConfig: {
    name: 'checkout',
    metrics: [
      {
        name: 'latency',
        query: { type: 'prometheus', metricName: 'http_latency' },
        groups: ['system'],
        analysisConfigurations: { canary: { direction: 'increase', critical: true, outliers: { strategy: 'remove' } } },
      },
    ],
    classifier: { groupWeights: { system: 100 } },
  },
  metricSetPairList: [{ name: 'latency', tags: {}, values: { control: [1, 2, 'NaN'], experiment: [1.5, 2.5] } }],
  scoreThresholds: { pass: 75, marginal: 50 },
};

/** Every schema node that has `properties`, with its JSON path. */
function objectNodes(node: unknown, path = '$'): Array<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return [];
  const out: Array<[string, Record<string, unknown>]> = [];
  const n = node as Record<string, unknown>;
  if (n.properties) out.push([path, n.properties as Record<string, unknown>]);
  for (const [k, v] of Object.entries(n)) out.push(...objectNodes(v, `${path}.${k}`));
  return out;
}

describe('remoteJudgeRequestSchema', () => {
  it('compiles in ajv strict mode and accepts a typed request', () => {
    expect(validate(request)).toBe(true);
  });

  it('documents every property', () => {
    const undocumented = objectNodes(schema).flatMap(([path, props]) =>
      Object.entries(props)
        .filter(([, p]) => typeof (p as { description?: unknown }).description !== 'string')
        .map(([k]) => `${path}.${k}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('names every field of the TypeScript types (no drift)', () => {
    const keys = <T>(k: Record<keyof T, true>) => Object.keys(k).sort();
    const p = schema.properties;
    expect(Object.keys(p).sort()).toEqual(
      keys<RemoteJudgeRequest>({ canaryConfig: true, metricSetPairList: true, scoreThresholds: true }),
    );
    expect(Object.keys(p.canaryConfig.properties).sort()).toEqual(
      keys<CanaryConfig>({
        name: true,
        id: true,
        description: true,
        configVersion: true,
        applications: true,
        judge: true,
        metrics: true,
        templates: true,
        classifier: true,
      }),
    );
    expect(Object.keys(p.canaryConfig.properties.metrics.items.properties).sort()).toEqual(
      keys<CanaryMetricConfig>({
        name: true,
        query: true,
        groups: true,
        analysisConfigurations: true,
        scopeName: true,
        unit: true,
      }),
    );
    expect(
      Object.keys(
        p.canaryConfig.properties.metrics.items.properties.analysisConfigurations.properties.canary.properties,
      ).sort(),
    ).toEqual(
      keys<CanaryAnalysisSettings>({
        direction: true,
        nanStrategy: true,
        critical: true,
        mustHaveData: true,
        muted: true,
        outliers: true,
        effectSize: true,
      }),
    );
    expect(Object.keys(p.metricSetPairList.items.properties).sort()).toEqual(
      keys<MetricSetPair>({ name: true, id: true, tags: true, values: true, scopes: true, attributes: true }),
    );
  });

  it.each<[string, (r: Loose) => void, string, string]>([
    [
      '"NaN" is the only string allowed in a series',
      (r) => (r.metricSetPairList[0].values.control[1] = 'nan'),
      '/metricSetPairList/0/values/control/1',
      'anyOf',
    ],
    [
      'null points are refused',
      (r) => (r.metricSetPairList[0].values.experiment[0] = null),
      '/metricSetPairList/0/values/experiment/0',
      'anyOf',
    ],
    [
      'a missing series is refused',
      (r) => delete r.metricSetPairList[0].values.control,
      '/metricSetPairList/0/values',
      'required',
    ],
    ['thresholds must be numbers', (r) => (r.scoreThresholds.pass = '75'), '/scoreThresholds/pass', 'type'],
    [
      'critical must be a boolean',
      (r) => (r.canaryConfig.metrics[0].analysisConfigurations.canary.critical = 'yes'),
      '/canaryConfig/metrics/0/analysisConfigurations/canary/critical',
      'type',
    ],
    [
      'group weights must be numbers',
      (r) => (r.canaryConfig.classifier.groupWeights.system = null),
      '/canaryConfig/classifier/groupWeights/system',
      'type',
    ],
    ['scoreThresholds is required', (r) => delete r.scoreThresholds, '', 'required'],
  ])('%s', (_name, mutate, instancePath, keyword) => {
    const bad = JSON.parse(JSON.stringify(request)) as Loose;
    mutate(bad);
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === instancePath && e.keyword === keyword)).toBe(true);
  });

  it('accepts null for every setting the judge reads (absent ⇒ default, as Kayenta MapUtils reads a null)', () => {
    const r = JSON.parse(JSON.stringify(request)) as Loose;
    r.canaryConfig.metrics[0].analysisConfigurations = {
      canary: allNullCanarySettings(),
      canaryJudge: { minimumPoints: null, absolute: null, test: null },
    };
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    for (const nullObject of [
      { canary: { outliers: null, effectSize: null } },
      { canary: null, canaryJudge: null },
      null,
    ]) {
      r.canaryConfig.metrics[0].analysisConfigurations = nullObject;
      expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    }
    // a wrong type is still refused
    r.canaryConfig.metrics[0].analysisConfigurations = { canary: { critical: 'yes' } };
    expect(validate(r)).toBe(false);
  });

  it('allows unknown properties, as Kayenta ignores them', () => {
    expect(validate({ ...request, extra: 1, canaryConfig: { ...request.canaryConfig, createdTimestamp: 1 } })).toBe(
      true,
    );
  });

  it('accepts an optional display unit per metric (a short string), which the judge ignores', () => {
    const withUnit = (unit: unknown) => ({
      ...request,
      canaryConfig: { ...request.canaryConfig, metrics: [{ ...request.canaryConfig.metrics[0]!, unit }] },
    });
    expect(validate(withUnit('ms'))).toBe(true);
    expect(validate(withUnit(5))).toBe(false);
    expect(validate(withUnit('x'.repeat(33)))).toBe(false);
    const pairs = [
      { name: 'latency', values: { control: [1, 2, 3, 4, 5, 6], experiment: [4, 5, 6, 7, 8, 9] } },
    ] as RemoteJudgeRequest['metricSetPairList'];
    const plain = judge({ ...request, metricSetPairList: pairs });
    const unit = judge({ ...(withUnit('ms') as RemoteJudgeRequest), metricSetPairList: pairs });
    expect(JSON.stringify(unit)).toBe(JSON.stringify(plain));
  });
});
