import { describe, expect, it } from 'vitest';
import { isNewStage, withNewStageDefaults } from './defaults';
import { stageToForm } from './stageJson';

describe('new stage defaults', () => {
  it('fills thresholds, a live timing and the first configured source into empty fields only', () => {
    const f = withNewStageDefaults(stageToForm({}), ['prometheus', 'demo']);
    expect(f).toMatchObject({
      pass: '75',
      marginal: '50',
      lifetimeMinutes: '60',
      intervalMinutes: '15',
      metricSource: 'prometheus',
      analysisType: 'realTime',
    });
    expect(withNewStageDefaults({ ...stageToForm({}), pass: '90' }, []).pass).toBe('90');
    expect(withNewStageDefaults(stageToForm({}), []).metricSource).toBe('');
  });
  it('applies only to a stage without a payload', () => {
    expect(isNewStage({ type: 'canaryJudge' })).toBe(true);
    expect(isNewStage({ type: 'canaryJudge', payload: {} })).toBe(false);
  });
});
