import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WhatIfPanel } from './WhatIfPanel';
import { whatIfReport } from '../testing/reportFixtures';
import type { JudgmentReport } from '../transforms/report';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';
import { validateStage } from '../transforms/validation';
import { runWhatIf, whatIfDefaults } from '../transforms/whatIf';
import { testIds } from '../testIds';

const toggle = () => screen.getByRole('button', { name: /What if/ });
const open = () => fireEvent.click(toggle());

/** The fixture report with the real result of interval 2 being exactly what the judge library gives for it. */
function consistentReport(cpu: 'same' | 'missing', critical = false): JudgmentReport {
  const r = whatIfReport(cpu);
  const m = r.request.canaryConfig!.metrics[0]!;
  m.analysisConfigurations = { canary: { ...m.analysisConfigurations?.canary, critical } };
  const real = runWhatIf(r, r.intervals[1]!, whatIfDefaults(r));
  if (!real.ok) throw new Error(real.error);
  r.intervals[1]!.result = real.result;
  r.intervals[1]!.score = real.result.score.score;
  return r;
}

describe('WhatIfPanel starts collapsed (issue 13)', () => {
  it('is a keyboard-operable disclosure button with aria-expanded; nothing is simulated until it is opened', () => {
    const r = whatIfReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    const button = toggle();
    expect(button.tagName).toBe('BUTTON');
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    expect(button).toHaveFocus();
    expect(screen.queryByTestId(testIds.whatIf.body)).toBeNull();
    expect(screen.queryByTestId(testIds.whatIf.verdict)).toBeNull();

    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const body = screen.getByTestId(testIds.whatIf.body);
    expect(button.getAttribute('aria-controls')).toBe(body.id);
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('Simulated verdict');

    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId(testIds.whatIf.body)).toBeNull();
  });
});

describe('WhatIfPanel: one unit per setting, validated like the panel (issue 13)', () => {
  it('shows stored mean ratios as the panel does (1.1 → 10 %, 0.9 → 10 %), CLES as a probability', () => {
    const r = whatIfReport('same');
    r.request.canaryConfig!.metrics[1]!.analysisConfigurations = {
      canary: { effectSize: { allowedIncrease: 1.1, allowedDecrease: 0.9, criticalIncrease: 1.5 } },
    };
    r.request.canaryConfig!.metrics[2]!.analysisConfigurations = {
      canary: { effectSize: { measure: 'cles', allowedIncrease: 0.6 } },
    };
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    expect(screen.getByLabelText('error-rate allowed increase %')).toHaveValue('10');
    expect(screen.getByLabelText('error-rate allowed decrease %')).toHaveValue('10');
    expect(screen.getByLabelText('error-rate critical increase %')).toHaveValue('50');
    expect(screen.getByLabelText('cpu allowed increase (CLES 0–1)')).toHaveValue('0.6');
    expect(screen.getByLabelText('cpu allowed decrease (CLES 0–1)')).toHaveValue('0.5');
  });

  it('an allowed increase of −5 % gets the very message the config panel gives for the same value', () => {
    const r = whatIfReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    fireEvent.change(screen.getByLabelText('cpu allowed increase %'), { target: { value: '-5' } });
    const form = validForm();
    form.metrics[2] = { ...form.metrics[2]!, allowedIncreasePct: '-5' };
    const panel = validateStage(formToStage(form, {})).find((i) => i.path.endsWith('effectSize.allowedIncrease'));
    expect(panel?.message).toBe('must be at least 0 % (got −5 %)');
    expect(screen.getByLabelText('cpu allowed increase %')).toHaveAccessibleDescription(panel!.message);
    expect(within(screen.getByTestId(testIds.whatIf.settings('cpu'))).getByRole('alert')).toHaveTextContent(
      'Not re-scored',
    );
    // A blocked metric cannot be copied: the stage would not save.
    expect(screen.getByTestId(testIds.whatIf.copyStage)).toBeDisabled();
    expect(screen.queryByTestId(testIds.whatIf.stageJson)).toBeNull();
  });
});

