// Component tests for the chart axes seen wrong in real Deck: raw minutes (`29.995683333333332m`) on the time axis,
// odd value ticks (`15.8`, `7.48`), tooltips formatted differently from the axes, a dropped histogram bin label.
import * as React from 'react';
import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartWidthContext } from './ChartFrame';
import { DifferenceChart } from './DifferenceChart';
import { DistributionChart } from './DistributionChart';
import { TimeSeriesChart } from './TimeSeriesChart';
import { ShiftChart } from './ShiftChart';
import { judgeDetail } from '../testing/reportFixtures';
import { roundHistogram } from '../transforms/distribution';
import type { TimeRow } from '../transforms/timeSeries';
import type { ChartTime } from '../transforms/timeAxis';

/** 100 rows over ~30 min at odd, non-round times, values between -2.52 and 15.8 (as in the real-Deck report). */
function oddRows(): TimeRow[] {
  return Array.from({ length: 100 }, (_, i) => ({
    t: 0.16235 + (i * (29.995683333333332 - 0.16235)) / 99,
    baseline: 2.48 + (i % 7) * 0.9,
    canary: i === 50 ? 15.8 : -2.52 + (i % 9) * 1.3,
  }));
}

function ticks(container: HTMLElement, axis: 'xAxis' | 'yAxis'): string[] {
  return [...container.querySelectorAll(`.recharts-${axis} .recharts-cartesian-axis-tick-value`)].map(
    (t) => t.textContent ?? '',
  );
}

function drawn(element: React.ReactElement) {
  return render(<ChartWidthContext.Provider value={420}>{element}</ChartWidthContext.Provider>);
}

/** A latency (ms) time series chart of `rows` without bands, drawn 420 px wide. */
function latencyChart(rows: TimeRow[], time?: ChartTime) {
  return drawn(
    <TimeSeriesChart
      name="latency"
      unit="ms"
      rows={rows}
      bands={{ baselineMean: null, ci: null, tolerance: null }}
      time={time}
    />,
  );
}

describe('chart axes', () => {
  it('time series: elapsed m:ss ticks at round steps, round value ticks with the unit', () => {
    const { container } = latencyChart(oddRows());
    expect(ticks(container, 'xAxis')).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00', '25:00']);
    const y = ticks(container, 'yAxis');
    expect(y).toEqual(['-5 ms', '0 ms', '5 ms', '10 ms', '15 ms', '20 ms']);
    expect(container.textContent).not.toMatch(/\d+\.\d{3,}m|7\.48|15\.8\b/);
  });

  it('time series tooltip: the same elapsed time and value formatting as the axes', () => {
    const { container } = latencyChart([
      { t: 0, baseline: 1.23456, canary: 2 },
      { t: 9.75, baseline: 1.5, canary: 2.5 },
      { t: 19.5, baseline: 1.5, canary: 2.5 },
    ]);
    const wrapper = container.querySelector('.recharts-wrapper') as HTMLElement;
    fireEvent.mouseMove(wrapper, { clientX: 230, clientY: 100, pageX: 230, pageY: 100 });
    const tip = container.querySelector('.recharts-tooltip-wrapper');
    expect(tip?.textContent).toMatch(/^\d+:\d\d elapsed/);
    expect(tip?.textContent).toMatch(/ ms/);
    expect(tip?.textContent).not.toMatch(/min/);
  });

  it('clock mode: HH:mm ticks at round clock times, the tooltip gives the clock time and the elapsed time', () => {
    const start = Date.parse('2026-01-05T10:03:17Z');
    const { container } = latencyChart(oddRows(), { mode: 'clock', startMs: start, timeZone: 'UTC' });
    expect(ticks(container, 'xAxis')).toEqual(['10:05', '10:10', '10:15', '10:20', '10:25', '10:30']);
    const wrapper = container.querySelector('.recharts-wrapper') as HTMLElement;
    fireEvent.mouseMove(wrapper, { clientX: 230, clientY: 100, pageX: 230, pageY: 100 });
    const tip = container.querySelector('.recharts-tooltip-wrapper');
    expect(tip?.textContent).toMatch(/^10:\d\d:\d\d \(\d+:\d\d elapsed\)/);
    expect(tip?.textContent).toMatch(/ ms/);
  });

  it('a seconds-sized latency axis reads in s, and the tooltip in the same unit', () => {
    const rows = oddRows().map((r) => ({
      ...r,
      baseline: (r.baseline ?? 0) * 100 + 900,
      canary: (r.canary ?? 0) * 100 + 900,
    }));
    const { container } = latencyChart(rows);
    for (const t of ticks(container, 'yAxis')) expect(t).toMatch(/^\d+(\.\d)? s$/);
    const wrapper = container.querySelector('.recharts-wrapper') as HTMLElement;
    fireEvent.mouseMove(wrapper, { clientX: 230, clientY: 100, pageX: 230, pageY: 100 });
    expect(container.querySelector('.recharts-tooltip-wrapper')?.textContent).toMatch(/\d s/);
  });

  it('difference chart: the same elapsed and unit ticks', () => {
    const rows = oddRows().map((r) => ({ t: r.t, diff: (r.canary ?? 0) - (r.baseline ?? 0) }));
    const { container } = drawn(
      <DifferenceChart name="latency" unit="ms" rows={rows} bands={{ ci: null, tolerance: null }} />,
    );
    expect(ticks(container, 'xAxis')).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00', '25:00']);
    for (const t of ticks(container, 'yAxis')) expect(t).toMatch(/^-?\d+ ms$/);
  });

  it('distribution: every bin keeps its round label', () => {
    const base = Array.from({ length: 200 }, (_, i) => 100 + (i % 37) * 1.37);
    const canary = base.map((v) => v + 7.3);
    const bins = roundHistogram(base, canary, 'ms');
    expect(bins.length).toBeGreaterThan(5);
    const { container } = drawn(<DistributionChart name="latency" bins={bins} baseline={null} canary={null} />);
    expect(ticks(container, 'xAxis')).toEqual(bins.map((b) => b.label));
    for (const b of bins) expect(b.label).toMatch(/^\d+ ms$/);
  });

  it('shift chart: interval, estimate and tolerance in the metric unit', () => {
    const { container } = render(
      <ShiftChart
        unit="ms"
        detail={judgeDetail({
          ciLower: 35.26,
          ciUpper: 42.44,
          estimate: 38.86,
          lowerBound: -9.716,
          upperBound: 9.716,
          confidenceLevel: 0.98,
        })}
      />,
    );
    const svg = container.querySelector('svg') as SVGElement;
    expect(svg.textContent).toContain('-9.72 ms');
    expect(svg.textContent).toContain('shift CI 35.3 ms … 42.4 ms');
    expect(svg.getAttribute('aria-label')).toContain('estimate 38.9 ms');
  });
});
