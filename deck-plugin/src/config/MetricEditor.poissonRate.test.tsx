import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPanel } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage, stageToForm } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';
import { validateStage } from '../transforms/validation';
import { guardrailSettingsOf, type WhatIfMetric } from '../transforms/whatIf';

const canaryJudgeOf = (live: Record<string, unknown>, i: number): unknown =>
  (live['payload'] as { canaryConfig: { metrics: Array<{ analysisConfigurations: { canaryJudge?: unknown } }> } })
    .canaryConfig.metrics[i]!.analysisConfigurations.canaryJudge;

describe('MetricEditor: the opt-in Poisson rate test (canaryJudge.test)', () => {
  it('writes canaryJudge.test "poissonRate" when chosen and removes it for Mann-Whitney', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const m0 = within(screen.getByTestId(testIds.config.metric(0)));
    const select = m0.getByLabelText('Test') as HTMLSelectElement;
    expect(select.value).toBe('mannWhitney');
    fireEvent.change(select, { target: { value: 'poissonRate' } });
    expect(canaryJudgeOf(live, 0)).toEqual({ test: 'poissonRate' });
    expect(canaryJudgeOf(live, 1)).toBeUndefined();
    fireEvent.change(m0.getByLabelText('Test'), { target: { value: 'mannWhitney' } });
    expect(canaryJudgeOf(live, 0)).toBeUndefined();
  });

  it('reads the test back from a stage (round trip keeps other canaryJudge keys)', () => {
    const form = validForm();
    form.metrics[0] = { ...form.metrics[0]!, test: 'poissonRate', minimumPoints: '5' };
    const stage = formToStage(form, {});
    expect(stageToForm(stage).metrics[0]!.test).toBe('poissonRate');
    expect(stageToForm(stage).metrics[1]!.test).toBeUndefined();
  });
});

describe('stage validation: the test setting', () => {
  it('names an unknown test and CLES with the Poisson rate test, as the judge refuses them', () => {
    const form = validForm();
    form.metrics[0] = { ...form.metrics[0]!, test: 'poissonRate', effectMeasure: 'cles' };
    const stage = formToStage(form, {});
    expect(validateStage(stage).map((i) => i.path)).toEqual([
      'payload.canaryConfig.metrics[0].analysisConfigurations.canary.effectSize.measure',
    ]);
    form.metrics[0] = { ...form.metrics[0]!, effectMeasure: 'meanRatio' };
    expect(validateStage(formToStage(form, {}))).toEqual([]);
  });
});

describe('what-if: the test setting', () => {
  const metric = (test?: 'mannWhitney' | 'poissonRate'): WhatIfMetric => ({
    direction: 'either',
    critical: false,
    muted: false,
    mustHaveData: false,
    nanStrategy: 'remove',
    outlierStrategy: 'keep',
    outlierFactor: '3.0',
    measure: 'meanRatio',
    allowedIncrease: '1.0',
    allowedDecrease: '1.0',
    criticalIncrease: '1.0',
    criticalDecrease: '1.0',
    minimumPoints: '',
    absoluteStatistic: '',
    absoluteUpperLimit: '',
    absoluteLowerLimit: '',
    ...(test !== undefined ? { test } : {}),
  });
  it('sets, clears or keeps canaryJudge.test', () => {
    expect(guardrailSettingsOf({}, metric('poissonRate'))).toEqual({ test: 'poissonRate' });
    expect(guardrailSettingsOf({ test: 'poissonRate' }, metric('mannWhitney'))).toBeUndefined();
    expect(guardrailSettingsOf({ test: 'poissonRate' }, metric())).toEqual({ test: 'poissonRate' });
  });
});
