/**
 * Sizes a recharts chart: a `ResponsiveContainer` in the browser, or a fixed width when {@link ChartWidthContext}
 * provides one (tests in jsdom, where nothing has a layout size).
 */
import * as React from 'react';
import { ResponsiveContainer } from 'recharts';
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
