import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import type { IExecutionDetailsSectionProps } from '@spinnaker/core';
import { SETTINGS } from '@spinnaker/core';
import { CanaryJudgeResults } from './CanaryJudgeResults';
import { CanaryJudgeExecutionLabel } from './CanaryJudgeExecutionLabel';
import { ChartWidthContext } from '../report/ChartFrame';
import { testIds } from '../testIds';
import { judgment, reportBody } from '../testing/reportFixtures';
import type { Judgment } from '@canary-judge/shared';

vi.mock('axios', () => {
  const get = vi.fn();
  return { default: { get, isAxiosError: (e: unknown) => Boolean((e as { isAxiosError?: boolean })?.isAxiosError) } };
});
const get = vi.mocked(axios.get);

const URL_ = 'http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000';

function stage(status: string, context: Record<string, unknown>) {
  return { id: 'stage1', name: 'Canary Judge', type: 'canaryJudge', status, context: { url: URL_, ...context } };
}

function renderResults(s: ReturnType<typeof stage>, current = 'canaryJudgeResults') {
  const props = {
    name: 'canaryJudgeResults',
    current,
    application: { name: 'checkout' },
    execution: { id: 'exec1' },
    stage: s,
  } as unknown as IExecutionDetailsSectionProps;
  return render(
    <ChartWidthContext.Provider value={600}>
      <CanaryJudgeResults {...props} />
    </ChartWidthContext.Provider>,
  );
}

function withVerdict(patch: Partial<Judgment>, intervalPatch: Record<string, unknown> = {}) {
  const body = reportBody();
  body['judgment'] = judgment(patch);
  const intervals = body['intervals'] as Array<Record<string, unknown>>;
  Object.assign(intervals[1]!, intervalPatch);
  return body;
}

// Load the lazy report chunk once up front: on a busy machine its first import can outlast findBy's wait.
beforeAll(async () => {
  await import('../report/ReportView');
}, 60_000);
beforeEach(() => {
  get.mockReset();
});
afterEach(() => {
  delete SETTINGS['canaryJudge'];
  vi.useRealTimers();
});

