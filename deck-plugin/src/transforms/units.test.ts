import { describe, expect, it } from 'vitest';
import { displayScale, formatWithUnit, normalizeUnit, valueAxis } from './units';

describe('normalizeUnit', () => {
  it('unifies common spellings and keeps the rest as written', () => {
    expect(
      ['percent', ' ms ', 'milliseconds', 'us', 'Seconds', 'req/s', 'bytes', 'MB', '', 42].map(normalizeUnit),
    ).toEqual(['%', 'ms', 'ms', 'µs', 's', 'req/s', 'bytes', 'MB', '', '']);
  });
});

describe('displayScale', () => {
  it('moves time units along ns–µs–ms–s by the size of the values', () => {
    expect(displayScale('ms', 1500)).toEqual({ unit: 's', divisor: 1000 });
    expect(displayScale('ms', 999)).toEqual({ unit: 'ms', divisor: 1 });
    expect(displayScale('s', 0.002)).toEqual({ unit: 'ms', divisor: 0.001 });
    expect(displayScale('ns', 2_500_000)).toEqual({ unit: 'ms', divisor: 1e6 });
    expect(displayScale('s', 86_400)).toEqual({ unit: 's', divisor: 1 });
  });
  it('keeps other units and zero or non-finite sizes', () => {
    expect(displayScale('req/s', 1e6)).toEqual({ unit: 'req/s', divisor: 1 });
    expect(displayScale('ms', 0)).toEqual({ unit: 'ms', divisor: 1 });
    expect(displayScale('ms', Number.NaN)).toEqual({ unit: 'ms', divisor: 1 });
  });
});

describe('valueAxis', () => {
  it('a latency axis in ms past a second reads in seconds at round steps', () => {
    const y = valueAxis(120, 1480, 'ms');
    expect(y.displayUnit).toBe('s');
    expect(y.ticks.map(y.tick)).toEqual(['0.0 s', '0.5 s', '1.0 s', '1.5 s']);
    expect(y.ticks).toEqual([0, 500, 1000, 1500]); // the chart still plots milliseconds
    expect(y.tooltip(1234.5)).toBe('1.23 s');
  });
  it('small latencies stay in ms; percent sticks; rates and bytes take k/M before the unit', () => {
    const ms = valueAxis(-2.52, 15.8, 'ms');
    expect(ms.ticks.map(ms.tick)).toEqual(['-5 ms', '0 ms', '5 ms', '10 ms', '15 ms', '20 ms']);
    const pct = valueAxis(0.12, 0.31, 'percent');
    expect(pct.ticks.map(pct.tick)).toEqual(['0.10%', '0.15%', '0.20%', '0.25%', '0.30%', '0.35%']);
    const rps = valueAxis(0, 48_000, 'req/s');
    expect(rps.ticks.map(rps.tick)).toEqual([
      '0 req/s',
      '10k req/s',
      '20k req/s',
      '30k req/s',
      '40k req/s',
      '50k req/s',
    ]);
    const bytes = valueAxis(0, 3.2e6, 'bytes');
    expect(bytes.ticks.map(bytes.tick)).toEqual(['0 bytes', '1M bytes', '2M bytes', '3M bytes', '4M bytes']);
    expect(bytes.tooltip(1_234_567)).toBe('1.23M bytes');
  });
  it('no unit: plain round ticks; non-finite bounds: [0, 1]', () => {
    const y = valueAxis(0.3, 9.1);
    expect(y.ticks.map(y.tick)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(valueAxis(Number.NaN, 1).ticks).toEqual([0, 1]);
  });
});

describe('formatWithUnit', () => {
  it('scales one value on its own', () => {
    expect(formatWithUnit(1500, 'ms')).toBe('1.5 s');
    expect(formatWithUnit(12.345, 'ms')).toBe('12.3 ms');
    expect(formatWithUnit(0.25, '%')).toBe('0.25%');
    expect(formatWithUnit(Number.NaN, 'ms')).toBe('N/A');
  });
});
