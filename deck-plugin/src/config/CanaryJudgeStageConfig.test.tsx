import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '@spinnaker/core';
import { CanaryJudgeStageConfig } from './CanaryJudgeStageConfig';
import { panelProps, renderPanel } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { kayentaCpuMem, validForm } from '../testing/fixtures';

afterEach(() => {
  delete SETTINGS['canaryJudge'];
});

describe('CanaryJudgeStageConfig', () => {
  it('writes the webhook fields into a new stage at once, with the judge URL from settings', () => {
    SETTINGS['canaryJudge'] = { judgeBaseUrl: 'https://judge.example.com' };
    const { live } = renderPanel({ type: 'canaryJudge', name: 'Canary Judge', refId: '1' });
    expect(live['alias']).toBe('webhook');
    expect(live['url']).toMatch(/^https:\/\/judge\.example\.com\/v1\/judgments\/\$\{execution\.id\}/);
    expect(live['name']).toBe('Canary Judge');
    expect(screen.getByLabelText('Judge service URL')).toHaveValue('https://judge.example.com');
  });

  it('lists the problems that block saving for an empty stage', () => {
    // A stage whose payload lost its fields (e.g. edited as JSON); a brand-new stage starts from defaults instead.
    renderPanel({ type: 'canaryJudge', name: 'x', payload: {} });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('must be fixed before the pipeline can be saved');
    // Issue 13: each entry links to its field and uses the field's label, not the JSON path.
    const link = within(alert).getByRole('link', { name: 'Pass' });
    expect(link.getAttribute('href')).toBe(`#${screen.getByLabelText('Pass').id}`);
    fireEvent.click(link);
    expect(screen.getByLabelText('Pass')).toHaveFocus();
    expect(alert).not.toHaveTextContent('payload.thresholds.pass');
    expect(screen.queryByTestId(testIds.config.thresholdBar)).toBeNull();
  });

  it('starts a new stage from defaults: only metrics and scopes are left to fill in', () => {
    SETTINGS['canaryJudge'] = { judgeBaseUrl: 'https://judge.example.com', metricSources: ['prometheus', 'demo'] };
    const { live } = renderPanel({ type: 'canaryJudge', name: 'Canary Judge', refId: '1' });
    const payload = live['payload'] as Record<string, Record<string, unknown>>;
    expect(payload['thresholds']).toEqual({ pass: 75, marginal: 50 });
    expect(payload['timing']).toEqual({ lifetimeMinutes: 60, intervalMinutes: 15 });
    expect(live['payload']).toMatchObject({ metricSource: 'prometheus' });
    expect(screen.getByLabelText('Pass')).toHaveValue('75');
    const paths = within(screen.getByRole('alert'))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('a,strong')?.textContent);
    // Issue 13: the summary names each field by its label (and links to it), not by its JSON path.
    expect(paths).toEqual(['Baseline scope', 'Canary scope', 'Metric 1 · Name', 'Metric 1 · Query']);
  });

  it('shows no problems for a valid stage and draws the threshold band', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(
      screen.getByRole('img', { name: /Fail at or below 50, marginal above 50 and below 75, pass from 75 to 100/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.config.intervalPlan)).toHaveTextContent('3 judgements of 10 min each');
    expect(screen.getByText('Fail ≤ 50', { exact: false })).toBeInTheDocument();
  });

  it('marks a bad threshold invalid beside the field and updates the stage', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const marginal = screen.getByLabelText('Marginal');
    fireEvent.change(marginal, { target: { value: '80' } });
    expect(marginal).toHaveAttribute('aria-invalid', 'true');
    expect(marginal).toHaveAccessibleDescription('must be below pass (75)');
    expect((live['payload'] as { thresholds: unknown }).thresholds).toEqual({ pass: 75, marginal: 80 });
  });

  it('keeps group weights in step with metric groups and checks the sum', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const metric2 = screen.getByTestId(testIds.config.metric(1));
    fireEvent.change(within(metric2).getByLabelText('Group'), { target: { value: 'saturation' } });
    expect(screen.queryByLabelText('errors %')).toBeNull();
    fireEvent.change(screen.getByLabelText('saturation %'), { target: { value: '30' } });
    expect(screen.getByTestId(testIds.config.weightSum)).toHaveTextContent('Sum: 90 of 100 — weights must sum to 100');
    fireEvent.change(screen.getByLabelText('saturation %'), { target: { value: '40' } });
    expect(screen.getByTestId(testIds.config.weightSum)).toHaveTextContent('Sum: 100 of 100 ✔');
    const payload = live['payload'] as { canaryConfig: { classifier: { groupWeights: unknown } } };
    expect(payload.canaryConfig.classifier.groupWeights).toEqual({ latency: 60, saturation: 40 });
  });

  it('adds and removes metrics and edits metric settings', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    fireEvent.click(screen.getByTestId(testIds.config.addMetric));
    expect(screen.getByTestId(testIds.config.metric(3))).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 4' }));
    expect(screen.queryByTestId(testIds.config.metric(3))).toBeNull();
    const m0 = screen.getByTestId(testIds.config.metric(0));
    fireEvent.click(within(m0).getByLabelText('Muted (shown, not scored)'));
    fireEvent.change(within(m0).getByLabelText('Outliers'), { target: { value: 'remove' } });
    fireEvent.change(within(m0).getByLabelText('Outlier factor'), { target: { value: '2.5' } });
    // direction "increase" hides the decrease effect sizes
    expect(within(m0).queryByLabelText('Allowed decrease %')).toBeNull();
    const metrics = (
      live['payload'] as { canaryConfig: { metrics: Array<{ analysisConfigurations: { canary: unknown } }> } }
    ).canaryConfig.metrics;
    expect(metrics).toHaveLength(3);
    expect(metrics[0]!.analysisConfigurations.canary).toMatchObject({
      muted: true,
      outliers: { strategy: 'remove', outlierFactor: 2.5 },
    });
  });

  it('re-reads the stage when its payload is replaced from outside (Edit stage as JSON)', () => {
    const first = { type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) };
    const props = panelProps(first);
    const { rerender } = render(<CanaryJudgeStageConfig {...props} stage={first} />);
    expect(screen.getByLabelText('Pass')).toHaveValue('75');
    const edited = { ...first, ...formToStage({ ...validForm(), pass: '90' }, {}) };
    rerender(<CanaryJudgeStageConfig {...props} stage={edited} />);
    expect(screen.getByLabelText('Pass')).toHaveValue('90');
    // Deck may also replace the payload on the same stage object.
    Object.assign(edited, { payload: formToStage({ ...validForm(), pass: '95' }, {})['payload'] });
    rerender(<CanaryJudgeStageConfig {...props} stage={edited} />);
    expect(screen.getByLabelText('Pass')).toHaveValue('95');
  });

  it('imports a Kayenta canary config, keeping scopes and thresholds, and names bad JSON', () => {
    const { live } = renderPanel({
      type: 'canaryJudge',
      name: 'x',
      ...formToStage({ ...validForm(), metricSource: 'prometheus' }, {}),
    });
    const box = screen.getByLabelText('Kayenta canary config JSON');
    fireEvent.change(box, { target: { value: '{"metrics": []}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByRole('status')).toHaveTextContent('metrics: must be a non-empty array of metrics');
    const kayenta = kayentaCpuMem();
    fireEvent.change(box, { target: { value: JSON.stringify(kayenta) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByRole('status')).toHaveTextContent('Imported 2 metrics; check the queries.');
    expect(screen.queryByTestId(testIds.config.metric(2))).toBeNull();
    expect(within(screen.getByTestId(testIds.config.metric(0))).getByLabelText('PromQL query')).toHaveValue(
      'sum(rate(cpu[1m]))',
    );
    expect(screen.getByLabelText('system %')).toHaveValue('100');
    const payload = live['payload'] as {
      thresholds: unknown;
      scopes: { controlScope: string };
      canaryConfig: { metrics: Array<{ query: unknown }> };
    };
    expect(payload.thresholds).toEqual({ pass: 75, marginal: 50 });
    expect(payload.scopes.controlScope).toBe('checkout-baseline');
    expect(payload.canaryConfig.metrics[0]!.query).toEqual({ type: 'prometheus', promql: 'sum(rate(cpu[1m]))' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('switches to a retrospective window', () => {
    const { live } = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    fireEvent.click(screen.getByLabelText('Retrospective (judge a past window)'));
    expect(screen.queryByLabelText('Lifetime (min)')).toBeNull();
    fireEvent.change(screen.getByLabelText('Start (UTC, ISO-8601)'), { target: { value: '2026-01-01T00:00:00Z' } });
    fireEvent.change(screen.getByLabelText('End (UTC, ISO-8601)'), { target: { value: 'tomorrow' } });
    expect(screen.getByLabelText('End (UTC, ISO-8601)')).toHaveAccessibleDescription(
      /must be an ISO-8601 instant with a time zone/,
    );
    expect((live['payload'] as { timing: unknown }).timing).toMatchObject({
      startTimeIso: '2026-01-01T00:00:00Z',
      endTimeIso: 'tomorrow',
    });
  });
});

describe('CanaryJudgeStageConfig: plans that cannot judge (issue 13)', () => {
  it('shows the points per window as you type and refuses one point per side, naming the timing fields', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    expect(screen.getByTestId(testIds.config.windowPoints)).toHaveTextContent(
      '10 to 30 points per side in each window (step 60 s; at least 3 needed to judge)',
    );
    fireEvent.change(screen.getByLabelText('Lifetime (min)'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Interval (min)'), { target: { value: '1' } });
    expect(screen.getByTestId(testIds.config.windowPoints)).toHaveTextContent('1 to 3 points per side');
    expect(screen.getByTestId(testIds.config.windowPoints)).toHaveClass('cj-error');
    expect(screen.getByLabelText('Interval (min)')).toHaveAccessibleDescription(
      /1 point per side, fewer than the 3 needed to judge; lengthen payload\.timing\.intervalMinutes or shorten payload\.timing\.stepSeconds/,
    );
    // The summary names the fields by label, in the message too.
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Interval (min): gives windows of 1 min at a 60 s step');
    expect(summary).toHaveTextContent('lengthen Interval (min) or shorten Step (s)');
    expect(summary).not.toHaveTextContent('payload.');
  });

  it('refuses a retrospective window that ends in the future', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    fireEvent.click(screen.getByLabelText('Retrospective (judge a past window)'));
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    fireEvent.change(screen.getByLabelText('Start (UTC, ISO-8601)'), { target: { value: '2026-01-01T00:00:00Z' } });
    fireEvent.change(screen.getByLabelText('End (UTC, ISO-8601)'), { target: { value: soon } });
    expect(screen.getByLabelText('End (UTC, ISO-8601)')).toHaveAccessibleDescription(/is in the future/);
  });
});
