/**
 * Score per interval against the pass/marginal bands: the trend Kayenta's UI lacks (it only lists runs in a table).
 * Dots are shaped by band (circle pass, diamond marginal, cross fail) as well as coloured.
 */
import * as React from 'react';
import { CartesianGrid, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_TEXT, STATUS_STYLE } from '../transforms/status';
import type { TrendPoint } from '../transforms/scores';
import { testIds } from '../testIds';
import { LineChartFrame } from './ChartFrame';

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: TrendPoint;
}

function BandDot(props: DotProps) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload?.band) return <g />;
  const s = STATUS_STYLE[payload.band];
  if (payload.band === 'PASS') return <circle cx={cx} cy={cy} r={5} fill={s.color} />;
  if (payload.band === 'MARGINAL')
    return <path d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`} fill={s.color} />;
  return (
    <path
      d={`M${cx - 5} ${cy - 5}L${cx + 5} ${cy + 5}M${cx + 5} ${cy - 5}L${cx - 5} ${cy + 5}`}
      stroke={s.color}
      strokeWidth={3}
    />
  );
}

/** The trend chart. */
export function IntervalTrendChart(props: { points: TrendPoint[]; thresholds: { pass: number; marginal: number } }) {
  const { points, thresholds } = props;
  const judged = points.filter((p) => p.score !== null);
  const label = `Score per interval: ${judged.map((p) => `interval ${p.interval} ${p.score} (${p.band})`).join(', ') || 'none yet'}; pass at ${thresholds.pass}, marginal at ${thresholds.marginal}`;
  return (
    <div data-testid={testIds.results.trend}>
      <LineChartFrame height={200} label={label} data={points} left={0}>
        <ReferenceArea y1={0} y2={thresholds.marginal} fill={STATUS_STYLE.FAIL.background} fillOpacity={0.8} />
        <ReferenceArea
          y1={thresholds.marginal}
          y2={thresholds.pass}
          fill={STATUS_STYLE.MARGINAL.background}
          fillOpacity={0.8}
        />
        <ReferenceArea y1={thresholds.pass} y2={100} fill={STATUS_STYLE.PASS.background} fillOpacity={0.8} />
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="interval"
          allowDecimals={false}
          label={{ value: 'interval', position: 'insideBottomRight', offset: -4, fill: CHART_TEXT }}
        />
        <YAxis domain={[0, 100]} ticks={[0, thresholds.marginal, thresholds.pass, 100]} />
        <Tooltip formatter={(v: unknown) => [String(v), 'score']} />
        <Line
          type="linear"
          dataKey="score"
          stroke="#333"
          dot={<BandDot />}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChartFrame>
    </div>
  );
}
