// Import of a Kayenta canary config that saves it as a shared config in the same step (issue 11): the name field and
// the checkbox live in the import box, the stage then references the saved version, and a refusal by the judge is
// shown in the box with nothing imported. The judge API is mocked (axios).
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import type { IStageConfigProps } from '@spinnaker/core';
import { CanaryJudgeStageConfig } from './CanaryJudgeStageConfig';
import { suggestedSharedName } from './ImportKayentaConfig';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { kayentaCpuMem, validForm } from '../testing/fixtures';

vi.mock('axios', () => {
  const fn = () => vi.fn();
  return {
    default: {
      get: fn(),
      post: fn(),
      put: fn(),
      isAxiosError: (e: unknown) => (e as { isAxiosError?: boolean } | null)?.isAxiosError === true,
    },
  };
});
const get = vi.mocked(axios.get);
const post = vi.mocked(axios.post);

const KAYENTA = {
  name: 'checkout-kayenta',
  applications: ['checkout'],
  ...kayentaCpuMem(),
};

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  get.mockImplementation(async (url: string) =>
    url.includes('?application=')
      ? { data: { configs: [] } }
      : { data: { name: 'checkout-kayenta', version: 1, application: 'checkout', config: KAYENTA } },
  );
});

function renderPanel() {
  const live: Record<string, unknown> = {
    type: 'canaryJudge',
    name: 'x',
    ...formToStage({ ...validForm(), metricSource: 'prometheus' }, {}),
  };
  const updateStage = vi.fn((changes: Record<string, unknown>) => Object.assign(live, changes));
  const props = {
    application: { name: 'checkout' },
    pipeline: { stages: [] },
    stage: live,
    stageFieldUpdated: vi.fn(),
    updateStage,
    updateStageField: vi.fn(),
  } as unknown as IStageConfigProps;
  render(<CanaryJudgeStageConfig {...props} />);
  const box = screen.getByTestId(testIds.config.importBox);
  fireEvent.change(within(box).getByLabelText('Kayenta canary config JSON'), {
    target: { value: JSON.stringify(KAYENTA) },
  });
  fireEvent.click(within(box).getByRole('checkbox', { name: /save it as a shared canary config of checkout/ }));
  return { live, box };
}

describe('suggestedSharedName', () => {
  it("offers the pasted config's own name when the judge would accept it", () => {
    expect(suggestedSharedName(JSON.stringify(KAYENTA))).toBe('checkout-kayenta');
    expect(suggestedSharedName('{"name": "has spaces"}')).toBe('');
    expect(suggestedSharedName('{"name": 3}')).toBe('');
    expect(suggestedSharedName('not json')).toBe('');
  });
});

describe('import box: save as shared', () => {
  it('imports and saves the config as shared in one step; the stage then references that version', async () => {
    post.mockResolvedValue({
      data: { name: 'checkout-kayenta', version: 1, application: 'checkout', config: KAYENTA },
    });
    const { live, box } = renderPanel();
    expect(within(box).getByLabelText('Name of the new shared config')).toHaveAttribute(
      'placeholder',
      'checkout-kayenta',
    );
    fireEvent.click(within(box).getByRole('button', { name: 'Import and save as shared' }));
    await waitFor(() =>
      expect(within(box).getByRole('status')).toHaveTextContent(
        'Imported 2 metrics and saved them as shared config checkout-kayenta version 1; the stage now uses it.',
      ),
    );
    expect(post).toHaveBeenCalledTimes(1);
    const [url, body] = post.mock.calls[0] as [string, { application: string; name: string; config: typeof KAYENTA }];
    expect(url).toMatch(/\/v1\/canary-configs$/);
    expect(body.application).toBe('checkout');
    expect(body.name).toBe('checkout-kayenta');
    expect(body.config.metrics[0]!.query).toEqual({ type: 'prometheus', promql: 'sum(rate(cpu[1m]))' });
    const payload = live['payload'] as Record<string, unknown>;
    expect(payload['canaryConfigRef']).toEqual({ name: 'checkout-kayenta', version: 1 });
    expect(payload).not.toHaveProperty('canaryConfig');
    expect(screen.getByTestId(testIds.config.sharedConfig)).toHaveTextContent(
      'Shared canary config checkout-kayenta (1)',
    );
  });

  it('shows the judge’s refusal in the box and imports nothing', async () => {
    post.mockRejectedValue({
      isAxiosError: true,
      message: 'Request failed with status code 409',
      response: { status: 409, data: { error: { message: 'name: shared canary config "taken" already exists' } } },
    });
    const { live, box } = renderPanel();
    const before = JSON.stringify(live['payload']);
    fireEvent.change(within(box).getByLabelText('Name of the new shared config'), { target: { value: 'taken' } });
    fireEvent.click(within(box).getByRole('button', { name: 'Import and save as shared' }));
    await waitFor(() =>
      expect(within(box).getByRole('status')).toHaveTextContent(
        'The judge did not save shared config taken: HTTP 409: name: shared canary config "taken" already exists. Nothing was imported.',
      ),
    );
    expect(within(box).getByRole('status')).toHaveClass('cj-error');
    expect(JSON.stringify(live['payload'])).toBe(before);
    expect(within(box).getByRole('button', { name: 'Import and save as shared' })).toBeEnabled();
  });

  it('refuses a name the judge would refuse before calling it', () => {
    const { box } = renderPanel();
    fireEvent.change(within(box).getByLabelText('Name of the new shared config'), {
      target: { value: 'no spaces please' },
    });
    fireEvent.click(within(box).getByRole('button', { name: 'Import and save as shared' }));
    expect(within(box).getByRole('status')).toHaveTextContent(/^Shared config name: 1–100 letters/);
    expect(post).not.toHaveBeenCalled();
  });
});
