/**
 * The two distributions: a histogram on shared bins (recharts) and a box plot per side (a small SVG: whiskers at
 * min/max, box at the R-7 quartiles, a line at the median), so a shift or a spread change is visible at a glance.
 */
import * as React from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { type BoxStats, type HistogramBin } from '../transforms/distribution';
import { formatWithUnit } from '../transforms/units';
import { SERIES_COLORS } from '../transforms/status';
import { ChartFrame, legendText } from './ChartFrame';

/** Box plot of both sides on one scale; `unit` follows the printed values (scaled like the axes). */
export function BoxPlot(props: { baseline: BoxStats | null; canary: BoxStats | null; unit?: string }) {
  const formatValue = (v: number) => formatWithUnit(v, props.unit ?? '');
  const all = [props.baseline, props.canary].filter((b): b is BoxStats => b !== null);
  if (all.length === 0) return null;
  const lo = Math.min(...all.map((b) => b.min));
  const hi = Math.max(...all.map((b) => b.max));
  const W = 520;
  const x = (v: number) => 80 + (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * (W - 100);
  const row = (b: BoxStats | null, y: number, name: string, color: string) =>
    b ? (
      <g key={name}>
        <text x={0} y={y + 4} fontSize={11}>
          {name} (n={b.n})
        </text>
        <line x1={x(b.min)} x2={x(b.max)} y1={y} y2={y} stroke={color} />
        <line x1={x(b.min)} x2={x(b.min)} y1={y - 6} y2={y + 6} stroke={color} />
        <line x1={x(b.max)} x2={x(b.max)} y1={y - 6} y2={y + 6} stroke={color} />
        <rect
          x={x(b.q1)}
          y={y - 9}
          width={Math.max(1, x(b.q3) - x(b.q1))}
          height={18}
          fill={color}
          fillOpacity={0.25}
          stroke={color}
        />
        <line x1={x(b.median)} x2={x(b.median)} y1={y - 9} y2={y + 9} stroke={color} strokeWidth={3} />
      </g>
    ) : (
      <text key={name} x={0} y={y + 4} fontSize={11}>
        {name}: no data
      </text>
    );
  const describe = (n: string, b: BoxStats | null) =>
    b
      ? `${n} median ${formatValue(b.median)}, quartiles ${formatValue(b.q1)} to ${formatValue(b.q3)}, range ${formatValue(b.min)} to ${formatValue(b.max)}`
      : `${n} no data`;
  return (
    <svg
      viewBox={`0 0 ${W} 80`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={`Box plot: ${describe('baseline', props.baseline)}; ${describe('canary', props.canary)}`}
    >
      {row(props.baseline, 22, 'baseline', SERIES_COLORS.baseline)}
      {row(props.canary, 56, 'canary', SERIES_COLORS.canary)}
      <text x={80} y={78} fontSize={10}>
        {formatValue(lo)}
      </text>
      <text x={W - 20} y={78} fontSize={10} textAnchor="end">
        {formatValue(hi)}
      </text>
    </svg>
  );
}

/** Histogram + box plot. */
export function DistributionChart(props: {
  name: string;
  /** Bins, each labelled (`label`); `range` (both edges), when present, is the tooltip title. */
  bins: Array<HistogramBin & { range?: string }>;
  baseline: BoxStats | null;
  canary: BoxStats | null;
  /** The metric's unit, for the box plot's values (bin labels carry it already). */
  unit?: string;
}) {
  return (
    <div>
      <ChartFrame
        height={220}
        label={`${props.name}: histogram of baseline and canary values in ${props.bins.length} bins`}
      >
        {(width) => (
          <BarChart width={width} height={220} data={props.bins} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Every bin keeps its label (interval 0): short round lower edges, turned so 30 fit in 420 px. */}
            <XAxis dataKey="label" fontSize={10} interval={0} angle={-45} textAnchor="end" height={48} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip
              labelFormatter={(label: unknown, payload: ReadonlyArray<{ payload?: { range?: string } }>) =>
                payload?.[0]?.payload?.range ?? String(label)
              }
              formatter={(v: unknown, n: unknown) => [`${String(v)} points`, String(n)]}
            />
            <Legend formatter={legendText} />
            <Bar dataKey="baseline" fill={SERIES_COLORS.baseline} isAnimationActive={false} />
            <Bar dataKey="canary" fill={SERIES_COLORS.canary} isAnimationActive={false} />
          </BarChart>
        )}
      </ChartFrame>
      <BoxPlot baseline={props.baseline} canary={props.canary} unit={props.unit} />
    </div>
  );
}
