import { describe, expect, it } from 'vitest';
import { evaluateTemplates, type TemplateScope, type UnresolvedExpression } from './template';

const scope: TemplateScope = {
  root: {
    execution: { id: 'EXEC1', application: 'checkout', name: 'deploy "prod"' },
    trigger: {},
    parameterValues: { lifetimeMinutes: '30', controlScope: 'base' },
    list: ['a', 'b'],
  },
  currentStage: { id: 'STAGE1', startTime: 1718031234567 },
  currentUser: 'alice@example.com',
};

describe('evaluateTemplates', () => {
  it('splices paths, #currentStage() and #currentUser() into text', () => {
    const url =
      'https://judge.example.com/v1/judgments/${execution.id}-${#currentStage().id}-${#currentStage().startTime}';
    expect(evaluateTemplates(url, scope)).toBe('https://judge.example.com/v1/judgments/EXEC1-STAGE1-1718031234567');
    expect(evaluateTemplates('by ${#currentUser()}', scope)).toBe('by alice@example.com');
  });

  it('gives a whole-string expression its typed value', () => {
    expect(evaluateTemplates('${#currentStage().startTime}', scope)).toBe(1718031234567);
    expect(evaluateTemplates('${parameterValues}', scope)).toEqual({ lifetimeMinutes: '30', controlScope: 'base' });
    expect(evaluateTemplates('${list[1]}', scope)).toBe('b');
    expect(evaluateTemplates("${parameterValues['controlScope']}", scope)).toBe('base');
  });

  it('#toJson quotes strings so they cannot break the surrounding JSON', () => {
    const payload = '{"pipeline": ${#toJson(execution.name)}, "p": ${#toJson(parameterValues)}}';
    const text = evaluateTemplates(payload, scope) as string;
    expect(JSON.parse(text)).toEqual({ pipeline: 'deploy "prod"', p: { lifetimeMinutes: '30', controlScope: 'base' } });
  });

  it('#readJson parses JSON text and leaves invalid JSON unresolved', () => {
    const inner = { root: { ...scope.root, text: '{"metrics": [1]}', bad: '{"metrics": [' } };
    expect(evaluateTemplates('${#toJson(#readJson(text))}', { ...scope, ...inner })).toBe('{"metrics":[1]}');
    const unresolved: UnresolvedExpression[] = [];
    expect(evaluateTemplates('${#readJson(bad)}', { ...scope, ...inner }, unresolved)).toBe('${#readJson(bad)}');
    expect(unresolved[0]?.reason).toMatch(/#readJson/);
  });

  it('leaves unresolved expressions as raw text and reports them', () => {
    const unresolved: UnresolvedExpression[] = [];
    const out = evaluateTemplates(
      { a: '${nope.x}', b: 'x-${execution.missing}-${execution.id}', c: '${#stage("x")}', d: 5 },
      scope,
      unresolved,
    );
    expect(out).toEqual({ a: '${nope.x}', b: 'x-${execution.missing}-EXEC1', c: '${#stage("x")}', d: 5 });
    expect(unresolved.map((u) => u.expression)).toEqual(['${nope.x}', '${execution.missing}', '${#stage("x")}']);
  });

  it('walks nested objects and arrays without touching keys', () => {
    const out = evaluateTemplates({ '${execution.id}': [{ v: '${execution.application}' }] }, scope);
    expect(out).toEqual({ '${execution.id}': [{ v: 'checkout' }] });
  });

  it('keeps an unterminated ${ as plain text', () => {
    expect(evaluateTemplates('cost ${ 5', scope)).toBe('cost ${ 5');
  });
});
