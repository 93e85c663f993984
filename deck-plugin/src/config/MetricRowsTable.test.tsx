// Issue 13, "the panel at scale": 14 imported metrics as a compact table (one row each, open a row to edit), a
// multi-line query editor, group weights beside the metrics with the running sum, validation links that open the
// metric's row, and focus after Add / Remove with an Undo.
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axios from 'axios';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPanel } from '../testing/renderPanel';
import { kayentaConfig14 } from '../testing/kayentaConfig14';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';

type Metric = { name: string; query: Record<string, unknown>; groups: string[] };
const metricsOf = (live: Record<string, unknown>): Metric[] =>
  (live['payload'] as { canaryConfig: { metrics: Metric[] } }).canaryConfig.metrics;
const weightsOf = (live: Record<string, unknown>): unknown =>
  (live['payload'] as { canaryConfig: { classifier: { groupWeights: unknown } } }).canaryConfig.classifier.groupWeights;

// No judge to list metric sources: the panel falls back to the query text (deterministic, no network).
vi.mock('axios', async (importOriginal) => {
  const real = await importOriginal<typeof import('axios')>();
  const get = vi.fn();
  return { default: { get, isAxiosError: real.default.isAxiosError }, get, isAxiosError: real.isAxiosError };
});
beforeEach(() => {
  vi.mocked(axios.get).mockReset();
  vi.mocked(axios.get).mockRejectedValue(new Error('connect ECONNREFUSED'));
});

/** The panel on a valid stage, then `config` imported through the Kayenta import box. */
function renderImported(config: Record<string, unknown>) {
  const r = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
  fireEvent.change(screen.getByLabelText('Kayenta canary config JSON'), { target: { value: JSON.stringify(config) } });
  fireEvent.click(screen.getByRole('button', { name: 'Import' }));
  return r;
}

/** A row's expand button: "Edit metric N: <name>" to a screen reader (not the results table's metric button). */
const rowButton = (name: string) => screen.getByRole('button', { name: new RegExp(`^Edit metric \\d+: ${name}$`) });

describe('metric table: 14 imported metrics', () => {
  it('lists one collapsed row per metric with name, group, direction, critical flag and query summary', () => {
    const { live } = renderImported(kayentaConfig14());
    expect(screen.getByRole('status')).toHaveTextContent('Imported 14 metrics');
    const table = screen.getByTestId(testIds.config.metricTable);
    // DOM queries rather than role queries: 14 rows of role lookups are slow in jsdom on a loaded machine.
    expect(table.querySelectorAll('tbody tr.cj-metric-summary')).toHaveLength(14);
    expect(within(table).getByText('14 metrics', { exact: false })).toBeInTheDocument();
    // Collapsed: no editor is rendered, every toggle says so.
    expect(screen.queryByTestId(testIds.config.metric(0))).toBeNull();
    const toggles = Array.from(table.querySelectorAll('button[aria-expanded]'));
    expect(toggles.map((b) => b.getAttribute('aria-expanded'))).toEqual(Array(14).fill('false'));
    const cells = (i: number) =>
      Array.from(screen.getByTestId(testIds.config.metricRow(i)).querySelectorAll('td')).map((c) => c.textContent);
    expect(screen.getByTestId(testIds.config.metricRow(2)).querySelector('th')).toHaveTextContent(
      'request-latency-p99',
    );
    expect(cells(2).slice(0, 4)).toEqual(['latency', '↑ Increase', 'Yes', 'latency']);
    expect(cells(9).slice(0, 4)).toEqual(['saturation', '↕ Either', 'No', 'cpu']);
    expect(cells(13).slice(0, 4)).toEqual(['saturation', '↓ Decrease', 'No', 'cpu']);
    expect(metricsOf(live)).toHaveLength(14);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens a row with a click on the row and with Enter on its name, and closes it again', async () => {
    renderImported(kayentaConfig14());
    const user = userEvent.setup();
    fireEvent.click(screen.getByTestId(testIds.config.metricRow(5)).querySelectorAll('td')[2]!);
    const editor = screen.getByTestId(testIds.config.metric(5));
    expect(within(editor).getByLabelText('Name')).toHaveValue('http-5xx-rate');
    expect(rowButton('http-5xx-rate')).toHaveAttribute('aria-expanded', 'true');
    expect(rowButton('http-5xx-rate').getAttribute('aria-controls')).toBe(editor.closest('tr')?.id);

    rowButton('cpu-user').focus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId(testIds.config.metric(9))).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId(testIds.config.metric(9))).toBeNull();
    // Editing in the open row updates the row's summary.
    fireEvent.change(within(editor).getByLabelText('Group'), { target: { value: 'latency' } });
    expect(screen.getByTestId(testIds.config.metricRow(5)).querySelector('td')).toHaveTextContent('latency');
  });

  it('summarises a long or multi-line query on one line, cut with … and whole in the title', () => {
    const config = kayentaConfig14();
    const long =
      'sum(rate(http_requests_total{code=~"5..",job="${scope}"}[1m]))\n  /\nsum(rate(http_requests_total[1m]))';
    (config['metrics'] as Metric[])[0]!.query = { type: 'prometheus', promql: long };
    renderImported(config);
    const code = within(screen.getByTestId(testIds.config.metricRow(0))).getByTitle(long.replace(/\s+/g, ' '));
    expect(code.textContent).toMatch(/^sum\(rate\(http_requests_total\{code=~"5\.\.".*…$/);
    expect(code.textContent?.length).toBe(60);
  });
});

describe('multi-line query editor', () => {
  it('is a monospace textarea with Deck form-control styling that keeps line breaks and grows with the text', () => {
    const { live } = renderPanel({
      type: 'canaryJudge',
      name: 'x',
      ...formToStage({ ...validForm(), metricSource: 'prometheus' }, {}),
    });
    const box = within(screen.getByTestId(testIds.config.metric(0))).getByLabelText('PromQL query');
    expect(box.tagName).toBe('TEXTAREA');
    expect(box).toHaveClass('form-control', 'input-sm', 'cj-code-input');
    expect(box).toHaveAttribute('rows', '2');
    const promql = 'histogram_quantile(0.99,\n  sum by (le) (\n    rate(latency_bucket{job="${scope}"}[1m])\n  )\n)';
    fireEvent.change(box, { target: { value: promql } });
    expect(metricsOf(live)[0]!.query).toMatchObject({ promql });
    expect(box).toHaveAttribute('rows', '5');
  });
});

describe('group weights beside the metrics', () => {
  it('lists each group with its weight, metric count and the running sum, and the total', () => {
    const { live } = renderImported(kayentaConfig14());
    const weights = screen.getByTestId(testIds.config.weights);
    const rows = within(weights)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [
        r.querySelector('th')?.textContent,
        (r.querySelector('input') as HTMLInputElement).value,
        ...Array.from(r.querySelectorAll('td'))
          .slice(1)
          .map((c) => c.textContent),
      ]);
    expect(rows).toEqual([
      ['latency', '50', '5', '50'],
      ['errors', '30', '4', '80'],
      ['saturation', '20', '5', '100'],
    ]);
    fireEvent.change(screen.getByLabelText('errors %'), { target: { value: '20' } });
    expect(within(weights).getAllByRole('row')[3]!.querySelectorAll('td')[2]).toHaveTextContent('90');
    expect(screen.getByTestId(testIds.config.weightSum)).toHaveTextContent('Sum: 90 of 100 — weights must sum to 100');
    expect(weightsOf(live)).toEqual({ latency: 50, errors: 20, saturation: 20 });
    // The weights sit beside the metric table, in the same block.
    expect(weights.parentElement).toBe(
      screen.getByTestId(testIds.config.metricTable).closest('.cj-metrics-main')?.parentElement,
    );
  });
});

