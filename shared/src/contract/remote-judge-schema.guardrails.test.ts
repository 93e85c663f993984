import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { CanaryJudgeSettings, RemoteJudgeRequest } from './kayenta';
import { remoteJudgeRequestSchema as schema } from './remote-judge-schema';

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function withGuardrails(canaryJudge: unknown): RemoteJudgeRequest {
  return {
    canaryConfig: {
      metrics: [
        {
          name: 'latency',
          groups: ['system'],
          analysisConfigurations: { canary: { critical: true }, canaryJudge: canaryJudge as CanaryJudgeSettings },
        },
      ],
    },
    metricSetPairList: [{ name: 'latency', values: { control: [1, 2], experiment: [1, 2] } }],
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

const PATH = '/canaryConfig/metrics/0/analysisConfigurations/canaryJudge';

describe('remoteJudgeRequestSchema: analysisConfigurations.canaryJudge', () => {
  it('names every field of CanaryJudgeSettings (no drift)', () => {
    const props = schema.properties.canaryConfig.properties.metrics.items.properties.analysisConfigurations.properties;
    const keys: Record<keyof CanaryJudgeSettings, true> = { minimumPoints: true, absolute: true, test: true };
    expect(Object.keys(props.canaryJudge.properties).sort()).toEqual(Object.keys(keys).sort());
    expect(Object.keys(props.canaryJudge.properties.absolute.properties).sort()).toEqual([
      'lowerLimit',
      'statistic',
      'upperLimit',
    ]);
  });

  it.each<unknown>([
    {},
    { minimumPoints: 30 },
    { absolute: { statistic: 'p99', upperLimit: 0.5 } },
    { minimumPoints: 1, absolute: { statistic: 'mean', lowerLimit: 10, upperLimit: 20 } },
    { minimumPoints: 30, somethingLater: { x: 1 } },
  ])('accepts %j', (canaryJudge) => {
    expect(validate(withGuardrails(canaryJudge))).toBe(true);
  });

  it.each<[unknown, string, string]>([
    [{ minimumPoints: 0 }, `${PATH}/minimumPoints`, 'minimum'],
    [{ minimumPoints: 2.5 }, `${PATH}/minimumPoints`, 'type'],
    [{ minimumPoints: '30' }, `${PATH}/minimumPoints`, 'type'],
    [{ absolute: { statistic: 'p75', upperLimit: 1 } }, `${PATH}/absolute/statistic`, 'enum'],
    [{ absolute: { upperLimit: 1 } }, `${PATH}/absolute`, 'required'],
    [{ absolute: { statistic: 'max', upperLimit: '1' } }, `${PATH}/absolute/upperLimit`, 'type'],
    ['yes', PATH, 'type'],
  ])('refuses %j', (canaryJudge, instancePath, keyword) => {
    expect(validate(withGuardrails(canaryJudge))).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === instancePath && e.keyword === keyword)).toBe(true);
  });
});
