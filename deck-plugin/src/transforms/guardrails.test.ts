import { describe, expect, it } from 'vitest';
import { judge, type RemoteJudgeRequest } from '@canary-judge/shared';
import { validForm } from '../testing/fixtures';
import { emptyMetric, formToStage, stageToForm, type FormState, type MetricForm } from './stageJson';
import { validateStage } from './validation';

/** The valid form with the first metric's guardrail fields patched. */
function withGuardrails(patch: Partial<MetricForm>): FormState {
  const form = validForm();
  form.metrics[0] = { ...form.metrics[0]!, ...patch };
  return form;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function analysisOf(form: FormState, stage: Record<string, unknown> = {}): Loose {
  const changes = formToStage(form, stage) as Loose;
  return changes['payload'].canaryConfig.metrics[0].analysisConfigurations;
}

const BASE = 'payload.canaryConfig.metrics[0].analysisConfigurations.canaryJudge';

describe('guardrail fields ↔ analysisConfigurations.canaryJudge', () => {
  it('writes no canaryJudge key when no guardrail is set (Kayenta-only config)', () => {
    expect(analysisOf(validForm())).not.toHaveProperty('canaryJudge');
    expect(Object.keys(emptyMetric())).toEqual(
      expect.arrayContaining(['minimumPoints', 'absoluteStatistic', 'absoluteUpperLimit', 'absoluteLowerLimit']),
    );
  });

  it.each<[string, Partial<MetricForm>, unknown]>([
    ['minimum points only', { minimumPoints: '30' }, { minimumPoints: 30 }],
    [
      'an upper limit on p99',
      { absoluteStatistic: 'p99', absoluteUpperLimit: '0.5' },
      { absolute: { statistic: 'p99', upperLimit: 0.5 } },
    ],
    [
      'both settings and both limits',
      { minimumPoints: '10', absoluteStatistic: 'mean', absoluteUpperLimit: '20', absoluteLowerLimit: '1e1' },
      { minimumPoints: 10, absolute: { statistic: 'mean', upperLimit: 20, lowerLimit: 10 } },
    ],
    ['a limit without a statistic (left for validation)', { absoluteLowerLimit: '3' }, { absolute: { lowerLimit: 3 } }],
    ['text that is not a number (left for validation)', { minimumPoints: '3x' }, { minimumPoints: '3x' }],
  ])('writes %s', (_name, patch, expected) => {
    const analysis = analysisOf(withGuardrails(patch));
    expect(analysis['canaryJudge']).toEqual(expected);
    expect(analysis['canary']).toBeDefined();
  });

  it('round-trips the guardrail fields', () => {
    const form = withGuardrails({
      minimumPoints: '30',
      absoluteStatistic: 'p95',
      absoluteUpperLimit: '0.5',
      absoluteLowerLimit: '0.01',
    });
    expect(stageToForm(formToStage(form, {}))).toEqual(form);
  });

  it('removes cleared guardrails but keeps canaryJudge keys it does not edit', () => {
    const first = formToStage(
      withGuardrails({ minimumPoints: '30', absoluteStatistic: 'max', absoluteUpperLimit: '1' }),
      {},
    );
    expect(analysisOf(validForm(), first)).not.toHaveProperty('canaryJudge');
    const payload = first['payload'] as Loose;
    payload['canaryConfig'].metrics[0].analysisConfigurations.canaryJudge.later = { x: 1 };
    expect(analysisOf(validForm(), first)['canaryJudge']).toEqual({ later: { x: 1 } });
  });

  it('reads an unknown statistic as none', () => {
    const stage = formToStage(withGuardrails({ absoluteStatistic: 'p99', absoluteUpperLimit: '1' }), {}) as Loose;
    stage['payload'].canaryConfig.metrics[0].analysisConfigurations.canaryJudge.absolute.statistic = 'p75';
    expect(stageToForm(stage).metrics[0]).toMatchObject({ absoluteStatistic: '', absoluteUpperLimit: '1' });
  });

  it('writes settings the judge accepts and applies', () => {
    const analysis = analysisOf(
      withGuardrails({ minimumPoints: '5', absoluteStatistic: 'max', absoluteUpperLimit: '0.5' }),
    );
    const request: RemoteJudgeRequest = {
      canaryConfig: { metrics: [{ name: 'latency', groups: ['g'], analysisConfigurations: analysis }] },
      metricSetPairList: [
        { name: 'latency', values: { control: [0.1, 0.2, 0.3, 0.4, 0.5], experiment: [0.1, 0.2, 0.3, 0.4, 0.9] } },
      ],
      scoreThresholds: { pass: 75, marginal: 50 },
    };
    const r = judge(request).results[0]!;
    expect(r.classification).toBe('High');
    expect(r.classificationReason).toBe('latency max 0.9 is above the absolute limit 0.5');
  });
});

describe('guardrail validation', () => {
  function issuesFor(patch: Partial<MetricForm>): string[] {
    return validateStage(formToStage(withGuardrails(patch), {})).map((i) => `${i.path}: ${i.message}`);
  }

  it('accepts valid guardrails', () => {
    expect(issuesFor({ minimumPoints: '1', absoluteStatistic: 'p50', absoluteLowerLimit: '-2' })).toEqual([]);
    expect(issuesFor({ absoluteStatistic: 'p90', absoluteUpperLimit: '5', absoluteLowerLimit: '5' })).toEqual([]);
  });

  it.each<[string, Partial<MetricForm>, string]>([
    ['minimum points 0', { minimumPoints: '0' }, `${BASE}.minimumPoints: must be at least 1 (got 0)`],
    ['fractional minimum points', { minimumPoints: '2.5' }, `${BASE}.minimumPoints: must be a whole number (got 2.5)`],
    ['minimum points not a number', { minimumPoints: 'ten' }, `${BASE}.minimumPoints: must be a number (got "ten")`],
    [
      'a limit without a statistic',
      { absoluteUpperLimit: '0.5' },
      `${BASE}.absolute.statistic: is required: one of mean, p50, p90, p95, p99, max`,
    ],
    [
      'a statistic without a limit',
      { absoluteStatistic: 'p99' },
      `${BASE}.absolute.upperLimit: needs an upper or a lower limit (or both)`,
    ],
    [
      'a limit that is not a number',
      { absoluteStatistic: 'p99', absoluteUpperLimit: '500ms' },
      `${BASE}.absolute.upperLimit: must be a number (got "500ms")`,
    ],
    [
      'lower above upper',
      { absoluteStatistic: 'p99', absoluteUpperLimit: '0.5', absoluteLowerLimit: '0.6' },
      `${BASE}.absolute.lowerLimit: must be at most upperLimit (0.5)`,
    ],
  ])('%s', (_name, patch, expected) => {
    expect(issuesFor(patch)).toEqual([expected]);
  });

  it('reports an unknown statistic in the stage JSON', () => {
    const stage = formToStage(withGuardrails({ absoluteStatistic: 'p99', absoluteUpperLimit: '1' }), {}) as Loose;
    stage['payload'].canaryConfig.metrics[0].analysisConfigurations.canaryJudge.absolute.statistic = 'p75';
    expect(validateStage(stage).map((i) => `${i.path}: ${i.message}`)).toEqual([
      `${BASE}.absolute.statistic: must be one of mean, p50, p90, p95, p99, max (got "p75")`,
    ]);
  });
});
