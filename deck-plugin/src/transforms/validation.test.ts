import { describe, expect, it } from 'vitest';
import { validForm } from '../testing/fixtures';
import { formToStage, type FormState } from './stageJson';
import { describeIssues, validateStage } from './validation';

function issuesFor(patch: Partial<FormState>): string[] {
  const stage = formToStage({ ...validForm(), ...patch }, {});
  return validateStage(stage).map((i) => `${i.path}: ${i.message}`);
}

describe('validateStage', () => {
  it('accepts the valid form', () => {
    expect(validateStage(formToStage(validForm(), {}))).toEqual([]);
  });

  it.each<[string, Partial<FormState>, string]>([
    ['pass above 100', { pass: '101' }, 'payload.thresholds.pass: must be at most 100 (got 101)'],
    ['marginal 0', { marginal: '0' }, 'payload.thresholds.marginal: must be greater than 0 (got 0)'],
    ['marginal = pass', { marginal: '75' }, 'payload.thresholds.marginal: must be below pass (75)'],
    ['pass missing', { pass: '' }, 'payload.thresholds.pass: is required'],
    ['pass not a number', { pass: 'abc' }, 'payload.thresholds.pass: must be a number (got "abc")'],
    ['no source', { metricSource: ' ' }, 'payload.metricSource: is required'],
    ['no canary scope', { experimentScope: '' }, 'payload.scopes.experimentScope: is required'],
    ['no lifetime', { lifetimeMinutes: '' }, 'payload.timing.lifetimeMinutes: is required'],
    ['zero lifetime', { lifetimeMinutes: '0' }, 'payload.timing.lifetimeMinutes: must be greater than 0 (got 0)'],
    [
      'interval longer than lifetime',
      { intervalMinutes: '45' },
      'payload.timing.intervalMinutes: must not exceed lifetimeMinutes (30)',
    ],
    ['negative warm-up', { warmupMinutes: '-1' }, 'payload.timing.warmupMinutes: must be at least 0 (got -1)'],
    ['zero step', { stepSeconds: '0' }, 'payload.timing.stepSeconds: must be greater than 0 (got 0)'],
    ['no judge URL', { judgeBaseUrl: '' }, 'url: needs the judge service URL (http:// or https://)'],
    [
      'weights not summing to 100',
      {
        groupWeights: [
          { group: 'latency', weight: '50' },
          { group: 'errors', weight: '40' },
        ],
      },
      'payload.canaryConfig.classifier.groupWeights: weights must sum to 100 (they sum to 90)',
    ],
    [
      'a group without weight',
      { groupWeights: [{ group: 'latency', weight: '100' }] },
      'payload.canaryConfig.classifier.groupWeights.errors: group "errors" needs a weight',
    ],
    [
      'negative weight',
      {
        groupWeights: [
          { group: 'latency', weight: '110' },
          { group: 'errors', weight: '-10' },
        ],
      },
      'payload.canaryConfig.classifier.groupWeights.errors: must be at least 0 (got -10)',
    ],
  ])('rejects %s', (_label, patch, expected) => {
    expect(issuesFor(patch)).toContain(expected);
  });

  it('accepts weights that sum to 100 up to rounding', () => {
    const form = validForm();
    form.metrics.push({ ...form.metrics[0]!, name: 'cpu', group: 'cpu' });
    form.groupWeights = [
      { group: 'latency', weight: '33.33' },
      { group: 'errors', weight: '33.33' },
      { group: 'cpu', weight: '33.34' },
    ];
    expect(validateStage(formToStage(form, {}))).toEqual([]);
  });

  it('names the metric index for metric problems', () => {
    const form = validForm();
    form.metrics[1] = { ...form.metrics[1]!, name: 'p99-latency', query: '', allowedIncreasePct: '-5' };
    form.metrics[2] = { ...form.metrics[2]!, group: '', outlierFactor: '0' };
    const issues = validateStage(formToStage(form, {})).map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'payload.canaryConfig.metrics[1].name: duplicates metric 1 ("p99-latency")',
        'payload.canaryConfig.metrics[1].query: is required (query.promql, or query.series for the demo source)',
        // Issue 13: one unit per setting: the panel asks for a percent, so the error speaks percent.
        'payload.canaryConfig.metrics[1].analysisConfigurations.canary.effectSize.allowedIncrease: must be at least 0 % (got −5 %)',
        'payload.canaryConfig.metrics[2].groups: needs a group name',
        'payload.canaryConfig.metrics[2].analysisConfigurations.canary.outliers.outlierFactor: must be greater than 0 (got 0)',
      ]),
    );
  });

  it('requires critical effect sizes beyond the allowed ones', () => {
    const form = validForm();
    form.metrics[1] = { ...form.metrics[1]!, allowedIncreasePct: '50', criticalIncreasePct: '10' };
    expect(validateStage(formToStage(form, {})).map((i) => i.message)).toContain(
      'must be at least the allowed increase (+50 %)',
    );
  });

  it('checks a retrospective window', () => {
    const base: Partial<FormState> = { analysisType: 'retrospective' };
    expect(issuesFor({ ...base, startTimeIso: '2026-01-01T01:00:00Z', endTimeIso: '2026-01-01T00:00:00Z' })).toContain(
      'payload.timing.endTimeIso: must be after startTimeIso',
    );
    expect(issuesFor({ ...base, startTimeIso: 'yesterday', endTimeIso: '2026-01-01T00:00:00Z' })).toContain(
      'payload.timing.startTimeIso: must be an ISO-8601 instant with a time zone, e.g. 2024-05-01T12:00:00Z',
    );
    expect(issuesFor({ ...base, startTimeIso: '2026-01-01T00:00:00Z', endTimeIso: '2026-01-01T01:00:00Z' })).toEqual(
      [],
    );
  });

  it('reports a missing metric list and survives garbage', () => {
    expect(validateStage({ payload: { canaryConfig: { metrics: [] } } }).map((i) => i.path)).toContain(
      'payload.canaryConfig.metrics',
    );
    expect(() => validateStage({ payload: 'x', url: 3 })).not.toThrow();
  });
});

describe('describeIssues', () => {
  it('joins issues or returns null', () => {
    expect(describeIssues([])).toBeNull();
    expect(describeIssues([{ path: 'a', message: 'b' }])).toBe('a: b');
  });
});
