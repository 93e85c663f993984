/**
 * Canary − baseline at each time point, with the judge's shift confidence interval and tolerance zone around 0 (in
 * the metric's unit): differences that sit consistently above the tolerance zone are what a High looks like.
 */
import * as React from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { timeAxis, type ChartTime } from '../transforms/timeAxis';
import { valueAxis } from '../transforms/units';
import { downsampleMinMax, type DiffRow, type TimeRow } from '../transforms/timeSeries';
import { PALETTE } from '../transforms/status';
import { ChartFrame } from './ChartFrame';

/** The chart. */
export function DifferenceChart(props: {
  name: string;
  rows: DiffRow[];
  bands: { ci: [number, number] | null; tolerance: [number, number] | null };
  /** The metric's unit, after every value tick and tooltip value. */
  unit?: string;
  /** Elapsed (default) or clock time on the time axis. */
  time?: ChartTime;
}) {
  const { bands } = props;
  // Reuse the min/max downsampling by carrying the difference in the `canary` slot.
  const asTime: TimeRow[] = props.rows.map((r) => ({ t: r.t, baseline: r.diff, canary: r.diff }));
  const drawn = downsampleMinMax(asTime).map((r) => ({ t: r.t, diff: r.canary }));
  const values = props.rows.flatMap((r) => (r.diff === null ? [] : [r.diff]));
  const all = [...values, 0, ...(bands.ci ?? []), ...(bands.tolerance ?? [])];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = hi === lo ? 1 : (hi - lo) * 0.05;
  const y = valueAxis(lo - pad, hi + pad, props.unit ?? '', 4);
  const span = props.rows.length > 0 ? (props.rows[props.rows.length - 1] as DiffRow).t : 0;
  const x = timeAxis(span, props.time?.mode, props.time?.startMs, props.time?.timeZone);
  const timeText = (t: unknown) => (typeof t === 'number' ? x.tick(t) : String(t));
  const label =
    `${props.name}: canary minus baseline at ${values.length} time points` +
    (bands.tolerance ? `; tolerance zone ${y.tooltip(bands.tolerance[0])} to ${y.tooltip(bands.tolerance[1])}` : '') +
    (bands.ci ? `; shift confidence interval ${y.tooltip(bands.ci[0])} to ${y.tooltip(bands.ci[1])}` : '');
  return (
    <ChartFrame height={160} label={label}>
      {(width) => (
        <LineChart width={width} height={160} data={drawn} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
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
            <ReferenceArea y1={bands.tolerance[0]} y2={bands.tolerance[1]} fill={PALETTE.green} fillOpacity={0.15} />
          ) : null}
          {bands.ci ? (
            <ReferenceArea y1={bands.ci[0]} y2={bands.ci[1]} fill={PALETTE.orange} fillOpacity={0.2} />
          ) : null}
          <ReferenceLine y={0} stroke="#666" />
          <Tooltip
            formatter={(v: unknown) => [typeof v === 'number' ? y.tooltip(v) : 'N/A', 'canary − baseline']}
            labelFormatter={(t: unknown) => (typeof t === 'number' ? x.tooltip(t) : String(t))}
          />
          <Line
            type="stepAfter"
            dataKey="diff"
            name="canary − baseline"
            stroke={PALETTE.purple}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}
