import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('finds URLs and leaves sentence punctuation outside', () => {
    expect(linkify('FAIL: score 0. Report: http://127.0.0.1:8095/v1/judgments/k/report.')).toEqual([
      { kind: 'text', text: 'FAIL: score 0. Report: ' },
      { kind: 'url', url: 'http://127.0.0.1:8095/v1/judgments/k/report' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('handles no URL, only a URL and empty text', () => {
    expect(linkify('Waiting for data')).toEqual([{ kind: 'text', text: 'Waiting for data' }]);
    expect(linkify('https://x.example/a')).toEqual([{ kind: 'url', url: 'https://x.example/a' }]);
    expect(linkify('')).toEqual([]);
  });
  it('does not turn other schemes into links', () => {
    expect(linkify('javascript:alert(1) ftp://x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) ftp://x' }]);
  });
});
