/**
 * Sizes a recharts chart: a `ResponsiveContainer` in the browser, or a fixed width when {@link ChartWidthContext}
 * provides one (tests in jsdom, where nothing has a layout size).
 */
import * as React from 'react';
import { LineChart, ResponsiveContainer } from 'recharts';
import { CHART_TEXT } from '../transforms/status';

/**
 * A recharts `Legend` formatter: the label in {@link CHART_TEXT} rather than the series colour (recharts' default),
 * which is below 4.5:1 on white for the canary's vermillion; the swatch beside it keeps the series colour.
 */
export function legendText(value: unknown): React.ReactNode {
  return <span style={{ color: CHART_TEXT }}>{String(value)}</span>;
}

/** Fixed chart width in px, or null for responsive charts. */
export const ChartWidthContext = React.createContext<number | null>(null);

/** Wraps a chart; `children` receives the width to use (undefined = let the container decide). */
export function ChartFrame(props: {
  height: number;
  label: string;
  children: (width: number | undefined) => React.ReactElement;
}) {
  const fixed = React.useContext(ChartWidthContext);
  return (
    <div role="img" aria-label={props.label} style={{ width: '100%', height: props.height }}>
      {fixed !== null ? (
        props.children(fixed)
      ) : (
        <ResponsiveContainer width="100%" height={props.height}>
          {props.children(undefined)}
        </ResponsiveContainer>
      )}
    </div>
  );
}

/**
 * A recharts `LineChart` of `data` in a {@link ChartFrame} of `height` px, with the report's margins (8 px, 16 on the
 * right; `left` 8 px unless given). `children` are the chart's recharts parts (axes, areas, lines), passed through as
 * the `LineChart`'s own children so recharts finds them.
 */
export function LineChartFrame(props: {
  height: number;
  label: string;
  data: object[];
  left?: number;
  children: React.ReactNode;
}) {
  return (
    <ChartFrame height={props.height} label={props.label}>
      {(width) => (
        <LineChart
          width={width}
          height={props.height}
          data={props.data}
          margin={{ top: 8, right: 16, bottom: 8, left: props.left ?? 8 }}
        >
          {props.children}
        </LineChart>
      )}
    </ChartFrame>
  );
}
