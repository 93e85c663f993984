import { describe, expect, it } from 'vitest';
import { elapsedTicks, formatAxisValue, formatElapsed, niceStep, stepDecimals, valueTicks } from './axes';

describe('elapsedTicks / formatElapsed', () => {
  it('puts ticks at round clock steps from 0, never at the raw data minutes', () => {
    const x = elapsedTicks(29.995683333333332);
    expect(x.step).toBe(5);
    expect(x.ticks.map((t) => formatElapsed(t, 29.99))).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00', '25:00']);
    expect(elapsedTicks(3).ticks).toEqual([0, 1, 2, 3]);
    expect(elapsedTicks(0.16235).ticks.map((t) => formatElapsed(t, 0.16235))).toEqual([
      '0:00',
      '0:02',
      '0:04',
      '0:06',
      '0:08',
    ]);
  });
  it('switches to h:mm for an hour or more', () => {
    const x = elapsedTicks(240);
    expect(x.step).toBe(60);
    expect(x.ticks.map((t) => formatElapsed(t, 240))).toEqual(['0:00', '1:00', '2:00', '3:00', '4:00']);
    expect(formatElapsed(90, 120)).toBe('1:30');
    expect(formatElapsed(9.75, 30)).toBe('9:45');
    expect(formatElapsed(-0.5, 30)).toBe('-0:30');
  });
  it('handles an empty or non-finite span', () => {
    expect(elapsedTicks(0).ticks).toEqual([0]);
    expect(elapsedTicks(Number.NaN).ticks).toEqual([0]);
    expect(formatElapsed(Number.NaN, 1)).toBe('N/A');
  });
  it('uses day steps for very long spans', () => {
    expect(elapsedTicks(20_000).step % 1440).toBe(0);
  });
});

describe('valueTicks / formatAxisValue', () => {
  it('gives 1-2-5 steps and widens the domain to whole steps', () => {
    // The values seen in real Deck: ticks 15.8, 7.48, 2.48, -2.52 came from a padded raw domain.
    const y = valueTicks(-2.52, 15.8);
    expect(y.step).toBe(5);
    expect(y.ticks).toEqual([-5, 0, 5, 10, 15, 20]);
    expect(y.domain).toEqual([-5, 20]);
    expect(valueTicks(0.12, 0.31).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(valueTicks(5, 5).ticks[0]).toBeLessThan(5);
    expect(valueTicks(Number.NaN, 1).ticks).toEqual([0, 1]);
  });
  it('prints ticks with the decimals of the step and the unit', () => {
    expect(formatAxisValue(2.5, 'ms', 0.5)).toBe('2.5 ms');
    expect(formatAxisValue(10, 'ms', 5)).toBe('10 ms');
    expect(formatAxisValue(2500, 'B', 500)).toBe('2.5k B');
    expect(formatAxisValue(0.15, '%', 0.05)).toBe('0.15%');
    expect(formatAxisValue(-0.0000001, '', 0.1)).toBe('0.0');
    expect(formatAxisValue(123.456, 'ms')).toBe('123 ms');
    expect(formatAxisValue(Number.POSITIVE_INFINITY, 'ms')).toBe('N/A');
  });
  it('niceStep and stepDecimals', () => {
    expect([0.7, 1.5, 2.2, 3, 7, 12].map(niceStep)).toEqual([1, 2, 2.5, 5, 10, 20]);
    expect(niceStep(0)).toBe(1);
    expect([0.25, 5, 0.1, 1e-9].map(stepDecimals)).toEqual([2, 0, 1, 6]);
  });
});
