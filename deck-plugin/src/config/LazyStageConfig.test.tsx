import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { IStageConfigProps } from '@spinnaker/core';
import { LazyStageConfig } from './LazyStageConfig';
import { testIds } from '../testIds';

describe('LazyStageConfig', () => {
  it('shows a loading line, then the editor from its own chunk', async () => {
    const props = {
      application: { name: 'checkout' },
      pipeline: { stages: [] },
      stage: { type: 'canaryJudge', name: 'Canary Judge' },
      stageFieldUpdated: vi.fn(),
      updateStage: vi.fn(),
      updateStageField: vi.fn(),
    } as unknown as IStageConfigProps;
    render(<LazyStageConfig {...props} />);
    expect(screen.getByText('Loading the Canary Judge stage editor…')).toBeInTheDocument();
    // A generous wait: the chunk import is slow on a loaded 2-core machine (nothing here measures speed).
    expect(await screen.findByTestId(testIds.config.root, {}, { timeout: 30_000 })).toBeInTheDocument();
  });
});
