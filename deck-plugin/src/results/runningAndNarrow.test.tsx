// Seen in real Deck: the report lagged the status while the stage ran (interval 72 shown, 73 judged); the executions
// list (expand=false, trimmed contexts) showed no or a wrong chip; the what-if tables ran past Deck's ~450 px column;
// there was no way to see the report full width.
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import type { IExecutionDetailsSectionProps } from '@spinnaker/core';
import { CanaryJudgeResults } from './CanaryJudgeResults';
import { CanaryJudgeExecutionLabel } from './CanaryJudgeExecutionLabel';
import { ChartWidthContext } from '../report/ChartFrame';
import { testIds } from '../testIds';
import { judgment, reportBody } from '../testing/reportFixtures';
import { STYLE_ELEMENT_ID } from '../styles';

vi.mock('axios', () => {
  const get = vi.fn();
  return { default: { get, isAxiosError: () => false } };
});
const get = vi.mocked(axios.get);
const URL_ = 'http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000';

function props(status: string, context: Record<string, unknown>): IExecutionDetailsSectionProps {
  return {
    name: 'canaryJudgeResults',
    current: 'canaryJudgeResults',
    application: { name: 'checkout' },
    execution: { id: 'exec1' },
    stage: { id: 'stage1', name: 'Canary Judge', type: 'canaryJudge', status, context: { url: URL_, ...context } },
  } as unknown as IExecutionDetailsSectionProps;
}

/** The report with only the first `n` intervals judged, as the running judgment looks after n intervals. */
function runningReport(n: number) {
  const body = reportBody();
  const scores = [80, 70, 60].slice(0, n);
  body['judgment'] = judgment({ status: 'RUNNING', verdict: null, score: null, intervalScores: scores });
  body['intervals'] = (body['intervals'] as Array<Record<string, unknown>>).map((i, k) =>
    k < n ? { ...i, state: 'DONE' } : { ...i, state: 'PENDING', result: undefined, score: null },
  );
  return body;
}

function contextAfter(n: number, updatedAt: string) {
  return {
    webhook: {
      monitor: {
        body: judgment({
          status: 'RUNNING',
          verdict: null,
          score: null,
          intervalScores: [80, 70, 60].slice(0, n),
          updatedAt,
        }),
      },
    },
  };
}

// Load the lazy report chunk once up front: on a busy machine its first import can outlast findBy's wait.
beforeAll(async () => {
  await import('../report/ReportView');
}, 60_000);
beforeEach(() => get.mockReset());
afterEach(() => document.getElementById(STYLE_ELEMENT_ID)?.remove());

describe('running judgment', () => {
  it('re-fetches the report as soon as Deck brings a newer status, without waiting for the poll', async () => {
    get.mockResolvedValueOnce({ data: runningReport(1) }).mockResolvedValue({ data: runningReport(2) });
    const wrap = (p: IExecutionDetailsSectionProps) => (
      <ChartWidthContext.Provider value={420}>
        <CanaryJudgeResults {...p} />
      </ChartWidthContext.Provider>
    );
    const view = render(wrap(props('RUNNING', contextAfter(1, '2026-01-01T00:10:00Z'))));
    expect(await screen.findByTestId(testIds.results.scoreExplanation)).toHaveTextContent('interval 1 was computed');
    expect(get).toHaveBeenCalledTimes(1);
    // Deck polls the execution: the status now says interval 2 is judged, the report still has 1.
    await act(async () => {
      view.rerender(wrap(props('RUNNING', contextAfter(2, '2026-01-01T00:20:00Z'))));
    });
    expect(get).toHaveBeenCalledTimes(2);
    const progress = await screen.findByTestId(testIds.results.reportProgress);
    expect(progress).toHaveTextContent('Report shows intervals 1–2; updates while the stage runs.');
    expect(screen.getByTestId(testIds.results.scoreExplanation)).toHaveTextContent('interval 2 was computed');
  });

  it('says when the report is behind the status', async () => {
    get.mockResolvedValue({ data: runningReport(1) });
    render(
      <ChartWidthContext.Provider value={420}>
        <CanaryJudgeResults {...props('RUNNING', contextAfter(2, '2026-01-01T00:20:00Z'))} />
      </ChartWidthContext.Provider>,
    );
    expect(await screen.findByTestId(testIds.results.reportProgress)).toHaveTextContent(
      'Report shows intervals 1–1; interval 2 is judged, updating…',
    );
  });
});

