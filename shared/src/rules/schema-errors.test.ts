import { describe, expect, it } from 'vitest';
import { foldIssueTexts } from './issues';
import { schemaErrorField, schemaErrorIssue } from './schema-errors';

describe('schemaErrorField', () => {
  it('names the property a required, additionalProperties or propertyNames error is about', () => {
    const at = { instancePath: '/timing', schemaPath: '#', message: 'x' };
    expect(schemaErrorField({ ...at, keyword: 'required', params: { missingProperty: 'lifetimeMinutes' } })).toBe(
      'timing.lifetimeMinutes',
    );
    expect(schemaErrorField({ ...at, keyword: 'additionalProperties', params: { additionalProperty: 'colour' } })).toBe(
      'timing.colour',
    );
    expect(schemaErrorField({ ...at, keyword: 'propertyNames', params: { propertyName: 'a b' } })).toBe(
      'timing["a b"]',
    );
    expect(schemaErrorField({ ...at, instancePath: '/metrics/2/weight', keyword: 'minimum', params: {} })).toBe(
      'metrics[2].weight',
    );
  });

  it('reads indices from the document when given one (an object key "0" stays a key)', () => {
    const e = { instancePath: '/tags/0', schemaPath: '#', keyword: 'type', params: {} };
    expect(schemaErrorField(e, { tags: { '0': 1 } })).toBe('tags["0"]');
    expect(schemaErrorField(e, { tags: [1] })).toBe('tags[0]');
  });
});

describe('schemaErrorIssue', () => {
  it('words each keyword as the judgment API does and keeps the keyword', () => {
    const base = { instancePath: '/scheduler', schemaPath: '#' };
    expect(schemaErrorIssue({ ...base, keyword: 'required', params: { missingProperty: 'tickMs' } })).toEqual({
      field: 'scheduler.tickMs',
      rule: 'is required',
      keyword: 'required',
    });
    expect(schemaErrorIssue({ ...base, keyword: 'enum', params: { allowedValues: ['a', 'b'] } }).rule).toBe(
      'must be one of "a", "b"',
    );
    expect(schemaErrorIssue({ ...base, keyword: 'const', params: { allowedValue: 1 } }).rule).toBe('must be 1');
    expect(schemaErrorIssue({ ...base, keyword: 'minimum', params: {}, message: 'must be >= 10' }).rule).toBe(
      'must be >= 10',
    );
    expect(schemaErrorIssue({})).toEqual({ field: '', rule: 'is invalid', keyword: 'schema' });
  });
});

describe('foldIssueTexts', () => {
  it('keeps one text as it is and counts several', () => {
    expect(foldIssueTexts(['a: is required'])).toBe('a: is required');
    expect(foldIssueTexts(['a: is required', 'b: must be 1'])).toBe('2 problems: a: is required; b: must be 1');
  });
});
