import { describe, expect, it } from 'vitest';
import { pointerToPath } from './json-path';

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
