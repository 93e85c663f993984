import { describe, expect, it } from 'vitest';
import { retrospectiveForm, validForm } from '../testing/fixtures';
import { intervalPlanText, issuesByPath, syncGroupWeights, thresholdBands, weightSum } from './form';
import { emptyMetric } from './stageJson';

describe('syncGroupWeights', () => {
  it('adds new groups, keeps existing weights and drops unused groups', () => {
    const form = validForm();
    form.metrics[1] = { ...form.metrics[1]!, group: 'saturation' };
    expect(syncGroupWeights(form).groupWeights).toEqual([
      { group: 'latency', weight: '60' },
      { group: 'saturation', weight: '' },
    ]);
  });
  it('gives a lone group 100', () => {
    const form = { ...validForm(), metrics: [emptyMetric('only')], groupWeights: [] };
    expect(syncGroupWeights(form).groupWeights).toEqual([{ group: 'only', weight: '100' }]);
  });
});

describe('weightSum / issuesByPath', () => {
  it('sums numeric weights only', () => {
    expect(
      weightSum({
        ...validForm(),
        groupWeights: [
          { group: 'a', weight: '30' },
          { group: 'b', weight: 'x' },
        ],
      }),
    ).toBe(30);
  });
  it('groups messages by path', () => {
    const m = issuesByPath([
      { path: 'a', message: '1' },
      { path: 'a', message: '2' },
    ]);
    expect(m.get('a')).toEqual(['1', '2']);
  });
});

describe('intervalPlanText', () => {
  it('describes the live plan', () => {
    expect(intervalPlanText(validForm())).toBe('3 judgements of 10 min each after 5 min warm-up (growing window)');
    expect(intervalPlanText({ ...validForm(), intervalMinutes: '', warmupMinutes: '', lookbackMinutes: '15' })).toBe(
      '1 judgement of 30 min each (sliding 15 min window)',
    );
    expect(intervalPlanText({ ...validForm(), lifetimeMinutes: '' })).toBeNull();
  });
  it('describes a retrospective window', () => {
    const f = retrospectiveForm(90);
    expect(f.endTimeIso).toBe('2026-01-01T01:30:00Z');
    expect(intervalPlanText(f)).toBe('One judgement over 90 min of past data');
  });
});

describe('thresholdBands', () => {
  it('splits 0–100 into fail, marginal and pass', () => {
    expect(thresholdBands({ pass: '75', marginal: '50' })).toEqual({ fail: 50, marginal: 25, pass: 25 });
    expect(thresholdBands({ pass: '50', marginal: '75' })).toBeNull();
    expect(thresholdBands({ pass: '', marginal: '50' })).toBeNull();
  });
});
