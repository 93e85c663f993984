/** removeNaN / replaceNaN: Kayenta nanStrategy remove / replace. */
import { describe, expect, it } from 'vitest';
import { removeNaN, replaceNaN } from './nan';

describe('removeNaN', () => {
  it('drops NaN and keeps the order of the rest', () => {
    expect(Array.from(removeNaN([0, 1, NaN, 1, 0]))).toEqual([0, 1, 1, 0]);
  });

  it('turns an all-NaN series into an empty one', () => {
    expect(removeNaN([NaN, NaN])).toHaveLength(0);
  });

  it('keeps infinities and does not modify the input', () => {
    const input = Object.freeze([Infinity, NaN, -Infinity]);
    expect(Array.from(removeNaN(input))).toEqual([Infinity, -Infinity]);
    expect(input).toHaveLength(3);
  });
});

describe('replaceNaN', () => {
  it('replaces NaN with 0 by default, keeping length and order', () => {
    expect(Array.from(replaceNaN([NaN, 10.1, 20.2, 30.3, NaN, 40.4]))).toEqual([0, 10.1, 20.2, 30.3, 0, 40.4]);
  });

  it('uses the given replacement', () => {
    expect(Array.from(replaceNaN([NaN, 1], -1))).toEqual([-1, 1]);
  });

  it('turns an all-NaN series into zeros', () => {
    expect(Array.from(replaceNaN([NaN, NaN, NaN]))).toEqual([0, 0, 0]);
  });
});
