// Several scopes per stage: the scope table writes payload.namedScopes, each metric picks its scope (scopeName), the
// validation names undefined scopes, and the report's metric rows show the scope each metric was judged on.
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPanel as renderStageConfig } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage, stageToForm } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';
import { validateStage } from '../transforms/validation';
import { metricScopes } from '../transforms/scopes';
import { MetricTable } from '../report/MetricTable';
import { metricResult } from '../testing/reportFixtures';

/** The parts of a stage payload these tests read. */
type Payload = {
  namedScopes?: Record<string, Record<string, unknown>>;
  canaryConfig: { metrics: Array<{ scopeName?: string }> };
} & Record<string, unknown>;

const renderPanel = (stage: Record<string, unknown>) => renderStageConfig(stage).live;

describe('scope table', () => {
  it('adds a named scope pair and lets a metric pick it; the stage JSON carries namedScopes and scopeName', () => {
    const live = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    expect(within(screen.getByTestId(testIds.config.metric(0))).queryByLabelText('Scope')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Add scope/ }));
    fireEvent.change(screen.getByLabelText('Scope name 1'), { target: { value: 'eu' } });
    fireEvent.change(screen.getByLabelText('Baseline scope 1'), { target: { value: 'checkout-baseline-eu' } });
    fireEvent.change(screen.getByLabelText('Canary scope 1'), { target: { value: 'checkout-canary-eu' } });
    fireEvent.change(screen.getByLabelText('Canary location 1'), { target: { value: 'eu-west-1' } });
    const picker = within(screen.getByTestId(testIds.config.metric(0))).getByLabelText('Scope');
    expect([...(picker as HTMLSelectElement).options].map((o) => o.value)).toEqual(['default', 'eu']);
    fireEvent.change(picker, { target: { value: 'eu' } });
    const payload = live['payload'] as Payload;
    expect(payload['namedScopes']).toEqual({
      eu: {
        controlScope: 'checkout-baseline-eu',
        experimentScope: 'checkout-canary-eu',
        experimentLocation: 'eu-west-1',
      },
    });
    expect(payload['canaryConfig'].metrics[0]!.scopeName).toBe('eu');
    expect(payload['canaryConfig'].metrics[1]!.scopeName).toBeUndefined();
    expect(screen.queryByRole('alert')).toBeNull();
    // Renaming the scope renames it in the metric; removing it sends the metric back to default.
    fireEvent.change(screen.getByLabelText('Scope name 1'), { target: { value: 'eu-west' } });
    expect((live['payload'] as Payload)['canaryConfig'].metrics[0]!.scopeName).toBe('eu-west');
    fireEvent.click(screen.getByRole('button', { name: 'Remove scope 1' }));
    expect((live['payload'] as Payload)['namedScopes']).toBeUndefined();
    expect((live['payload'] as Payload)['canaryConfig'].metrics[0]!.scopeName).toBe('default');
  }, 60_000);

  it('names a scope pair without scopes, and "default" or duplicate names', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    fireEvent.click(screen.getByRole('button', { name: /Add scope/ }));
    fireEvent.click(screen.getByRole('button', { name: /Add scope/ }));
    fireEvent.change(screen.getByLabelText('Scope name 1'), { target: { value: 'eu' } });
    fireEvent.change(screen.getByLabelText('Scope name 2'), { target: { value: 'eu' } });
    const table = screen.getByTestId(testIds.config.scopeTable);
    expect(within(table).getAllByText(/"eu" is used twice/)).toHaveLength(2);
    // Issue 13: the summary names the field by its label and links to it (it read the JSON path
    // payload.namedScopes.eu.controlScope before).
    const link = within(screen.getByRole('alert')).getByRole('link', { name: 'Scope "eu" · Baseline scope' });
    fireEvent.click(link);
    expect(screen.getByLabelText('Baseline scope 1')).toHaveFocus();
  }, 60_000);
});

describe('stage JSON and validation with several scopes', () => {
  it('round-trips namedScopes and scopeName, keeping unknown keys', () => {
    const form = {
      ...validForm(),
      namedScopes: [
        { name: 'eu', controlScope: 'b', experimentScope: 'c', controlLocation: '', experimentLocation: 'eu-1' },
      ],
    };
    form.metrics[0] = { ...form.metrics[0]!, scopeName: 'eu' };
    const stage = formToStage(form, {});
    (stage['payload'] as Payload)['namedScopes']!['eu']!['extendedScopeParams'] = { env: 'prod' };
    const again = formToStage(stageToForm(stage), stage);
    expect((again['payload'] as Payload)['namedScopes']).toEqual({
      eu: { controlScope: 'b', experimentScope: 'c', experimentLocation: 'eu-1', extendedScopeParams: { env: 'prod' } },
    });
    expect(stageToForm(again).metrics[0]!.scopeName).toBe('eu');
    expect(validateStage({ ...again, type: 'canaryJudge' })).toEqual([]);
  });

  it('refuses an undefined scopeName and a pair named default, like the judge', () => {
    const stage = formToStage(validForm(), {});
    const payload = stage['payload'] as Payload;
    payload['canaryConfig'].metrics[2]!.scopeName = 'ap';
    payload['namedScopes'] = { default: { controlScope: 'a', experimentScope: 'b' } };
    expect(validateStage(stage)).toEqual([
      { path: 'payload.namedScopes.default', message: 'is the scopes field; pick another name' },
      { path: 'payload.canaryConfig.metrics[2].scopeName', message: 'names no scope pair (defined: default)' },
    ]);
  });
});

describe('report rows show the scope', () => {
  it('labels each metric with its scope only when the judgment used several', () => {
    const request = {
      scopes: { controlScope: 'base', experimentScope: 'can' },
      namedScopes: { eu: { controlScope: 'base-eu', experimentScope: 'can-eu', experimentLocation: 'eu-1' } },
      canaryConfig: { metrics: [{ name: 'a', scopeName: 'eu' }, { name: 'b' }] },
    } as never;
    const scopes = metricScopes(request);
    expect(scopes).toEqual({
      a: { name: 'eu', text: 'base-eu → can-eu (eu-1)' },
      b: { name: 'default', text: 'base → can' },
    });
    expect(metricScopes({ scopes: { controlScope: 'x', experimentScope: 'y' } } as never)).toBeNull();
    render(
      <MetricTable
        results={[metricResult({ name: 'a' }), metricResult({ name: 'b' })]}
        group={null}
        selected={null}
        onSelect={() => undefined}
        scopes={scopes}
      />,
    );
    expect(within(screen.getByTestId(testIds.results.metricRow('a'))).getByText('scope eu')).toHaveAttribute(
      'title',
      'scope eu: base-eu → can-eu (eu-1)',
    );
    expect(within(screen.getByTestId(testIds.results.metricRow('b'))).getByText('scope default')).toBeInTheDocument();
  });
});
