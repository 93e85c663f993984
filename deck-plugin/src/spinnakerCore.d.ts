/**
 * Hand-written types for the few `@spinnaker/core` pieces this plugin uses. Deck provides the module at runtime as the
 * global `spinnaker.plugins.sharedLibraries._spinnaker_core`; it is never installed or bundled
 * (`docs/design/deck-plugin.md` §2.3). Tests alias it to `src/testing/spinnakerCoreDouble.tsx`. Shapes follow
 * `spinnaker/deck:packages/core/src/domain/*`.
 */
declare module '@spinnaker/core' {
  import type * as React from 'react';

  /** A stage as saved in a pipeline (any extra keys are stage-type specific). */
  export interface IStage {
    refId?: string | number;
    requisiteStageRefIds?: Array<string | number>;
    type: string;
    name: string;
    [key: string]: unknown;
  }

  /** The pipeline being edited. */
  export interface IPipeline {
    id?: string;
    name?: string;
    application?: string;
    stages: IStage[];
    [key: string]: unknown;
  }

  /** The application (only its name is used). */
  export interface Application {
    name: string;
  }

  /** A stage inside a pipeline execution, as Gate returns it. */
  export interface IExecutionStage {
    id: string;
    name: string;
    type: string;
    status: string;
    startTime?: number;
    endTime?: number;
    context: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    failureMessage?: string;
    isFailed?: boolean;
    isRunning?: boolean;
    [key: string]: unknown;
  }

  /** A pipeline execution. */
  export interface IExecution {
    id: string;
    name?: string;
    application?: string;
    status?: string;
    [key: string]: unknown;
  }

  /** Props Deck passes to a stage config panel (`IStageConfigProps`). */
  export interface IStageConfigProps {
    application: Application;
    stage: IStage;
    pipeline: IPipeline;
    configuration?: unknown;
    stageFieldUpdated: () => void;
    updateStage: (changes: Record<string, unknown>) => void;
    updateStageField: (changes: Record<string, unknown>) => void;
  }

  /** Props Deck passes to every execution details section. */
  export interface IExecutionDetailsSectionProps {
    name: string;
    current: string;
    application: Application;
    execution: IExecution;
    stage: IExecutionStage;
    config?: unknown;
    provider?: string;
    detailsSections?: unknown[];
  }

  /** An execution details section: a component with a static `title` (the tab id). */
  export type IExecutionDetailsSection = React.ComponentType<IExecutionDetailsSectionProps> & { title: string };

  /** Props of the execution label component on the pipeline graph. */
  export interface IExecutionStageLabelComponentProps {
    application?: Application;
    execution?: IExecution;
    stage: {
      name: string;
      type?: string;
      masterStage?: IExecutionStage;
      stages?: IExecutionStage[];
      [key: string]: unknown;
    };
    executionMarker?: boolean;
  }

  /** A typed pipeline validator; `custom` returns the message or null. `preventSave` blocks saving. */
  export interface ICustomValidator {
    type: 'custom';
    preventSave?: boolean;
    message?: string;
    validate: (pipeline: IPipeline, stage: IStage) => string | null;
  }

  /** A stage type registration (`IStageTypeConfig`), only the fields this plugin sets. */
  export interface IStageTypeConfig {
    key: string;
    label: string;
    description: string;
    component: React.ComponentType<IStageConfigProps>;
    defaults?: Record<string, unknown>;
    validators?: ICustomValidator[];
    executionDetailsSections: IExecutionDetailsSection[];
    executionLabelComponent?: React.ComponentType<IExecutionStageLabelComponentProps>;
    supportsCustomTimeout?: boolean;
    restartable?: boolean;
  }

  /** What a Deck plugin module exports as `plugin`. */
  export interface IDeckPlugin {
    stages?: IStageTypeConfig[];
    help?: Record<string, string>;
    initialize?: (plugin: IDeckPlugin) => void;
  }

  /** Wraps a section's content; renders children only when this tab is current. */
  export const ExecutionDetailsSection: React.ComponentType<{
    name: string;
    current: string;
    children?: React.ReactNode;
  }>;

  /** Core's standard task list section (title `taskStatus`). */
  export const ExecutionDetailsTasks: IExecutionDetailsSection;

  /**
   * Deck's help popover: a "?" icon beside a label that shows `content` (or the registered help for `id`) on hover
   * (`packages/core/src/help/HelpField.tsx`).
   */
  export const HelpField: React.ComponentType<{
    id?: string;
    content?: string;
    placement?: 'top' | 'right' | 'bottom' | 'left';
    expand?: boolean;
    label?: string;
  }>;

  /** Deck's settings (`window.spinnakerSettings`); plugins read their own key. */
  export const SETTINGS: Record<string, unknown>;
}
