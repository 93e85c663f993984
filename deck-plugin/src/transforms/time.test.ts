import { describe, expect, it } from 'vitest';
import { formatInstant, formatWindow } from './time';

describe('formatInstant', () => {
  it('prints UTC with a label, and — for junk', () => {
    expect(formatInstant('2026-01-05T10:00:00.000Z')).toBe('2026-01-05 10:00:00 UTC');
    expect(formatInstant('2026-01-05T12:00:00+02:00')).toBe('2026-01-05 10:00:00 UTC');
    expect(formatInstant('')).toBe('—');
    expect(formatInstant('soon')).toBe('—');
  });
});

describe('formatWindow', () => {
  it('prints one date for a same-day window and both across midnight', () => {
    expect(formatWindow({ start: '2026-01-05T10:00:00Z', end: '2026-01-05T11:00:00Z' })).toBe(
      '2026-01-05 10:00–11:00 UTC (60 min)',
    );
    expect(formatWindow({ start: '2026-01-05T23:30:00Z', end: '2026-01-06T00:15:00Z' })).toBe(
      '2026-01-05 23:30–2026-01-06 00:15 UTC (45 min)',
    );
    expect(formatWindow({ start: '', end: '' })).toBe('—');
  });
});
