import { describe, expect, it } from 'vitest';
import { plugin } from './index';
import { formToStage } from './transforms/stageJson';
import { validForm } from './transforms/fixtures';

describe('plugin entry', () => {
  it('declares exactly the canaryJudge stage with results and task sections', () => {
    expect(plugin.stages?.map((s) => s.key)).toEqual(['canaryJudge']);
    const stage = plugin.stages![0]!;
    expect(stage.executionDetailsSections.map((s) => s.title)).toEqual(['canaryJudgeResults', 'taskStatus']);
    expect(stage.supportsCustomTimeout).toBe(true);
  });

  it('blocks saving an invalid stage with messages naming the field, and passes a valid one', () => {
    const validator = plugin.stages![0]!.validators![0]!;
    expect(validator.preventSave).toBe(true);
    const bad = { type: 'canaryJudge', name: 'x', ...formToStage({ ...validForm(), pass: '150' }, {}) };
    expect(validator.validate({ stages: [] }, bad)).toBe('payload.thresholds.pass: must be at most 100 (got 150)');
    const html = { type: 'canaryJudge', name: 'x', ...formToStage({ ...validForm(), pass: '<b>' }, {}) };
    expect(validator.validate({ stages: [] }, html)).toBe(
      'payload.thresholds.pass: must be a number (got &#34;&#60;b&#62;&#34;)',
    );
    const good = { type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) };
    expect(validator.validate({ stages: [] }, good)).toBeNull();
  });
});
