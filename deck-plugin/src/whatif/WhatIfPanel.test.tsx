import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WhatIfPanel } from './WhatIfPanel';
import { readReport } from '../transforms/report';
import { reportBody } from '../transforms/reportFixtures';
import { testIds } from '../testIds';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const series = (base: number) => ({
  timestamps: Array.from({ length: 30 }, (_, i) => T0 + i * 60_000),
  values: Array.from({ length: 30 }, (_, i) => base + (i % 3)),
});

function setup() {
  const r = readReport(reportBody());
  r.intervals[1]!.series = {
    'p99-latency': { control: series(100), experiment: series(140) },
    'error-rate': { control: series(5), experiment: series(5) },
    cpu: { control: series(50), experiment: series(50) },
  };
  render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
}

describe('WhatIfPanel', () => {
  it('is marked as a simulation and starts from the judgment settings', () => {
    setup();
    const panel = screen.getByTestId(testIds.whatIf.root);
    expect(within(panel).getByText('Simulation')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent(
      'Simulated verdict: ✖Fail score 0 (the judge gave 0 for this interval)',
    );
  });

  it('re-scores when a metric is muted, shows what changed, and resets', () => {
    setup();
    fireEvent.click(screen.getByLabelText('p99-latency muted'));
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Simulated verdict: ✔Pass score 100');
    fireEvent.click(screen.getByRole('button', { name: "Reset to the judgment's settings" }));
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Fail score 0');
  });

  it('re-scores with other thresholds and reports invalid ones', () => {
    setup();
    fireEvent.click(screen.getByLabelText('p99-latency critical'));
    // latency group: p99 High, cpu Pass → 50; errors group 100 → 0.6·50 + 0.4·100 = 70, marginal at pass 75
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Marginal score 70');
    expect(within(screen.getByTestId(testIds.whatIf.metric('p99-latency'))).getByText('High')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Pass'), { target: { value: '65' } });
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Pass score 70');
    fireEvent.change(screen.getByLabelText('Marginal'), { target: { value: '95' } });
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent(
      'Cannot simulate: scoreThresholds.marginal: must be below pass (65)',
    );
  });
});