describe('WhatIfPanel: copy as stage JSON (issue 13)', () => {
  const nav = navigator as unknown as { clipboard?: unknown };
  const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else delete nav.clipboard;
  });

  it('copies the stage with the simulated settings and shows the same text read-only', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const r = whatIfReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    fireEvent.change(screen.getByLabelText('Pass'), { target: { value: '65' } });
    fireEvent.change(screen.getByLabelText('p99-latency allowed increase %'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('p99-latency critical increase %'), { target: { value: '25' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as stage JSON' }));
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    const box = screen.getByLabelText('Stage JSON with the simulated settings');
    expect(box).toHaveAttribute('readonly');
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(copied).toBe((box as HTMLTextAreaElement).value);
    const stage = JSON.parse(copied) as {
      type: string;
      payload: { thresholds: unknown; canaryConfig: { metrics: Array<{ analysisConfigurations: unknown }> } };
    };
    expect(stage.type).toBe('canaryJudge');
    expect(stage.payload.thresholds).toEqual({ pass: 65, marginal: 50 });
    expect(stage.payload.canaryConfig.metrics[0]!.analysisConfigurations).toMatchObject({
      canary: { effectSize: { allowedIncrease: 1.1, criticalIncrease: 1.25 } },
    });
    expect(validateStage(stage as unknown as Record<string, unknown>)).toEqual([]);
    expect(screen.getByTestId(testIds.whatIf.copyStatus)).toHaveTextContent('Copied');
  });

  it('without clipboard access it says so and selects the text in the box', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    const r = whatIfReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as stage JSON' }));
    });
    expect(screen.getByTestId(testIds.whatIf.copyStatus)).toHaveTextContent('no clipboard access');
    const box = screen.getByLabelText('Stage JSON with the simulated settings') as HTMLTextAreaElement;
    expect(box.selectionEnd - box.selectionStart).toBe(box.value.length);
    expect(JSON.parse(box.value)).toMatchObject({ type: 'canaryJudge' });
  });
});

describe('WhatIfPanel: why the score moved without a class change (issue 13)', () => {
  it('a weight change: names the groups with weights and points', () => {
    const r = consistentReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    expect(screen.queryByTestId(testIds.whatIf.scoreMove)).toBeNull();
    fireEvent.change(screen.getByLabelText('latency weight %'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('errors weight %'), { target: { value: '80' } });
    expect(screen.getByTestId(testIds.whatIf.changedCount)).toHaveTextContent('No metric changed classification');
    const why = screen.getByTestId(testIds.whatIf.scoreMove);
    expect(why).toHaveTextContent('Group errors: weight 40 % → 80 %: 100 % × 80 % = 80 points (was 100 % × 40 % = 40');
    expect(why).toHaveTextContent('Group latency: weight 60 % → 20 %');
    expect(why).toHaveTextContent('Score 70 → 90.');
  });

  it("a muted metric: the group's passing share, with the muted metric named", () => {
    const r = consistentReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    fireEvent.click(screen.getByLabelText('cpu muted'));
    expect(screen.getByTestId(testIds.whatIf.scoreMove)).toHaveTextContent(
      'Group latency: passing share 50 % → 0 % (cpu muted): 0 % × 60 % = 0 points (was 50 % × 60 % = 30 points).',
    );
  });

  it('is not shown when a metric changed class (the list of changes explains it)', () => {
    const r = consistentReport('same');
    render(<WhatIfPanel report={r} interval={r.intervals[1]!} />);
    open();
    fireEvent.change(screen.getByLabelText('p99-latency fail on'), { target: { value: 'decrease' } });
    expect(screen.getByTestId(testIds.whatIf.verdict)).toHaveTextContent('p99-latency: High → Pass');
    expect(screen.queryByTestId(testIds.whatIf.scoreMove)).toBeNull();
  });
});