describe('CanaryJudgeResults', () => {
  it('has the stable section title and renders nothing on another tab', () => {
    expect(CanaryJudgeResults.title).toBe('canaryJudgeResults');
    renderResults(stage('SUCCEEDED', {}), 'taskStatus');
    expect(screen.queryByTestId(testIds.results.root)).toBeNull();
  });

  it('FAIL: verdict, score with thresholds, trend, groups, failing metric first with its charts and explanation', async () => {
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Fail');
    expect(screen.getByTestId(testIds.results.score)).toHaveTextContent(
      'Score 0 (Fail ≤ 50 · Marginal > 50 and < 75 · Pass ≥ 75)',
    );
    expect(screen.getByText('Intervals judged: 2 of 3')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /\/v1\/judgments\/exec1-stage1-1700000000000\/report$/ })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    );
    const table = await screen.findByTestId(testIds.results.metricTable);
    expect(get).toHaveBeenCalledWith(`${URL_}/report`, expect.anything());
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('button')[0]!.textContent);
    expect(names).toEqual(['p99-latency', 'cpu', 'error-rate']);
    expect(within(table).getByText('High (1)')).toBeInTheDocument();
    const detail = screen.getByTestId(testIds.results.metricDetail);
    expect(detail).toHaveTextContent('p99-latency is High: canary − baseline shift 40');
    expect(
      within(detail).getByRole('img', { name: /tolerance 90 to 110; canary confidence band 130 to 150/ }),
    ).toBeInTheDocument();
    expect(within(detail).getByRole('img', { name: /the interval is above the tolerance/ })).toBeInTheDocument();
    expect(
      within(detail).getByRole('img', {
        name: 'p99-latency: canary minus baseline at 3 time points; tolerance zone -10 to 10; shift confidence interval 30 to 50',
      }),
    ).toBeInTheDocument();
    expect(detail.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(screen.getByRole('img', { name: /interval 1 80 \(PASS\), interval 2 0 \(FAIL\)/ })).toBeInTheDocument();
    const windows = screen.getByText('Intervals and windows (3)').closest('details') as HTMLElement;
    expect(within(windows).getAllByRole('row')[2]).toHaveTextContent('2026-01-01 00:00–00:20 UTC (20 min)');
    // Issue 13: a warning is shown once — under the verdict; the interval's row only counts it.
    expect(within(windows).getAllByRole('row')[2]).toHaveTextContent('⚠ 1 warning (listed under the verdict)');
    // Issue 13: the judgment stopped early (FAIL), so its last interval was never judged: not "waiting".
    expect(within(windows).getAllByRole('row')[3]).toHaveTextContent('not judged (the judgment ended)');
    expect(screen.getByTestId(testIds.results.scoreExplanation)).toHaveTextContent(
      'Critical metric p99-latency is High, so the whole canary scores 0.',
    );
    const p99 = screen.getByTestId(testIds.results.metricRow('p99-latency'));
    expect(within(p99).getByRole('img', { name: 'fails on increase' })).toHaveTextContent('↑');
    expect(within(p99).getByText('few samples: baseline 30, canary 30')).toBeInTheDocument();
    const groups = screen.getByTestId(testIds.results.groups);
    expect(within(groups).getByRole('button', { name: /latency: 0/ })).toHaveStyle({ width: '60%' });
  });

  it('after a "Restart stage": shows the current attempt and lists the earlier ones', () => {
    get.mockResolvedValue({ data: reportBody() });
    const restarted = judgment({
      attempt: 2,
      earlierAttempts: [
        {
          attempt: 1,
          status: 'TERMINAL',
          verdict: 'FAIL',
          score: 12,
          error: null,
          createdAt: '2024-05-01T12:00:00.000Z',
          completedAt: '2024-05-01T12:10:00.000Z',
        },
      ],
    });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: restarted } } }));
    expect(screen.getByTestId(testIds.results.attempts)).toHaveTextContent(
      'Attempt 2 (the stage was restarted). Earlier: #1 FAIL (score 12)',
    );
  });

  it('shows no attempt line for a first attempt', () => {
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    expect(screen.queryByTestId(testIds.results.attempts)).toBeNull();
  });

  it('filters the metric table by classification and by group', async () => {
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    const table = await screen.findByTestId(testIds.results.metricTable);
    fireEvent.click(within(table).getByLabelText('Pass (1)'));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.click(within(table).getByLabelText('Pass (1)'));
    fireEvent.click(within(screen.getByTestId(testIds.results.groups)).getByRole('button', { name: /errors: 100/ }));
    expect(within(table).getByText(/1 of 3 metrics in group errors/)).toBeInTheDocument();
  });

  it('no data: names the missing side', async () => {
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    fireEvent.click(await screen.findByRole('button', { name: 'cpu' }));
    expect(screen.getByTestId(testIds.results.noData)).toHaveTextContent(
      'No canary data: the canary returned no points.',
    );
    const detail = screen.getByTestId(testIds.results.metricDetail);
    expect(within(detail).getByRole('row', { name: /^canary/ })).toHaveTextContent(/^canary0————$/);
    expect(within(screen.getByTestId(testIds.results.metricRow('cpu'))).getByText('N/A')).toBeInTheDocument();
  });

  it('copies the metric query', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy query' }));
    expect(writeText).toHaveBeenCalledWith('latency');
    expect(await screen.findByText('Query copied')).toBeInTheDocument();
  });

  it('is keyboard navigable: arrow keys move between metrics', async () => {
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    const first = await screen.findByRole('button', { name: 'p99-latency' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(screen.getByRole('button', { name: 'cpu' })).toHaveFocus();
    expect(screen.getByTestId(testIds.results.metricRow('cpu'))).toHaveAttribute('aria-selected', 'true');
  });

  it('PASS: shows the pass verdict and no failing detail by default', async () => {
    const body = withVerdict({ status: 'SUCCEEDED', verdict: 'PASS', score: 100, intervalScores: [100, 100] });
    const iv = (body['intervals'] as Array<Record<string, unknown>>)[1]!;
    const result = iv['result'] as { results: Array<Record<string, unknown>> };
    result.results = result.results.filter((r) => r['name'] === 'error-rate');
    get.mockResolvedValue({ data: body });
    renderResults(stage('SUCCEEDED', { webhook: { monitor: { body: body['judgment'] } } }));
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Pass');
    await screen.findByTestId(testIds.results.metricTable);
    expect(screen.queryByTestId(testIds.results.metricDetail)).toBeNull();
  });

  it('MARGINAL: shows the marginal verdict and score', async () => {
    const body = withVerdict({ status: 'TERMINAL', verdict: 'MARGINAL', score: 60 });
    get.mockResolvedValue({ data: body });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: body['judgment'] } } }));
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Marginal');
    expect(screen.getByTestId(testIds.results.score)).toHaveTextContent('Score 60');
    await screen.findByTestId(testIds.results.metricTable);
  });

  it('running: shows progress and polls the report again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const body = reportBody();
    body['judgment'] = judgment({
      status: 'RUNNING',
      verdict: null,
      score: null,
      intervalScores: [],
      phase: 'WAITING_FOR_DATA',
      message: 'Waiting for data',
    });
    body['intervals'] = (body['intervals'] as Array<Record<string, unknown>>).map((i) => ({
      ...i,
      state: 'PENDING',
      result: undefined,
      score: null,
    }));
    get.mockResolvedValue({ data: body });
    renderResults(stage('RUNNING', { webhook: { body: body['judgment'] } }));
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Running');
    expect(screen.getByTestId(testIds.results.message)).toHaveTextContent('Waiting for data');
    expect(await screen.findByText('No interval has been judged yet.')).toBeInTheDocument();
    expect(get).toHaveBeenCalledTimes(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('error: lists every error and skips the report when there is no key', () => {
    const s = stage('TERMINAL', {});
    s.context = {
      webhook: { error: 'Connection refused' },
      exception: { details: { errors: ['Webhook failed'] } },
    } as never;
    renderResults(s);
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Error');
    expect(screen.getByRole('alert')).toHaveTextContent('Connection refused');
    expect(screen.getByRole('alert')).toHaveTextContent('Webhook failed');
    expect(get).not.toHaveBeenCalled();
  });

  it('report fetch failure: says which URL failed and how, keeps the verdict', async () => {
    get.mockRejectedValue({
      isAxiosError: true,
      message: 'Request failed',
      response: { status: 404, data: { error: { message: 'unknown judgment' } } },
    });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    expect(await screen.findByTestId(testIds.results.reportError)).toHaveTextContent(
      `GET ${URL_}/report failed: HTTP 404 (unknown judgment)`,
    );
    expect(screen.getByTestId(testIds.results.verdict)).toHaveTextContent('Fail');
  });

  it('renders a report whose results lack metadata (no crash, no data named)', async () => {
    const body = reportBody();
    const iv = (body['intervals'] as Array<Record<string, unknown>>)[1]!;
    iv['result'] = {
      results: [{ name: 'bare', classification: 'Nodata' }],
      score: { score: 0, classification: 'Fail' },
    };
    get.mockResolvedValue({ data: body });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    fireEvent.click(await screen.findByRole('button', { name: 'bare' }));
    expect(screen.getByTestId(testIds.results.noData)).toHaveTextContent('No data on either side');
  });

  it('uses the configured report base URL (e.g. a Gate proxy)', async () => {
    SETTINGS['canaryJudge'] = { reportBaseUrl: 'https://gate.example.com/proxies/canary-judge' };
    get.mockResolvedValue({ data: reportBody() });
    renderResults(stage('TERMINAL', { webhook: { monitor: { body: judgment() } } }));
    await screen.findByTestId(testIds.results.metricTable);
    expect(get).toHaveBeenCalledWith(
      'https://gate.example.com/proxies/canary-judge/v1/judgments/exec1-stage1-1700000000000/report',
      expect.anything(),
    );
  });
});

