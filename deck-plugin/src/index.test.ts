import { describe, expect, it } from 'vitest';
import { plugin } from './index';
import { formToStage } from './transforms/stageJson';
import { validForm } from './testing/fixtures';

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

describe('validation messages in Deck', () => {
  it('gives one message per problem, each from its own validator (not one newline-joined text)', () => {
    const validators = plugin.stages![0]!.validators!;
    const bad = {
      type: 'canaryJudge',
      name: 'x',
      ...formToStage({ ...validForm(), pass: '150', marginal: 'x', controlScope: '' }, {}),
    };
    const messages = validators.map((v) => v.validate({ stages: [] }, bad)).filter((m) => m !== null);
    expect(messages).toEqual([
      'payload.scopes.controlScope: is required',
      'payload.thresholds.pass: must be at most 100 (got 150)',
      'payload.thresholds.marginal: must be a number (got &#34;x&#34;)',
    ]);
    for (const m of messages) expect(m).not.toContain('\n');
    expect(validators.every((v) => v.preventSave)).toBe(true);
  });

  it('sums up the problems beyond the last slot', () => {
    const validators = plugin.stages![0]!.validators!;
    const many = { type: 'canaryJudge', name: 'x', payload: { canaryConfig: { metrics: Array(20).fill({}) } } };
    const messages = validators.map((v) => v.validate({ stages: [] }, many)).filter((m) => m !== null);
    expect(messages).toHaveLength(validators.length);
    expect(messages[messages.length - 1]).toMatch(/^…and \d+ more problems/);
  });
});
