/**
 * The time and value axes shared by the report's over-time line charts (TimeSeriesChart, DifferenceChart): a
 * dashed grid, the time axis (elapsed or clock, transforms/timeAxis.ts) and the value axis in the metric's unit
 * (transforms/units.ts), and a tooltip that formats time and value exactly as the ticks do.
 */
import * as React from 'react';
import { CartesianGrid, ReferenceArea, XAxis, YAxis } from 'recharts';
import { CHART_TEXT, PALETTE } from '../transforms/status';
import { timeAxis, type ChartTime, type TimeAxis } from '../transforms/timeAxis';
import type { ValueAxis } from '../transforms/units';
import { LineChartFrame } from './ChartFrame';

/**
 * The time axis for rows ordered by `t` (minutes since the start): it spans 0 to the last row's `t` (0 when there
 * are no rows), in elapsed time unless `time` asks for the clock.
 */
export function rowsTimeAxis(rows: readonly { t: number }[], time?: ChartTime): TimeAxis {
  const last = rows[rows.length - 1];
  return timeAxis(last ? last.t : 0, time?.mode, time?.startMs, time?.timeZone);
}

/** A recharts tick formatter for the time axis `x`: a number through `x.tick`, anything else as text. */
export function timeTickText(x: TimeAxis): (t: unknown) => string {
  return (t: unknown) => (typeof t === 'number' ? x.tick(t) : String(t));
}

/**
 * The look of a series over time: a step line (a value holds until the next point), no dots, no animation, and a gap
 * where a point is missing. Spread into a recharts `Line`.
 */
export const STEP_LINE = { type: 'stepAfter', dot: false, isAnimationActive: false, connectNulls: false } as const;

/**
 * The grid, time axis and value axis as recharts children (an array with keys, placed first inside a `LineChart`
 * so recharts finds them). Recharts only recognises its own element types among a chart's children, hence a
 * function that returns elements rather than a component.
 */
export function timeValueAxes(x: TimeAxis, y: ValueAxis): React.ReactElement[] {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      domain={x.domain}
      ticks={x.ticks}
      interval={0}
      tickFormatter={timeTickText(x)}
      fontSize={11}
    />,
    <YAxis
      key="y"
      domain={y.domain}
      ticks={y.ticks}
      interval={0}
      tickFormatter={(v: number) => y.tick(v)}
      width={64}
      fontSize={11}
    />,
  ];
}

/**
 * Props for a recharts `Tooltip` that reads like the axes: the time through `x.tooltip`, each value through
 * `y.tooltip` (`N/A` for a gap); the series is called `series` when given, else by its own name.
 */
export function timeValueTooltip(
  x: TimeAxis,
  y: ValueAxis,
  series?: string,
): {
  formatter: (v: unknown, n: unknown) => [string, string];
  labelFormatter: (t: unknown) => string;
} {
  return {
    formatter: (v: unknown, n: unknown) => [typeof v === 'number' ? y.tooltip(v) : 'N/A', series ?? String(n)],
    labelFormatter: (t: unknown) => (typeof t === 'number' ? x.tooltip(t) : String(t)),
  };
}

/**
 * The part of a chart's accessible label that names its bands, e.g. `; tolerance 1 ms to 2 ms`, in the value
 * axis's tooltip format; empty for a band that is null.
 */
export function bandsLabel(
  y: ValueAxis,
  bands: { tolerance: [number, number] | null; ci: [number, number] | null },
  names: { tolerance: string; ci: string },
): string {
  const part = (name: string, band: [number, number] | null) =>
    band ? `; ${name} ${y.tooltip(band[0])} to ${y.tooltip(band[1])}` : '';
  return part(names.tolerance, bands.tolerance) + part(names.ci, bands.ci);
}

/** A band's shading: its fill opacity and, optionally, a label drawn inside it at `position`. */
export interface BandLook {
  opacity: number;
  label?: { value: string; position: 'insideTopLeft' | 'insideTopRight' };
}

/**
 * The tolerance band (green) and the confidence interval (orange) as recharts `ReferenceArea` children, in that
 * order; a null band draws nothing. Labels are small and in {@link CHART_TEXT}.
 */
export function bandAreas(
  bands: { tolerance: [number, number] | null; ci: [number, number] | null },
  look: { tolerance: BandLook; ci: BandLook },
): React.ReactElement[] {
  const area = (key: 'tolerance' | 'ci', fill: string) => {
    const band = bands[key];
    const { opacity, label } = look[key];
    if (!band) return [];
    return [
      <ReferenceArea
        key={key}
        y1={band[0]}
        y2={band[1]}
        fill={fill}
        fillOpacity={opacity}
        label={label ? { ...label, fontSize: 10, fill: CHART_TEXT } : undefined}
      />,
    ];
  };
  return [...area('tolerance', PALETTE.green), ...area('ci', PALETTE.orange)];
}

/** How a chart shows one band: its name in the chart's accessible label, and its shading. */
export interface BandStyle {
  name: string;
  look: BandLook;
}

/**
 * A line chart of `data` over time ({@link LineChartFrame}): the grid and axes ({@link timeValueAxes}), the tolerance
 * band and confidence interval shaded ({@link bandAreas}) and named after `title` in the accessible label
 * ({@link bandsLabel}), then `children` (the chart's lines, reference lines and tooltip).
 */
export function TimeValueChart(props: {
  height: number;
  title: string;
  x: TimeAxis;
  y: ValueAxis;
  bands: { tolerance: [number, number] | null; ci: [number, number] | null };
  styles: { tolerance: BandStyle; ci: BandStyle };
  data: object[];
  children: React.ReactNode;
}) {
  const { x, y, bands, styles } = props;
  const label = props.title + bandsLabel(y, bands, { tolerance: styles.tolerance.name, ci: styles.ci.name });
  return (
    <LineChartFrame height={props.height} label={label} data={props.data}>
      {timeValueAxes(x, y)}
      {bandAreas(bands, { tolerance: styles.tolerance.look, ci: styles.ci.look })}
      {props.children}
    </LineChartFrame>
  );
}