describe('CanaryJudgeExecutionLabel', () => {
  it('shows the stage name and the score chip', () => {
    render(
      <CanaryJudgeExecutionLabel
        stage={{
          name: 'Canary Judge',
          masterStage: stage('TERMINAL', { webhook: { monitor: { body: judgment({ score: 42.5 }) } } }) as never,
        }}
      />,
    );
    const label = screen.getByTestId(testIds.results.executionLabel);
    expect(label).toHaveTextContent('Canary Judge ✖42.5');
    expect(within(label).getByTitle('Fail, score 42.5')).toBeInTheDocument();
  });
  it('shows only the name before the stage ran', () => {
    render(<CanaryJudgeExecutionLabel stage={{ name: 'Canary Judge' }} />);
    expect(screen.getByTestId(testIds.results.executionLabel).textContent?.trim()).toBe('Canary Judge');
  });
});

describe('CanaryJudgeResults: a warning is shown once (issue 13)', () => {
  it('lists each warning once in the results tab, with the intervals it concerns', async () => {
    const noSeries = 'metric cpu (canary checkout-canary): the query returned no series';
    // As the service writes them: per interval with its number, and all of them again in the judgment resource.
    const body = reportBody();
    const intervals = body['intervals'] as Array<Record<string, unknown>>;
    intervals[0]!['warnings'] = [`interval 1: ${noSeries}`];
    intervals[1]!['warnings'] = [`interval 2: ${noSeries}`];
    const resource = judgment({ warnings: [`interval 1: ${noSeries}`, `interval 2: ${noSeries}`] });
    body['judgment'] = resource;
    get.mockResolvedValue({ data: body });
    const { container } = renderResults(stage('TERMINAL', { webhook: { monitor: { body: resource } } }));
    await screen.findByTestId(testIds.results.metricTable);
    const list = screen.getByTestId(testIds.results.warnings);
    expect(list).toHaveTextContent('1 warning');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`${noSeries} (intervals 1–2)`]);
    const text = container.textContent ?? '';
    expect(text.split('the query returned no series').length - 1).toBe(1);
  });
});
