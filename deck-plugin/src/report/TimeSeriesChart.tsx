/**
 * Baseline vs canary over time (elapsed `m:ss` / `h:mm`, or the canary's local clock `HH:mm`, at round steps:
 * transforms/timeAxis.ts; value ticks in the metric's unit: transforms/units.ts) (step lines, gaps for missing
 * points), with the baseline mean, the
 * judge's tolerance band around it and the canary's confidence band as reference areas. Drawn from downsampled rows
 * (min/max buckets) when a series is long; the y-domain always covers the bands.
 */
import * as React from 'react';
import {
  Brush,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { yDomain, type MetricBands } from '../transforms/bands';
import { timeAxis, type ChartTime } from '../transforms/timeAxis';
import { valueAxis } from '../transforms/units';
import { BRUSH_MIN_POINTS, downsampleMinMax, type TimeRow } from '../transforms/timeSeries';
import { CHART_TEXT, PALETTE, SERIES_COLORS } from '../transforms/status';
import { ChartFrame, legendText } from './ChartFrame';

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
  const span = rows.length > 0 ? (rows[rows.length - 1] as TimeRow).t : 0;
  const x = timeAxis(span, props.time?.mode, props.time?.startMs, props.time?.timeZone);
  const timeText = (t: unknown) => (typeof t === 'number' ? x.tick(t) : String(t));
  const label =
    `${props.name}: baseline and canary over ${rows.length} time points` +
    (bands.tolerance ? `; tolerance ${y.tooltip(bands.tolerance[0])} to ${y.tooltip(bands.tolerance[1])}` : '') +
    (bands.ci ? `; canary confidence band ${y.tooltip(bands.ci[0])} to ${y.tooltip(bands.ci[1])}` : '');
  return (
    <ChartFrame height={260} label={label}>
      {(width) => (
        <LineChart width={width} height={260} data={drawn} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={x.domain}
            ticks={x.ticks}
            interval={0}
            tickFormatter={timeText}
            fontSize={11}
          />
          <YAxis
            domain={y.domain}
            ticks={y.ticks}
            interval={0}
            tickFormatter={(v: number) => y.tick(v)}
            width={64}
            fontSize={11}
          />
          {bands.tolerance ? (
            <ReferenceArea
              y1={bands.tolerance[0]}
              y2={bands.tolerance[1]}
              fill={PALETTE.green}
              fillOpacity={0.12}
              label={{ value: 'tolerance', position: 'insideTopLeft', fontSize: 10, fill: CHART_TEXT }}
            />
          ) : null}
          {bands.ci ? (
            <ReferenceArea
              y1={bands.ci[0]}
              y2={bands.ci[1]}
              fill={PALETTE.orange}
              fillOpacity={0.18}
              label={{ value: 'canary CI', position: 'insideTopRight', fontSize: 10, fill: CHART_TEXT }}
            />
          ) : null}
          {bands.baselineMean !== null ? (
            <ReferenceLine y={bands.baselineMean} stroke={SERIES_COLORS.baseline} strokeDasharray="4 4" />
          ) : null}
          <Tooltip
            formatter={(v: unknown, n: unknown) => [typeof v === 'number' ? y.tooltip(v) : 'N/A', String(n)]}
            labelFormatter={(t: unknown) => (typeof t === 'number' ? x.tooltip(t) : String(t))}
          />
          <Legend formatter={legendText} />
          <Line
            type="stepAfter"
            dataKey="baseline"
            name="baseline"
            stroke={SERIES_COLORS.baseline}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            type="stepAfter"
            dataKey="canary"
            name="canary"
            stroke={SERIES_COLORS.canary}
            strokeDasharray="6 2"
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          {rows.length > BRUSH_MIN_POINTS ? (
            <Brush dataKey="t" height={22} travellerWidth={8} tickFormatter={timeText} />
          ) : null}
        </LineChart>
      )}
    </ChartFrame>
  );
}
