/**
 * Canary − baseline at each time point, with the judge's shift confidence interval and tolerance zone around 0 (in
 * the metric's unit): differences that sit consistently above the tolerance zone are what a High looks like.
 */
import * as React from 'react';
import { Line, ReferenceLine, Tooltip } from 'recharts';
import type { ChartTime } from '../transforms/timeAxis';
import { valueAxis } from '../transforms/units';
import { downsampleMinMax, type DiffRow, type TimeRow } from '../transforms/timeSeries';
import { PALETTE } from '../transforms/status';
import { STEP_LINE, rowsTimeAxis, TimeValueChart, timeValueTooltip } from './timeValueAxes';

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
  const x = rowsTimeAxis(props.rows, props.time);
  return (
    <TimeValueChart
      height={160}
      title={`${props.name}: canary minus baseline at ${values.length} time points`}
      x={x}
      y={y}
      bands={bands}
      styles={{
        tolerance: { name: 'tolerance zone', look: { opacity: 0.15 } },
        ci: { name: 'shift confidence interval', look: { opacity: 0.2 } },
      }}
      data={drawn}
    >
      <ReferenceLine y={0} stroke="#666" />
      <Tooltip {...timeValueTooltip(x, y, 'canary − baseline')} />
      <Line {...STEP_LINE} dataKey="diff" name="canary − baseline" stroke={PALETTE.purple} />
    </TimeValueChart>
  );
}
