import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testIds } from '../testIds';
import { openWhatIfPanel } from '../testing/openWhatIf';

describe('WhatIfPanel: Canary Judge guardrails', () => {
  it('starts with the guardrails off for a Kayenta-only config', () => {
    openWhatIfPanel();
    const row = within(screen.getByTestId(testIds.whatIf.guardrails('error-rate')));
    expect(row.getByLabelText('error-rate minimum points')).toHaveValue('');
    expect(row.getByLabelText('error-rate absolute limit on')).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an absolute limit below the canary max makes the metric High and marks it changed', () => {
    openWhatIfPanel();
    fireEvent.click(screen.getByLabelText('p99-latency muted'));
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Simulated verdict: ✔Pass score 100');
    fireEvent.change(screen.getByLabelText('error-rate absolute limit on'), { target: { value: 'max' } });
    // A statistic without a limit blocks the metric until a limit is typed.
    expect(screen.getByLabelText('error-rate upper limit')).toHaveAccessibleDescription(
      'needs an upper or a lower limit (or both)',
    );
    expect(within(screen.getByTestId(testIds.whatIf.guardrails('error-rate'))).getByRole('alert')).toHaveTextContent(
      'Not re-scored',
    );
    fireEvent.change(screen.getByLabelText('error-rate upper limit'), { target: { value: '6' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId(testIds.whatIf.changed('error-rate'))).toBeInTheDocument();
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('error-rate: Pass → High');
  });

  it('too high a minimum number of points turns the metric into no data; a bad value is reported', () => {
    openWhatIfPanel();
    const min = screen.getByLabelText('error-rate minimum points');
    fireEvent.change(min, { target: { value: '1.5' } });
    expect(min).toHaveAttribute('aria-invalid', 'true');
    expect(min).toHaveAccessibleDescription('must be a whole number (got 1.5)');
    fireEvent.change(min, { target: { value: '31' } });
    expect(min).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('error-rate: Pass → Nodata');
  });
});
