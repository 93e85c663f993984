import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPanel } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';

type Analysis = { canary: unknown; canaryJudge?: unknown };
const analysisOf = (live: Record<string, unknown>, i: number): Analysis =>
  (live['payload'] as { canaryConfig: { metrics: Array<{ analysisConfigurations: Analysis }> } }).canaryConfig.metrics[
    i
  ]!.analysisConfigurations;

describe('MetricEditor: Canary Judge guardrails', () => {
  it('shows the limits only once a statistic is chosen, and writes canaryJudge into the stage', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const m0 = within(screen.getByTestId(testIds.config.metric(0)));
    expect(m0.queryByLabelText('Upper limit')).toBeNull();
    expect(analysisOf(live, 0)).not.toHaveProperty('canaryJudge');
    fireEvent.change(m0.getByLabelText('Absolute limit on'), { target: { value: 'p99' } });
    fireEvent.change(m0.getByLabelText('Upper limit'), { target: { value: '0.5' } });
    fireEvent.change(m0.getByLabelText('Minimum points per side'), { target: { value: '30' } });
    expect(analysisOf(live, 0).canaryJudge).toEqual({
      minimumPoints: 30,
      absolute: { statistic: 'p99', upperLimit: 0.5 },
    });
    expect(analysisOf(live, 1)).not.toHaveProperty('canaryJudge');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks bad guardrail values beside their fields', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const m0 = within(screen.getByTestId(testIds.config.metric(0)));
    const min = m0.getByLabelText('Minimum points per side');
    fireEvent.change(min, { target: { value: '2.5' } });
    expect(min).toHaveAttribute('aria-invalid', 'true');
    expect(min).toHaveAccessibleDescription(/must be a whole number \(got 2\.5\)/);
    fireEvent.change(m0.getByLabelText('Absolute limit on'), { target: { value: 'max' } });
    expect(m0.getByLabelText('Upper limit')).toHaveAccessibleDescription(/needs an upper or a lower limit/);
    fireEvent.change(m0.getByLabelText('Upper limit'), { target: { value: '1' } });
    fireEvent.change(m0.getByLabelText('Lower limit'), { target: { value: '2' } });
    expect(m0.getByLabelText('Lower limit')).toHaveAccessibleDescription(/must be at most upperLimit \(1\)/);
    expect(screen.getByRole('alert')).toHaveTextContent('Metric 1 · Lower limit: must be at most upperLimit (1)');
  });
});
