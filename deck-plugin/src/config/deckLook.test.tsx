// "It does not look like Deck": the panel must use Deck's form markup (StageConfigField DOM: form-group, label column
// `col-md-3 sm-label-right`, field column, `form-control input-sm`), Deck's button classes and Deck's HelpField
// popover; and the plugin's code spans must not take Bootstrap 3's red-on-pink `code` style.
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CanaryJudgeStageConfig } from './CanaryJudgeStageConfig';
import { panelProps } from '../testing/renderPanel';
import { HELP } from './help';
import { MetricDetail } from '../report/MetricDetail';
import { ChartWidthContext } from '../report/ChartFrame';
import { injectStyles, STYLE_ELEMENT_ID } from '../styles';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';
import { readReport } from '../transforms/report';
import { reportBody } from '../testing/reportFixtures';

function renderPanel() {
  return render(
    <CanaryJudgeStageConfig {...panelProps({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) })} />,
  );
}

afterEach(() => {
  document.getElementById(STYLE_ELEMENT_ID)?.remove();
  document.getElementById('bootstrap-code')?.remove();
});

describe('Deck look', () => {
  it("stage-level fields use Deck's StageConfigField layout with a help popover", () => {
    renderPanel();
    for (const [label, help] of [
      ['Pass', HELP.pass],
      ['Marginal', HELP.marginal],
      ['Baseline scope', HELP.controlScope],
      ['Judge service URL', HELP.judgeBaseUrl],
      ['Lifetime (min)', HELP.lifetime],
    ] as const) {
      const input = screen.getByLabelText(label);
      expect(input).toHaveClass('form-control', 'input-sm');
      const group = input.closest('.form-group') as HTMLElement;
      expect(group.closest('.form-horizontal')).not.toBeNull();
      const labelColumn = group.querySelector('.col-md-3.sm-label-right') as HTMLElement;
      expect(within(labelColumn).getByText(label).tagName).toBe('LABEL');
      expect(within(labelColumn).getByRole('button', { name: 'Help' })).toHaveAttribute('title', help);
      expect(input.closest('.col-md-7')).not.toBeNull();
    }
  });

  it('metric fields are Deck form controls and every button has a Deck btn class', () => {
    renderPanel();
    const metric = screen.getByTestId('cj-config-metric-0');
    expect(within(metric).getByLabelText('Name')).toHaveClass('form-control', 'input-sm');
    expect(within(metric).getByLabelText('Fail on')).toHaveClass('form-control', 'input-sm');
    const buttons = screen.getAllByRole('button').filter((b) => b.getAttribute('aria-label') !== 'Help');
    expect(buttons.length).toBeGreaterThan(1);
    for (const b of buttons) expect(b.className).toMatch(/\bbtn\b/);
    expect(screen.getByRole('button', { name: /Add metric/ })).toHaveClass('btn', 'btn-block', 'add-new');
  });

  it("code spans get the plugin's neutral style, not Bootstrap's red on pink", () => {
    const bootstrap = document.createElement('style');
    bootstrap.id = 'bootstrap-code';
    bootstrap.textContent = 'code { color: rgb(199, 37, 78); background-color: rgb(249, 242, 244); }';
    document.head.appendChild(bootstrap);
    injectStyles();
    const report = readReport(reportBody());
    const interval = report.intervals.find((i) => i.result)!;
    render(
      <ChartWidthContext.Provider value={420}>
        <div className="cj-root">
          <MetricDetail result={interval.result!.results[0]!} interval={interval} query="rate(http_errors[5m])" />
        </div>
      </ChartWidthContext.Provider>,
    );
    const code = screen.getByText('rate(http_errors[5m])');
    expect(code.tagName).toBe('CODE');
    const style = getComputedStyle(code);
    expect(style.color).not.toBe('rgb(199, 37, 78)');
    expect(style.backgroundColor).not.toBe('rgb(249, 242, 244)');
    expect(screen.getByRole('button', { name: 'Copy query' })).toHaveClass('btn', 'btn-default', 'btn-sm');
  });
});
