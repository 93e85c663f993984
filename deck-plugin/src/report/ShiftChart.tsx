/**
 * "Why" at a glance: the canary − baseline shift's confidence interval and estimate against the tolerance zone
 * (±tolerance·|estimate|) around zero. High/Low needs the whole interval outside the zone
 * (`docs/design/kayenta-judge.md` §5 items 6 and 8). A small SVG, no chart library.
 */
import * as React from 'react';
import type { MetricJudgeDetail } from '@canary-judge/shared';
import { wireToNumber } from '../transforms/report';
import { formatWithUnit } from '../transforms/units';
import { PALETTE } from '../transforms/status';

/** The shift chart, or nothing when the test did not run; `unit` (the metric's) follows every printed value. */
export function ShiftChart(props: { detail: MetricJudgeDetail | undefined; unit?: string }) {
  const d = props.detail;
  const formatValue = (v: number) => formatWithUnit(v, props.unit ?? '');
  if (!d) return null;
  const ciLo = wireToNumber(d.ciLower);
  const ciHi = wireToNumber(d.ciUpper);
  const est = wireToNumber(d.estimate);
  const lb = wireToNumber(d.lowerBound);
  const ub = wireToNumber(d.upperBound);
  if (![ciLo, ciHi, est, lb, ub].every(Number.isFinite)) return null;
  const lo = Math.min(ciLo, lb, 0);
  const hi = Math.max(ciHi, ub, 0);
  const W = 520;
  const x = (v: number) => 20 + (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * (W - 40);
  const outside = ciLo > ub ? 'above' : ciHi < lb ? 'below' : 'overlapping';
  const label = `Shift canary minus baseline: estimate ${formatValue(est)}, ${Math.round(d.confidenceLevel * 100)}% interval ${formatValue(ciLo)} to ${formatValue(ciHi)}, tolerance ${formatValue(lb)} to ${formatValue(ub)}; the interval is ${outside} the tolerance`;
  return (
    <svg viewBox={`0 0 ${W} 64`} width="100%" style={{ maxWidth: W }} role="img" aria-label={label}>
      <rect
        x={x(lb)}
        y={8}
        width={Math.max(1, x(ub) - x(lb))}
        height={28}
        fill={PALETTE.green}
        fillOpacity={0.15}
        stroke={PALETTE.green}
        strokeDasharray="3 2"
      />
      <line x1={x(0)} x2={x(0)} y1={4} y2={40} stroke="#666" />
      <line x1={x(ciLo)} x2={x(ciHi)} y1={22} y2={22} stroke={PALETTE.vermillion} strokeWidth={4} />
      <circle cx={x(est)} cy={22} r={5} fill={PALETTE.vermillion} />
      <text x={x(0)} y={54} fontSize={10} textAnchor="middle">
        0
      </text>
      <text x={x(lb)} y={54} fontSize={10} textAnchor="middle">
        {formatValue(lb)}
      </text>
      <text x={x(ub)} y={54} fontSize={10} textAnchor="middle">
        {formatValue(ub)}
      </text>
      <text x={W - 20} y={62} fontSize={10} textAnchor="end">
        shift CI {formatValue(ciLo)} … {formatValue(ciHi)} (tolerance zone shaded)
      </text>
    </svg>
  );
}