describe('validation summary links to fields', () => {
  it("opens a collapsed metric's row and focuses the field, named by its label", async () => {
    const config = kayentaConfig14();
    const metrics = config['metrics'] as Array<{ analysisConfigurations: { canary: Record<string, unknown> } }>;
    metrics[8]!.analysisConfigurations.canary['effectSize'] = { allowedIncrease: 0.5 };
    renderImported(config);
    expect(screen.queryByTestId(testIds.config.metric(8))).toBeNull();
    expect(within(screen.getByTestId(testIds.config.metricRow(8))).getByText('1 problem')).toBeInTheDocument();
    const link = within(screen.getByRole('alert')).getByRole('link', { name: 'Metric 9 · Allowed increase' });
    expect(screen.getByRole('alert')).not.toHaveTextContent('payload.canaryConfig');
    const user = userEvent.setup();
    link.focus();
    await user.keyboard('{Enter}');
    const field = within(screen.getByTestId(testIds.config.metric(8))).getByLabelText('Allowed increase %');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(link.getAttribute('href')).toBe(`#${field.id}`);
  });

  it('links an issue of a metric without a field of its own to the metric row', () => {
    const config = kayentaConfig14();
    (config['metrics'] as Array<Record<string, unknown>>)[3]!['scopeName'] = 'eu';
    renderImported(config);
    const link = within(screen.getByRole('alert')).getByRole('link', { name: /^Metric 4 · / });
    fireEvent.click(link);
    expect(screen.getByTestId(testIds.config.metric(3))).toBeInTheDocument();
    expect(document.activeElement?.id).toMatch(/-m3-(scope|row)$/);
  });
});

describe('keyboard: Add metric, Remove, Undo', () => {
  const stage = () => ({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });

  it('moves focus to the new metric’s name after Add metric', () => {
    renderPanel(stage());
    fireEvent.click(screen.getByTestId(testIds.config.addMetric));
    const name = within(screen.getByTestId(testIds.config.metric(3))).getByLabelText('Name');
    expect(name).toHaveFocus();
    expect(rowButton('Metric 4')).toHaveAttribute('aria-expanded', 'true');
  });

  it('after Remove focuses the next row, offers Undo, and Undo restores the metric at its place with its weight', () => {
    const { live } = renderPanel(stage());
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 2' }));
    expect(metricsOf(live).map((m) => m.name)).toEqual(['p99-latency', 'p50-latency']);
    expect(weightsOf(live)).toEqual({ latency: 60 });
    expect(rowButton('p50-latency')).toHaveFocus();
    const notice = screen.getByTestId(testIds.config.undoRemove);
    expect(notice).toHaveAttribute('role', 'status');
    expect(notice).toHaveTextContent('Metric error-rate removed — Undo');
    fireEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(metricsOf(live).map((m) => m.name)).toEqual(['p99-latency', 'error-rate', 'p50-latency']);
    expect(weightsOf(live)).toEqual({ latency: 60, errors: 40 });
    expect(rowButton('error-rate')).toHaveFocus();
    expect(screen.getByTestId(testIds.config.metric(1))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.config.undoRemove)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('after removing the last metric focuses Add metric; a single metric cannot be removed', () => {
    renderPanel(stage());
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 3' }));
    expect(screen.getByTestId(testIds.config.addMetric)).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 2' }));
    expect(screen.getByTestId(testIds.config.undoRemove)).toHaveTextContent('Metric error-rate removed');
    expect(screen.queryByRole('button', { name: /^Remove metric/ })).toBeNull();
  });
});
