/**
 * Test double for the `@spinnaker/core` pieces the plugin uses (aliased in `vitest.config.ts`). It mimics Deck's
 * behaviour where it matters to the plugin: a details section renders its children only when it is the current tab.
 */
import * as React from 'react';
import type { IExecutionDetailsSectionProps } from '@spinnaker/core';

/** Renders children only when `name === current`, like Deck's `ExecutionDetailsSection`. */
export function ExecutionDetailsSection(props: { name: string; current: string; children?: React.ReactNode }) {
  return props.name === props.current ? <div data-testid={`section-${props.name}`}>{props.children}</div> : null;
}

/** Stand-in for core's task list section. */
export function ExecutionDetailsTasks(props: IExecutionDetailsSectionProps) {
  return (
    <ExecutionDetailsSection name={props.name} current={props.current}>
      <p>tasks</p>
    </ExecutionDetailsSection>
  );
}
ExecutionDetailsTasks.title = 'taskStatus';

/** Mutable settings object; tests set `SETTINGS.canaryJudge`. */
export const SETTINGS: Record<string, unknown> = {};

/** Stand-in for Deck's `HelpField`: the "?" icon with its text as the accessible description, like the popover. */
export function HelpField(props: { id?: string; content?: string }) {
  return (
    <a className="help-field" role="button" tabIndex={0} aria-label="Help" title={props.content ?? props.id}>
      <span className="glyphicon glyphicon-question-sign" />
    </a>
  );
}
