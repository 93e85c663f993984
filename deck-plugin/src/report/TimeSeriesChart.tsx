/**
 * Baseline vs canary over time (elapsed `m:ss` / `h:mm`, or the canary's local clock `HH:mm`, at round steps:
 * transforms/timeAxis.ts; value ticks in the metric's unit: transforms/units.ts) (step lines, gaps for missing
 * points), with the baseline mean, the
 * judge's tolerance band around it and the canary's confidence band as reference areas. Drawn from downsampled rows
 * (min/max buckets) when a series is long; the y-domain always covers the bands.
 */
import * as React from 'react';
import { Brush, Legend, Line, ReferenceLine, Tooltip } from 'recharts';
import { yDomain, type MetricBands } from '../transforms/bands';
import type { ChartTime } from '../transforms/timeAxis';
import { valueAxis } from '../transforms/units';
import { BRUSH_MIN_POINTS, downsampleMinMax, type TimeRow } from '../transforms/timeSeries';
import { SERIES_COLORS } from '../transforms/status';
import { legendText } from './ChartFrame';
import { STEP_LINE, rowsTimeAxis, timeTickText, TimeValueChart, timeValueTooltip } from './timeValueAxes';

/** The chart; `unit` (e.g. `ms`, `%`) follows every value tick and tooltip value, in one display unit per axis. */
export function TimeSeriesChart(props: {
  name: string;
  rows: TimeRow[];
  bands: MetricBands;
  unit?: string;
  time?: ChartTime;
}) {
  const { rows, bands } = props;
  const drawn = downsampleMinMax(rows);
  const [lo, hi] = yDomain(rows, bands);
  const y = valueAxis(lo, hi, props.unit ?? '');
  const x = rowsTimeAxis(rows, props.time);
  return (
    <TimeValueChart
      height={260}
      title={`${props.name}: baseline and canary over ${rows.length} time points`}
      x={x}
      y={y}
      bands={bands}
      styles={{
        tolerance: {
          name: 'tolerance',
          look: { opacity: 0.12, label: { value: 'tolerance', position: 'insideTopLeft' } },
        },
        ci: {
          name: 'canary confidence band',
          look: { opacity: 0.18, label: { value: 'canary CI', position: 'insideTopRight' } },
        },
      }}
      data={drawn}
    >
      {bands.baselineMean !== null ? (
        <ReferenceLine y={bands.baselineMean} stroke={SERIES_COLORS.baseline} strokeDasharray="4 4" />
      ) : null}
      <Tooltip {...timeValueTooltip(x, y)} />
      <Legend formatter={legendText} />
      <Line {...STEP_LINE} dataKey="baseline" name="baseline" stroke={SERIES_COLORS.baseline} />
      <Line {...STEP_LINE} dataKey="canary" name="canary" stroke={SERIES_COLORS.canary} strokeDasharray="6 2" />
      {rows.length > BRUSH_MIN_POINTS ? (
        <Brush dataKey="t" height={22} travellerWidth={8} tickFormatter={timeTickText(x)} />
      ) : null}
    </TimeValueChart>
  );
}
