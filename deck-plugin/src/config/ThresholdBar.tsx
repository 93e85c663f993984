/**
 * The red/amber/green band of the score thresholds, with text labels in each band (colour is not the only cue),
 * worded by Orca's rule: a score at or below marginal fails (`scoreBands` of the scoring library).
 */
import * as React from 'react';
import { STATUS_STYLE } from '../transforms/status';
import { testIds } from '../testIds';

/** Renders the bands; nothing when the thresholds are invalid (the fields show the errors). */
export function ThresholdBar(props: {
  bands: { fail: number; marginal: number; pass: number } | null;
  pass: string;
  marginal: string;
}) {
  const { bands } = props;
  if (!bands) return null;
  const part = (key: 'FAIL' | 'MARGINAL' | 'PASS', width: number, text: string) => (
    <div
      style={{ width: `${width}%`, background: STATUS_STYLE[key].background, color: STATUS_STYLE[key].color }}
      title={text}
    >
      {width >= 8 ? `${STATUS_STYLE[key].icon} ${text}` : STATUS_STYLE[key].icon}
    </div>
  );
  return (
    <div
      className="cj-bar"
      role="img"
      data-testid={testIds.config.thresholdBar}
      aria-label={`Fail at or below ${props.marginal}, marginal above ${props.marginal} and below ${props.pass}, pass from ${props.pass} to 100`}
    >
      {part('FAIL', bands.fail, `Fail ≤ ${props.marginal}`)}
      {part('MARGINAL', bands.marginal, 'Marginal')}
      {part('PASS', bands.pass, `Pass ≥ ${props.pass}`)}
    </div>
  );
}
