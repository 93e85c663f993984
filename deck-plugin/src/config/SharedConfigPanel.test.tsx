// Shared canary configs in the editor: pick a config and version (read-only preview), save the inline config as
// shared, and edit a shared config into its next version. The judge API is mocked (axios).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import { renderPanel as renderStageConfig } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';

vi.mock('axios', () => {
  const fn = () => vi.fn();
  return { default: { get: fn(), post: fn(), put: fn(), isAxiosError: () => false } };
});
const get = vi.mocked(axios.get);
const post = vi.mocked(axios.post);
const put = vi.mocked(axios.put);

const sharedConfig = {
  name: 'checkout',
  metrics: [
    { name: 'latency', query: { series: 'latency' }, groups: ['latency'], analysisConfigurations: {} },
    { name: 'errors', query: { series: 'errors' }, groups: ['errors'], scopeName: 'default' },
  ],
  classifier: { groupWeights: { latency: 70, errors: 30 } },
};

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  put.mockReset();
  get.mockImplementation(async (url: string) => {
    if (url.includes('?application=')) {
      return {
        data: {
          configs: [{ name: 'checkout', application: 'checkout', latestVersion: 2, versions: [1, 2], references: 4 }],
        },
      };
    }
    const version = url.endsWith('/latest') ? 2 : Number(url.split('/').pop());
    return { data: { name: 'checkout', version, application: 'checkout', config: sharedConfig } };
  });
});

const renderPanel = (stage: Record<string, unknown>) => renderStageConfig(stage).live;

type Payload = { canaryConfig?: { metrics: unknown[] }; canaryConfigRef?: unknown };

describe('shared canary configs in the editor', () => {
  it('uses a shared config: picker with versions, read-only preview, stage JSON carries canaryConfigRef only', async () => {
    const stage = formToStage(validForm(), {});
    (stage['payload'] as Record<string, unknown>)['canaryConfigRef'] = { name: 'checkout', version: 'latest' };
    const live = renderPanel({ type: 'canaryJudge', name: 'x', ...stage });
    const preview = await screen.findByTestId(testIds.config.sharedPreview);
    expect(preview).toHaveTextContent('Preview of checkout version 2 (read-only)');
    expect(
      within(preview)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['MetricGroupFail onScope', 'latencylatencyeitherdefault', 'errorserrorseitherdefault']);
    expect(screen.queryByTestId(testIds.config.metric(0))).toBeNull();
    const version = screen.getByLabelText('Version') as HTMLSelectElement;
    await waitFor(() => expect([...version.options].map((o) => o.value)).toEqual(['latest', '1', '2']));
    fireEvent.change(version, { target: { value: '1' } });
    const payload = live['payload'] as Payload;
    expect(payload.canaryConfigRef).toEqual({ name: 'checkout', version: 1 });
    expect(payload.canaryConfig).toBeUndefined();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await screen.findByText('Preview of checkout version 1 (read-only)')).toBeInTheDocument();
  });

  it('saves the inline config as shared and then references it', async () => {
    post.mockResolvedValue({
      data: { name: 'checkout-new', version: 1, application: 'checkout', config: sharedConfig },
    });
    const live = renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    const details = screen.getByTestId(testIds.config.sharedConfig) as HTMLDetailsElement;
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    fireEvent.change(screen.getByLabelText('Shared config name'), { target: { value: 'checkout-new' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save this config as shared' }));
    });
    expect(post).toHaveBeenCalledWith(
      'http://127.0.0.1:8080/v1/canary-configs',
      expect.objectContaining({ application: 'checkout', name: 'checkout-new' }),
      expect.anything(),
    );
    const sent = post.mock.calls[0]![1] as { config: { metrics: Array<{ name: string }> } };
    expect(sent.config.metrics.map((m) => m.name)).toEqual(['p99-latency', 'error-rate', 'p50-latency']);
    expect((live['payload'] as Payload).canaryConfigRef).toEqual({ name: 'checkout-new', version: 1 });
    expect(screen.getByText(/Saved as shared config checkout-new version 1/)).toBeInTheDocument();
  });

  it('editing a shared config saves its next version', async () => {
    put.mockResolvedValue({ data: { name: 'checkout', version: 3, application: 'checkout', config: sharedConfig } });
    const stage = formToStage(validForm(), {});
    (stage['payload'] as Record<string, unknown>)['canaryConfigRef'] = { name: 'checkout', version: 2 };
    const live = renderPanel({ type: 'canaryJudge', name: 'x', ...stage });
    await screen.findByTestId(testIds.config.sharedPreview);
    fireEvent.click(screen.getByRole('button', { name: 'Edit (saves a new version)' }));
    const metric0 = screen.getByTestId(testIds.config.metric(0));
    expect(within(metric0).getByLabelText('Name')).toHaveValue('latency');
    fireEvent.change(within(metric0).getByLabelText('Name'), { target: { value: 'latency-p99' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save as a new version of checkout' }));
    });
    const sent = put.mock.calls[0]![1] as { config: { metrics: Array<{ name: string }> } };
    expect(put.mock.calls[0]![0]).toBe('http://127.0.0.1:8080/v1/canary-configs/checkout');
    expect(sent.config.metrics.map((m) => m.name)).toEqual(['latency-p99', 'errors']);
    expect((live['payload'] as Payload).canaryConfigRef).toEqual({ name: 'checkout', version: 3 });
  }, 30_000);
});