describe('executions list chip', () => {
  it('with a trimmed context (expand=false) shows the stage status instead of an error or nothing', () => {
    const { rerender } = render(
      <CanaryJudgeExecutionLabel
        stage={{ name: 'Canary Judge', masterStage: { status: 'TERMINAL', context: {} } as never }}
      />,
    );
    const chip = () => within(screen.getByTestId(testIds.results.executionLabel));
    expect(chip().getByTitle('Failed')).toHaveTextContent('✖Failed');
    rerender(<CanaryJudgeExecutionLabel stage={{ name: 'Canary Judge', status: 'SUCCEEDED' }} />);
    expect(chip().getByTitle('Succeeded')).toBeInTheDocument();
    rerender(
      <CanaryJudgeExecutionLabel stage={{ name: 'Canary Judge', masterStage: { status: 'RUNNING' } as never }} />,
    );
    expect(chip().getByTitle('Running')).toBeInTheDocument();
  });
});

describe('narrow column and full report', () => {
  it('every table scrolls inside its own box and text wraps, so the tab fits 420 px', async () => {
    get.mockResolvedValue({ data: reportBody() });
    render(
      <div style={{ width: 420 }}>
        <ChartWidthContext.Provider value={400}>
          <CanaryJudgeResults {...props('TERMINAL', { webhook: { monitor: { body: judgment() } } })} />
        </ChartWidthContext.Provider>
      </div>,
    );
    await screen.findByTestId(testIds.results.metricTable);
    const root = screen.getByTestId(testIds.results.root);
    expect(getComputedStyle(root).overflowWrap).toBe('anywhere');
    const tables = root.querySelectorAll('table');
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) {
      expect(getComputedStyle(t).overflowX).toBe('auto');
      expect(getComputedStyle(t).maxWidth).toBe('100%');
    }
  });

  it('"Open full report" shows the same report full width in a dialog; Escape closes it', async () => {
    get.mockResolvedValue({ data: reportBody() });
    render(
      <ChartWidthContext.Provider value={1200}>
        <CanaryJudgeResults {...props('TERMINAL', { webhook: { monitor: { body: judgment() } } })} />
      </ChartWidthContext.Provider>,
    );
    await screen.findByTestId(testIds.results.metricTable);
    fireEvent.click(screen.getByRole('button', { name: /Open full report/ }));
    const dialog = screen.getByRole('dialog', { name: 'Full report: Canary Judge' });
    expect(dialog.parentElement).toBe(document.body);
    expect(await within(dialog).findByTestId(testIds.results.metricTable)).toBeInTheDocument();
    expect(within(dialog).getByTestId(testIds.results.verdict)).toHaveTextContent('Fail');
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: /Open full report/ })).toHaveFocus();
  });
});

describe('config used', () => {
  it('shows the shared config name and the version the judgment used', async () => {
    const body = reportBody();
    (body['request'] as Record<string, unknown>)['canaryConfigRef'] = { name: 'checkout', version: 3 };
    get.mockResolvedValue({ data: body });
    render(
      <ChartWidthContext.Provider value={420}>
        <CanaryJudgeResults {...props('TERMINAL', { webhook: { monitor: { body: judgment() } } })} />
      </ChartWidthContext.Provider>,
    );
    expect(await screen.findByTestId(testIds.results.configUsed)).toHaveTextContent(
      'Canary config: shared checkout version 3',
    );
  });
});
