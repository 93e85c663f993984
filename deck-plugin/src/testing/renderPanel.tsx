/**
 * Renders the stage config panel as Deck would (`IStageConfigProps`), with an `updateStage` that applies each change
 * to a live stage object (as Deck's stage editor does), for the panel's component tests.
 */
import * as React from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import type { IStageConfigProps } from '@spinnaker/core';
import { CanaryJudgeStageConfig } from '../config/CanaryJudgeStageConfig';

/** Deck's props around a stage: application `checkout`, an empty pipeline, spies for the callbacks. */
export function panelProps(stage: Record<string, unknown>, updateStage: Mock = vi.fn()): IStageConfigProps {
  return {
    application: { name: 'checkout' },
    pipeline: { stages: [] },
    stage,
    stageFieldUpdated: vi.fn(),
    updateStage,
    updateStageField: vi.fn(),
  } as unknown as IStageConfigProps;
}

/**
 * Renders the panel on a copy of `stage`.
 * @param stage the stage JSON Deck hands the panel
 * @returns the live stage (every `updateStage` merged in), the `updateStage` spy and the render result
 */
export function renderPanel(stage: Record<string, unknown>): {
  live: Record<string, unknown>;
  updateStage: Mock;
  view: RenderResult;
} {
  const live: Record<string, unknown> = { ...stage };
  const updateStage = vi.fn((changes: Record<string, unknown>) => Object.assign(live, changes));
  const view = render(<CanaryJudgeStageConfig {...panelProps(live, updateStage)} />);
  return { live, updateStage, view };
}
