import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WhatIfPanel } from './WhatIfPanel';
import { whatIfReport, wiggleSeries } from '../testing/reportFixtures';
import { testIds } from '../testIds';
import { openWhatIfPanel } from '../testing/openWhatIf';

describe('WhatIfPanel', () => {
  it('is marked as a simulation and starts from the judgment settings', () => {
    openWhatIfPanel();
    const panel = screen.getByTestId(testIds.whatIf.root);
    expect(within(panel).getByText('Simulation')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent(
      'Simulated verdict: ✖Fail score 0 (the judge gave 0 for this interval)',
    );
  });

  it('re-scores when a metric is muted, shows what changed, and resets', () => {
    openWhatIfPanel();
    fireEvent.click(screen.getByLabelText('p99-latency muted'));
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Simulated verdict: ✔Pass score 100');
    fireEvent.click(screen.getByRole('button', { name: "Reset to the judgment's settings" }));
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Fail score 0');
  });

  it('re-scores with other thresholds and reports invalid ones', () => {
    openWhatIfPanel();
    fireEvent.click(screen.getByLabelText('p99-latency critical'));
    // latency group: p99 High, cpu Pass → 50; errors group 100 → 0.6·50 + 0.4·100 = 70, marginal at pass 75
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Marginal score 70');
    expect(within(screen.getByTestId(testIds.whatIf.metric('p99-latency'))).getByText('High')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Pass'), { target: { value: '65' } });
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Pass score 70');
    fireEvent.change(screen.getByLabelText('Marginal'), { target: { value: '95' } });
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent(
      'Cannot simulate: Marginal: must be below pass (65)',
    );
    // As in the config panel: the field itself is marked and described by the rule.
    expect(screen.getByLabelText('Marginal')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Marginal')).toHaveAccessibleDescription('must be below pass (65)');
  });
});

/** As the judge saw interval 2 (cpu canary empty → Nodata), with one 500 spike in error-rate's baseline. */
function setupOutlier() {
  const r = whatIfReport('missing');
  const control = wiggleSeries(5);
  control.values[0] = 500;
  r.intervals[1]!.series!['error-rate'] = { control, experiment: wiggleSeries(8) };
  render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
  fireEvent.click(screen.getByRole('button', { name: /What if/ }));
}

const verdict = () => screen.getByTestId(testIds.whatIf.verdict);
const simulatedScore = () => Number(/score ([\d.]+)/.exec(verdict().textContent ?? '')?.[1]);
const resultOf = (name: string) => within(screen.getByTestId(testIds.whatIf.metric(name)));

describe('WhatIfPanel effect size and outliers', () => {
  it('starts with the defaults shown and no classification changed', () => {
    setupOutlier();
    // One unit per setting: percent for a mean-ratio threshold (stored 1.0 reads 0 %), as in the config panel.
    expect(screen.getByLabelText('error-rate allowed increase %')).toHaveValue('0');
    expect(screen.getByLabelText('error-rate outlier factor')).toHaveValue('3.0');
    expect(screen.getByLabelText('error-rate outliers')).toHaveValue('keep');
    expect(screen.getByTestId(testIds.whatIf.changedCount)).toHaveTextContent(
      'No metric changed classification versus the real verdict.',
    );
    fireEvent.change(screen.getByLabelText('cpu effect size'), { target: { value: 'cles' } });
    expect(screen.getByLabelText('cpu critical decrease (CLES 0–1)')).toHaveValue('0.5');
  });

  it('an allowed increase above the ratio turns the High latency into Pass and raises the simulated score', () => {
    setupOutlier();
    expect(simulatedScore()).toBe(0);
    fireEvent.change(screen.getByLabelText('p99-latency allowed increase %'), { target: { value: '50' } });
    // The shared rule (validateCanaryConfig): the critical increase may not be below the allowed one.
    expect(screen.getByLabelText('p99-latency critical increase %')).toHaveAccessibleDescription(
      'must be at least the allowed increase (+50 %)',
    );
    expect(resultOf('p99-latency').getByText('High')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('p99-latency critical increase %'), { target: { value: '50' } });
    expect(resultOf('p99-latency').getByText('Pass')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.whatIf.changed('p99-latency'))).toHaveTextContent('changed from High');
    expect(screen.getByTestId(testIds.whatIf.changedCount)).toHaveTextContent(
      '1 metric changed classification versus the real verdict:',
    );
    expect(simulatedScore()).toBeGreaterThan(0);
    expect(screen.getByTestId(testIds.whatIf.arithmetic)).toHaveTextContent(`Total: ${simulatedScore()} points.`);
  });

  it('removing outliers with a small factor makes the spiked metric High; bad factors block it; reset restores', () => {
    setupOutlier();
    expect(resultOf('error-rate').getByText('Pass')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('error-rate outliers'), { target: { value: 'remove' } });
    fireEvent.change(screen.getByLabelText('error-rate outlier factor'), { target: { value: '0.5' } });
    expect(resultOf('error-rate').getByText('High')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.whatIf.changed('error-rate'))).toBeInTheDocument();
    const before = verdict().textContent;

    fireEvent.change(screen.getByLabelText('error-rate outlier factor'), { target: { value: '0' } });
    const row = within(screen.getByTestId(testIds.whatIf.settings('error-rate')));
    expect(row.getByText('must be greater than 0 (got 0)')).toBeInTheDocument();
    expect(screen.getByLabelText('error-rate outlier factor')).toHaveAttribute('aria-invalid', 'true');
    expect(row.getByRole('alert')).toHaveTextContent('Not re-scored');
    expect(resultOf('error-rate').getByText('High')).toBeInTheDocument();
    expect(verdict().textContent).toBe(before);

    fireEvent.change(screen.getByLabelText('error-rate outlier factor'), { target: { value: 'abc' } });
    expect(row.getByText('must be a number (got "abc")')).toBeInTheDocument();
    expect(resultOf('error-rate').getByText('High')).toBeInTheDocument();
    expect(verdict().textContent).toBe(before);

    fireEvent.click(screen.getByRole('button', { name: "Reset to the judgment's settings" }));
    expect(screen.getByLabelText('error-rate outlier factor')).toHaveValue('3.0');
    expect(screen.getByLabelText('error-rate outliers')).toHaveValue('keep');
    expect(row.queryByRole('alert')).toBeNull();
    expect(resultOf('error-rate').getByText('Pass')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.whatIf.changed('error-rate'))).toBeNull();
  });
});
