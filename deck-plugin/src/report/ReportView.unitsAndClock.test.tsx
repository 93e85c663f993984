// Seen in real Deck: value ticks without units (`15.8`, `7.48`) and a time axis in raw minutes. The metric's `unit`
// now reaches the axes (ms past a second read in seconds), and the results view can switch the time axis to clock time.
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import ReportView from './ReportView';
import { ChartWidthContext } from './ChartFrame';
import { testIds } from '../testIds';
import { reportBody } from '../testing/reportFixtures';
import { clockTicks, formatClock } from '../transforms/timeAxis';

vi.mock('axios', () => {
  const get = vi.fn();
  return { default: { get, isAxiosError: () => false } };
});
const get = vi.mocked(axios.get);

const T0 = Date.parse('2026-01-01T00:00:00Z');
const ODD = 37_000; // the first point 37 s after the window start, as scrapes fall

/** The fixture report with a unit on p99-latency and 30 one-minute points per side around 0.9–1.6 s. */
function reportWithUnit(unit: string | undefined) {
  const body = reportBody() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const metric = body['request'].canaryConfig.metrics[0];
  if (unit !== undefined) metric.unit = unit;
  const points = (base: number) => ({
    timestamps: Array.from({ length: 30 }, (_, i) => T0 + ODD + i * 60_000),
    values: Array.from({ length: 30 }, (_, i) => base + (i % 6) * 100),
  });
  body['intervals'][1].series['p99-latency'] = { control: points(900), experiment: points(1100) };
  return body;
}

function axisTicks(chart: Element, axis: 'xAxis' | 'yAxis'): string[] {
  return [...chart.querySelectorAll(`.recharts-${axis} .recharts-cartesian-axis-tick-value`)].map(
    (t) => t.textContent ?? '',
  );
}

async function draw(unit: string | undefined) {
  get.mockResolvedValue({ data: reportWithUnit(unit) });
  render(
    <ChartWidthContext.Provider value={420}>
      <ReportView url="http://127.0.0.1:1/v1/judgments/k/report" running={false} />
    </ChartWidthContext.Provider>,
  );
  const detail = await screen.findByTestId(testIds.results.metricDetail);
  return detail;
}

beforeEach(() => get.mockReset());

describe('results view: units and the time axis', () => {
  it('prints the metric unit on the value axis, scaled to seconds past 1000 ms, and in the stats table', async () => {
    const detail = await draw('milliseconds');
    const [series] = [...detail.querySelectorAll('.recharts-wrapper')];
    const y = axisTicks(series as Element, 'yAxis');
    expect(y.length).toBeGreaterThan(2);
    for (const t of y) expect(t).toMatch(/^\d+(\.\d+)? s$/);
    expect(within(detail).getByRole('table')).toHaveTextContent(/ ms| s/);
  });

  it('without a unit the ticks are plain round numbers', async () => {
    const detail = await draw(undefined);
    const [series] = [...detail.querySelectorAll('.recharts-wrapper')];
    for (const t of axisTicks(series as Element, 'yAxis')) expect(t).toMatch(/^\d+(\.\d+)?k?$/);
  });

  it('switches the time axes between elapsed m:ss (default) and local clock time', async () => {
    const detail = await draw('ms');
    const charts = () => [...detail.querySelectorAll('.recharts-wrapper')].slice(0, 2);
    for (const c of charts())
      expect(axisTicks(c, 'xAxis')).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00', '25:00']);
    fireEvent.click(screen.getByTestId(testIds.results.timeMode('clock')));
    const span = (ODD + 29 * 60_000) / 60_000;
    const expected = clockTicks(T0, span).ticks.map((t) => formatClock(T0 + t * 60_000));
    for (const c of charts()) {
      const x = axisTicks(c, 'xAxis');
      expect(x).toEqual(expected);
      for (const t of x) expect(t).toMatch(/^\d\d:\d\d$/);
    }
    fireEvent.click(screen.getByTestId(testIds.results.timeMode('elapsed')));
    expect(axisTicks(charts()[0] as Element, 'xAxis')[1]).toBe('5:00');
  });
});
