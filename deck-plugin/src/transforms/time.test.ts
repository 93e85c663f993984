import { describe, expect, it } from 'vitest';
import { formatInstant, formatWindow, relativeTime } from './time';

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

describe('local time zones', () => {
  it("prints instants and windows in the reader's zone, labelled with it", () => {
    expect(formatInstant('2026-01-05T10:00:00Z', 'Asia/Kolkata')).toBe('2026-01-05 15:30:00 GMT+5:30');
    expect(formatWindow({ start: '2026-01-05T18:00:00Z', end: '2026-01-05T19:00:00Z' }, 'Asia/Kolkata')).toBe(
      '2026-01-05 23:30–2026-01-06 00:30 GMT+5:30 (60 min)',
    );
    expect(formatInstant('2026-07-05T10:00:00Z', 'America/New_York')).toBe('2026-07-05 06:00:00 EDT');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  it('reads instants to come as "in N min" and past ones as "N min ago", hours from 2 h', () => {
    expect(relativeTime('2026-01-05T10:04:00Z', now)).toBe('in 4 min');
    expect(relativeTime('2026-01-05T09:48:00Z', now)).toBe('12 min ago');
    expect(relativeTime('2026-01-05T10:00:20Z', now)).toBe('now');
    expect(relativeTime('2026-01-05T13:00:00Z', now)).toBe('in 3 h');
    expect(relativeTime('junk', now)).toBe('');
  });
});
