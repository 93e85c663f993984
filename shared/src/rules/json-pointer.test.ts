import { describe, expect, it } from 'vitest';
import { appendKey, pointerToPath, segmentsToPath } from './json-pointer';

describe('pointerToPath', () => {
  const doc = { a: [{ b: { '3': 1, 'x.y': 2, 'p/q': 3 } }] };
  it.each([
    ['', ''],
    ['/a', 'a'],
    ['/a/0', 'a[0]'],
    ['/a/0/b/3', 'a[0].b["3"]'],
    ['/a/0/b/x.y', 'a[0].b["x.y"]'],
    ['/a/0/b/p~1q', 'a[0].b["p/q"]'],
  ])('%s → %s', (pointer, path) => {
    expect(pointerToPath(pointer, doc)).toBe(path);
  });
});

describe('pointerToPath without the document', () => {
  it.each([
    ['', ''],
    ['/canaryConfig/metrics/0/name', 'canaryConfig.metrics[0].name'],
    ['/timing/lifetimeMinutes', 'timing.lifetimeMinutes'],
    ['/tags/my key/12', 'tags["my key"][12]'],
    ['/a~1b/c~0d', '["a/b"]["c~d"]'],
  ])('%s → %s (digit-only segments are indices)', (pointer, path) => {
    expect(pointerToPath(pointer)).toBe(path);
  });
});

describe('appendKey', () => {
  it('dots identifiers and quotes every other key', () => {
    expect(appendKey('', 'scoreThresholds')).toBe('scoreThresholds');
    expect(appendKey('scoreThresholds', 'pass')).toBe('.pass');
    expect(appendKey('groupWeights', 'my group')).toBe('["my group"]');
    expect(appendKey('', '3')).toBe('["3"]');
  });
});

describe('segmentsToPath', () => {
  it('writes decoded keys and indices as pointerToPath does', () => {
    expect(segmentsToPath(['canaryConfig', 'metrics', '0', 'name'])).toBe('canaryConfig.metrics[0].name');
    expect(segmentsToPath(['scopes', 'a/b', 'controlScope'])).toBe('scopes["a/b"].controlScope');
    expect(segmentsToPath(['tags', '0'], { tags: { '0': 'x' } })).toBe('tags["0"]');
    expect(segmentsToPath([])).toBe('');
  });
});
