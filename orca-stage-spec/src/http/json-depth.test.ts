import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth';

describe('jsonDepth', () => {
  it('measures nesting of arrays and objects, scalars being 0', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('"x"')).toBe(0);
    expect(jsonDepth('[]')).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":[[]]}],"c":{}}')).toBe(5);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('["\\"[[[", "\\\\", ["x"]]')).toBe(2);
  });

  it('stops early past the limit, so a huge body is not scanned to the end', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(jsonDepth(deep, MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(deep)).toBe(500_000);
  });
});
