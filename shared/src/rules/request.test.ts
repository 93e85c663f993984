import { describe, expect, it } from 'vitest';
import { issueText } from './issues';
import { validateJudgmentRequest } from './request';
import { validateTiming, windowPoints } from './timing';
import { validateCanaryConfig, validateThresholds } from './canary-config';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function request(): Record<string, unknown> {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'demo',
    canaryConfig: {
      metrics: [
        {
          name: 'request-latency',
          query: { type: 'demo', series: 'latency' },
          groups: ['latency'],
          analysisConfigurations: { canary: { direction: 'increase', critical: true } },
        },
        { name: 'http-errors', query: { series: 'errors' }, groups: ['errors'] },
      ],
      classifier: { groupWeights: { latency: 60, errors: 40 } },
    },
    scopes: { controlScope: 'b', experimentScope: 'c' },
    timing: { lifetimeMinutes: 30, intervalMinutes: 10, stepSeconds: 10 },
    thresholds: { pass: 75, marginal: 50 },
  };
}

const texts = (r: unknown, o = {}) =>
  validateJudgmentRequest(r, { nowMs: NOW, sourceType: 'demo', ...o }).map((i) => issueText(i));

describe('validateJudgmentRequest', () => {
  it('accepts a valid request', () => {
    expect(texts(request())).toEqual([]);
  });

  it('reports every issue at once, each with its field (the issue 13 list)', () => {
    const r = request() as { canaryConfig: Record<string, unknown> } & Record<string, unknown>;
    const config = r.canaryConfig as { metrics: Array<Record<string, unknown>>; classifier: unknown };
    config.classifier = { groupWeights: { latency: 80, errors: 40 } };
    config.metrics[0]!['analysisConfigurations'] = {
      canary: { direction: 'up', effectSize: { allowedIncrease: 0.95 } },
    };
    config.metrics[1]!['groups'] = [];
    config.metrics[1]!['query'] = { promql: 'rate(http_errors[1m])' };
    const out = texts(r);
    expect(out).toEqual(
      expect.arrayContaining([
        'canaryConfig.metrics[0].analysisConfigurations.canary.direction: must be one of increase, decrease, either (got "up")',
        'canaryConfig.metrics[0].analysisConfigurations.canary.effectSize.allowedIncrease: must be at least 0 % (got −5 %)',
        'canaryConfig.metrics[1].groups: needs a group name',
        'canaryConfig.metrics[1].query: is a PromQL query, but the demo metric source reads demo series: set query.series (latency, errors or cpu)',
        'canaryConfig.classifier.groupWeights.errors: no metric is in this group',
      ]),
    );
    expect(out.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses weights that do not sum to 100', () => {
    const r = request() as { canaryConfig: { classifier: unknown } };
    r.canaryConfig.classifier = { groupWeights: { latency: 80, errors: 40 } };
    expect(texts(r)).toContain('canaryConfig.classifier.groupWeights: weights must sum to 100 (they sum to 120)');
  });

  it('checks the query kind against the source type only when the type is known', () => {
    const r = request() as { canaryConfig: { metrics: Array<Record<string, unknown>> } };
    r.canaryConfig.metrics[1]!['query'] = { series: 'errors' };
    expect(texts(r, { sourceType: 'prometheus' })).toContain(
      'canaryConfig.metrics[1].query: names a demo series (query.series), but a prometheus metric source needs a PromQL query (query.promql)',
    );
    expect(validateJudgmentRequest(r, { nowMs: NOW })).toEqual([]);
    r.canaryConfig.metrics[1]!['query'] = { namespace: 'AWS/EC2', metricName: 'CPUUtilization' };
    expect(validateJudgmentRequest(r, { nowMs: NOW, sourceType: 'cloudwatch' })).toEqual([]);
    r.canaryConfig.metrics[1]!['query'] = {};
    expect(texts(r, { sourceType: 'cloudwatch' })).toEqual([
      'canaryConfig.metrics[1].query: is required (a cloudwatch query)',
    ]);
  });

  it('adds a prefix for the Deck stage', () => {
    const r = request();
    r['thresholds'] = { pass: 50, marginal: 50 };
    expect(validateJudgmentRequest(r, { prefix: 'payload.' }).map((i) => issueText(i))).toEqual([
      'payload.thresholds.marginal: must be below pass (50)',
    ]);
  });
});

describe('validateTiming', () => {
  const t = (timing: unknown, o = {}) => validateTiming(timing, { nowMs: NOW, ...o }).map((i) => issueText(i));

  it('refuses windows with fewer than 3 points per side, naming the timing fields', () => {
    expect(t({ lifetimeMinutes: 3, intervalMinutes: 1, stepSeconds: 60 })).toEqual([
      'timing.intervalMinutes: gives windows of 1 min at a 60 s step: 1 point per side, fewer than the 3 needed to judge; lengthen timing.intervalMinutes or shorten timing.stepSeconds',
    ]);
    expect(t({ lifetimeMinutes: 2 })[0]).toMatch(
      /^timing\.lifetimeMinutes: gives windows of 2 min .* 2 points per side/,
    );
    expect(t({ lifetimeMinutes: 30, lookbackMinutes: 2, intervalMinutes: 10 })[0]).toMatch(/^timing\.lookbackMinutes:/);
    expect(t({ lifetimeMinutes: 3, intervalMinutes: 1, stepSeconds: 20 })).toEqual([]);
  });

  it('takes the minimum from the options (0 turns the rule off)', () => {
    expect(t({ lifetimeMinutes: 3, intervalMinutes: 1 }, { minPointsPerWindow: 1 })).toEqual([]);
    expect(t({ lifetimeMinutes: 3, intervalMinutes: 1 }, { minPointsPerWindow: 0 })).toEqual([]);
    expect(t({ lifetimeMinutes: 10 }, { minPointsPerWindow: 11 })).toHaveLength(1);
  });

  it('refuses a lifetime together with a retrospective window, and a window that ends in the future', () => {
    expect(t({ lifetimeMinutes: 10, startTimeIso: '2024-05-01T10:00:00Z' })).toEqual([
      'timing.endTimeIso: is required for a retrospective analysis',
      'timing.lifetimeMinutes: must not be given together with startTimeIso (a retrospective window); leave it empty or remove the window',
    ]);
    expect(t({ startTimeIso: '2024-05-01T11:00:00Z', endTimeIso: '2024-05-01T12:30:00Z' })).toEqual([
      'timing.endTimeIso: is in the future (2024-05-01T12:00:00.000Z now): a retrospective window must have ended; for a canary that is still running use lifetimeMinutes instead',
    ]);
    expect(t({ startTimeIso: '2024-05-01T11:00:00Z', endTimeIso: '2024-05-01T12:00:00Z' })).toEqual([]);
  });

  it('reports several field problems at once', () => {
    expect(t({ lifetimeMinutes: 0, warmupMinutes: -1, stepSeconds: 'x' })).toEqual([
      'timing.lifetimeMinutes: must be greater than 0 (got 0)',
      'timing.warmupMinutes: must be at least 0 (got -1)',
      'timing.stepSeconds: must be a number (got "x")',
    ]);
  });

  it('counts points per window for the panel', () => {
    expect(windowPoints({ lifetimeMinutes: 30, intervalMinutes: 10, stepSeconds: 10 })).toMatchObject({
      min: 60,
      max: 180,
      intervals: 3,
    });
    expect(windowPoints({ lifetimeMinutes: -1 })).toBeNull();
  });
});

describe('validateCanaryConfig and validateThresholds', () => {
  it('shows mean-ratio thresholds in percent and CLES as a probability', () => {
    const metric = (effectSize: unknown) => ({
      metrics: [
        { name: 'm', query: { promql: 'x' }, groups: ['g'], analysisConfigurations: { canary: { effectSize } } },
      ],
      classifier: { groupWeights: { g: 100 } },
    });
    expect(validateCanaryConfig(metric({ allowedIncrease: 1.5, criticalIncrease: 1.1 })).map((i) => i.rule)).toEqual([
      'must be at least the allowed increase (+50 %)',
    ]);
    expect(validateCanaryConfig(metric({ allowedDecrease: 1.05 })).map((i) => i.rule)).toEqual([
      'must be at most 0 % (got +5 %)',
    ]);
    expect(validateCanaryConfig(metric({ measure: 'cles', allowedIncrease: 1.2 })).map((i) => i.rule)).toEqual([
      'must be at most 1 (got 1.2)',
    ]);
  });

  it('refuses empty metric lists, and thresholds out of order', () => {
    expect(validateCanaryConfig({ metrics: [] })).toEqual([
      { field: 'canaryConfig.metrics', rule: 'needs at least one metric' },
    ]);
    expect(validateThresholds({ pass: 70, marginal: 80 })).toEqual([
      { field: 'thresholds.marginal', rule: 'must be below pass (70)' },
    ]);
    expect(validateThresholds({})).toHaveLength(2);
  });
});
