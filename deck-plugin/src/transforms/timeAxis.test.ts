import { describe, expect, it } from 'vitest';
import { clockTicks, formatClock, timeAxis } from './timeAxis';

// 2026-01-05 10:03:17 UTC: an odd start, as a real canary window has.
const START = Date.parse('2026-01-05T10:03:17Z');

describe('formatClock', () => {
  it('prints the zone’s HH:mm (or HH:mm:ss), 24-hour', () => {
    expect(formatClock(START, false, 'UTC')).toBe('10:03');
    expect(formatClock(START, true, 'UTC')).toBe('10:03:17');
    expect(formatClock(START, false, 'Asia/Kolkata')).toBe('15:33');
    expect(formatClock(Date.parse('2026-01-05T23:59:59Z'), true, 'UTC')).toBe('23:59:59');
    expect(formatClock(Number.NaN)).toBe('N/A');
  });
});

describe('clockTicks', () => {
  it.each([
    [
      'puts ticks on round clock times after an odd start',
      30,
      'UTC',
      5,
      ['10:05', '10:10', '10:15', '10:20', '10:25', '10:30'],
    ],
    [
      'is round on the local clock in a zone offset by half an hour',
      240,
      'Asia/Kolkata',
      60,
      ['16:00', '17:00', '18:00', '19:00'],
    ],
  ])('%s', (_title, minutes, zone, step, clock) => {
    const x = clockTicks(START, minutes, 6, zone);
    expect(x.step).toBe(step);
    expect(x.ticks.map((t) => formatClock(START + t * 60_000, false, zone))).toEqual(clock);
    expect(x.domain).toEqual([0, minutes]);
  });
  it('a start on a step is the first tick; bad input falls back to elapsed ticks', () => {
    const x = clockTicks(Date.parse('2026-01-05T10:00:00Z'), 10, 6, 'UTC');
    expect(x.ticks[0]).toBe(0);
    expect(clockTicks(Number.NaN, 30).ticks).toEqual([0, 10, 20, 30]);
  });
});

describe('timeAxis', () => {
  it('elapsed (default): m:ss ticks and "elapsed" tooltips', () => {
    const x = timeAxis(29.99);
    expect(x.mode).toBe('elapsed');
    expect(x.ticks.map(x.tick)).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00', '25:00']);
    expect(x.tooltip(9.75)).toBe('9:45 elapsed');
  });
  it('clock: HH:mm ticks, HH:mm:ss under a minute, tooltip with both', () => {
    const x = timeAxis(30, 'clock', START, 'UTC');
    expect(x.ticks.map(x.tick)).toEqual(['10:05', '10:10', '10:15', '10:20', '10:25', '10:30']);
    expect(x.tooltip(9.75)).toBe('10:13:02 (9:45 elapsed)');
    const short = timeAxis(0.5, 'clock', START, 'UTC');
    expect(short.tick(short.ticks[0] as number)).toMatch(/^10:03:\d\d$/);
  });
  it('clock without a start falls back to elapsed', () => {
    expect(timeAxis(30, 'clock').mode).toBe('elapsed');
  });
});
